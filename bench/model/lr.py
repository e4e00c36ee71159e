"""Pure-Python, deterministic L2 logistic regression over binary sparse features.

Objective (same as scikit-learn's LogisticRegression(solver="lbfgs", class_weight="balanced")):
    sum_i s_i * logloss(y_i, b + w.x_i) + ||w||^2 / (2C)      (intercept b not penalised)
or, with penalise_bias=True, + b^2/(2C) as well (as liblinear does).
Solved with L-BFGS (memory 10, backtracking Armijo line search); no randomness, rows and
features in a fixed order, so the same data gives the same weights bit for bit.
"""
from __future__ import annotations

import math


def _loss_grad(theta, X, y, sw, C, pb=False, sc=None):
    nf = len(theta) - 1
    b = theta[nf]
    g = [theta[f] / C for f in range(nf)] + [b / C if pb else 0.0]
    loss = sum(t * t for t in theta[:nf]) / (2 * C) + (b * b / (2 * C) if pb else 0.0)
    for k, (r, t, s) in enumerate(zip(X, y, sw)):
        a = sc[k] if sc else 1.0
        z = 0.0
        for f in r:
            z += theta[f]
        z = b + a * z
        # logloss = log(1+e^z) - t*z, stable
        loss += s * ((z if z > 0 else 0.0) + math.log1p(math.exp(-abs(z))) - t * z)
        p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        d = s * (p - t)
        g[nf] += d
        d *= a
        for f in r:
            g[f] += d
    return loss, g


def _dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def train(X: list[list[int]], y: list[int], n_features: int, C: float = 0.3, balanced: bool = True,
          max_iter: int = 300, tol: float = 1e-5, penalise_bias: bool = False,
          scale: list[float] | None = None) -> tuple[list[float], float]:
    """Return (weights, bias). penalise_bias=True mimics liblinear (intercept_scaling=1): the bias
    is an ordinary always-on feature under the same L2 penalty. scale: optional per-row factor
    (x_i = scale_i * indicator vector), e.g. 1/sqrt(len(row)) for length-normalised rows."""
    n, npos = len(X), sum(y)
    if balanced and 0 < npos < n:
        sw = [n / (2 * npos) if t else n / (2 * (n - npos)) for t in y]
    else:
        sw = [1.0] * n
    theta = [0.0] * (n_features + 1)
    f, g = _loss_grad(theta, X, y, sw, C, penalise_bias, scale)
    S, Y = [], []
    for _ in range(max_iter):
        # two-loop recursion
        q = list(g)
        alphas = []
        for s_, y_ in reversed(list(zip(S, Y))):
            rho = 1.0 / _dot(y_, s_)
            a = rho * _dot(s_, q)
            alphas.append((a, rho, s_, y_))
            q = [qi - a * yi for qi, yi in zip(q, y_)]
        if S:
            gamma = _dot(S[-1], Y[-1]) / _dot(Y[-1], Y[-1])
            q = [gamma * qi for qi in q]
        else:
            gn = math.sqrt(_dot(g, g)) or 1.0
            q = [qi / gn for qi in q]
        for a, rho, s_, y_ in reversed(alphas):
            bcoef = rho * _dot(y_, q)
            q = [qi + (a - bcoef) * si for qi, si in zip(q, s_)]
        d = [-qi for qi in q]
        gd = _dot(g, d)
        if gd >= 0:  # not a descent direction: restart with steepest descent
            S, Y = [], []
            d = [-gi for gi in g]
            gd = _dot(g, d)
        step = 1.0
        while True:
            nt = [t + step * di for t, di in zip(theta, d)]
            nf_, ng = _loss_grad(nt, X, y, sw, C, penalise_bias, scale)
            if nf_ <= f + 1e-4 * step * gd or step < 1e-10:
                break
            step *= 0.5
        s_ = [a - b for a, b in zip(nt, theta)]
        y_ = [a - b for a, b in zip(ng, g)]
        if _dot(s_, y_) > 1e-12:
            S.append(s_); Y.append(y_)
            if len(S) > 10:
                S.pop(0); Y.pop(0)
        done = abs(f - nf_) <= tol * max(1.0, abs(f))
        theta, f, g = nt, nf_, ng
        if done:
            break
    return theta[:n_features], theta[n_features]


def score(x, w, b: float, a: float = 1.0) -> float:
    return b + a * sum(w[f] for f in x)

#!/usr/bin/env python3
"""Train the summariser's learned second opinion (src/reflect/data/learned.json) from the team's
own labelled journals in bench/corpora and bench/heldout — never from ../shared/eval.

    .venv/bin/python bench/model/train.py            # writes src/reflect/data/learned.json
    .venv/bin/python bench/model/train.py --check    # rebuilds in memory, exits 1 if it differs

Two logistic regressions over an entry's words and word pairs (reflect.analysis.learned has the
tokeniser, so training and use cannot drift apart): `encounter` (the entry describes a difficult
encounter) and `repair` (it repairs or resolves one, its own or an earlier one). A word pair is
a feature only if it occurs in three or more different journals, so no name, place or one
writer's phrase can become one; names and numbers are masked first. L2 (C=0.3), class-balanced.
Each threshold is the lowest score at which precision, measured leaving out one labelled set at a
time, stays at 0.90 (encounters) or 0.80 (repairs) or more. Deterministic: pure Python, fixed order, no randomness.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import lr  # noqa: E402

from reflect.analysis.learned import FORMAT, entry_features  # noqa: E402

C, MIN_JOURNALS, PRUNE = 0.3, 3, 0.02
# out-of-fold precision each threshold keeps: an encounter flag is seen more (0.9); a repair only links (0.8)
MIN_PRECISION = {"encounter": 0.90, "repair": 0.80}
OUT = ROOT / "src" / "reflect" / "data" / "learned.json"
HEAD = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d)\] ?(.*)$")


# Sets kept out of training, so the model is still measured on writing it has never seen: testK,
# the last blind set (retrained with it, the model started reading "rang the pharmacy back about
# the dose" as a repair, which the decoy tests in tests/test_broad_cues.py catch).
NOT_TRAINED = frozenset({"testK"})


def corpora() -> dict[str, Path]:
    sets = {p.name: p for p in sorted((ROOT / "bench" / "corpora").iterdir())
            if p.is_dir() and p.name not in NOT_TRAINED}
    sets["bench-heldout"] = ROOT / "bench" / "heldout"
    return sets


def parse_jrnl(text: str) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines():
        m = HEAD.match(line)
        if m:
            cur = m.group(1)
            out[cur] = [m.group(2)]
        elif cur is not None:
            out[cur].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def rows() -> list[dict]:
    found = []
    for set_name, folder in corpora().items():
        for labels_path in sorted(folder.glob("*.json")):
            txt = labels_path.with_suffix(".txt")
            if not txt.exists():
                continue
            labels = json.loads(labels_path.read_text(encoding="utf-8"))
            texts = parse_jrnl(txt.read_text(encoding="utf-8"))
            repairers = {r["resolved_by"].strip() for r in labels.get("resolved", [])}
            for e in labels["entries"]:
                when = e["datetime"].strip()
                found.append({"journal": f"{set_name}/{labels_path.stem}", "set": set_name, "date": when,
                              "text": texts.get(when, ""), "encounter": bool(e.get("difficult_encounter")),
                              "repair": when in repairers or bool(e.get("repairs"))})
    found.sort(key=lambda r: (r["journal"], r["date"]))
    return found


def fit(data, feats, idx, key):
    seen = defaultdict(set)
    for i in idx:
        for f in feats[i]:
            seen[f].add(data[i]["journal"])
    vocab = {f: k for k, f in enumerate(sorted(f for f, js in seen.items() if len(js) >= MIN_JOURNALS))}
    X = [sorted(vocab[f] for f in feats[i] if f in vocab) for i in idx]
    w, b = lr.train(X, [int(data[i][key]) for i in idx], len(vocab), C=C, penalise_bias=True)
    return vocab, [x if abs(x) >= PRUNE else 0.0 for x in w], b


def threshold(scores, gold, min_precision):
    best_t, best_r = max(scores) + 1e-6, -1.0
    for t in sorted(set(scores), reverse=True):
        tp = sum(1 for s, g in zip(scores, gold) if s >= t and g)
        fp = sum(1 for s, g in zip(scores, gold) if s >= t and not g)
        precision, recall = tp / (tp + fp), tp / max(1, sum(gold))
        if precision >= min_precision and tp >= 3 and recall > best_r:
            best_t, best_r = t, recall
    return best_t


def build() -> str:
    data = rows()
    feats = [sorted(entry_features(r["text"])) for r in data]
    sets = sorted({r["set"] for r in data})
    model = {"format": FORMAT, "trained_on": {"sets": sets, "journals": len({r["journal"] for r in data}),
                                              "entries": len(data)},
             "min_journals": MIN_JOURNALS, "C": C, "models": {}}
    for key in ("encounter", "repair"):
        out_of_fold = [0.0] * len(data)
        for s in sets:
            vocab, w, b = fit(data, feats, [i for i, r in enumerate(data) if r["set"] != s], key)
            for i, r in enumerate(data):
                if r["set"] == s:
                    out_of_fold[i] = lr.score([vocab[f] for f in feats[i] if f in vocab], w, b)
        gold = [bool(r[key]) for r in data]
        cut = threshold(out_of_fold, gold, MIN_PRECISION[key])
        vocab, w, b = fit(data, feats, list(range(len(data))), key)
        weights = {f: round(w[k], 4) for f, k in vocab.items() if w[k] != 0.0}
        model["models"][key] = {"bias": round(b, 4), "threshold": round(cut, 4), "weights": weights}
        print(f"{key}: {len(weights)} weights, threshold {cut:.3f}, {sum(gold)} positives in {len(data)} entries",
              file=sys.stderr)
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the stored model differs from a rebuild")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("learned.json is up to date" if same else "learned.json differs from a rebuild", file=sys.stderr)
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

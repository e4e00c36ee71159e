"""A second opinion for encounters and repairs the rules miss: two small logistic regressions.

The rules (lexicon.toml, broad.toml) are precise but miss exchanges narrated in words no list
holds ("she told me I'd no right", "he walked out mid-sentence and I let him go"). Measured on
journals the rules had never seen, a linear model over the entry's words found most of what they
missed. So an entry counts as a difficult encounter (or a repair) when the rules say so, or
when this model's score passes a threshold chosen, out of sample, for precision of at least 0.8.

The model is data (data/learned.json, ~100 KB): a weight per word or word pair, learned by
bench/model/train.py from the team's own labelled journals (bench/corpora), never from the
evaluation corpus. Names and numbers are masked before anything is learned, and a word pair
becomes a feature only if it occurs in three or more different journals. Nothing is downloaded,
nothing leaves the machine. Each flag carries its evidence: the sentence that weighed most and
the word pairs that pushed the score up, so the person can see why and disagree.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

FORMAT = "reflect-lr-1"
_TRANS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ",
                        "\u2013": " - ", "\u2026": "..."})
_SENT = re.compile(r"(?<=[.!?])[\"')]*\s+|\n+")
_TOK = re.compile(r"[A-Za-z][A-Za-z']*|\d+(?:[.:,]\d+)*|\"")
_KEEP_CAPS = frozenset({"I", "I'm", "I'd", "I've", "I'll"})
# Words shown as evidence only inside a phrase (they still count in the score).
_STOP = frozenset("""i me my we us our you your he him his she her they them their it its a an the and or but
so to of in on at for with from by as is was were be been am are do did had has have not no that this
then there what which who when where how up out off over just very too all any some one""".split())


def sentences(text: str) -> list[str]:
    text = text.translate(_TRANS)
    return [s.strip() for s in _SENT.split(text) if s and s.strip()]


def tokens(sentence: str) -> list[str]:
    """Words, lower-cased; a capitalised word after the first becomes <name>, a number <num>."""
    out = []
    for i, t in enumerate(_TOK.findall(sentence.translate(_TRANS))):
        if t[0].isdigit():
            out.append("<num>")
        elif t == '"':
            out.append('"')
        elif t[0].isupper() and t not in _KEEP_CAPS and i > 0:
            out.append("<name>")
        else:
            t = t.lower()
            out.append(t[:-2] if t.endswith("'s") else t)
    return out


def sentence_features(sentence: str) -> set[str]:
    toks = tokens(sentence)
    seq = ["<s>", *toks, "</s>"]
    return set(toks) | {f"{a} {b}" for a, b in zip(seq, seq[1:])}


def entry_features(text: str) -> set[str]:
    found: set[str] = set()
    for s in sentences(text):
        found |= sentence_features(s)
    return found


def readable(feature: str) -> str:
    """A feature as evidence words ("(name) told me"), or "" for one made only of small words."""
    words = [w for w in feature.split() if w not in ("<s>", "</s>")]
    if '"' in words or all(w in _STOP or w.startswith("<") for w in words):
        return ""
    return " ".join("(name)" if w == "<name>" else "(number)" if w == "<num>" else w for w in words)


class Verdict:
    """One model's opinion of one entry."""

    __slots__ = ("flag", "score", "words", "sentence")

    def __init__(self, flag: bool, score: float, words: list[str], sentence: int | None) -> None:
        self.flag, self.score, self.words, self.sentence = flag, score, words, sentence


@lru_cache(maxsize=1)
def _models() -> dict:
    import json

    from ..paths import data_file

    with open(data_file("learned.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("format") != FORMAT:
        raise ValueError(f"data/learned.json is not in format {FORMAT}")
    return data["models"]


def judge(text: str, candidates: list[str], top: int = 4) -> dict[str, Verdict]:
    """{"encounter": Verdict, "repair": Verdict} for an entry's text (title and body).

    `candidates` are the entry's sentences as the rules split them; the verdict names the one
    whose own features weigh most (the evidence to show), by its index there.
    """
    present = entry_features(text)
    per_sentence = [sentence_features(s) for s in candidates]
    out = {}
    for name, m in _models().items():
        w = m["weights"]
        z = m["bias"] + sum(w.get(f, 0.0) for f in present)
        words: list[str] = []
        for _, f in sorted(((w[f], f) for f in present if w.get(f, 0.0) > 0), reverse=True):
            shown = readable(f)
            if shown and not any(shown in w.split(" ") or shown == w for w in words):
                words.append(shown)
                if len(words) == top:
                    break
        best = None
        if per_sentence:
            best = max(range(len(per_sentence)), key=lambda k: (sum(w.get(f, 0.0) for f in per_sentence[k]), -k))
        out[name] = Verdict(z >= m["threshold"], 1 / (1 + math.exp(-z)), words, best)
    return out

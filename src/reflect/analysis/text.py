"""Text handling: normalising, masking quoted speech, splitting into sentences, clause look-back."""
from __future__ import annotations

import re
from dataclasses import dataclass

_TRANS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": ",",
                        "\u2013": ",", "\u00a0": " "})
_SENT_END = re.compile(r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bvs\.)(?<!\bMx\.)"
                       r"(?<=[.!?])[\"')\]]*\s+|\n+")
_QUOTE_END = re.compile(r"[.!?][\"]\s+(?=[A-Z])")
_SINGLE_OPEN = re.compile(r"(?<![\w])'(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])'(?![\w])")
_CLAUSE = re.compile(r"[,;:()]|\bbut\b|\bthough\b|\bexcept\b")
_WORD = re.compile(r"[\w']+")


@dataclass(slots=True)
class Sentence:
    text: str      # original words, quotes included (for evidence)
    masked: str    # original case, quoted speech blanked out (for names)
    low: str       # lower case, quoted speech blanked out (for matching)
    index: int
    paragraph: int
    said: str = ""  # as `low`, but keeping what the writer says they said aloud (for repairs)


# The writer's own thoughts in quotation marks stay theirs: caught myself thinking "just another bed".
_OWN_THOUGHT = re.compile(r"(\b(i|i'd|i've|i'm|myself)\b[^.!?\"]{0,25}\b(thinking|thought|think|wondered|wondering)"
                          r"|\b(told|tell|said to|asked) myself|(^|[.!?]\s+)(kept|keep|caught myself) thinking)[,:]?\s*$",
                          re.IGNORECASE)


# The writer quoting their own words aloud: I said, "I'm sorry, that wasn't fair." Theirs for
# repairs (an apology is spoken), though not for signals ("I said, 'you must be exhausted'").
_OWN_SPEECH = re.compile(r"\b(i|i'd|and i|then i|so i)\s+(\w+ly\s+)?(said|say|told (him|her|them)|replied|answered|"
                         r"went back and said)(\s+(to (him|her|them)|quietly|softly|gently|simply|straight out))?"
                         r"[,:]?\s*$", re.IGNORECASE)


def _mask_quotes(s: str, own_speech: bool = False) -> str:
    """Blank out quoted words ("..." and '...' speech), keeping length so offsets line up.
    own_speech keeps the writer's own quoted words as well as their quoted thoughts."""
    out = list(s)
    i = 0
    n = len(s)
    while i < n:
        j = s.find('"', i)
        if j < 0:
            break
        k = s.find('"', j + 1)
        if k < 0:
            break
        before = s[max(0, j - 40):j]
        if not (_OWN_THOUGHT.search(before) or own_speech and _OWN_SPEECH.search(before)):
            for x in range(j + 1, k):
                if out[x] != "\n":
                    out[x] = " "
        i = k + 1
    s2 = "".join(out)
    # single-quoted speech: an opening quote before a word, closed within 300 characters
    out = list(s2)
    pos = 0
    while True:
        m = _SINGLE_OPEN.search(s2, pos)
        if not m:
            break
        c = _SINGLE_CLOSE.search(s2, m.end(), min(len(s2), m.end() + 300))
        if not c:
            pos = m.end()
            continue
        inner = s2[m.end():c.start()]
        if "\n" not in inner and len(inner.split()) >= 2:
            for x in range(m.end(), c.start()):
                out[x] = " "
        pos = c.end()
    return "".join(out)


def clean_lines(text: str) -> str:
    """Drop Markdown headings (template questions) and block quotes (someone else's words)."""
    kept = []
    for line in text.splitlines():
        st = line.lstrip()
        if st.startswith("#") and not st[1:2].isalpha() or st.startswith(">"):
            continue
        if st.startswith("#"):  # "#tag" at line start is a tag, keep the line
            pass
        kept.append(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line))
    return "\n".join(kept)


def sentences(text: str) -> list[Sentence]:
    text = clean_lines(text.translate(_TRANS))
    result: list[Sentence] = []
    for p, para in enumerate(re.split(r"\n\s*\n", text)):
        masked = _mask_quotes(para)
        low = masked.lower()
        said = _mask_quotes(para, own_speech=True).lower() if '"' in para else low
        start = 0
        # sentence ends: in the masked text, plus quoted speech that ends a sentence ('..."might
        # want to talk." I said, sharply') whose full stop the masking blanked out
        cuts = sorted({(m.start(), m.end()) for m in _SENT_END.finditer(masked)}
                      | {(m.start() + 2, m.end()) for m in _QUOTE_END.finditer(para)})
        for a, b in cuts:
            if a < start:
                continue
            _add(result, para, masked, low, said, start, a, p)
            start = b
        _add(result, para, masked, low, said, start, len(para), p)
    return result


# Diaries drop the subject: "Got short with the new girl." "Rang her back." A sentence that opens
# with a past-tense verb (optionally after "then", "just"...) is the writer's own doing, so the
# matching text gets the "i " it leaves out and first-person rules apply to it as they would to
# "I got short with...". Only the matching copy changes; the words quoted as evidence do not.
_DROPPED = re.compile(
    r"^(?:(?:then|and then|so|just|finally|eventually|also|still|later|after that|afterwards)[ ,]+)?"
    r"(?!(?:turned|seemed|looked|sounded|needed|used|supposed|based|related|concerned|interested|"
    r"scheduled|booked|tired|worried|exhausted|drained|shattered|frazzled|wired|stressed|pleased|"
    r"relieved|red|bed|shed|speed|feed|need|seed|weed|reed|ted)\b)"
    r"(?:[a-z]{2,}ed|got|told|rang|said|went|took|made|had|felt|lost|spoke|sat|came|left|gave|kept|"
    r"thought|knew|put|let|bit|ran|drove|hung|slept|woke|sent|wrote|brought|bought|caught|found|heard|"
    r"held|stood|saw|did|forgot|owed|swore|shook|fell|threw|spent|ate|broke|told)\b(?! (?:by|to be)\b)")


def subject_dropped(low: str) -> bool:
    return bool(_DROPPED.match(low))


def _add(result, para, masked, low, said, a, b, p):
    piece = para[a:b].strip()
    if piece and any(ch.isalnum() for ch in piece):
        raw = low[a:b]
        low_piece = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        said_piece = said[a + lead:a + lead + len(low_piece)]
        if _DROPPED.match(low_piece):
            low_piece, said_piece = "i " + low_piece, "i " + said_piece
        result.append(Sentence(piece, masked[a:b].strip(), low_piece, len(result), p, said_piece))


def lookback(low: str, start: int, words: int) -> str:
    """The few words before `start` in the same clause."""
    before = low[:start]
    cut = None
    for m in _CLAUSE.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    toks = _WORD.findall(before)
    return " ".join(toks[-words:])

"""Per-entry analysis: sentence-level lexicon matching with negation, quotation, past and
positive-use scope. Deterministic and free of I/O beyond the packaged lexicon."""
from __future__ import annotations

import re

from .lexicon import GENERIC_ROLES, lexicon
from .model import EntryAnalysis, Evidence
from .text import Sentence, lookback, sentences

_NAME = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? )?([A-Z][\w'-]*)")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ([A-Z][\w-]*)")
_BUT = re.compile(r"\bbut\b")
QUOTE_MAX = 200


def _quote(s: Sentence) -> str:
    t = " ".join(s.text.split())
    return t if len(t) <= QUOTE_MAX else t[: QUOTE_MAX - 1].rstrip() + "\u2026"


def _negated(lex, low: str, start: int, n: int = 4) -> bool:
    back = lookback(low, start, n)
    return any(t.endswith("n't") for t in back.split()) or bool(lex.negators.search(back))


_THIRD = re.compile(r"(?<![\w'])(he|she|they|he's|she's|they're|he'd|she'd|they'd|who|who'd|who's|who'd been|"
                    r"someone|somebody|you|you're|you'd)(?![\w'])")
# "we'd all be burnt out by forty", "I'd be exhausted if...": a forecast or a conditional, not a state
_MODAL = re.compile(r"(?<![\w'])(would|\w+'d|could|might|will|\w+'ll|going to) (all |both |probably |definitely |soon )?be$")
_RELATIVE = re.compile(r"\b(which|who|when|that|since)\b")
_DISTANT = re.compile(r"year|month|signed off|back then|those days|when i|back in|old")
_FOR_OTHER = re.compile(r"\s+(\w+\s+)?(for|on) (him|her|them|the (patient|client|family|kids|baby))\b")
_IN_HEDGE = re.compile(r"\b(nearly|almost|close to|could have|could've|wanted to|felt like|tempted to|managed not to)\b")
# ("came home the long way and was so tired": "and was" carries the sentence's own subject on)
_OTHER_STATE = re.compile(r"(?<![\w'])(?!i\b|we\b|there\b|it\b|that\b|this\b|what\b|everything\b|today\b|tonight\b|"
                          r"(?:and|but|then|so|or|just|still|also) (?:was|felt|got)\b)(?:[a-z']+ (was|were|is|are|looked|seemed|sounded|looks|seems|felt|feels|got|gets)(?: \w+)?"
                          r"|(?!it's|that's|what's|there's|here's|who's|he's|she's)[a-z]+'s(?: \w+)?)$")
_OTHER_SUBJECT = re.compile(r"(?<![\w'])(he|she|they|someone|somebody|was|were|is|are)(?![\w'])")
_HYPOTHETICAL = re.compile(r"\b(ask|asks|asked|asking|wonder|wonders|wondered|wondering)( me| us| everyone| people)?"
                          r"( to [\w ]{1,25}?)? (if|whether)\b")
_FIRST = re.compile(r"(?<![\w'])(i|i'm|i've|i'd|we|we're|me|my|us)(?![\w'])")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_COUNTERFACTUAL = re.compile(r"would have|'d have|would've")


def _past_flags(lex, sents: list[Sentence], year: int | None = None) -> list:
    """Per sentence: True (carried on from a distant-past sentence), or the list of past markers in it."""
    flags: list = []
    carry = 0
    para = -1
    for s in sents:
        if s.paragraph != para:
            carry, para = 0, s.paragraph
        marks = [(m.start(), m.end()) for m in lex.past.finditer(s.low)]
        if year:
            marks += [(m.start(), m.end()) for m in _YEAR.finditer(s.low) if int(m.group(1)) < year]
        if marks:
            flags.append(marks)
            distant = any(_DISTANT.search(s.low[a:b]) or _YEAR.search(s.low[a:b]) or "signed off" in s.low
                          for a, b in marks)
            # only the writer's own past carries into the next sentence ("he died in 2019" does not)
            carry = 1 if distant and not _COUNTERFACTUAL.search(s.low) and _FIRST.search(s.low) else 0
        elif carry and not lex.present.search(s.low):
            flags.append(True)
            carry -= 1
        else:
            flags.append([])
            carry = 0
    return flags


# "I was running on fumes, snapping at the kids... I don't feel like that now.": a state the writer
# says is over makes the sentences just before it (same paragraph) the past, looking back.
_OVER_NOW = re.compile(r"\b(i )?(don't|do not|no longer) feel like that( now| any ?more)?\b|\bthat'?s not (me|how i feel) "
                       r"(now|any ?more)\b|\bi'?m (not|no longer) (like that|there) (now|any ?more)\b|\bthat (was|is) (then|over)\b")


def _recovered_back(lex, sents: list[Sentence], flags: list) -> None:
    for i, s in enumerate(sents):
        if not _OVER_NOW.search(s.low):
            continue
        for j in range(i - 1, max(i - 5, -1), -1):
            if sents[j].paragraph != s.paragraph:
                break
            if flags[j] is not True and not lex.present.search(sents[j].low):
                flags[j] = True


def _in_past(flag, low: str, start: int) -> bool:
    if flag is True:
        return True
    for a, b in flag:
        if a < start:
            return True
        if not _RELATIVE.search(low, start, a):  # "I was burnt out two years ago"
            return True
    return False


# "sorry for being late, and for what I said": an apology that names the writer's conduct is a
# repair even when it also covers something small
_CONDUCT = re.compile(r"\b(what i said|how i (spoke|said it|was|came across|reacted|talked)|the way i (spoke|said|"
                      r"talked|reacted|was)|my tone|for (snapping|shouting|yelling|biting|being (so |a bit |really )?"
                      r"(short|sharp|rude|curt|off|abrupt|snappy|harsh|dismissive|cold|unkind|a cow|an idiot)))\b")

# "she rang back at five, screaming": the other person calling back is not the writer's repair
_BY_OTHER = re.compile(r"(?<![\w'])(he|she|they|who)( then| just| finally)?$")


_REGRET = re.compile(r"\b(should|would|could|might|must)( not|n't)? have\b")


def _intent_inside(lex, m: re.Match) -> bool:
    """'I should apologise to Jo': the plan sits inside the matched words, not before them
    (regret - 'should have' - is not a plan)."""
    return bool(lex.intent.search(_REGRET.sub(" ", m.group(0))))


def _past_before(flag, start: int) -> bool:
    """For repairs: "said I'd been sharp with him back in March" is an apology made now about then,
    so only a past marker before the cue ("Last year I apologised…") puts the repair in the past."""
    return flag is True or any(a < start for a, _ in flag)


def _positive(lex, low: str, start: int, end: int) -> bool:
    for m in lex.positive.finditer(low):
        if m.start() >= end:                      # "exhausted, but the good kind"
            return True
        if m.end() <= start and not _BUT.search(low, m.end(), start):   # "happily exhausted"
            return True
    return False


# "Kerry rang me back", "Deb said sorry": a capitalised first word followed by a verb of getting in
# touch or speaking is someone's name (unless the entry also writes the word in lower case).
_NAME_THEN_CONTACT = re.compile(r" (rang|called|phoned|texted|emailed|messaged|said|told|asked|apologi[sz]ed|"
                                r"popped|came round|came over|caught me|found me)\b")


# Things, not people, come with an article or a measure: "a KitKat", "a tin of Roses", "two Hobnobs".
_COUNTED = re.compile(r"(?<![\w'])(?:a|an|some|two|three|few|couple of|box of|tin of|packet of|bag of|bar of|"
                      r"bottle of|cup of|mug of|slice of|pack of)\s+$", re.IGNORECASE)


def people_in(lex, text: str, low: str, entry_low: str, maybe: set[str] | None = None) -> set[str]:
    """People a sentence refers to: names ("@sam"), honorifics ("@k" for Mrs K) and roles.

    A capitalised word that only ever opens a sentence is not taken for a name here; when `maybe`
    is given it collects those words, and the summariser counts them as names if the journal
    names that person elsewhere ("Toby comes in..." in one entry, "the thing with Toby" in another)."""
    refs: set[str] = set()
    for m in _HONORIFIC.finditer(text):
        refs.add("@" + m.group(1).lower())
    first = True
    for m in _NAME.finditer(text):
        tok = m.group(1)
        key = tok.lower()
        if key.endswith("'s"):
            key = key[:-2]
        key = key.strip("'-")
        sentence_start = m.start() == 0 or not text[:m.start()].strip()
        if not key or key in lex.not_names or key in lex.roles:
            continue
        if _COUNTED.search(text, 0, m.start()):
            continue  # "a KitKat", "a box of Roses": a thing, not a person
        if len(key) == 1 and key in ("i", "a"):
            continue
        base = tok[:-2] if tok.endswith("'s") else tok
        if sentence_start and not (tok.isupper() and len(tok) <= 3) \
                and not re.match(r"(?:'s)?\s*,", text[m.end():]) and not tok.endswith("'s") \
                and not (_NAME_THEN_CONTACT.match(text, m.end()) and key.isalpha()
                         and not re.search(rf"(?<![\w']){re.escape(key)}(?![\w])", entry_low)) \
                and not (text.strip().rstrip(".!?:;") == tok
                         and len(re.findall(rf"(?<![\w']){re.escape(base)}(?![\w])", entry_low)) >= 2) \
                and not re.search(rf"[a-z0-9,;:]\s+{re.escape(base)}(?![\w])", entry_low):
            # a capitalised first word is a name only as "Sam, ..." / "Sam's" / "DW", a title that is
            # just the name ("Sam."), or when the entry also writes it capitalised mid-sentence
            if maybe is not None and len(key) > 2 and key.isalpha() \
                    and not re.search(rf"(?<![\w']){re.escape(key)}(?![\w])", entry_low):
                maybe.add("@" + key)
            continue
        if sentence_start and len(key) > 2 and re.search(rf"(?<![\w']){re.escape(key)}(?![\w])", entry_low):
            continue  # an ordinary word that happens to start the sentence (seen in lower case elsewhere)
        refs.add("@" + key)
        first = False
    for m in lex.roles_re.finditer(low):
        refs.add(lex.roles[m.group(1)])
    return refs


# "my client talked about not wanting to wake up" starts with "my" but is someone else's despair.
_OTHERS_WORDS = re.compile(r"my (\w+ )?(client|patient|service user|resident|student|young person|tenant|"
                           r"mum's|dad's|son|daughter|lad|girl|boy|man|woman|lady|gentleman|caller|family)s?\b")


# Someone's words given without quotation marks: a verb of saying, then a comma or colon, then
# the words ("she said to me, I can't do this"). Up to the next point where the writer plainly
# takes the sentence back ("... and I said", "; I").
_SPOKEN_INTRO = re.compile(
    r"(?<![\w'])(he|she|they|mum|dad|mother|father|son|daughter|wife|husband|partner|patient|client|"
    r"resident|man|woman|lad|girl|boy)\b[^.;]{0,40}?\b(said|says|told me|tells me|told us|whispered|sobbed|"
    r"cried|blurted out|admitted|went)( to (me|us))?( (quietly|softly|flatly|again|then|straight out|no|yes))?[,:] ")
_WRITER_BACK = re.compile(r"(;|\band (then )?i (said|told|asked|thought|felt|sat|rang|put|knew)\b|\bi (said|told her|told him|asked)\b)")


def _spoken_before(low: str, start: int) -> bool:
    """True when the text at `start` sits inside someone else's unquoted words in this sentence."""
    last = None
    for last in _SPOKEN_INTRO.finditer(low, 0, start):
        pass
    if last is None:
        return False
    return not _WRITER_BACK.search(low, last.end(), start)


def _planned(lex, back: str) -> bool:
    """A word of intent ("should", "could", "going to") before a repair cue makes it a plan, not a
    repair, unless someone else is its subject ("before she could get going, I said sorry")."""
    return any(not _BY_OTHER.search(back[:m.start()].rstrip()) for m in lex.intent.finditer(back))


# "I'm sorry" in the writer's own quoted words (I said, "... I'm sorry."): an apology made aloud.
_SORRY = re.compile(r"(?<![\w'])(i'm|i am) (so |really |truly |very |genuinely )?sorry(?![\w'])")


_BRUSH_OFF = re.compile(r",? *(but\b|(i|we) (have to|need to|can't|cannot|must|'ve got to|got to|'m not able|am not able|"
                        r"can only)\b|there's nothing)")


def after_courtesy(lex, sents: list[Sentence], i: int) -> bool:
    """"...had to say sorry to the technician for standing on his charger. He's forgiven me.": the
    sentences just after a small courtesy carry it on, unless they name the writer's conduct."""
    said = sents[i].said or sents[i].low
    if _CONDUCT.search(said):
        return False
    return any(lex.trivial.search(sents[j].said or sents[j].low) for j in (i - 1, i - 2)
               if j >= 0 and sents[j].paragraph == sents[i].paragraph)


def _spoken_apology(lex, low: str, said: str):
    """The first "I'm sorry" the writer quotes themselves saying (where `low` has it blanked out as
    quoted speech and `said` keeps it), unless a plan, a negator or a courtesy is in the same words."""
    for m in _SORRY.finditer(said):
        if low[m.start():m.end()].strip():
            continue  # not inside their quoted words: the diary talking to itself
        if _BRUSH_OFF.match(said, m.end()):
            continue  # "I'm sorry, I have to go": a way of ending it, not an apology
        back = lookback(said, m.start(), 6)
        if _planned(lex, back) or _negated(lex, said, m.start(), 3) or lex.trivial.search(said, m.start()):
            continue
        return m
    return None


def _evidence_text(sent: Sentence, m: re.Match) -> str:
    """The matched words as written (the matching copy may carry a dropped subject's "i ")."""
    shift = len(sent.low) - len(sent.text)
    if shift in (0, 2) and m.end() > shift:
        return " ".join(sent.text[max(m.start() - shift, 0):m.end() - shift].split())
    return m.group(0)


_SECTION = re.compile(r"^##[ \t]+(.+?)[ \t]*\n(.*?)(?=^##[ \t]|\Z)", re.M | re.S)


def _template_answers(lex, body: str, out: EntryAnalysis) -> None:
    """Answers under template questions about kindness count even when phrased plainly."""
    if "## " not in body:
        return
    for m in _SECTION.finditer(body):
        question, answer = m.group(1), m.group(2).strip()
        if not answer or lex.tmpl_empty.search(answer):
            continue
        quote = " ".join(answer.split())[:QUOTE_MAX]
        if lex.tmpl_given.search(question) and not out.kindness_given:
            out.kindness_given.append(Evidence("given", question.strip(), quote))
        elif lex.tmpl_received.search(question) and not out.kindness_received:
            out.kindness_received.append(Evidence("received", question.strip(), quote))


_OTHER_OPENS = re.compile(r"\s*(he|she|they)\b")


def _words_negated(lex, low: str, words) -> bool:
    """The model's strongest words sit under a negator ("I didn't ring him back"): not done."""
    starts = [m.start() for w in words for m in re.finditer(rf"(?<![\w']){re.escape(w.split()[0])}(?![\w'])", low)]
    return bool(starts) and _negated(lex, low, min(starts), 3)


def _second_opinion(title: str, body: str, sents: list[Sentence], out: EntryAnalysis,
                    enc_idx: list[int], rep_idx: list[int]) -> None:
    """What the learned model (analysis/learned.py) sees that the rules did not: a repair, or else
    a difficult encounter. Its evidence is the sentence that weighed most and the words that
    pushed the score up. For encounters it only settles an entry where the rules found one weak cue
    (a point short of an encounter), and an entry the rules or the model read as a repair gets no
    encounter from it: telling the earlier exchange again is not a new one."""
    from .learned import judge

    verdict = judge(f"{title}\n{body}", [s.text for s in sents])
    rep, enc = verdict["repair"], verdict["encounter"]
    lex = lexicon()
    if not out.repair and rep.flag and rep.sentence is not None and rep.sentence not in enc_idx \
            and not _OTHER_OPENS.match(sents[rep.sentence].low) and _FIRST.search(sents[rep.sentence].low) \
            and not any(lex.unsent.search(x.low) for x in sents) \
            and not lex.trivial.search(sents[rep.sentence].said or sents[rep.sentence].low) \
            and not _planned(lex, sents[rep.sentence].low) \
            and not _words_negated(lex, sents[rep.sentence].low, rep.words):
        # the rules' scopes still apply: no repair from an unsent draft, a small courtesy or a plan,
        # nor from a sentence without the writer in it ("his sisters apologised for him"),
        # nor from the very sentence where the rules saw the exchange go wrong, nor from someone
        # else's doing ("he rang back at four shouting")
        s = sents[rep.sentence]
        out.repair.append(Evidence("learned", ", ".join(rep.words) or _quote(s), _quote(s)))
        rep_idx.append(rep.sentence)
    # the model only decides between the rules' one weak cue and nothing: never on its own
    if out.encounter_score == 1 and not out.repair and enc.flag and enc.sentence is not None:
        s = sents[enc.sentence]
        out.encounter.append(Evidence("learned", ", ".join(enc.words) or _quote(s), _quote(s)))
        out.encounter_score = 2
        if enc.sentence not in enc_idx:
            enc_idx.append(enc.sentence)


def analyse_text(entry_id: str, title: str, body: str, *, energy: int | None = None,
                 version: int = 0, year: int | None = None,
                 ratings: dict | None = None) -> EntryAnalysis:
    lex = lexicon()
    text = body
    t = (title or "").strip()
    if t and not body.lstrip().startswith(t):
        text = t + "\n\n" + body
    sents = sentences(text)
    past = _past_flags(lex, sents, year)
    _recovered_back(lex, sents, past)
    entry_low = "\n".join(s.low for s in sents)
    out = EntryAnalysis(version=version, entry_id=entry_id, words=len(text.split()))
    seen_dim: dict[str, int] = {}
    enc_idx: list[int] = []
    rep_idx: list[int] = []
    enc_seen: set[str] = set()
    banter = [bool(lex.banter.search(s.low)) for s in sents]

    for i, s in enumerate(sents):
        low = s.low
        if past[i] is True or lex.sarcasm.search(low):
            continue
        # -- burnout dimensions
        for dim, rx in lex.dimensions.items():
            for m in rx.finditer(low):
                if _negated(lex, low, m.start()) or (past[i] and _in_past(past[i], low, m.start())) \
                        or _HYPOTHETICAL.search(low, 0, m.start()) or _MODAL.search(lookback(low, m.start(), 4)) \
                        or _spoken_before(low, m.start()):
                    continue  # ... or in someone else's words: "he said no, just sick of it all"
                if dim in ("exhaustion", "detachment", "inefficacy", "workload", "compassion_fatigue") \
                        and _THIRD.search(lookback(low, m.start(), 5)):
                    continue
                if dim in ("exhaustion", "workload") and _OTHER_STATE.search(lookback(low, m.start(), 5)) \
                        and not _FIRST.search(lookback(low, m.start(), 6) + " " + m.group(0)):
                    continue  # "the family were exhausted": someone else's state
                if dim == "exhaustion" and _FOR_OTHER.match(low, m.end()):
                    continue
                if dim == "exhaustion" and _positive(lex, low, m.start(), m.end()):
                    continue
                if seen_dim.get(dim, 0) < 3:
                    out.signals.append(Evidence(dim, _evidence_text(s, m), _quote(s)))
                    seen_dim[dim] = seen_dim.get(dim, 0) + 1
                break
        # -- repair (done, not planned)
        repaired_here = False
        repair_at = len(low)
        said = s.said or low  # with the writer's own words spoken aloud: an apology is said
        if not lex.unsent.search(said) and (not lex.trivial.search(said) or _CONDUCT.search(said)) \
                and not after_courtesy(lex, sents, i):
            for how, rx in (("apologised", lex.repair["apologised"]), ("cleared-the-air", lex.repair["cleared"]),
                            ("followed-up", lex.repair["followed"]), ("let-go", lex.repair["let_go"])):
                for m in rx.finditer(said):
                    back = lookback(said, m.start(), 6)
                    if _planned(lex, back) or _intent_inside(lex, m) or _negated(lex, said, m.start(), 3) \
                            or (past[i] and _past_before(past[i], m.start())) or _BY_OTHER.search(back):
                        continue
                    out.repair.append(Evidence(how, _evidence_text(s, m), _quote(s)))
                    repaired_here = True
                    repair_at = min(repair_at, m.start())
                    break
            if not repaired_here and said != low:
                m = _spoken_apology(lex, low, said)
                if m is not None:
                    out.repair.append(Evidence("apologised", m.group(0), _quote(s)))
                    repaired_here = True
                    repair_at = min(repair_at, m.start())
        if repaired_here:
            rep_idx.append(i)
        # -- encounter cues (not in the sentence that apologises for it, not a recollection)
        cont = bool(lex.continuation.search(low))
        ongoing = bool(lex.ongoing.search(low))
        near_banter = banter[i] or (i > 0 and banter[i - 1]) or (i + 1 < len(sents) and banter[i + 1])
        for kind, rx, pts in (("strong", lex.encounter_strong, 2), ("weak", lex.encounter_weak, 1)):
            if cont or (kind == "weak" and (ongoing or near_banter)) or (kind == "strong" and banter[i]):
                continue
            for m in rx.finditer(low):
                if repaired_here and m.start() >= repair_at:
                    continue  # "said sorry for snapping at her": the apology's subject, not a new one
                back = lookback(low, m.start(), 5)
                if lex.personal.search(low[m.start():m.end() + 30]):
                    continue  # at home with my own family: not a work encounter
                if lex.hedges.search(back) or _IN_HEDGE.search(m.group(0)) or _negated(lex, low, m.start(), 3) \
                        or (past[i] and _in_past(past[i], low, m.start())):
                    continue
                key = m.group(0)
                if key in enc_seen:
                    continue
                enc_seen.add(key)
                got_kind, got_pts = kind, pts
                if kind == "strong" and not _FIRST.search(low) and _OTHER_SUBJECT.search(
                        lookback(low, m.start(), 6) + " " + m.group(0)):
                    got_kind, got_pts = "weak", 1   # about other people, not an exchange with the writer
                out.encounter.append(Evidence(got_kind, _evidence_text(s, m), _quote(s)))
                out.encounter_score += got_pts
                if not enc_idx or enc_idx[-1] != i:
                    enc_idx.append(i)
        # -- kindness
        if not lex.kind_cancel.search(low):
            for kind, rx, dest in (("given", lex.kind_given, out.kindness_given),
                                   ("received", lex.kind_received, out.kindness_received)):
                m = rx.search(low)
                if m and not _negated(lex, low, m.start(), 3) and len(dest) < 3:
                    dest.append(Evidence(kind, _evidence_text(s, m), _quote(s)))
        # -- crisis: the writer's own words only
        for m in lex.crisis.finditer(low):
            if _negated(lex, low, m.start(), 3) or (past[i] and _in_past(past[i], low, m.start())):
                continue
            if _spoken_before(low, m.start()):
                continue   # "she said to me, I don't want to be here": her words, without quotation marks
            rep = lex.reported.search(low)
            if rep and (not low[m.start():].startswith(("i ", "i'", "my ", "me ", "myself"))
                        or _OTHERS_WORDS.match(low, m.start())):
                continue
            out.crisis.append(Evidence("crisis", _evidence_text(s, m), _quote(s)))
            break

    from .broad import extend   # second layer of cues (data/broad.toml): adds only what the rules above missed
    extend(lex, sents, past, out, enc_idx, rep_idx)
    if sents and not out.repair:   # both of the model's verdicts apply only where the rules saw no repair
        _second_opinion(title, body, sents, out, enc_idx, rep_idx)

    if energy is not None and energy <= 2:
        out.signals.append(Evidence("exhaustion", f"energy {energy}/5", f"Energy rated {energy} out of 5."))
    for key, value in (ratings or {}).items():
        dim = lex.low_ratings.get(key)
        if dim and key != "energy" and isinstance(value, int) and value <= 2:
            out.signals.append(Evidence(dim, f"{key} {value}/5", f"{key.capitalize()} rated {value} out of 5."))
    _template_answers(lex, body, out)

    # -- who: everyone named in the entry, and the people around the encounter and the repair
    entry_text = "\n".join(s.masked for s in sents)
    maybe: set[str] = set()
    per_sent = [people_in(lex, s.masked, s.low, entry_text, maybe) for s in sents]
    allp: set[str] = set().union(*per_sent) if per_sent else set()
    out.people = sorted(allp)
    out.maybe_people = sorted(maybe - allp)
    # an exchange that was already an encounter before the entry's first apology
    if rep_idx:
        first_repair = min(rep_idx)
        earlier = {_quote(s) for s in sents[:first_repair]}
        out.repair_follows = sum(2 if x.kind == "strong" else 1 for x in out.encounter if x.quote in earlier) >= 2

    def around(idx: list[int], skip: frozenset = frozenset()) -> list[str]:
        refs: set[str] = set()
        for i in idx:
            for j in (i - 1, i, i + 1):
                if 0 <= j < len(sents) and (j == i or j not in skip):
                    refs |= per_sent[j]
        if sents and idx:
            refs |= per_sent[0]   # the title usually names the person
        return sorted(refs)

    if out.encounter_score >= 2:
        # a neighbouring sentence that is a repair names who the repair was with, not who the row was with
        out.encounter_people = around(enc_idx, frozenset(rep_idx) - frozenset(enc_idx))
    if rep_idx:
        out.repair_people = around(rep_idx)
        named: set[str] = set()
        for i in rep_idx:
            # "awake with his son": a relation of someone in the sentence is not who the apology is to
            here = {p for p in per_sent[i]
                    if p.startswith("@") or not re.search(rf"\b(his|her|their) ({p})s?\b", sents[i].low)}
            partner = _TALKED_WITH.search(sents[i].low)
            if partner and "@" + partner.group(1) in here:
                # "talked it through with Andrea ... the mum": the talk was with Andrea, whoever else
                # the sentence mentions (a talk with a colleague is a step, not a repair with the mum)
                here = {"@" + partner.group(1)}
            named |= here
            if not here:
                out.repair_unnamed = True
        out.repair_named = sorted(named)
    return out


_TALKED_WITH = re.compile(r"\b(?:talked|talk|went|spoke|chatted|thrashed|hashed) (?:it |things |this |that )?"
                          r"(?:through|over|out) with (\w+)")


def person_weight(ref: str) -> float:
    if ref.startswith("@"):
        return 3.0
    return 0.5 if ref in GENERIC_ROLES else 1.0

"""Find and replace identifiers in text bound for a digest or form.

Reflections must not identify patients, relatives or colleagues. `Redactor.find(text)` returns
what it would remove (kind, span, original words) so the practitioner can see it first;
`Redactor.redact(text)` returns the text with each identifier replaced by a label saying what
was there: [name] [email] [phone] [nhs-number] [dob] [age] [postcode] [address].

Deliberately kept: initials ("Mrs K", "Mr J."), which is how practitioners already anonymise;
role words ("the nurse practitioner", "Sister on the ward"); weekdays, months and ordinary
capitalised words at the start of a sentence. Everything here is rules and a small name list:
no network, nothing learned, so a person can read why a word was removed.

Known limits (why the preview exists and the practitioner confirms): names written in lower
case ("spoke to mr okafor"), a surname alone with no title ("Okafor said"), given names not in
given_names.txt without a title, and hospital numbers in local formats are not recognised. Add
such names to `redact_terms` in the config.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS = ("email", "nhs-number", "phone", "postcode", "dob", "age", "address", "name")
LABELS = {kind: f"[{kind}]" for kind in KINDS}
# Earlier kinds win when two matches overlap (an NHS number is not also a phone number).
_PRIORITY = {kind: i for i, kind in enumerate(("email", "nhs-number", "phone", "dob", "postcode",
                                                "age", "address", "term", "name"))}

# -- words that are never a name ------------------------------------------------------------------
_MONTHS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun"
_ROLES = ("Nurse Nurses Sister Matron Doctor Doctors Dr Consultant Registrar Practitioner Manager Lead "
          "Charge Staff Senior Junior Student Healthcare Assistant Support Worker Social Team Ward Bay "
          "Room Unit Hospital Trust Clinic Surgery Practice Home Care Service Services Health Mental "
          "Community District Midwife Midwives Physio Physiotherapist Therapist Occupational Speech "
          "Pharmacist Paramedic Porter Receptionist Carer Carers Supervisor Supervision Coordinator "
          "Officer Director Deputy Head Chief Specialist Advanced Clinical Clinician Duty Night Day "
          "Bank Agency Locum Registered Deputy Sisters Matrons GP GPs NHS Council Board Department "
          "Emergency Department ED A&E ICU ITU HDU Theatre Theatres Outpatients Inpatients Discharge")
_COMMON = ("Today Yesterday Tomorrow Tonight Morning Afternoon Evening Handover Shift Break Lunch "
           "The A An This That These Those Then When While After Before During Since Until I We You He "
           "She They It My Our Your His Her Their Its Me Us Them And But Or So Not No Yes Also Still "
           "Just Only Felt Feel Feeling Felt Was Were Is Are Be Been Had Have Has Did Do Does Said Says "
           "Told Asked Rang Called Went Came Saw Met Spoke Thanked Thanks Thank Please Sorry Hello Hi "
           "Dear Christmas Easter Eid Diwali Ramadan Hanukkah Bank Holiday English British Scottish "
           "Welsh Irish Polish Covid Covid-19 Mental Capacity Act Safeguarding Policy Code Plan Review "
           "Meeting Referral Notes Note Learning Learned Learnt Next Time Other Others Everyone Nobody "
           "Someone Anyone Reflection Reflections Energy Mood Kindness What How Why Where Who Which "
           "Good Bad Long Short Hard Difficult Busy Quiet Great Nice Okay OK Well Better Worse Rest "
           "Mum Dad Mother Father Son Daughter Wife Husband Partner Brother Sister Family Relative "
           "Relatives Patient Patients Client Clients Resident Residents Service User Users Visitor "
           "Visitors Relatives Friend Friends Colleague Colleagues Ward Round Rounds MDT")
STOPWORDS = frozenset((_MONTHS + " " + _WEEKDAYS + " " + _ROLES + " " + _COMMON).split())

# Given names that are also everyday words: only a name when a surname follows.
AMBIGUOUS = frozenset(
    "Will May June April August Grace Hope Faith Joy Rose Mark Bill Pat Sue Dawn Amber Summer Jack "
    "Victoria Florence Sydney Jordan Frank Ray Rob Guy Sky Holly Ivy Violet Lily Daisy Ruby Pearl Jade "
    "Carol Penny Robin Heather Olive Iris Hazel Autumn Chase Miles Don Art Al Angel Precious Blessing "
    "Charity Patience Chance Christian Earl Norman Sunny Nat Rich Gene Ben Eve Jean Harry Georgia".split())

_SENTENCE_STARTERS = frozenset("he she they we i it his her their there this that then when after before "
                               "new lovely double took had was is".split())

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Doctor", "Prof", "Professor", "Sister", "Nurse",
          "Matron", "Father", "Fr", "Rev", "Revd", "Reverend", "Sir", "Dame", "Lady", "Lord", "Cllr",
          "Councillor", "Pastor", "Rabbi", "Imam", "Auntie", "Aunty", "Uncle")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    path = Path(__file__).with_name("given_names.txt")
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(line)
    return frozenset(names | AMBIGUOUS)


# -- patterns ---------------------------------------------------------------------------------------
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Ten digits as 3-3-4 (spaces or hyphens) or run together.
TEN_DIGITS = re.compile(r"(?<![\w+/.])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w/])")
# A phone number starts with + / 00 / 0 (UK) and is made of digit groups with single separators.
PHONE = re.compile(
    r"(?<![\w+/])(?:\+\d{1,3}|00\d{1,3}|\(0\d{1,5}\)|0\d{1,5})"
    r"(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){1,5}(?![\w/])")
US_PHONE = re.compile(r"(?<![\w+])\(\d{3}\)\s?\d{3}[ .-]\d{4}(?![\w/])")
_PC = r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|[A-PR-UWYZ]\d[A-HJKPSTUW])\s?\d[ABD-HJLNP-UW-Z]{2}"
POSTCODE = re.compile(r"(?<![\w-])(?:GIR ?0AA|" + _PC + r")(?![\w-])")

_MONTH_RE = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
             r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
         r"|\d{4}-\d{2}-\d{2}"
         r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"\.?,?\s+\d{4}"
         r"|" + _MONTH_RE + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})")
DOB = re.compile(
    r"(?i:\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)"
    r"(?:\s+(?:is|was|of))?\s*[:\-–]?\s*)(" + _DATE + r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_RE
    + r"\.?,?\s+\d{2}\b)")
BORN_YEAR = re.compile(r"(?i:\bborn\s+(?:in\s+)?)((?:18|19|20)\d{2})\b")
FULL_DATE = re.compile(r"(?<![\w/.-])(" + _DATE + r")(?![\w/])")

_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUM_W = (r"(?:(?:a\s+)?hundred(?:\s+and\s+" + _UNITS_W + r")?|" + _TENS_W + r"(?:[\s-]" + _UNITS_W + r")?|"
          r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" + _UNITS_W + r")")
AGE = re.compile(
    r"(?i)\b(?:aged|age:?|the\s+age\s+of)\s+(?:\d{1,3}(?!\d)|" + _NUM_W + r"\b)(?:\s*(?:years?|yrs?)(?:\s+old)?)?"
    r"|\b" + _NUM_W + r"[\s-]+years?[\s-]+old\b"
    r"|\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b"
    r"|\b\d{1,3}\s*(?:y\.?o\.?|y/o)(?![\w])"
    r"|\b\d{1,3}\s+years\s+of\s+age\b")

_STREET = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Court|Ct|Crescent|Cres|Place|"
           r"Gardens|Gdns|Grove|Terrace|Square|Sq|Mews|Row|Walk|Rise|Parade|Vale|Hill|Park|Green|View|"
           r"Boulevard|Wharf|Yard)")
_STREET_FULL = (r"(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Gardens|Grove|Terrace|Square|Mews|"
                r"Parade)")
_CAPWORD = r"[A-Z][a-zA-Z'’-]+"
ADDRESS = re.compile(
    r"(?:\b(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?"
    r"\b\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:" + _CAPWORD + r"\s+){1,3}" + _STREET + r"\b"
    r"|\b(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?\b")
ADDRESS_NAMED = re.compile(
    r"\b(?:on|in|at|of|from|to|off|near|along)\s+((?:" + _CAPWORD + r"\s+){1,3}" + _STREET_FULL + r")\b")

_SURNAME = r"(?:[A-Z]['’])?[A-Z][a-zA-Z]*[a-z](?:-(?:[A-Z]['’])?[A-Z][a-zA-Z]*[a-z])?"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|le|la|bin|ibn|al|el|ter)[ \t]+)"
TITLED = re.compile(
    r"\b(?P<title>" + "|".join(TITLES) + r")\.?[ \t]+"
    r"(?P<rest>(?:[A-Z]\.?[ \t]+)*" + _PARTICLE + r"*(?:" + _SURNAME + r"|[A-Z]{2,}(?:-[A-Z]{2,})?\b)"
    + r"(?:[ \t]+" + _PARTICLE + r"*" + _SURNAME + r"){0,2})")
CAPRUN = re.compile(r"\b" + _SURNAME + r"(?:[ \t]+(?:[A-Z]\.?[ \t]+)?" + _PARTICLE + r"*" + _SURNAME + r"){0,2}")


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, "[name]")


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number check digit (modulus 11) over ten digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def _phone_ok(text: str) -> str | None:
    """Trim trailing groups until the digit count fits a phone number; None if it never does."""
    parts = re.split(r"(?<=\d|\))(?=[ .-])", text)
    while parts:
        candidate = "".join(parts).rstrip(" .-")
        digits = re.sub(r"\D", "", candidate)
        n = len(digits)
        international = candidate.startswith(("+", "00"))
        if international and 8 <= n - (2 if candidate.startswith("00") else 0) <= 15:
            return candidate
        if not international and 10 <= n <= 11:
            return candidate
        if n < 10 and not international:
            return None
        parts.pop()
    return None


class Redactor:
    """Identifier finder. `terms`: the user's own list (wards, hospitals, colleagues); `keep`:
    words never removed (the author's own label)."""

    def __init__(self, terms: list[str] | None = None, keep: list[str] | None = None,
                 today: dt.date | None = None) -> None:
        self.terms = sorted({t.strip() for t in terms or [] if t and t.strip()}, key=len, reverse=True)
        self._terms_re = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in self.terms) + r")(?!\w)",
                                     re.IGNORECASE) if self.terms else None)
        self.keep = {k.strip().lower() for k in keep or [] if k and k.strip()}
        self.today = today or dt.date.today()

    # -- finding ----------------------------------------------------------------------------------
    def find(self, text: str) -> list[Found]:
        if not text:
            return []
        found: list[tuple[int, Found]] = []

        def add(kind: str, start: int, end: int) -> None:
            piece = text[start:end]
            if not piece.strip() or piece.strip().lower() in self.keep:
                return
            found.append((_PRIORITY[kind], Found("name" if kind == "term" else kind, start, end, piece)))

        for m in EMAIL.finditer(text):
            add("email", m.start(), m.end())
        for m in TEN_DIGITS.finditer(text):
            if nhs_checksum_ok("".join(m.groups())):
                add("nhs-number", m.start(), m.end())
        for m in PHONE.finditer(text):
            ok = _phone_ok(m.group(0))
            if ok:
                add("phone", m.start(), m.start() + len(ok))
        for m in US_PHONE.finditer(text):
            add("phone", m.start(), m.end())
        for m in TEN_DIGITS.finditer(text):  # a ten-digit 3-3-4 run is an identifier either way
            add("phone", m.start(), m.end())
        for m in DOB.finditer(text):
            add("dob", m.start(1), m.end(1))
        for m in BORN_YEAR.finditer(text):
            add("dob", m.start(1), m.end(1))
        for m in FULL_DATE.finditer(text):
            year = _year_of(m.group(1))
            if year is not None and year <= self.today.year - 16:
                add("dob", m.start(1), m.end(1))
        for m in POSTCODE.finditer(text):
            add("postcode", m.start(), m.end())
        for m in AGE.finditer(text):
            add("age", m.start(), m.end())
        for m in ADDRESS.finditer(text):
            add("address", m.start(), m.end())
        for m in ADDRESS_NAMED.finditer(text):
            add("address", m.start(1), m.end(1))
        if self._terms_re:
            for m in self._terms_re.finditer(text):
                add("term", m.start(), m.end())
        self._names(text, add)
        return _resolve(found, text)

    def _names(self, text: str, add) -> None:
        for m in TITLED.finditer(text):
            rest = m.group("rest")
            words = rest.split()
            initials = 0
            while initials < len(words) and re.fullmatch(r"[A-Z]\.?", words[initials]):
                initials += 1
            kept = list(words[:initials])
            for i, w in enumerate(words[initials:]):
                if w.rstrip(".") in STOPWORDS:
                    break
                # "Mrs F. Bathing went well": after an initial and a full stop a new sentence may start.
                if i == 0 and initials and words[initials - 1].endswith(".") and (
                        w.lower().endswith(("ing", "ed")) or w.lower() in _SENTENCE_STARTERS):
                    break
                kept.append(w)
            if len(kept) == initials:
                continue  # only initials ("Mrs K", "Mr J."): how practitioners already anonymise
            end = m.start("rest") + _span_len(rest, kept)
            add("name", m.start(), end)
        names = given_names()
        for m in CAPRUN.finditer(text):
            words = m.group(0).split()
            # Start at the first given name in the run ("Today Jane Smith" -> "Jane Smith").
            while words and words[0] not in names:
                if words[0] not in STOPWORDS and len(words) >= 2 and words[1] in names:
                    words.pop(0)
                    continue
                words.pop(0)
            if not words:
                continue
            offset = m.group(0).index(words[0])
            start = m.start() + offset
            kept = [words[0]]
            for w in words[1:]:
                if w in STOPWORDS:
                    break
                kept.append(w)
            if len(kept) == 1 and (kept[0] in AMBIGUOUS):
                continue
            if _preceded_by_title(text, start):
                continue  # already handled with its title
            end = start + _span_len(text[start:m.end()], kept)
            add("name", start, end)

    # -- replacing --------------------------------------------------------------------------------
    def redact(self, text: str) -> tuple[str, list[Found]]:
        found = self.find(text)
        if not found:
            return text, []
        out, last = [], 0
        for f in found:
            out.append(text[last:f.start])
            out.append(f.label)
            last = f.end
        out.append(text[last:])
        return "".join(out), found

    def clean(self, text: str | None) -> str | None:
        if text is None:
            return None
        return self.redact(text)[0]


class NoRedactor(Redactor):
    """Used only with --no-redact: finds nothing, so text passes through unchanged."""

    def find(self, text: str) -> list[Found]:
        return []


def _span_len(source: str, words: list[str]) -> int:
    """Length of the prefix of `source` that contains `words` in order."""
    pos = 0
    for w in words:
        pos = source.index(w, pos) + len(w)
    return pos


def _preceded_by_title(text: str, start: int) -> bool:
    before = text[max(0, start - 14):start]
    return bool(re.search(r"\b(?:" + "|".join(TITLES) + r")\.?\s+(?:[A-Z]\.?\s+)*$", before))


def _year_of(date_text: str) -> int | None:
    m = re.search(r"\b(\d{4})\b", date_text)
    if m:
        return int(m.group(1))
    m = re.search(r"[/.-](\d{2})$", date_text)
    if m:
        yy = int(m.group(1))
        return 1900 + yy if yy > (dt.date.today().year % 100) else 2000 + yy
    return None


def _resolve(found: list[tuple[int, Found]], text: str) -> list[Found]:
    """Overlapping matches merge into one span (so no part of any match survives), labelled by
    the longest member (then by priority); returned in text order."""
    clusters: list[list[tuple[int, Found]]] = []
    for pf in sorted(found, key=lambda pf: (pf[1].start, -pf[1].end)):
        if clusters and pf[1].start < max(f.end for _, f in clusters[-1]):
            clusters[-1].append(pf)
        else:
            clusters.append([pf])
    out = []
    for cluster in clusters:
        start = min(f.start for _, f in cluster)
        end = max(f.end for _, f in cluster)
        _prio, best = min(cluster, key=lambda pf: (-(pf[1].end - pf[1].start), pf[0]))
        out.append(Found(best.kind, start, end, text[start:end]))
    return out


def redactor_for(config=None, *, enabled: bool = True) -> Redactor:
    """The redactor a digest or form uses: the user's own terms; the author's label kept."""
    if not enabled:
        return NoRedactor()
    if config is None:
        from ..config import load_config

        config = load_config()
    keep = [config.display_name or "", config.role or ""]
    return Redactor(terms=list(config.redact_terms), keep=keep)

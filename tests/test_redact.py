"""Identifier detection: every class in several realistic forms, inside sentences, and the
ordinary words that must survive."""
from __future__ import annotations

import datetime as dt

import pytest

from reflect.digest.redact import Redactor, nhs_checksum_ok

TODAY = dt.date(2026, 11, 21)


def nhs(first9: str) -> str:
    """Complete nine digits with a valid modulus-11 check digit (None-valued ones are skipped)."""
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    assert check != 10, first9
    return first9 + str(check)


VALID_NHS = nhs("401023213")  # -> a checksum-valid number made up for these tests
VALID_NHS_2 = nhs("485777345")

# (kind, sentence, the identifying words that must disappear)
CASES = [
    # names: title + surname, title + full name, full names, config terms
    ("name", "Spent an hour with Mr Okafor after the ward round.", "Okafor"),
    ("name", "Dr. Jane Smith reviewed the drug chart at noon.", "Jane Smith"),
    ("name", "Handover from Mrs O'Neill's son was tense.", "O'Neill"),
    ("name", "I asked Ms Smith-Jones whether she had eaten.", "Smith-Jones"),
    ("name", "Later Dr McDonald came to see the family.", "McDonald"),
    ("name", "Spoke to Mr van der Berg about the discharge plan.", "van der Berg"),
    ("name", "Sister Adeyemi covered my break, which helped.", "Adeyemi"),
    ("name", "The family asked for Mr J. Whitfield to be called.", "Whitfield"),
    ("name", "Today Kwame Mensah, the new HCA, was brilliant.", "Kwame Mensah"),
    ("name", "His daughter Aisha Rahman rang twice before lunch.", "Aisha Rahman"),
    ("name", "Rebecca looked exhausted at handover.", "Rebecca"),
    ("name", "Prof Lindqvist's teaching session was useful.", "Lindqvist"),
    # emails
    ("email", "She emailed me from j.smith42@example.org about the visit.", "j.smith42@example.org"),
    ("email", "Reply to ward.manager+rota@trust.nhs.uk before Friday.", "ward.manager+rota@trust.nhs.uk"),
    ("email", "Contact: tunde_o@mail.co.uk.", "tunde_o@mail.co.uk"),
    # phones
    ("phone", "His son's mobile is 07700 900123 if he doesn't answer.", "07700 900123"),
    ("phone", "Rang 07700900456 twice, no answer.", "07700900456"),
    ("phone", "Number given was 07700-900-789 on the form.", "07700-900-789"),
    ("phone", "Call +44 7700 900321 for the daughter.", "+44 7700 900321"),
    ("phone", "The surgery is on +44 (0)20 7946 0958 until six.", "+44 (0)20 7946 0958"),
    ("phone", "Switchboard 020 7946 0123 put me through.", "020 7946 0123"),
    ("phone", "The care home (01632) 960123 called back.", "(01632) 960123"),
    ("phone", "Her sister in Dublin is on +353 1 234 5678.", "+353 1 234 5678"),
    ("phone", "A relative abroad on +1 212 555 0199 wanted an update.", "+1 212 555 0199"),
    ("phone", "Left a voicemail on 0161 496 0000 at 5pm.", "0161 496 0000"),
    # NHS numbers
    ("nhs-number", f"Checked NHS number {VALID_NHS[:3]} {VALID_NHS[3:6]} {VALID_NHS[6:]} on the wristband.",
     f"{VALID_NHS[:3]} {VALID_NHS[3:6]} {VALID_NHS[6:]}"),
    ("nhs-number", f"Referral was under {VALID_NHS_2} by mistake.", VALID_NHS_2),
    ("nhs-number", f"NHS no. {VALID_NHS[:3]}-{VALID_NHS[3:6]}-{VALID_NHS[6:]} was wrong on the letter.",
     f"{VALID_NHS[:3]}-{VALID_NHS[3:6]}-{VALID_NHS[6:]}"),
    # dates of birth
    ("dob", "Confirmed DOB 12/03/1941 with the patient before the bloods.", "12/03/1941"),
    ("dob", "Her D.O.B.: 04.07.38 was on the old notes.", "04.07.38"),
    ("dob", "Date of birth 3rd March 1941, per the letter.", "3rd March 1941"),
    ("dob", "He was born on 1939-11-02 in Lagos.", "1939-11-02"),
    ("dob", "She told me she was born in 1936 and still gardens.", "1936"),
    ("dob", "The label said 17 August 1952 which I checked twice.", "17 August 1952"),
    # exact ages
    ("age", "A lovely man, aged 84, who used to be a miner.", "aged 84"),
    ("age", "The 84-year-old gentleman in bay 2 fell.", "84-year-old"),
    ("age", "She is 92 years old and sharp as anything.", "92 years old"),
    ("age", "A 3 yo was visiting her grandmother.", "3 yo"),
    ("age", "Met a 67 y/o carer who was struggling.", "67 y/o"),
    ("age", "At the age of 79 he had never been in hospital.", "age of 79"),
    # postcodes
    ("postcode", "The address was in LS6 2AB, near the park.", "LS6 2AB"),
    ("postcode", "Drove out to SW1A 1AA for the visit.", "SW1A 1AA"),
    ("postcode", "Community visit in M1 1AE ran late.", "M1 1AE"),
    ("postcode", "Her new flat is EC1A1BB apparently.", "EC1A1BB"),
    ("postcode", "They moved to CR2 6XH last month.", "CR2 6XH"),
    # street addresses
    ("address", "Visited him at 14 Elm Grove after lunch.", "14 Elm Grove"),
    ("address", "The key safe at 221B Baker Street was broken.", "221B Baker Street"),
    ("address", "Flat 3, 22 Acacia Avenue has no lift.", "22 Acacia Avenue"),
    ("address", "She lives on Mill Lane with her son.", "Mill Lane"),
    ("address", "Parked outside 7 St Mary's Road again.", "St Mary's Road"),
]


@pytest.fixture
def redactor():
    return Redactor(terms=["Willow Ward", "St Bartholomew's", "Ngozi"], today=TODAY)


@pytest.mark.parametrize("kind,sentence,secret", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_identifier_is_replaced_with_its_label(redactor, kind, sentence, secret):
    out, found = redactor.redact(sentence)
    assert secret not in out, out
    assert f"[{kind}]" in out, out
    assert any(f.kind == kind for f in found)


def test_identifiers_inside_a_long_paragraph(redactor):
    text = ("After handover I went to see Mrs Patterson, aged 91, whose son Daniel Hughes had rung "
            "07700 900111 and emailed d.hughes@example.com twice. Her NHS number "
            f"{VALID_NHS} was on the wrong letter, DOB 02/02/1935, address 9 Rowan Close, "
            "BS8 1TH. I stayed late on Willow Ward and spoke to Ngozi about it.")
    out, _ = redactor.redact(text)
    for secret in ("Patterson", "91", "Daniel", "Hughes", "07700 900111", "d.hughes@example.com",
                   VALID_NHS, "02/02/1935", "Rowan Close", "BS8 1TH", "Willow Ward", "Ngozi"):
        assert secret not in out, (secret, out)
    for label in ("[name]", "[age]", "[phone]", "[email]", "[nhs-number]", "[dob]", "[address]", "[postcode]"):
        assert label in out


def test_config_terms_any_case_whole_words(redactor):
    out, _ = redactor.redact("Moved from willow ward to St Bartholomew's; ngozi helped. Willow wardrobe stays.")
    assert out == "Moved from [name] to [name]; [name] helped. Willow wardrobe stays."


@pytest.mark.parametrize("text", [
    "Mrs K was calmer today and Mrs K's daughter thanked me.",
    "Mr J. stayed in bed; Dr P came at ten.",
    "Handover was late again. Today felt long.",
    "On Monday in March we had 12 patients across Bay 4 and Bay 5.",
    "The Nurse Practitioner and the Charge Nurse agreed the plan with the Consultant.",
    "We talked about the Mental Health Act and the Care Quality Commission.",
    "Shift 07:30 to 19:30 on 01.02.2026, two breaks missed.",
    "I have spent 12 years in nursing and 3 years on this ward.",
    "Grace under pressure. Will do better tomorrow. Hope it helps. Patience runs out at 4am.",
    "Sister said the Doctor would come back after the MDT.",
    "In 2019 I started here. On 3 March 2025 we met as a team.",
    "Paid £1,200 for the course; bed 12 in B2 was empty.",
    "Yesterday the family were kind. Thursday was quieter.",
    "Saw Mr and Mrs T. She was tired; he was cheerful.",
    "Visited Mrs T. Dressing change went fine.",
    "Notes for Mr G.\nMr H was asleep when I arrived.",
])
def test_ordinary_words_survive(redactor, text):
    out, found = redactor.redact(text)
    assert out == text, [(f.kind, f.text) for f in found]


def test_author_label_is_kept():
    r = Redactor(keep=["Sam Taylor"], today=TODAY)
    out, _ = r.redact("Sam Taylor (me) met Jane Smith.")
    assert out == "Sam Taylor (me) met [name]."


@pytest.mark.parametrize("number,ok", [(VALID_NHS, True), (VALID_NHS_2, True),
                                      (VALID_NHS[:9] + str((int(VALID_NHS[9]) + 1) % 10), False),
                                      ("123456789", False), ("abcdefghij", False)])
def test_nhs_checksum(number, ok):
    assert nhs_checksum_ok(number) is ok


def test_invalid_checksum_ten_digits_are_still_removed(redactor):
    bad = VALID_NHS[:9] + str((int(VALID_NHS[9]) + 1) % 10)
    out, found = redactor.redact(f"Hospital number {bad[:3]} {bad[3:6]} {bad[6:]} on the form.")
    assert bad[:3] + " " not in out
    assert all(f.kind != "nhs-number" for f in found)


def test_dates_of_recent_events_are_kept(redactor):
    text = "Incident form done on 14/11/2026 and reviewed 2026-11-20."
    assert redactor.redact(text)[0] == text


@pytest.mark.parametrize("kind,sentence,secret", [
    ("name", "Mr OKAFOR was written on the board.", "OKAFOR"),
    ("dob", "DOB: 12 Mar 41 on the transfer letter.", "12 Mar 41"),
    ("age", "A lady aged eighty-four lives alone.", "eighty-four"),
    ("age", "The eighty-four-year-old man was anxious.", "eighty-four"),
    ("phone", "Her son in Lyon is on +33 6 12 34 56 78.", "+33 6 12 34 56 78"),
    ("phone", "Ward phone 020-7946-0958 rang all night.", "020-7946-0958"),
])
def test_more_forms(redactor, kind, sentence, secret):
    out, _ = redactor.redact(sentence)
    assert secret not in out and f"[{kind}]" in out, out


# -- properties: generated identifiers inside generated filler never survive ----------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

FILLER = st.lists(st.sampled_from(["Today", "the", "handover", "was", "long", "and", "I", "felt", "tired",
                                   "Monday", "ward", "Sister", "nurse", "relative", "rang", "about", "care",
                                   "12", "patients", "3pm", "bay", "4", "March", "2026"]),
                  min_size=0, max_size=8).map(" ".join)


@st.composite
def nhs_numbers(draw):
    while True:
        first9 = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
        total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1)))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            digits = first9 + str(check)
            sep = draw(st.sampled_from(["", " ", "-"]))
            return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}" if sep else digits


mobiles = st.builds(lambda a, b, sep: f"07{a:03d}{sep}{b:06d}", st.integers(0, 999), st.integers(0, 999999),
                    st.sampled_from(["", " ", "-"]))
emails = st.builds(lambda u, d: f"{u}@{d}.org", st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True),
                   st.from_regex(r"[a-z]{2,10}", fullmatch=True))


@settings(max_examples=150, deadline=None)
@given(before=FILLER, after=FILLER, secret=st.one_of(nhs_numbers(), mobiles, emails))
def test_generated_identifiers_never_survive(before, after, secret):
    out, _ = Redactor(today=TODAY).redact(f"{before} {secret} {after}.")
    assert secret not in out
    digits = "".join(c for c in secret if c.isdigit())
    if len(digits) >= 10:
        assert digits not in "".join(c for c in out if c.isdigit())


@settings(max_examples=150, deadline=None)
@given(text=FILLER)
def test_filler_is_left_alone(text):
    assert Redactor(today=TODAY).redact(text)[0] == text

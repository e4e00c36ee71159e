"""Property: whatever people type, the saved entry gives the same answers back through sections()."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect import frontmatter
from reflect.prompting import build_entry
from reflect.templates import load_template, sections

TEMPLATE = load_template("what-so-what-now-what")
TEXT_IDS = [p.id for p in TEMPLATE.prompts if p.kind == "text"]

tricky = st.sampled_from(["---", "## So what?", "```", "key: value", "- item", "# heading", "\r", "\u2028",
                          "<!-- x -->", "@tag", "\t", "  indented", "💬", "Zoë's", "\x0c"])
answer = st.lists(st.one_of(st.text(min_size=0, max_size=40), tricky), min_size=1, max_size=6).map("\n".join)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(TEXT_IDS), answer, min_size=1))
def test_answers_survive_writing_and_reading(answers: dict[str, str]) -> None:
    answers = {k: v for k, v in answers.items() if v.strip()}
    if not answers:
        return
    entry = build_entry(TEMPLATE, answers, when=dt.datetime(2026, 6, 1, 20, tzinfo=dt.timezone.utc))
    again = frontmatter.parse(frontmatter.render(entry))
    assert again.body == entry.body
    got = {pid: text for pid, _heading, text in sections(again, TEMPLATE)}
    headings = {p.question for p in TEMPLATE.prompts}
    for pid, typed in answers.items():
        expected = "\n".join("\\" + line if line.startswith("## ") and line[3:].strip() in headings else line
                             for line in typed.strip("\n").split("\n")).strip()
        assert got[pid] == expected
    assert set(got) == set(answers)

"""Digests: consent first, identifiers out of every format, private entries never leak, the
JSON is versioned and matches the committed schema, and the CLI asks before writing."""
from __future__ import annotations

import datetime as dt
import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reflect.config import Config, save_config
from reflect.digest.build import Author, build_digest, content_hash, make_digest
from reflect.digest.exporters import EXPORTERS, export
from reflect.digest.redact import Redactor
from reflect.journal import Journal
from reflect.models import Encounter

from test_redact import CASES, TODAY

ROOT = Path(__file__).resolve().parent.parent
TZ = dt.timezone.utc
PRIVATE_WORDS = ["zebracorn", "Quillfeather", "marmalade-storm"]


def at(days_ago: int, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(hour), tzinfo=TZ)


def structured(happened: str, learned: str, differently: str, bring: str, gave: str = "", got: str = "") -> str:
    parts = ["Title line", "## What happened?", happened, "## What did I learn?", learned,
             "## What will I do differently?", differently, "## What to bring to supervision?", bring]
    if gave:
        parts += ["## Where was I kind to someone?", gave]
    if got:
        parts += ["## Kindness received from someone", got]
    return "\n".join(parts)


@pytest.fixture
def journal(reflect_home) -> Journal:
    j = Journal(reflect_home)
    j.add(structured("A relative was upset on the phone; I was short with her.",
                     "Explain the plan early.", "Ring back the same day.",
                     "How to stay steady with angry relatives.",
                     gave="Sat with a frightened man for ten minutes.",
                     got="A colleague brought me tea."),
          when=at(10), share=True, title="Sharp with a relative", energy=2,
          encounter=Encounter(who="family member", status="open", note="Still feel bad about it."))
    j.add("Private: zebracorn thoughts. Quillfeather was on my mind, drained and can't switch off. "
          "marmalade-storm.", when=at(6), share=False, energy=1,
          encounter=Encounter(who="colleague zebracorn", status="open", note="Quillfeather argument"))
    j.add(structured("Good team day.", "Ask for help sooner.", "Take my break.", "Workload on nights."),
          when=at(2), share=True, title="Better day", energy=4)
    return j


def made(journal, *, summary=None, omit=None, redactor=None, terms=()):
    return build_digest(journal, journal.scan().entries, start=TODAY - dt.timedelta(days=27), end=TODAY,
                        redactor=redactor or Redactor(terms=list(terms), today=TODAY),
                        author=Author(label="Sam T", role="ward nurse"), omit=omit,
                        now=dt.datetime(2026, 11, 21, 20, 0, tzinfo=TZ), summary=summary)


def all_formats(digest) -> dict[str, str]:
    out = {name: fn(digest) for name, fn in EXPORTERS.items()}
    out["html-text"] = html.unescape(out["html"])
    out["json-text"] = json.dumps(json.loads(out["json"]), ensure_ascii=False)
    return out


# -- consent ---------------------------------------------------------------------------------------
def test_only_shared_entries_give_words_and_sections_are_structured(journal):
    d = made(journal).digest
    assert d.entries_shared == 2 and d.entries_in_period == 3
    assert [e.title for e in d.entries] == ["Sharp with a relative", "Better day"]
    assert [i.text for i in d.formative.learned] == ["Explain the plan early.", "Ask for help sooner."]
    assert [i.text for i in d.formative.do_differently] == ["Ring back the same day.", "Take my break."]
    assert [i.text for i in d.bring] == ["How to stay steady with angry relatives.", "Workload on nights."]
    assert [i.text for i in d.restorative.kindness.given_items] == ["Sat with a frightened man for ten minutes."]
    assert [i.text for i in d.restorative.kindness.received_items] == ["A colleague brought me tea."]
    md = export(d, "md")
    order = [md.index(h) for h in ("## Restorative", "## Formative", "## Normative",
                                   "## To bring to supervision", "## Shared reflections")]
    assert order == sorted(order)
    assert "Sam T, ward nurse" in md


def test_private_entries_never_leak_even_through_summary_evidence(journal):
    entries = {e.title: e for e in journal.scan().entries}
    private = next(e for e in journal.scan().entries if not e.share)
    shared = entries["Sharp with a relative"]
    summary = {
        "burnout": {"level": "moderate", "trend": "rising"},
        "entries": [
            {"id": private.id, "date": private.created.isoformat(), "signals": ["exhaustion", "detachment"],
             "evidence": [{"dimension": "exhaustion", "text": "zebracorn drained Quillfeather"}],
             "crisis": True, "kindness_given": True},
            {"id": shared.id, "date": shared.created.isoformat(), "signals": ["workload"],
             "evidence": [{"dimension": "workload", "text": "short with Mr Okafor"}]},
        ],
        "encounters": {"unresolved": [{"entry": private.id, "date": private.created.isoformat()},
                                      {"entry": shared.id, "date": shared.created.isoformat()}],
                       "resolved": []},
    }
    d = made(journal, summary=summary).digest
    outs = all_formats(d)
    for name, text in outs.items():
        for word in PRIVATE_WORDS:
            assert word.lower() not in text.lower(), (name, word)
        assert private.id not in text, name
        assert "Okafor" not in text, name
    # The patterns are there: dates, dimensions, counts.
    days = d.restorative.burnout.days
    assert {(x.shared, tuple(x.dimensions)) for x in days} == {(False, ("exhaustion", "detachment")),
                                                             (True, ("workload",))}
    assert next(x for x in days if x.shared).evidence == ["short with [name]"]
    assert d.restorative.crisis_entries == 1
    assert d.normative.open == 2
    private_enc = next(e for e in d.normative.encounters if not e.shared)
    assert private_enc.who is None and private_enc.note is None and private_enc.entry is None
    assert d.restorative.burnout.level == "moderate"


def test_private_entries_never_leak_through_the_cli(journal, cli, tmp_path):
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"d.{fmt}"
        result = cli("digest", "--since", "30d", "--format", fmt, "--out", str(out), "--yes")
        assert result.exit_code == 0, result.output
        text = out.read_text()
        for word in PRIVATE_WORDS:
            assert word.lower() not in text.lower(), (fmt, word)
            assert word.lower() not in result.stderr.lower()
        assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("kind,sentence,secret", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_no_identifier_survives_into_md_html_or_json(reflect_home, kind, sentence, secret):
    j = Journal(reflect_home)
    j.add(structured(sentence, f"Learned: {sentence}", sentence, f"Bring: {sentence}", gave=sentence),
          when=at(3), share=True, title=sentence[:60],
          encounter=Encounter(who="relative", status="open", note=sentence))
    result = made(j)
    outs = all_formats(result.digest)
    for name, text in outs.items():
        assert secret not in text, (name, secret)
    assert f"[{kind}]" in outs["md"]
    assert any(r.text.find(secret) >= 0 or secret.find(r.text) >= 0 for r in result.removals)
    assert result.digest.redactions.get(kind, 0) >= 1


def test_config_terms_and_author_label(reflect_home, cli, tmp_path):
    save_config(Config(display_name="Robin K", role="district nurse", redact_terms=["Larch Ward", "Hollins"]))
    j = Journal(reflect_home)
    j.add("Covered Larch Ward. Hollins from pharmacy helped. Robin K (me) stayed late.", when=at(1), share=True)
    out = tmp_path / "d.md"
    assert cli("digest", "--out", str(out), "--yes").exit_code == 0
    text = out.read_text()
    assert "Larch Ward" not in text and "Hollins" not in text
    assert "Supervision digest: Robin K, district nurse" in text


def test_xss_is_escaped_in_html_and_markdown(reflect_home):
    j = Journal(reflect_home)
    j.add('<script>document.title="pwned"</script> hello\n## What did I learn?\n<img src=x onerror=alert(1)>',
          when=at(1), share=True)
    d = made(j).digest
    page = export(d, "html")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    md = export(d, "md")
    assert "<script" not in md.replace("\\<script", "") and "\\<img" in md


def test_html_is_self_contained(journal):
    page = export(made(journal).digest, "html")
    assert "<style>" in page and "@media print" in page and "size: A4" in page
    assert "<svg" in page and 'class="energy"' in page
    for needle in ("http://", "https://", "<link", "<script", "@import", "url("):
        assert needle not in page.replace('xmlns="http://www.w3.org/2000/svg"', ""), needle


def test_omit_sections(journal):
    d = made(journal, omit=["entries", "crisis,kindness", "normative"]).digest
    assert d.entries is None and d.normative is None
    assert d.restorative.kindness is None and d.restorative.crisis_entries is None
    assert d.formative is not None and d.bring is not None
    assert d.omitted == ["entries", "crisis", "kindness", "normative"]
    md = export(d, "md")
    assert "## Shared reflections" not in md and "## Normative" not in md
    assert "Sharp with a relative" not in md


def test_unknown_omit_section_is_a_usage_error(journal, cli):
    result = cli("digest", "--omit", "feelings", "--yes")
    assert result.exit_code == 2
    assert "Unknown section 'feelings'" in result.stderr


# -- JSON: versioned, checksummed, documented by the schema ----------------------------------------
def test_json_is_versioned_checksummed_and_valid_against_the_schema(journal):
    import jsonschema

    data = json.loads(export(made(journal).digest, "json"))
    assert data["version"] == 1
    assert data["sha256"] == content_hash(data)
    schema = json.loads((ROOT / "schema" / "digest.schema.json").read_text())
    jsonschema.validate(data, schema)
    data.pop("period")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_committed_schema_equals_the_generated_one():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_schema.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- the CLI: note, preview, confirmation ----------------------------------------------------------
def test_first_digest_shows_the_note_then_not_again(journal, cli, tmp_path):
    first = cli("digest", "--out", str(tmp_path / "a.md"), "--yes")
    assert first.exit_code == 0, first.output
    assert "not legally privileged" in first.stderr
    assert (journal.root / ".reflect-digest.json").exists()
    second = cli("digest", "--out", str(tmp_path / "b.md"), "--yes")
    assert "not legally privileged" not in second.stderr


def test_help_carries_the_note(cli):
    result = cli("digest", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert "not legally privileged" in flat and "incident reporting" in flat and "not clinical facts" in flat


def test_preview_lists_what_will_be_removed(reflect_home, cli, tmp_path):
    Journal(reflect_home).add("Mr Okafor's son rang 07700 900123.", when=at(1), share=True)
    result = cli("digest", "--out", str(tmp_path / "d.md"), "--yes")
    assert "Mr Okafor" in result.stderr and "[name]" in result.stderr
    assert "07700 900123" in result.stderr and "[phone]" in result.stderr
    text = (tmp_path / "d.md").read_text()
    assert "Okafor" not in text and "07700" not in text


def test_without_yes_and_no_terminal_it_refuses_and_writes_nothing(journal, cli, tmp_path):
    out = tmp_path / "d.md"
    result = cli("digest", "--out", str(out))
    assert result.exit_code == 2
    assert "Confirmation needed" in result.stderr and "--yes" in result.stderr
    assert not out.exists()


def test_no_redact_warns_and_keeps_text(reflect_home, cli, tmp_path):
    Journal(reflect_home).add("Mr Okafor was kind.", when=at(1), share=True)
    out = tmp_path / "d.json"
    result = cli("digest", "--no-redact", "--out", str(out), "--yes")
    assert result.exit_code == 0
    assert "warning" in result.stderr and "--no-redact" in result.stderr
    data = json.loads(out.read_text())
    assert data["redacted"] is False
    assert "Mr Okafor" in out.read_text()
    md = cli("digest", "--no-redact", "--format", "md", "--yes").stdout
    assert "NOT removed" in md


def test_nothing_shared_is_a_clear_error(reflect_home, cli):
    Journal(reflect_home).add("Private only.", when=at(1))
    result = cli("digest", "--yes")
    assert result.exit_code == 2
    assert "marked shared" in result.stderr and "reflect share" in result.stderr


def test_format_from_suffix_and_folder_out(journal, cli, tmp_path):
    assert cli("digest", "--out", str(tmp_path / "x.html"), "--yes").exit_code == 0
    assert (tmp_path / "x.html").read_text().startswith("<!DOCTYPE html>")
    folder = tmp_path / "outdir"
    folder.mkdir()
    assert cli("digest", "--out", str(folder), "--format", "json", "--yes").exit_code == 0
    [made_file] = list(folder.iterdir())
    assert made_file.suffix == ".json"


def test_interactive_confirm_and_choose(journal, tmp_path, subprocess_env):
    pexpect = pytest.importorskip("pexpect")
    from conftest import REFLECT_BIN

    out = tmp_path / "chosen.md"
    child = pexpect.spawn(REFLECT_BIN, ["digest", "--choose", "--out", str(out)], env=subprocess_env,
                          encoding="utf-8", timeout=20, dimensions=(50, 160))
    child.expect("Numbers to share")
    child.sendline("1 2")
    child.expect("Write this digest")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = out.read_text()
    assert "Sharp with a relative" in text
    # Entry 2 (the private one) was chosen now, so its words may go in; entry 3 was made private.
    assert "Better day" not in text
    shared = {e.title: e.share for e in Journal(journal.root).scan().entries}
    assert shared["Better day"] is False


def test_interactive_decline_writes_nothing(journal, tmp_path, subprocess_env):
    pexpect = pytest.importorskip("pexpect")
    from conftest import REFLECT_BIN

    out = tmp_path / "no.md"
    child = pexpect.spawn(REFLECT_BIN, ["digest", "--out", str(out)], env=subprocess_env,
                          encoding="utf-8", timeout=20, dimensions=(50, 160))
    child.expect("Write this digest")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert not out.exists()


def test_make_digest_defaults_to_28_days(journal):
    result = make_digest(start=None, end=TODAY, config=Config(), journal=journal)
    assert (result.digest.period.end - result.digest.period.start).days == 27


def test_with_the_real_summariser_private_words_stay_out(journal):
    """Whatever the summariser returns as evidence, private entries add patterns only."""
    result = make_digest(start=TODAY - dt.timedelta(days=27), end=TODAY, config=Config(), journal=journal)
    days = result.digest.restorative.burnout.days
    assert any(not d.shared and "exhaustion" in d.dimensions for d in days)  # the pattern is there
    for fmt in ("md", "html", "json"):
        text = export(result.digest, fmt)
        for word in PRIVATE_WORDS:
            assert word.lower() not in text.lower()


def test_bad_format_and_bad_period_are_usage_errors(journal, cli):
    bad = cli("digest", "--format", "pdf", "--yes")
    assert bad.exit_code == 2 and "md, html, json" in bad.stderr
    backwards = cli("digest", "--since", "2026-11-20", "--until", "2026-11-01", "--yes")
    assert backwards.exit_code == 2

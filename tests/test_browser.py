"""The HTML digest in a real headless Chromium: it renders, the sections are in the DOM, no
script from journal text runs, and a screenshot is produced (path printed, copy kept in
tests/artifacts/digest.png).

Chromium missing: fails in CI (CI=true), skips locally with the reason.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reflect.config import Config, save_config
from reflect.journal import Journal
from reflect.models import Encounter

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Payloads that would leave a mark no source text contains ("ran" + "!" is never written out).
SCRIPT = "<script>document.body.setAttribute('data-x', 'ran' + '!')</script>"
IMG = "<img src=x onerror=\"document.title='hit'+'ed'; document.body.innerHTML='gone'\">"
SVG = "<svg onload=\"document.body.setAttribute('data-y', 'loa'+'ded')\"></svg>"


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    reason = "chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + "; CI must run the browser test")
    pytest.skip(reason)


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def dump_dom(tmp_path: Path, page: Path) -> str:
    result = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def digest_html(cli, reflect_home, tmp_path) -> Path:
    save_config(Config(display_name="Sam T", role="staff nurse"))
    j = Journal(reflect_home)
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    days = [20, 16, 12, 9, 5, 2]
    for i, ago in enumerate(days):
        when = now - dt.timedelta(days=ago)
        body = (f"Shift {i + 1}.\n## What did I learn?\nAsk for help sooner ({i + 1}).\n"
                "## What will I do differently?\nTake my break.\n"
                "## What to bring to supervision?\nHow I handle pressure at handover.")
        j.add(body, when=when, share=True, energy=[2, 3, 2, 4, 3, 4][i], title=f"Shift {i + 1}")
    j.add(f"Payloads {SCRIPT} and {IMG} and {SVG}\n## What did I learn?\n{SCRIPT}",
          when=now - dt.timedelta(days=1), share=True, title=f"Title {IMG}",
          encounter=Encounter(who=f"relative {SCRIPT}", status="open", note=IMG))
    out = tmp_path / "digest.html"
    result = cli("digest", "--since", "28d", "--format", "html", "--out", str(out), "--yes")
    assert result.exit_code == 0, result.output
    return out


def test_control_chromium_does_run_scripts_in_dump_dom(tmp_path):
    """Without this, 'no script ran' below would prove nothing."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><body><p>control</p>{SCRIPT}</body></html>")
    assert 'data-x="ran!"' in dump_dom(tmp_path, page)


def test_digest_renders_with_sections_and_no_script_runs(digest_html, tmp_path):
    dom = dump_dom(tmp_path, digest_html)
    for section in ("restorative", "formative", "normative", "bring", "entries"):
        assert f'<section id="{section}">' in dom, section
    assert "Supervision digest: Sam T, staff nurse" in dom
    assert "<svg" in dom and 'class="energy"' in dom
    # The injected code did not run ...
    assert 'data-x="ran!"' not in dom
    assert 'data-y="loaded"' not in dom
    assert "<title>hited</title>" not in dom
    # ... and it shows as text instead.
    assert "&lt;script&gt;document.body.setAttribute" in dom
    assert "&lt;img src=x onerror=" in dom
    assert "<script" not in dom.lower()
    assert "<img" not in dom.lower()


def test_screenshot(digest_html, tmp_path, capsys):
    shot = tmp_path / "digest.png"
    result = run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", digest_html.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    ARTIFACTS.mkdir(exist_ok=True)
    kept = ARTIFACTS / "digest.png"
    shutil.copyfile(shot, kept)
    shutil.copyfile(digest_html, ARTIFACTS / "digest.html")
    with capsys.disabled():  # shown in the normal test output, not only with -s
        print(f"\nscreenshot: {shot}\nscreenshot copy: {kept}")


def test_prints_to_a4_pages(digest_html, tmp_path):
    pdf = tmp_path / "digest.pdf"
    result = run_chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", digest_html.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 x 842 points; the print CSS asks for it with @page.
    assert b"/MediaBox [0 0 595" in data or b"/MediaBox [0 0 594.9" in data, data[:2000]

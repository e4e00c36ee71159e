"""Regulator-shaped forms from one entry: the NMC written reflective account and a CPD record.

Both are drawn from the entry's template answers (by shared role: what_happened, learned,
do_differently, supervision ...), anonymised with the digest redactor, and returned as Markdown.
NMC exports are recorded in a small state file in the journal root so `reflect form nmc --list`
can count them toward the five accounts a three-year revalidation cycle needs.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StorageError, UsageError

CODE_THEMES = {
    "people": "Prioritise people",
    "effectively": "Practise effectively",
    "safety": "Preserve safety",
    "trust": "Promote professionalism and trust",
}
_THEME_ALIASES = {
    "prioritise-people": "people", "prioritise": "people", "people": "people",
    "practise-effectively": "effectively", "practise": "effectively", "effectively": "effectively",
    "effective": "effectively", "preserve-safety": "safety", "preserve": "safety", "safety": "safety",
    "promote-professionalism-and-trust": "trust", "promote": "trust", "professionalism": "trust",
    "trust": "trust",
}
STATE_FILE = ".reflect-forms.json"
ACCOUNTS_NEEDED = 5
CYCLE_YEARS = 3
GAP = "_(Not answered in this entry: add a few lines in your own words.)_"


@dataclass
class Form:
    kind: str
    entry_id: str
    markdown: str
    themes: list[str] = field(default_factory=list)
    removals: list = field(default_factory=list)  # Found items (kind, text) removed


def parse_themes(values: list[str] | None) -> list[str]:
    """--theme values (key, full name, or its first word; commas allowed) -> theme keys in order."""
    chosen: list[str] = []
    for raw in values or []:
        for part in raw.split(","):
            key = "-".join(part.strip().lower().split())
            if not key:
                continue
            if key.isdigit() and 1 <= int(key) <= len(CODE_THEMES):
                key = list(CODE_THEMES)[int(key) - 1]
            theme = _THEME_ALIASES.get(key)
            if theme is None:
                raise UsageError(f"Unknown theme of the Code {part.strip()!r}. Themes: "
                                 + "; ".join(f"{k} ({v})" for k, v in CODE_THEMES.items()) + ".")
            if theme not in chosen:
                chosen.append(theme)
    return chosen


def _answers(entry) -> dict[str, list[str]]:
    from .digest.build import answers

    return answers(entry)


def _cleaner(redactor, removals: list):
    def clean(text: str) -> str:
        out, found = redactor.redact(text)
        removals.extend(found)
        return out

    return clean


def _block(texts: list[str], clean) -> str:
    texts = [t.strip() for t in texts if t and t.strip()]
    if not texts:
        return GAP
    return "\n\n".join(_md(clean(t)) for t in texts)


def _md(text: str) -> str:
    from .digest.exporters import md_text

    return md_text(text)


def _nature(entry, ans, clean) -> str:
    texts = list(ans.get("what_happened", []))
    if not texts:
        from .templates import sections

        try:
            texts = [text for pid, heading, text in sections(entry) if pid is None and not heading]
        except Exception:  # noqa: BLE001
            texts = []
        if entry.title:
            texts = [entry.title, *texts]
    return _block(texts, clean)


def _header(title: str, entry, config) -> list[str]:
    who = ", ".join(p for p in (config.display_name, config.role) if p)
    out = [f"# {title}", ""]
    if who:
        out.append(f"**Prepared by:** {who}  ")
    out += [f"**Date of the event or activity:** {entry.created:%d %B %Y}  ",
            f"**Journal entry:** {entry.id}", "",
            "> Written in my own words and anonymised: no one can be identified from this account.", ""]
    return out


def nmc_form(entry, *, themes: list[str], code_note: str | None, redactor, config) -> Form:
    removals: list = []
    clean = _cleaner(redactor, removals)
    ans = _answers(entry)
    chosen = [CODE_THEMES[t] for t in themes]
    changed = ans.get("do_differently", []) + ans.get("carry_forward", []) + ans.get("repair", [])
    out = _header("Written reflective account", entry, config)
    out += ["## 1. What was the nature of the activity, feedback or event?", "", _nature(entry, ans, clean), "",
            "## 2. What did I learn from it?", "", _block(ans.get("learned", []), clean), "",
            "## 3. How did I change or improve my practice as a result?", "", _block(changed, clean), "",
            "## 4. How is this relevant to the Code?", "",
            "Themes: " + ("; ".join(f"**{t}**" for t in chosen) if chosen else "_(choose one or more)_"), ""]
    for t in CODE_THEMES.values():
        out.append(f"- [{'x' if t in chosen else ' '}] {t}")
    out += ["", _md(clean(code_note.strip())) if code_note and code_note.strip() else
            "_(A sentence or two on how this links to the themes you chose.)_", ""]
    return Form("nmc", entry.id, "\n".join(out), themes=list(themes), removals=removals)


def cpd_form(entry, *, peer: str | None, redactor, config) -> Form:
    removals: list = []
    clean = _cleaner(redactor, removals)
    ans = _answers(entry)
    impact = ans.get("do_differently", []) + ans.get("carry_forward", []) + ans.get("repair", [])
    peer_texts = ([peer] if peer else []) + ans.get("supervision", [])
    out = _header("CPD record", entry, config)
    out += ["## What was the activity, and why does it matter to my practice?", "", _nature(entry, ans, clean), "",
            "## What did I learn?", "", _block(ans.get("learned", []), clean), "",
            "## What impact has it had on my practice, and on the people I work with?", "",
            _block(impact, clean), "",
            "## What did I learn from discussing it with a peer?", "", _block(peer_texts, clean), ""]
    return Form("cpd", entry.id, "\n".join(out), removals=removals)


# -- the record of NMC exports --------------------------------------------------------------------
def state_path(root: Path) -> Path:
    return Path(root) / STATE_FILE


def read_state(root: Path) -> dict:
    path = state_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"version": 1, "nmc": [], "cpd": []}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageError(f"{path}: cannot read the record of exported forms ({exc}).",
                           hint="Move the file aside to start a new record.") from None
    if not isinstance(data, dict):
        raise StorageError(f"{path}: the record of exported forms is not a JSON object.")
    data.setdefault("version", 1)
    data.setdefault("nmc", [])
    data.setdefault("cpd", [])
    return data


def record_export(root: Path, form: Form, entry, out: Path | None, when: dt.datetime | None = None) -> dict:
    """Add one export to the state file (atomic write, under a lock)."""
    from .fsutil import LockTimeout, atomic_write, ensure_dir, exclusive_lock

    ensure_dir(Path(root))
    lock = str(state_path(root)) + ".lock"
    try:
        with exclusive_lock(lock, timeout=10):
            data = read_state(root)
            record = {"entry": entry.id, "entry_date": entry.created.date().isoformat(),
                      "exported": (when or dt.datetime.now().astimezone()).replace(microsecond=0).isoformat(),
                      "themes": [CODE_THEMES[t] for t in form.themes],
                      "out": str(out) if out else None}
            data[form.kind].append(record)
            atomic_write(state_path(root), (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except LockTimeout:
        raise StorageError(f"Another reflect process has held {lock} for over 10 s; try again.") from None
    return record


def cycle_start(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year - CYCLE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - CYCLE_YEARS, day=28)

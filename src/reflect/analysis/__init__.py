"""The summariser's per-entry analysis: burnout signals, encounters, repairs, kindness, crisis.

`analyse(entry)` is pure and deterministic; its result (EntryAnalysis) serialises to JSON so the
index can cache it per file. Bump ANALYSIS_VERSION whenever rules or lexicons change.
Cross-entry work (linking repairs to encounters, levels, trends) lives in `reflect.summary`.
"""
from __future__ import annotations

from .model import EntryAnalysis, Evidence

ANALYSIS_VERSION = 48

__all__ = ["ANALYSIS_VERSION", "EntryAnalysis", "Evidence", "analyse", "crisis_in_entry", "crisis_in_text"]


def analyse(entry) -> EntryAnalysis:
    """Analyse one Entry (title, body, energy rating, template answers in the body)."""
    from .entry import analyse_text

    return analyse_text(entry.id, entry.title or "", entry.body or "", energy=entry.energy,
                        version=ANALYSIS_VERSION, year=entry.created.year,
                        ratings=dict(getattr(entry, "ratings", None) or {}))


def crisis_in_text(text: str) -> bool:
    from .entry import analyse_text

    return bool(analyse_text("-", "", text).crisis)


def _crisis_could_match(text: str) -> bool:
    """A cheap first look with the crisis patterns alone, over the whole text (a superset of what the
    sentence-level analysis can find), so saving an ordinary entry never compiles every lexicon."""
    from .entry_gate import crisis_gate
    from .text import _TRANS, clean_lines

    return bool(crisis_gate().search(clean_lines(text.translate(_TRANS)).lower()))


def crisis_in_entry(entry) -> bool:
    """True when the entry holds the writer's own crisis language (not quoted, not someone else's)."""
    if not _crisis_could_match(f"{entry.title or ''}\n{entry.body or ''}"):
        return False
    return bool(analyse(entry).crisis)

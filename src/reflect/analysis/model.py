"""EntryAnalysis: everything the summariser needs from one entry, cacheable as JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

_DIMENSIONS = ("exhaustion", "detachment", "inefficacy", "compassion_fatigue", "workload")


@dataclass(slots=True)
class Evidence:
    kind: str      # a dimension, "strong"/"weak", a repair `how`, "given"/"received", "crisis"
    words: str     # the words that matched
    quote: str     # the sentence they came from (trimmed)

    def to_json(self) -> dict:
        return {"kind": self.kind, "words": self.words, "quote": self.quote}


@dataclass(slots=True)
class EntryAnalysis:
    """Per-entry findings. Pure function of the entry (text + front matter) and ANALYSIS_VERSION."""

    version: int
    entry_id: str
    signals: list[Evidence] = field(default_factory=list)          # burnout evidence, kind = dimension
    encounter: list[Evidence] = field(default_factory=list)        # kind = strong | weak
    encounter_score: int = 0
    encounter_people: list[str] = field(default_factory=list)
    repair: list[Evidence] = field(default_factory=list)           # kind = apologised | cleared-the-air | ...
    repair_people: list[str] = field(default_factory=list)
    repair_named: list[str] = field(default_factory=list)     # people in the apology sentences themselves
    repair_unnamed: bool = False                              # some apology sentence names nobody
    repair_follows: bool = False       # the repair comes after the entry's own encounter ("snapped... went back, said sorry")
    people: list[str] = field(default_factory=list)
    maybe_people: list[str] = field(default_factory=list)     # sentence-initial capitalised words (names?)
    kindness_given: list[Evidence] = field(default_factory=list)
    kindness_received: list[Evidence] = field(default_factory=list)
    crisis: list[Evidence] = field(default_factory=list)
    words: int = 0

    @property
    def dimensions(self) -> list[str]:
        if not self.signals:
            return []
        have = {s.kind for s in self.signals}
        return [d for d in _DIMENSIONS if d in have]

    @property
    def difficult_encounter(self) -> bool:
        return self.encounter_score >= 2

    @property
    def has_crisis(self) -> bool:
        return bool(self.crisis)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "EntryAnalysis":
        ev = ("signals", "encounter", "repair", "kindness_given", "kindness_received", "crisis")
        kw = dict(d)
        for key in ev:
            kw[key] = [Evidence(**e) for e in d.get(key, [])]
        return cls(**kw)

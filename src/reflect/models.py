"""The journal's data: strict models for front matter, config-free and colour-free."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .tags import clean_tags

EncounterStatus = Literal["open", "talked-over", "repair-planned", "repaired", "let-go"]
RepairHow = Literal["apologised", "followed-up", "cleared-the-air", "let-go"]
CLOSED_STATUSES = frozenset({"repaired", "let-go"})

# Front-matter keys in the order they are written, so files read the same way every time.
FRONT_MATTER_ORDER = (
    "id", "created", "updated", "title", "template", "tags", "share", "starred",
    "energy", "mood", "ratings", "encounter", "follow_up_of", "source",
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Encounter(Strict):
    """A difficult encounter recorded in an entry. `who` is a role, never a name."""

    who: str | None = None
    status: EncounterStatus = "open"
    resolved_by: str | None = None  # id of the entry that records the repair
    how: RepairHow | None = None
    note: str | None = None

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("needs a timezone offset, e.g. 2026-11-21T18:30:00+00:00")
    return value


class Entry(Strict):
    """One reflection: its front matter fields, its Markdown body, and where it lives."""

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    created: dt.datetime
    updated: dt.datetime | None = None
    title: str = ""
    template: str | None = None
    tags: list[str] = Field(default_factory=list)
    share: bool = False
    starred: bool = False
    energy: int | None = Field(default=None, ge=1, le=5)
    mood: int | None = Field(default=None, ge=1, le=5)
    ratings: dict[str, int] = Field(default_factory=dict)
    encounter: Encounter | None = None
    follow_up_of: str | None = None
    source: str | None = None

    body: str = Field(default="", exclude=True)
    path: Path | None = Field(default=None, exclude=True)
    # Keys a person added by hand (e.g. Obsidian's `aliases`): kept verbatim, written back after ours.
    extra: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @field_validator("created", "updated")
    @classmethod
    def _check_aware(cls, v: dt.datetime | None) -> dt.datetime | None:
        return None if v is None else _aware(v)

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, v: Any) -> Any:
        if v is None:
            return []
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list):
            return clean_tags(v)
        return v

    @property
    def encounter_open(self) -> bool:
        return self.encounter is not None and not self.encounter.closed

    @property
    def day(self) -> dt.date:
        return self.created.date()

    def front_matter(self) -> dict[str, Any]:
        """The mapping written as YAML: always the core keys, optional ones only when set."""
        data = self.model_dump(mode="python", exclude_none=True)
        data.setdefault("updated", self.created)
        for key in ("ratings",):
            if not data.get(key):
                data.pop(key, None)
        if data.get("encounter"):
            data["encounter"] = {k: v for k, v in data["encounter"].items() if v is not None}
        ordered = {k: data[k] for k in FRONT_MATTER_ORDER if k in data}
        ordered.update(self.extra)
        return ordered

    def as_json(self) -> dict[str, Any]:
        """The stable shape `list --json` and `search --json` print (documented in the README)."""
        return {
            "id": self.id,
            "date": self.created.isoformat(),
            "title": self.title,
            "body": self.body,
            "tags": list(self.tags),
            "template": self.template,
            "share": self.share,
            "starred": self.starred,
            "energy": self.energy,
            "mood": self.mood,
            "encounter": self.encounter.model_dump(exclude_none=True) if self.encounter else None,
            "follow_up_of": self.follow_up_of,
            "path": str(self.path) if self.path else None,
        }

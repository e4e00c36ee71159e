"""How a tag is written down: one rule for the models and for the quick `add` path."""
from __future__ import annotations

import re

_LEAD = re.compile(r"^[\s#@]+")


def clean_tags(tags: list) -> list[str]:
    """Leading '#', '@' and spaces dropped, empty ones left out. Idempotent (a tag read back is the
    tag written) and never empty: "#" or " @ " is no tag."""
    cleaned = (_LEAD.sub("", str(t)).strip() for t in tags)
    return [t for t in cleaned if t]

"""What reflect remembers about digests made from this journal (so the first one carries the note)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

STATE_FILE = ".reflect-digest.json"


def state_path(root: Path) -> Path:
    return Path(root) / STATE_FILE


def first_digest(root: Path) -> bool:
    return not state_path(root).exists()


def record_digest(root: Path) -> None:
    """Count the digest and keep the first and last dates; written atomically, owner-only."""
    from ..fsutil import atomic_write

    path = state_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    data.setdefault("first_digest", now)
    data["last_digest"] = now
    data["digests_made"] = int(data.get("digests_made", 0)) + 1
    atomic_write(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))

"""Read digest JSON files back for `reflect digest view`: validate, or say exactly what is wrong."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .build import VERSION, Digest, content_hash


@dataclass
class Loaded:
    path: Path
    digest: Digest | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.digest is not None


def load_digest(path: Path) -> Loaded:
    """One file -> Loaded with either the digest or a one-sentence problem."""
    from pydantic import ValidationError

    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(path, problem="no such file")
    except IsADirectoryError:
        return Loaded(path, problem="is a folder, not a digest file")
    except OSError as exc:
        return Loaded(path, problem=f"cannot be read ({exc.strerror or exc})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Loaded(path, problem="not UTF-8 text (is it the Markdown or HTML digest? view reads the JSON one)")
    except json.JSONDecodeError as exc:
        hint = " (view reads JSON digests: make one with --format json)" if raw.lstrip()[:1] in (b"#", b"<") else ""
        return Loaded(path, problem=f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}){hint}")
    if not isinstance(data, dict):
        return Loaded(path, problem="not a digest (expected a JSON object)")
    if "version" not in data:
        return Loaded(path, problem="not a digest (no 'version' field)")
    if data.get("version") != VERSION:
        return Loaded(path, problem=f"digest version {data.get('version')!r} is not supported "
                                    f"(this reflect reads version {VERSION})")
    try:
        digest = Digest.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        kind = "missing field" if err["type"] == "missing" else "invalid field"
        detail = "" if err["type"] == "missing" else f": {err['msg']}"
        more = len(exc.errors()) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return Loaded(path, problem=f"{kind} '{where}'{detail}{extra}")
    if not data.get("sha256"):
        return Loaded(path, problem="no content checksum (sha256): cannot tell whether it was changed")
    if content_hash(data) != data["sha256"]:
        return Loaded(path, problem="content does not match its checksum: the file was changed after it was made")
    return Loaded(path, digest=digest)


def load_many(paths: list[Path]) -> list[Loaded]:
    return [load_digest(Path(p)) for p in paths]

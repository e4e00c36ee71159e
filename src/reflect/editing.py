"""Editing in the user's own editor, without ever losing what they typed."""
from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .errors import EntryError, ReflectError, UsageError
from .fsutil import FILE_MODE, atomic_write, ensure_dir
from .journal import Journal
from .models import Entry


@dataclass
class EditResult:
    entry: Entry
    changed: bool


def editor_command() -> list[str]:
    from .config import load_config

    configured = load_config().editor or os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if configured:
        return shlex.split(configured)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError("No editor found. Set $EDITOR (e.g. export EDITOR=nano) or `reflect config set editor nano`.")


def run_editor(path: Path) -> None:
    command = editor_command() + [str(path)]
    try:
        result = subprocess.run(command, check=False)
    except FileNotFoundError:
        raise UsageError(f"The editor {command[0]!r} was not found. Set $EDITOR to one that is installed.") from None
    if result.returncode != 0:
        raise ReflectError(f"The editor exited with status {result.returncode}; nothing was changed.")


def private_copy(folder: Path, name: str, data: bytes) -> Path:
    ensure_dir(folder)
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


def edit_entry(journal: Journal, ref: str, *, ask_again=None) -> EditResult:
    """Edit a copy; if it still parses, replace the entry atomically; if not, keep the copy and say why.

    In an encrypted journal the plaintext copy lives in a private (0700 folder, 0600 file),
    memory-backed temporary folder where the system has one, and is always removed afterwards;
    text that does not parse is kept encrypted in .drafts/ instead.
    """
    entry = journal.get(ref)
    assert entry.path is not None
    store = journal.store
    original = store.decode(store.read_bytes(entry.path), entry.path)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    workdir = None
    if store.encrypted:
        from .crypto import private_workdir

        workdir = private_workdir()
        draft = private_copy(workdir, f"edit-{entry.id}.md", original)
    else:
        draft = private_copy(journal.root / ".drafts", f"edit-{entry.id}-{stamp}.md", original)
    try:
        while True:
            run_editor(draft)
            data = draft.read_bytes()
            if data == original:
                draft.unlink(missing_ok=True)
                return EditResult(entry, False)
            try:
                updated = frontmatter.parse(data, entry.path)
                if updated.id != entry.id:
                    raise EntryError(entry.path, f"the id was changed from '{entry.id}' to '{updated.id}'")
            except EntryError as exc:
                if ask_again is not None and ask_again(exc.problem):
                    continue
                kept = draft
                if workdir is not None:
                    kept = journal.root / ".drafts" / f"edit-{entry.id}-{stamp}.md.age"
                    ensure_dir(kept.parent)
                    atomic_write(kept, store.encode(data, kept))
                raise ReflectError(
                    f"Not saved: {exc.problem}. Your edited text is kept in {kept}.",
                    hint=f"The entry itself is unchanged. Fix the copy, then copy it over {entry.path}."
                    if workdir is None else "The entry itself is unchanged; the kept copy is encrypted "
                    "with the journal's key (age -d can open it).",
                ) from None
            path = store.rewrite(entry.path, data)
            written = getattr(journal, "_written", None)
            if callable(written):
                written()
            draft.unlink(missing_ok=True)
            updated.path = path
            return EditResult(updated, True)
    except BaseException:
        if workdir is None and draft.exists() and draft.read_bytes() == original:
            draft.unlink(missing_ok=True)
        raise
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)

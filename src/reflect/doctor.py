"""`reflect doctor`: read every file, report each problem with its path, repair what is safe."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import DIR_MODE, FILE_MODE, temp_is_abandoned
from .journal import open_journal

SYNCED_HINTS = ("dropbox", "onedrive", "icloud", "google drive", "googledrive", "mobile documents", "nextcloud", "box sync")


@dataclass
class DoctorResult:
    root: Path
    entries: int = 0
    problems: list[str] = field(default_factory=list)   # make the journal unhealthy
    repaired: list[str] = field(default_factory=list)   # fixed in place (permissions, temp files)
    notes: list[str] = field(default_factory=list)      # worth knowing, not unhealthy
    reindexed: int | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems


def check(reindex: bool = False) -> DoctorResult:
    journal = open_journal()
    result = DoctorResult(root=journal.root)
    if not journal.root.exists():
        result.notes.append(f"No journal yet at {journal.root}; it is created with your first entry.")
        return result
    store = journal.store
    for tmp in store.temp_files():
        if not temp_is_abandoned(tmp):
            result.notes.append(f"{tmp}: being written by a reflect command that is still running; left alone")
            continue
        try:
            tmp.unlink()
            result.repaired.append(f"{tmp}: removed a temporary file left by an interrupted write")
        except FileNotFoundError:
            pass
        except OSError as exc:
            result.problems.append(f"{tmp}: leftover temporary file could not be removed ({exc.strerror})")
    entries, problems = store.scan()
    result.entries = len(entries)
    result.problems.extend(str(p) for p in problems)
    _permissions(journal.root, result)
    _location(journal.root, result)
    if reindex:
        try:
            from .index import rebuild
        except ImportError:
            pass
        else:
            result.reindexed = rebuild(journal)
    return result


def _permissions(root: Path, result: DoctorResult) -> None:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if d != ".cache"]
        _fix_mode(Path(dirpath), DIR_MODE, result)
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            _fix_mode(path, FILE_MODE, result)


def _fix_mode(path: Path, wanted: int, result: DoctorResult) -> None:
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
    except OSError:
        return
    if mode & 0o077:
        try:
            os.chmod(path, wanted)
            result.repaired.append(f"{path}: permissions {oct(mode)} tightened to {oct(wanted)} (owner only)")
        except OSError as exc:
            result.problems.append(f"{path}: readable by others ({oct(mode)}) and could not be fixed ({exc.strerror})")


def _location(root: Path, result: DoctorResult) -> None:
    lowered = str(root.resolve()).lower()
    for hint in SYNCED_HINTS:
        if hint in lowered:
            result.notes.append(f"The journal is inside a synced folder ({hint}): copies of your reflections "
                                "may be kept by that service. Consider `reflect encrypt` or moving it.")
            break
    parent = root.resolve().parent
    try:
        if stat.S_IMODE(parent.stat().st_mode) & 0o002:
            result.notes.append(f"{parent} is writable by everyone on this computer; the journal folder "
                                "itself is private, but consider a private location.")
    except OSError:
        pass

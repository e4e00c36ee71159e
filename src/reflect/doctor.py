"""`reflect doctor`: read every file, report each problem with its path, repair what is safe."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import DIR_MODE, FILE_MODE, temp_is_abandoned
from .errors import LockedError
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
    _permissions(journal.root, result)
    _location(journal.root, result)
    if store.encrypted:
        _encryption(journal, result)
    try:
        entries, problems = store.scan()
    except LockedError as exc:
        result.problems.append(f"{journal.root}: encrypted and locked, so the entries were not checked "
                               f"({exc.message})")
        return result
    result.entries = len(entries)
    result.problems.extend(str(p) for p in problems)
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
        dirnames.sort()  # .cache holds the index, which contains entry text: it is checked too
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


SYNC_MARKERS = {".dropbox": "Dropbox", ".dropbox.cache": "Dropbox", ".stfolder": "Syncthing",
                ".sync": "Resilio Sync", ".nextcloudsync.log": "Nextcloud", ".owncloudsync.log": "ownCloud",
                ".sync_journal.db": "Nextcloud/ownCloud"}


def _sync_marker(folder: Path) -> str | None:
    """A sync client's marker file or folder in the journal folder or any folder above it."""
    for candidate in (folder, *folder.parents):
        for name, service in SYNC_MARKERS.items():
            if service and (candidate / name).exists():
                return f"{service}, {candidate}"
    return None


def _location(root: Path, result: DoctorResult) -> None:
    lowered = str(root.resolve()).lower()
    for hint in SYNCED_HINTS:
        if hint in lowered:
            result.notes.append(f"The journal is inside a synced folder ({hint}): copies of your reflections "
                                "may be kept by that service. Consider `reflect encrypt` or moving it.")
            break
    else:
        marker = _sync_marker(root.resolve())
        if marker is not None:
            result.notes.append(f"The journal is inside a synced folder ({marker}): copies of your reflections "
                                "may be kept on other devices or servers. Consider `reflect encrypt` or moving it.")
    parent = root.resolve().parent
    try:
        if stat.S_IMODE(parent.stat().st_mode) & 0o002:
            result.notes.append(f"{parent} is writable by everyone on this computer; the journal folder "
                                "itself is private, but consider a private location.")
    except OSError:
        pass


def _encryption(journal, result: DoctorResult) -> None:
    """An encrypted journal: finish-me hints for interrupted conversions, and no plaintext left about."""
    from . import crypto

    store = journal.store
    pairs = store.both_forms()
    if pairs:
        result.notes.append(f"{len(pairs)} entries exist both plain and encrypted (an interrupted "
                            "`reflect encrypt` or `decrypt`); run it again to finish. Nothing is lost.")
    plain = [p for p in store.iter_paths() if not p.name.endswith(crypto.ENC_SUFFIX)]
    if plain:
        result.notes.append(f"{len(plain)} entries are still plain Markdown in an encrypted journal; "
                            "run `reflect encrypt` again to encrypt them.")
    drafts = journal.root / ".drafts"
    if drafts.is_dir():
        loose = [p for p in drafts.rglob("*") if p.is_file() and not p.name.endswith(crypto.ENC_SUFFIX)]
        if loose:
            result.notes.append(f"{len(loose)} unencrypted draft(s) in {drafts}: finish or delete them.")
    try:
        from .index import index_file

        stale = index_file(journal.root)
        if stale.exists():
            from .index import Index

            Index(journal).destroy()
            result.repaired.append(f"{stale}: removed a search index (an encrypted journal keeps none)")
    except Exception:  # noqa: BLE001 - the index is optional
        pass
    _stale_edit_copies(result)


def _stale_edit_copies(result: DoctorResult) -> None:
    """Decrypted copies left by a `reflect edit` that was killed: removed once their process is gone."""
    import re
    import shutil

    from .crypto import _cache_dir

    base = _cache_dir()
    if not base.is_dir():
        return
    for folder in base.glob("edit-*"):
        match = re.match(r"edit-(\d+)-", folder.name)
        if not match or not folder.is_dir():
            continue
        try:
            os.kill(int(match.group(1)), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        result.repaired.append(f"{folder}: removed a decrypted copy left by an interrupted `reflect edit`")

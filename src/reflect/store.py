"""The journal on disk: one Markdown file per entry under entries/YYYY/MM/.

JournalStore knows files only: naming, atomic create/replace, reading, walking. It never needs
an index; the index (index.py) is derived from what this class reads.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

from .errors import EntryError, NotFoundError, StorageError, UsageError
from .fsutil import DIR_MODE, FILE_MODE, atomic_create, atomic_write, ensure_dir, is_temp
from .paths import ENCRYPTED_MARKER, ENTRIES_DIR, ENTRY_SUFFIX
if TYPE_CHECKING:  # pragma: no cover - models (Pydantic, YAML) load when an entry is read or written
    from .models import Entry

ENCRYPTED_SUFFIX = ".age"  # crypto.ENC_SUFFIX (a test keeps them equal): reading a plain file never loads crypto


MAX_ENTRY_BYTES = 10 * 1024 * 1024  # a larger file is refused, never read into memory


def new_id() -> str:
    """Eight lowercase hex digits: short to type, random so two writers never collide in practice."""
    return os.urandom(4).hex()  # what secrets.token_hex(4) does, without loading hmac and OpenSSL


def slugify(text: str, limit: int = 48) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "entry"


class Problem:
    """A file the journal could not use, and why. Reading commands warn; doctor reports."""

    __slots__ = ("path", "message")

    def __init__(self, path: Path, message: str) -> None:
        self.path, self.message = path, message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and (self.path, self.message) == (other.path, other.message)

    __hash__ = None  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class JournalStore:
    """Plain Markdown by default; an encrypted journal (marker file present) stores `*.md.age`.

    Reading follows each file's own suffix, so a journal part-way through `reflect encrypt` or
    `reflect decrypt` reads fully; when both forms of one entry exist (a conversion interrupted
    between writing the new form and removing the old) only the store's own form is read.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.entries = self.root / ENTRIES_DIR
        self.cipher = None
        self.suffix = ENTRY_SUFFIX
        if (self.root / ENCRYPTED_MARKER).exists():  # crypto (and age) load only for encrypted journals
            from . import crypto

            self.cipher = crypto.JournalCipher.load(self.root)
            self.suffix = ENTRY_SUFFIX + crypto.ENC_SUFFIX

    @property
    def encrypted(self) -> bool:
        """True for an encrypted journal: nothing derived (index, caches) may hold its text."""
        return self.cipher is not None

    # -- writing -----------------------------------------------------------------------------
    def ensure(self) -> None:
        ensure_dir(self.root)
        ensure_dir(self.entries)
        for folder in (self.root, self.entries):
            try:
                if folder.stat().st_mode & 0o077:
                    os.chmod(folder, DIR_MODE)
            except OSError:
                pass

    def folder_for(self, created: dt.datetime) -> Path:
        return self.entries / f"{created.year:04d}" / f"{created.month:02d}"

    def create(self, entry: Entry) -> Entry:
        """Write a new entry under a fresh name; never overwrites another file."""
        entry.path = self.create_file(entry.created, entry.title or entry.body[:60],
                                      lambda: _frontmatter().render(entry))
        return entry

    def create_file(self, created: dt.datetime, name: str, render) -> Path:
        """Write a new entry file (bytes from `render()`) under a fresh name made from its date and
        `name`, in this store's form; never overwrites another file. Returns its path."""
        self.ensure()
        folder = self.folder_for(created)
        ensure_dir(folder.parent)
        ensure_dir(folder)
        stem = f"{created.strftime('%Y-%m-%dT%H%M%S')}-{slugify(name)}"
        data = self.encode(render(), folder / (stem + ENTRY_SUFFIX))
        other = ENTRY_SUFFIX if self.encrypted else ENTRY_SUFFIX + ".age"
        for attempt in range(1000):
            base = stem + (f"-{attempt + 1}" if attempt else "")
            path = folder / (base + self.suffix)
            if (folder / (base + other)).exists():
                continue  # the other form of this name exists (a conversion in progress): never pair with it
            if atomic_create(path, data):
                return path
        raise StorageError(f"Could not find a free file name for {stem} in {folder}.")

    def replace(self, entry: Entry) -> Entry:
        if entry.path is None:
            raise StorageError("Entry has no file to replace.")
        entry.path = self.rewrite(entry.path, _frontmatter().render(entry))
        return entry

    def rewrite(self, path: Path, plaintext: bytes) -> Path:
        """Replace an entry file's content atomically, in this store's form; returns the file's path.

        In an encrypted journal a plain file left by an interrupted conversion is written as
        `<name>.age` first and only then removed, so the entry always exists in one form.
        """
        path = Path(path)
        self.check_inside(path)
        target = self.storage_path(path)
        atomic_write(target, self.encode(plaintext, target))
        if target != path:
            path.unlink(missing_ok=True)
        return target

    def storage_path(self, path: Path) -> Path:
        from .crypto import ENC_SUFFIX

        name = path.name
        if self.encrypted and not name.endswith(ENC_SUFFIX):
            return path.with_name(name + ENC_SUFFIX)
        if not self.encrypted and name.endswith(ENTRY_SUFFIX + ENC_SUFFIX):
            raise StorageError(f"{path} is encrypted but this journal is not marked as encrypted "
                               f"({self.root / '.reflect-encrypted'} is missing); not overwriting it.")
        return path

    def delete(self, entry: Entry) -> None:
        if entry.path is not None:
            self.check_inside(entry.path)
            entry.path.unlink(missing_ok=True)

    # -- encoding hooks (encryption plugs in here) -------------------------------------------
    def encode(self, data: bytes, path: Path) -> bytes:
        """Bytes to store for an entry's plaintext: age-encrypted in an encrypted journal."""
        if self.cipher is None:
            return data
        return self.cipher.encrypt(data)

    def decode(self, data: bytes, path: Path) -> bytes:
        """Plaintext of a stored file, by the file's own form (`.md.age` is decrypted)."""
        if not str(path).endswith(ENCRYPTED_SUFFIX):
            return data
        if self.cipher is None:
            raise EntryError(path, "encrypted entry, but this journal is not marked as encrypted "
                                   "(.reflect-encrypted is missing); not read")
        return self.cipher.decrypt(data, path)

    # -- reading -----------------------------------------------------------------------------
    def check_inside(self, path: Path) -> Path:
        """Refuse paths that leave the journal (../, absolute elsewhere, symlinks out)."""
        try:
            resolved = path.resolve()
            resolved.relative_to(self.root.resolve())
        except (ValueError, OSError):
            raise UsageError(f"{path} is outside the journal folder {self.root}; refusing.") from None
        return resolved

    def read(self, path: Path) -> Entry:
        return _frontmatter().parse(self.decode(self.read_bytes(path), path), path)

    def read_for_index(self, path: Path):
        """read(), except that a file in the plain form `reflect add` writes comes back as a
        quickwrite.PlainEntry (the attributes the index stores) without loading YAML or Pydantic:
        the first `list` after an `add` then costs what any other `list` does."""
        data = self.decode(self.read_bytes(path), path)
        from .quickwrite import read_plain

        quick = None if self.encrypted else read_plain(data, Path(path))
        return quick if quick is not None else _frontmatter().parse(data, path)

    def read_bytes(self, path: Path) -> bytes:
        """A file's raw bytes, refusing anything that is not a plain file inside the journal.

        The symlink check comes first (lstat, never following); the file is then opened with
        O_NOFOLLOW | O_NONBLOCK so a link swapped in afterwards, a FIFO or a device is refused
        rather than followed or blocked on, and the size is taken from the open descriptor.
        """
        path = Path(path)
        target = path
        try:
            link = stat.S_ISLNK(path.lstat().st_mode)
        except FileNotFoundError:
            raise EntryError(path, "file disappeared while reading") from None
        except OSError as exc:
            raise EntryError(path, f"cannot be read ({exc.strerror or exc})") from None
        if link:
            resolved = self.check_inside_soft(path)
            if resolved is None:
                raise EntryError(path, "symbolic link pointing outside the journal; not followed")
            if resolved.is_dir():
                raise EntryError(path, "symbolic link to a folder; not followed")
            target = resolved
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(target, flags)
        except FileNotFoundError:
            raise EntryError(path, "file disappeared while reading") from None
        except PermissionError:
            raise EntryError(path, "permission denied") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise EntryError(path, "symbolic link; not followed") from None
            raise EntryError(path, f"cannot be read ({exc.strerror or exc})") from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise EntryError(path, "is a folder, not an entry file")
            if not stat.S_ISREG(info.st_mode):
                raise EntryError(path, "not a regular file; not read")
            if info.st_size > MAX_ENTRY_BYTES:
                raise EntryError(path, "file is larger than 10 MB; not read")
            chunks = []
            remaining = MAX_ENTRY_BYTES + 1
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            data = b"".join(chunks)
        except OSError as exc:
            raise EntryError(path, f"cannot be read ({exc.strerror or exc})") from None
        finally:
            os.close(fd)
        if len(data) > MAX_ENTRY_BYTES:
            raise EntryError(path, "file is larger than 10 MB; not read")
        return data

    def check_inside_soft(self, path: Path) -> Path | None:
        try:
            return self.check_inside(path)
        except UsageError:
            return None

    def iter_paths(self) -> Iterator[Path]:
        """Every candidate entry file, in name (= date) order. Temp files are skipped."""
        if not self.entries.is_dir():
            return
        encrypted_suffix = ENTRY_SUFFIX + ".age"
        for dirpath, dirnames, filenames in os.walk(self.entries, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in list(dirnames):
                if os.path.islink(os.path.join(dirpath, name)):
                    # A linked folder is never walked into; yield it so the reader names it in a warning.
                    dirnames.remove(name)
                    yield Path(dirpath) / name
            present = set(filenames)
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                if name.endswith(encrypted_suffix):
                    if not self.encrypted and name[: -len(".age")] in present:
                        continue  # both forms (interrupted decrypt): the plain one is read
                elif name.endswith(ENTRY_SUFFIX):
                    if self.encrypted and name + ".age" in present:
                        continue  # both forms (interrupted encrypt): the encrypted one is read
                else:
                    continue
                yield Path(dirpath) / name

    def both_forms(self) -> list[Path]:
        """Plain files that also exist encrypted (or the reverse): an interrupted conversion."""
        pairs = []
        if self.entries.is_dir():
            for dirpath, _dirnames, filenames in os.walk(self.entries, followlinks=False):
                present = set(filenames)
                pairs.extend(Path(dirpath) / n for n in sorted(filenames)
                             if n.endswith(ENTRY_SUFFIX) and n + ".age" in present)
        return pairs

    def temp_files(self) -> list[Path]:
        """Temporary files left anywhere in the journal (never following symlinked folders)."""
        if not self.root.is_dir():
            return []
        found = []
        for dirpath, _dirnames, filenames in os.walk(self.root, followlinks=False):
            found.extend(Path(dirpath) / name for name in filenames if is_temp(Path(name)))
        return sorted(found)

    def scan(self) -> tuple[list[Entry], list[Problem]]:
        """Read every entry file. Bad files become Problems; none is modified."""
        entries: list[Entry] = []
        problems: list[Problem] = []
        seen: dict[str, Path] = {}
        for path in self.iter_paths():
            try:
                entry = self.read(path)
            except EntryError as exc:
                problems.append(Problem(path, exc.problem))
                continue
            if entry.id in seen:
                problems.append(Problem(path, f"duplicate id '{entry.id}' (also in {seen[entry.id]}); skipped"))
                continue
            seen[entry.id] = path
            entries.append(entry)
        entries.sort(key=lambda e: (e.created, e.id))
        return entries, problems

    def find(self, ref: str) -> Entry:
        """An entry by id, unique id prefix, or 'latest' — by reading the files (index-free)."""
        validate_ref(ref)
        entries, _ = self.scan()
        return pick(entries, ref)


def validate_ref(ref: str) -> str:
    if not ref or "/" in ref or "\\" in ref or ref.startswith(".") or os.path.isabs(ref):
        raise UsageError(f"{ref!r} is not an entry id (ids look like 3f9a2c1b; 'latest' also works).")
    return ref


def pick(entries: list[Entry], ref: str) -> Entry:
    if not entries:
        raise NotFoundError("The journal has no entries yet. Start one with `reflect new`.")
    if ref == "latest":
        return max(entries, key=lambda e: (e.created, e.id))
    exact = [e for e in entries if e.id == ref]
    if exact:
        return exact[0]
    matches = [e for e in entries if e.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"No entry with id {ref!r}. `reflect list` shows ids.")
    raise UsageError(f"{ref!r} matches {len(matches)} entries; type more of the id.")


__all__ = ["JournalStore", "Problem", "new_id", "slugify", "FILE_MODE"]


def _frontmatter():
    from . import frontmatter

    return frontmatter

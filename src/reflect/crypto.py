"""Optional encryption at rest, with age (https://age-encryption.org) through pyrage.

No home-made cryptography: each entry is a standard age file (`*.md.age`, X25519 recipient,
ChaCha20-Poly1305), readable with the `age` command-line tool too. The journal has one age
identity (secret key). It is kept either

- in the journal, encrypted with the user's passphrase (`.reflect-key.age`, age's scrypt
  passphrase mode), so unlocking costs one scrypt per command (or once per `reflect unlock`); or
- outside the journal in a key file the user keeps (a USB stick, a password manager export),
  named by $REFLECT_KEY_FILE or the `key_file` setting.

`.reflect-encrypted` (TOML) marks the journal and holds the public recipient only, so `reflect
add` can encrypt new entries without asking for the passphrase. Plain Markdown stays the default.

See docs/encryption.md for the threat model.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EntryError, LockedError, StorageError, UsageError
from .fsutil import FILE_MODE, atomic_write, ensure_dir

MARKER = ".reflect-encrypted"
KEY_FILE = ".reflect-key.age"
ENC_SUFFIX = ".age"
PLAIN_SUFFIX = ".md"
FORMAT = "age-x25519"


# -- the marker ----------------------------------------------------------------------------------
@dataclass
class Marker:
    recipient: str
    key: str = "passphrase"      # "passphrase": identity in KEY_FILE; "file": identity in a key file outside
    created: str = ""
    format: str = FORMAT
    version: int = 1

    def dump(self) -> bytes:
        lines = [
            "# This journal is encrypted with age (https://age-encryption.org). Entries are *.md.age files.",
            "# This file holds the public key only. `reflect decrypt` turns the journal back into plain Markdown.",
            f'format = "{self.format}"',
            f"version = {self.version}",
            f'recipient = "{self.recipient}"',
            f'key = "{self.key}"',
            f'created = "{self.created}"',
        ]
        return ("\n".join(lines) + "\n").encode("utf-8")


def is_encrypted(root: Path) -> bool:
    return (Path(root) / MARKER).exists()


def read_marker(root: Path) -> Marker:
    import tomllib

    path = Path(root) / MARKER
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        marker = Marker(recipient=str(data["recipient"]), key=str(data.get("key", "passphrase")),
                        created=str(data.get("created", "")), format=str(data.get("format", FORMAT)),
                        version=int(data.get("version", 1)))
    except FileNotFoundError:
        raise StorageError(f"{path} is missing; the journal is not encrypted.") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"{path} cannot be read ({exc}); it marks the journal as encrypted.") from None
    if marker.format != FORMAT or marker.version != 1:
        raise StorageError(f"{path}: unknown encryption format {marker.format!r} v{marker.version}.")
    _recipient(marker.recipient, path)
    return marker


def _recipient(text: str, where: Path | str):
    from pyrage import x25519

    try:
        return x25519.Recipient.from_str(text)
    except Exception:  # noqa: BLE001 - pyrage raises its own RecipientError/ValueError
        raise StorageError(f"{where}: {text!r} is not an age public key.") from None


# -- identities ----------------------------------------------------------------------------------
def parse_identity(text: str, where: Path | str):
    """An age X25519 identity from age-keygen's format (comments and a AGE-SECRET-KEY-1… line)."""
    from pyrage import x25519

    for line in text.splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-"):
            try:
                return x25519.Identity.from_str(line)
            except Exception:  # noqa: BLE001
                break
    raise LockedError(f"{where} does not hold an age secret key (a line starting AGE-SECRET-KEY-).")


def identity_text(identity) -> str:
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return (f"# reflect journal key, created {now}\n# public key: {identity.to_public()}\n"
            f"# Keep this file private and backed up: without it the journal cannot be read.\n{identity}\n")


def key_file_path() -> Path | None:
    value = os.environ.get("REFLECT_KEY_FILE")
    if not value:
        from .config import load_config

        value = getattr(load_config(), "key_file", None)
    return Path(value).expanduser() if value else None


def _private_read(path: Path) -> str:
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LockedError(f"The key file {path} does not exist.",
                          hint="Check $REFLECT_KEY_FILE or `reflect config set key_file PATH`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LockedError(f"The key file {path} cannot be read ({getattr(exc, 'strerror', None) or exc}).") from None
    if stat.S_IMODE(info.st_mode) & 0o077:
        from .render import warn

        warn(f"the key file {path} is readable by other users; run `chmod 600 {path}`")
    return text


# -- the unlock cache (`reflect unlock`) ---------------------------------------------------------
def _cache_dir() -> Path:
    """Memory-backed if possible: $XDG_RUNTIME_DIR (per user, tmpfs, cleared at logout), else /dev/shm."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "reflect"
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / f"reflect-{os.getuid()}"
    import tempfile

    return Path(tempfile.gettempdir()) / f"reflect-{os.getuid()}"


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(Path(root).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return _cache_dir() / f"unlocked-{key}.json"


def _private_cache_dir() -> Path:
    """The cache folder, created 0700 and checked to be a real folder we own (it may sit in /dev/shm)."""
    folder = _cache_dir()
    ensure_dir(folder)
    info = folder.lstat()
    if info.st_uid != os.getuid() or not stat.S_ISDIR(info.st_mode):
        raise StorageError(f"{folder} is not a private folder of yours; not keeping anything there.")
    os.chmod(folder, 0o700)
    return folder


def remember(root: Path, identity, minutes: float) -> Path:
    _private_cache_dir()
    path = _cache_file(root)
    payload = {"expires": time.time() + minutes * 60, "identity": str(identity)}
    atomic_write(path, json.dumps(payload).encode("utf-8"))
    return path


def forget(root: Path) -> bool:
    path = _cache_file(root)
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed


def _remembered(root: Path, recipient: str):
    path = _cache_file(root)
    try:
        info = path.lstat()
    except OSError:
        return None
    if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077):
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if float(payload["expires"]) < time.time():
            path.unlink(missing_ok=True)
            return None
        identity = parse_identity(payload["identity"], path)
    except (OSError, ValueError, KeyError, TypeError, LockedError):
        return None
    return identity if str(identity.to_public()) == recipient else None


# -- passphrases ---------------------------------------------------------------------------------
def passphrase_from_env() -> str | None:
    return os.environ.get("REFLECT_PASSPHRASE") or None


def ask_passphrase(prompt: str = "Journal passphrase: ", *, confirm: bool = False) -> str:
    env = passphrase_from_env()
    if env:
        return env
    if not sys.stdin.isatty():
        raise LockedError("This journal is encrypted and no passphrase is available.",
                          hint="Run it in a terminal to be asked, set REFLECT_PASSPHRASE, use a key file "
                               "($REFLECT_KEY_FILE), or `reflect unlock` first.")
    import getpass

    first = getpass.getpass(prompt)
    if confirm:
        if len(first) < 8:
            raise UsageError("Please choose a passphrase of at least 8 characters (a few words is best).")
        if getpass.getpass("Same passphrase again: ") != first:
            raise UsageError("The two passphrases differ; nothing was changed.")
    if not first:
        raise LockedError("No passphrase given; the journal stays locked.")
    return first


def unlock_with_passphrase(root: Path, passphrase: str):
    from pyrage import passphrase as age_passphrase

    path = Path(root) / KEY_FILE
    try:
        sealed = path.read_bytes()
    except FileNotFoundError:
        raise LockedError(f"{path} is missing, so the passphrase cannot unlock this journal.",
                          hint="If you keep the key in a file, set $REFLECT_KEY_FILE.") from None
    try:
        text = age_passphrase.decrypt(sealed, passphrase).decode("utf-8")
    except Exception:  # noqa: BLE001 - pyrage.DecryptError; one message for every failure
        raise LockedError("That passphrase does not unlock this journal.") from None
    return parse_identity(text, path)


# -- the cipher a JournalStore uses -------------------------------------------------------------
@dataclass
class JournalCipher:
    root: Path
    marker: Marker
    _identity: object | None = field(default=None, repr=False)

    @classmethod
    def load(cls, root: Path) -> "JournalCipher":
        return cls(Path(root), read_marker(root))

    @property
    def recipient(self) -> str:
        return self.marker.recipient

    def encrypt(self, data: bytes) -> bytes:
        import pyrage

        try:
            return pyrage.encrypt(data, [_recipient(self.recipient, self.root / MARKER)])
        except Exception as exc:  # noqa: BLE001
            raise StorageError(f"Could not encrypt ({exc}).") from None

    def decrypt(self, data: bytes, path: Path | str) -> bytes:
        import pyrage

        identity = self.identity()
        try:
            return pyrage.decrypt(data, [identity])
        except Exception:  # noqa: BLE001 - pyrage.DecryptError: wrong key, truncated or damaged
            raise EntryError(path, "cannot be decrypted with this journal's key (damaged, or another key)") from None

    def has_identity(self) -> bool:
        return self._identity is not None

    def set_identity(self, identity) -> None:
        if str(identity.to_public()) != self.recipient:
            raise LockedError("That key is not this journal's key (its public key differs).")
        self._identity = identity

    def identity(self, *, interactive: bool = True):
        """The secret key: key file, then `reflect unlock`'s cache, then passphrase (env or prompt)."""
        if self._identity is not None:
            return self._identity
        key_path = key_file_path()
        if key_path is not None:
            self.set_identity(parse_identity(_private_read(key_path), key_path))
            return self._identity
        remembered = _remembered(self.root, self.recipient)
        if remembered is not None:
            self._identity = remembered
            return remembered
        if self.marker.key == "file":
            raise LockedError("This journal is encrypted with a key file and none was given.",
                              hint="Set $REFLECT_KEY_FILE or `reflect config set key_file PATH`.")
        if not interactive and not passphrase_from_env():
            raise LockedError("This journal is encrypted and locked.")
        self.set_identity(unlock_with_passphrase(self.root, ask_passphrase()))
        return self._identity


# -- converting a journal ------------------------------------------------------------------------
@dataclass
class Conversion:
    converted: int = 0
    already: int = 0
    skipped: list[str] = field(default_factory=list)   # files left as they were, and why
    notes: list[str] = field(default_factory=list)


def _entry_files(root: Path) -> list[Path]:
    found = []
    entries = Path(root) / "entries"
    for dirpath, dirnames, filenames in os.walk(entries, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / n for n in sorted(filenames) if not n.startswith("."))
    return found


def _convert_one(store, path: Path, target: Path, data: bytes) -> None:
    """New form first (atomic, fsynced), then the old one goes: never a moment with neither."""
    from .fsutil import _fsync_dir

    atomic_write(target, data)
    path.unlink()
    _fsync_dir(path.parent)


def setup(root: Path, *, key_file: Path | None = None, passphrase: str | None = None) -> tuple[Marker, Path | None]:
    """Create the identity and the marker (key first, marker last). Returns the marker and key file."""
    from pyrage import passphrase as age_passphrase
    from pyrage import x25519

    root = Path(root)
    ensure_dir(root)
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    if key_file is not None:
        key_file = key_file.expanduser()
        try:
            key_file.resolve().relative_to(root.resolve())
        except ValueError:
            pass
        else:
            raise UsageError(f"{key_file} is inside the journal folder; keep the key file somewhere else "
                             "(a USB stick, your password manager), or it protects nothing.")
        if key_file.exists():
            identity = parse_identity(_private_read(key_file), key_file)
        else:
            identity = x25519.Identity.generate()
            if not key_file.parent.exists():
                ensure_dir(key_file.parent)
            atomic_write(key_file, identity_text(identity).encode("utf-8"))
        marker = Marker(recipient=str(identity.to_public()), key="file", created=now)
    else:
        if not passphrase:
            raise UsageError("A passphrase is needed to encrypt the journal.")
        identity = x25519.Identity.generate()
        sealed = age_passphrase.encrypt(identity_text(identity).encode("utf-8"), passphrase)
        atomic_write(root / KEY_FILE, sealed)
        marker = Marker(recipient=str(identity.to_public()), key="passphrase", created=now)
    atomic_write(root / MARKER, marker.dump())
    return marker, key_file


def encrypt_journal(journal, *, key_file: Path | None = None, passphrase_getter=None) -> Conversion:
    """Turn every readable plain entry into an age file. Safe to interrupt and run again."""
    from .store import JournalStore

    root = journal.root
    result = Conversion()
    if not is_encrypted(root):
        if key_file is None and passphrase_getter is not None:
            passphrase = passphrase_getter()
        else:
            passphrase = None
        setup(root, key_file=key_file, passphrase=passphrase)
    elif key_file is not None and read_marker(root).key != "file":
        result.notes.append("The journal was already encrypted with a passphrase (finishing an earlier run); "
                            "--key-file was not used.")
    store = JournalStore(root)
    journal.store = store
    for path in _entry_files(root):
        if path.name.endswith(PLAIN_SUFFIX + ENC_SUFFIX):
            result.already += 1
            continue
        if not path.name.endswith(PLAIN_SUFFIX):
            continue
        sealed = path.with_name(path.name + ENC_SUFFIX)
        if sealed.exists():
            # An earlier run wrote the encrypted form and was stopped before removing this one. The
            # encrypted form is what every command has read (and edited) since: keep it, drop this.
            path.unlink()
            result.converted += 1
            continue
        try:
            data = store.read_bytes(path)
            from . import frontmatter

            frontmatter.parse(data, path)
        except EntryError as exc:
            result.skipped.append(f"{path}: {exc.problem} — left unencrypted; fix or move it, then run "
                                  "`reflect encrypt` again")
            continue
        _convert_one(store, path, path.with_name(path.name + ENC_SUFFIX), store.cipher.encrypt(data))
        result.converted += 1
    _drop_index(journal)
    drafts = [p for p in (root / ".drafts").rglob("*") if p.is_file()] if (root / ".drafts").is_dir() else []
    plain_drafts = [p for p in drafts if not p.name.endswith(ENC_SUFFIX)]
    if plain_drafts:
        result.notes.append(f"{len(plain_drafts)} unfinished draft(s) in {root / '.drafts'} are not encrypted; "
                            "finish them (`reflect new --resume`) or delete them.")
    return result


def decrypt_journal(journal) -> Conversion:
    """Turn every age entry back into plain Markdown, then remove the key and marker. Re-runnable."""
    from .store import JournalStore

    root = journal.root
    result = Conversion()
    if not is_encrypted(root):
        leftover = root / KEY_FILE
        if leftover.exists():
            leftover.unlink()
            result.notes.append(f"Removed {leftover}, left by an earlier interrupted `reflect decrypt`.")
        else:
            result.notes.append("The journal is not encrypted; nothing to do.")
        return result
    store = JournalStore(root)
    journal.store = store
    store.cipher.identity()  # unlock once, before touching anything
    for path in _entry_files(root):
        if not path.name.endswith(PLAIN_SUFFIX + ENC_SUFFIX):
            if path.name.endswith(PLAIN_SUFFIX):
                result.already += 1
            continue
        target = path.with_name(path.name[: -len(ENC_SUFFIX)])
        try:
            data = store.decode(store.read_bytes(path), path)
        except EntryError as exc:
            result.skipped.append(f"{path}: {exc.problem} — left encrypted")
            continue
        _convert_one(store, path, target, data)
        result.converted += 1
    if result.skipped:
        result.notes.append("Some files could not be decrypted, so the journal stays marked encrypted; "
                            "the key is kept. Fix or move them, then run `reflect decrypt` again.")
        return result
    (root / MARKER).unlink()            # from here the journal reads as plain Markdown
    (root / KEY_FILE).unlink(missing_ok=True)
    forget(root)
    return result


def _drop_index(journal) -> None:
    """An encrypted journal keeps no index: a plaintext one from before must go."""
    try:
        from .index import Index
    except ImportError:
        return
    try:
        Index(journal).destroy()
    except Exception:  # noqa: BLE001 - best effort; the index module also refuses encrypted journals
        pass


def private_workdir() -> Path:
    """A fresh 0700 folder for a decrypted copy, memory-backed where the system offers one."""
    import tempfile

    try:
        base = _private_cache_dir()
        return Path(tempfile.mkdtemp(prefix=f"edit-{os.getpid()}-", dir=base))
    except (OSError, StorageError):
        return Path(tempfile.mkdtemp(prefix="reflect-edit-"))


__all__ = ["MARKER", "KEY_FILE", "ENC_SUFFIX", "JournalCipher", "Marker", "encrypt_journal", "decrypt_journal",
           "is_encrypted", "remember", "forget", "FILE_MODE"]

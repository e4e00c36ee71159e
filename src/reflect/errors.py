"""One error type for everything the user can cause; the CLI turns it into a message and exit code."""
from __future__ import annotations


class ReflectError(Exception):
    """An expected problem, explained in one sentence. `exit_code` follows sysexits loosely."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ReflectError):
    """Bad input on the command line (unknown template, invalid date, empty entry)."""

    exit_code = 2


class NotFoundError(ReflectError):
    """An id, template or file that does not exist."""

    exit_code = 3


class EntryError(ReflectError):
    """A journal file that cannot be read as an entry. Carries the file's path."""

    exit_code = 4

    def __init__(self, path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class TemplateError(ReflectError):
    """A prompt template file that does not validate."""

    exit_code = 4


class StorageError(ReflectError):
    """The journal folder cannot be written (permissions, disk full, read-only)."""

    exit_code = 5


class LockedError(ReflectError):
    """Encrypted journal and no key available."""

    exit_code = 6

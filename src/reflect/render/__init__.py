"""Rendering: Rich for people, plain JSON for scripts. Models never know about colours."""
from __future__ import annotations

import sys
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


def console(stderr: bool = False):
    """A Rich console; Rich itself honours NO_COLOR, TERM=dumb and non-terminal output."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def warn(message: str) -> None:
    from .plain import Painter, clean

    err = Painter(sys.stderr)
    err.line(err("warning:", "yellow"), " ", clean(message))


def error(message: str, hint: str | None = None) -> None:
    from .plain import Painter, clean

    err = Painter(sys.stderr)
    err.line(err("error:", "bold red"), " ", clean(message))
    if hint:
        err.line(err(clean(hint), "dim"))


def problems(items) -> None:
    for item in items:
        warn(f"skipped {item.path}: {item.message} (run `reflect doctor` for details)")


def failure(exc: BaseException) -> int:
    """The one place a failure becomes a message on stderr and an exit code."""
    from ..errors import ReflectError

    if isinstance(exc, ReflectError):
        error(exc.message, exc.hint)
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        error("Interrupted; nothing half-written was kept.")
        return 130
    error(f"Unexpected problem: {type(exc).__name__}: {exc}",
          "Your journal files were not changed by this error. Set REFLECT_DEBUG=1 to see details.")
    return 70

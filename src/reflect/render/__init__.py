"""Rendering: Rich for people, plain JSON for scripts. Models never know about colours."""
from __future__ import annotations

import json
import sys
from typing import Any


def console(stderr: bool = False):
    """A Rich console; Rich itself honours NO_COLOR, TERM=dumb and non-terminal output."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def warn(message: str) -> None:
    from rich.markup import escape

    console(stderr=True).print(f"[yellow]warning:[/yellow] {escape(message)}", soft_wrap=True)


def error(message: str, hint: str | None = None) -> None:
    from rich.markup import escape

    err = console(stderr=True)
    err.print(f"[bold red]error:[/bold red] {escape(message)}", soft_wrap=True)
    if hint:
        err.print(f"[dim]{escape(hint)}[/dim]", soft_wrap=True)


def problems(items) -> None:
    for item in items:
        warn(f"skipped {item.path}: {item.message} (run `reflect doctor` for details)")

"""`reflect demo`: a sample journal in a folder of its own, and a tour of what reflect does with it."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Optional

import typer


def demo(
    folder: Optional[Path] = typer.Option(None, "--dir", help="Write the sample journal here (a new or empty folder) "
                                                              "instead of a fresh temporary one."),
    remove: bool = typer.Option(False, "--remove", help="Delete the sample journal when the tour ends."),
) -> None:
    """Try reflect on a sample journal, without touching your own.

    Writes three weeks of invented end-of-day reflections by a community nurse (energy ratings,
    a bad day and its repair, kindness given and received, a few entries shared for supervision)
    into a temporary folder, then shows them listed, one entry in full, the summary and a
    supervision digest. Your own journal, settings and drafts are never read or written.

    Examples:

      reflect demo

      reflect demo --dir /tmp/reflect-sample

      reflect demo --remove
    """
    import shutil
    import tempfile

    from rich.markup import escape
    from rich.rule import Rule

    from ..demo import DISPLAY_NAME, check_target, isolated_home, write_demo_journal
    from ..render import console

    out = console()
    if folder is None:
        root = Path(tempfile.mkdtemp(prefix="reflect-demo-"))
    else:
        root = check_target(folder)
    with isolated_home(root):
        entries = write_demo_journal(root)
        out.print(f"[bold]A sample journal[/bold]: {len(entries)} reflections by {escape(DISPLAY_NAME)}, "
                  f"a {escape('community nurse')}, over the last three weeks.")
        out.print(f"[dim]Written to {escape(str(root))}. Your own journal is not touched.[/dim]")

        out.print(Rule("reflect list", style="dim"))
        _run(["list"])

        bad_day = next(e for e in entries if e.template == "bad-day-and-repair")
        out.print(Rule(f"reflect show {bad_day.id}", style="dim"))
        _run(["show", bad_day.id])

        shown_summary = shown_digest = False
        if _available("summary"):
            out.print(Rule("reflect summary", style="dim"))
            shown_summary = _run(["summary", "--days", "28"])
        if _available("digest"):
            out.print(Rule("reflect digest --yes   (only the entries marked shared; names removed)", style="dim"))
            digest_file = root / "supervision-digest.md"
            shown_digest = _run(["digest", "--yes", "--format", "md", "--out", str(digest_file)])
            if shown_digest and digest_file.is_file():
                _excerpt(out, digest_file)

        out.print(Rule(style="dim"))
        home = escape(str(root))
        prog = escape(_program())
        if not remove:
            out.print(f"Explore it: [bold]REFLECT_HOME={home} {prog} list[/bold] "
                      f"(then show, search, tags{', summary' if shown_summary else ''}"
                      f"{', digest' if shown_digest else ''}).")
        out.print(f"Start your own: [bold]{prog} new[/bold] for the end-of-day reflection, "
                  f"[bold]{prog} templates list[/bold] for the others "
                  f"(e.g. [bold]{prog} new -t bad-day-and-repair[/bold]).")
    if remove:
        shutil.rmtree(root, ignore_errors=True)
        out.print("[dim]The sample journal was deleted.[/dim]")
    else:
        out.print(f"[dim]The sample journal stays in {escape(str(root))} until you delete it.[/dim]")


def _program() -> str:
    """How to type `reflect` here: plain `reflect` when it is on PATH, else the path that was used."""
    import shutil
    import sys

    used = sys.argv[0] if sys.argv else ""
    if Path(used).name != "reflect":
        return "reflect"
    found = shutil.which("reflect")
    if found and Path(found).resolve() == Path(used).resolve():
        return "reflect"
    return used


def _excerpt(out, path: Path, stop: str = "## Shared reflections") -> None:
    """The digest's overview sections, not the full text of every shared entry."""
    from rich.markdown import Markdown
    from rich.markup import escape

    text = path.read_text(encoding="utf-8")
    head, found, _ = text.partition(stop)
    out.print(Markdown(head.rstrip()))
    if found:
        out.print(f"[dim]… then the shared entries in full. The whole digest: {escape(str(path))}[/dim]")


def _available(module: str) -> bool:
    """A command module that exists in this build (summary and digest arrive separately)."""
    try:
        return importlib.util.find_spec(f"reflect.{module}") is not None \
            and importlib.util.find_spec(f"reflect.cli.{module}") is not None
    except (ImportError, ValueError):
        return False


def _run(args: list[str]) -> bool:
    """Run one reflect command in this process (REFLECT_HOME already points at the sample)."""
    from ..render import warn

    from . import app

    try:
        app(args, prog_name="reflect", standalone_mode=False)
    except SystemExit as exc:
        if exc.code not in (0, None):
            warn(f"`reflect {' '.join(args)}` stopped with status {exc.code}; the demo carries on.")
            return False
    except Exception as exc:  # noqa: BLE001 - one part of the tour failing must not end it
        code = getattr(exc, "exit_code", None)
        if code in (0, None) and type(exc).__name__ == "Exit":
            return True
        warn(f"`reflect {' '.join(args)}` could not run here ({type(exc).__name__}: {exc}); skipped.")
        return False
    return True


def register(app: typer.Typer) -> None:
    app.command()(demo)

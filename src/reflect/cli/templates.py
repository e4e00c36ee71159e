"""Guided reflections: `reflect new`, and `reflect templates list|show|new`."""
from __future__ import annotations

from typing import Optional

import typer

from . import common

templates_app = typer.Typer(
    help="The guided reflections `reflect new` can use, and your own versions of them.\n\n"
         "Examples:\n\n"
         "  reflect templates list\n\n"
         "  reflect templates show bad-day-and-repair\n\n"
         "  reflect templates new my-shift",
    no_args_is_help=True,
)


def new(
    template: Optional[str] = typer.Option(None, "--template", "-t",
                                           help="Which guided reflection (default: end-of-day, or your config's default_template)."),
    date: Optional[str] = typer.Option(None, "--date", "-d",
                                       help="When it happened: ISO or 'yesterday', 'last friday', '3d'."),
    editor: bool = typer.Option(False, "--editor", "-e",
                                help="Write in $VISUAL/$EDITOR on a Markdown skeleton instead of answering one by one."),
    resume: bool = typer.Option(False, "--resume", "-r", help="Continue the latest unfinished draft."),
) -> None:
    """Write a guided reflection, one question at a time.

    Answer each question and press Enter on an empty line to move on; press Enter straight away
    to skip a question. Your answers are saved as a draft after each one, so Ctrl-C or a closed
    terminal loses nothing: `reflect new --resume` carries on (plain `reflect new` offers to
    as well). At the end you are asked whether the entry may be shared in a supervision digest
    (the default is no). Pasted text keeps its blank lines.

    Examples:

      reflect new

      reflect new --template bad-day-and-repair

      reflect new --date yesterday --template gibbs

      reflect new --editor

      reflect new --resume
    """
    from .. import prompting
    from ..errors import UsageError
    from ..render import console

    out = console()
    when = common.moment(date)
    if resume and (editor or template or date):
        raise UsageError("--resume continues a draft as it was started; leave out --template, --date and --editor.")
    if editor:
        from ..templates import load_template

        result = prompting.run_editor_flow(load_template(template), when)
        from ..render import warn

        for message in result.warnings:
            warn(message)
        if result.entry is None:
            out.print(result.message)
            raise typer.Exit(1)
        from ..errors import ReflectError

        try:
            saved = prompting.save_entry(result.entry)
        except ReflectError as exc:
            if result.kept is not None:
                exc.hint = " ".join(filter(None, [exc.hint, f"What you wrote is kept in {result.kept}."]))
            raise
        if result.kept is not None:
            result.kept.unlink(missing_ok=True)
        _finish(saved)
        return
    if resume:
        tmpl, draft = prompting.resume()
    else:
        tmpl, draft = prompting.start(template, when)
    prompting.require_terminal()
    io = prompting.TerminalIO()
    prompting.install_hangup_handler()
    if not resume and prompting.list_drafts() and date is not None:
        out.print("[dim]You also have an unfinished draft; `reflect new --resume` continues it.[/dim]")
    elif not resume and prompting.list_drafts():
        choice = prompting.offer_draft(io, template)
        if choice is None:
            out.print("Stopped; nothing was saved.")
            raise typer.Exit(130)
        if choice is not False:
            tmpl, draft = choice
            resume = True
    if resume:
        from rich.markup import escape

        out.print(f"Resuming your [bold]{escape(tmpl.title)}[/bold] draft from "
                  f"{escape(draft.started[:16].replace('T', ' '))} ({len(draft.answers)} answered so far).")
    outcome = prompting.run_guided(tmpl, draft, io)
    if outcome.entry is None:
        if not prompting.terminal_closed():
            try:
                out.print()
                out.print(outcome.message)
            except OSError:  # the terminal went away as we stopped; the draft is already kept
                pass
        raise typer.Exit(130 if outcome.interrupted else 1)
    saved = prompting.save_entry(outcome.entry)
    if outcome.draft is not None:
        outcome.draft.discard()
    out.print()
    _finish(saved)


def _finish(entry) -> None:
    from ..analysis import crisis_in_entry
    from ..render.entries import added

    added(entry, crisis=crisis_in_entry(entry))


@templates_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """The templates available: packaged ones and your own.

    Example:

      reflect templates list
    """
    from rich.markup import escape

    from ..render import console, print_json, warn
    from ..templates import list_templates

    infos, problems = list_templates()
    for problem in problems:
        warn(problem.message)
    if as_json:
        print_json([{"name": i.template.name, "title": i.template.title, "purpose": i.template.purpose,
                     "prompts": len(i.template.prompts), "origin": i.origin, "path": str(i.path)}
                    for i in infos])
        return
    from rich.table import Table

    from ..config import load_config

    default = load_config().default_template
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("name", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("questions", justify="right")
    table.add_column("", style="dim")
    for info in infos:
        note = [] if info.origin == "packaged" else ["yours" if info.origin == "user" else "your version"]
        if info.template.name == default:
            note.append("default")
        table.add_row(info.template.name, escape(info.template.title), str(len(info.template.prompts)),
                      ", ".join(note))
    out = console()
    out.print(table)
    out.print("[dim]`reflect templates show NAME` for the questions; `reflect new -t NAME` to write one.[/dim]")


@templates_app.command("show")
def show(name: str = typer.Argument(..., help="Template name, e.g. end-of-day."),
         as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show a template's purpose and questions.

    Example:

      reflect templates show kindness-and-compassion
    """
    from rich.markup import escape

    from ..render import console, print_json
    from ..templates import template_info

    info = template_info(name)
    t = info.template
    if as_json:
        print_json({**t.model_dump(mode="json", exclude_none=True), "origin": info.origin, "path": str(info.path)})
        return
    out = console()
    out.print(f"[bold]{escape(t.title)}[/bold] [dim]({t.name})[/dim]")
    out.print(escape(t.purpose))
    out.print()
    for number, prompt in enumerate(t.prompts, start=1):
        kind = prompt.kind if prompt.kind != "scale" else "scale 1-5"
        extras = [kind]
        if prompt.maps_to:
            extras.append(f"→ {prompt.maps_to}")
        if prompt.ask_if:
            extras.append(f"only if yes to {prompt.ask_if}")
        out.print(f"{number:>2}. {escape(prompt.question)} [dim]({escape(', '.join(extras))}; id {prompt.id})[/dim]")
        if prompt.guidance:
            out.print(f"    [dim]{escape(prompt.guidance)}[/dim]")
        for i, choice in enumerate(prompt.choices or [], start=1):
            out.print(f"    [dim]{i}. {escape(choice.label)}[/dim]")
    out.print()
    out.print(f"[dim]{escape(str(info.path))}[/dim]")


@templates_app.command("new")
def new_template(
    name: str = typer.Argument(..., help="Name for your template (lowercase, digits and '-')."),
    source: Optional[str] = typer.Option(None, "--from", help="Template to start from (default: the one called NAME, else end-of-day)."),
) -> None:
    """Copy a starting template into your templates folder for editing, and print its path.

    Using the name of a packaged template makes your own version of it, used instead of ours.

    Examples:

      reflect templates new night-shift --from end-of-day

      reflect templates new gibbs
    """
    from rich.markup import escape

    from ..render import console
    from ..templates import create_user_template

    path = create_user_template(name, source)
    out = console()
    out.print(f"Created {escape(str(path))}")
    out.print(f"[dim]Edit it, then `reflect templates show {name}` checks it and `reflect new -t {name}` uses it.[/dim]")


def register(app: typer.Typer) -> None:
    app.command()(new)
    app.add_typer(templates_app, name="templates")

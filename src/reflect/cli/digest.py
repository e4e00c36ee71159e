"""Commands: `reflect digest` (make one), `reflect digest view FILE...`, `reflect form nmc|cpd`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import common

NOTE = ("Reflections are personal. Record learning and actions, not clinical facts. "
        "Reflections are not legally privileged. Incidents belong in your organisation's "
        "incident reporting, not here.")

digest_app = typer.Typer(
    invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None,
    help=("Make a supervision digest from the entries you chose to share, or view digests.\n\n"
          f"{NOTE}\n\n"
          "Only entries marked shared (`reflect share ID`, `add --share`, or --choose) give their "
          "words; private entries add patterns only (dates and counts). Names, emails, phone and NHS "
          "numbers, dates of birth, ages, postcodes, addresses and your own redact_terms are removed "
          "before anything is written, and you see what will be removed before you confirm.\n\n"
          "Examples:\n\n"
          "  reflect digest --since '4 weeks ago' --format html --out digest.html\n\n"
          "  reflect digest --format json --out digest.json --yes\n\n"
          "  reflect digest --omit entries --omit crisis\n\n"
          "  reflect digest view digest.json\n\n"
          "  reflect digest view caseload/*.json --show 2"),
)
form_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None,
    help=("Regulator-shaped forms from one entry, anonymised, in Markdown.\n\n"
          "Examples:\n\n"
          "  reflect form nmc 3f9a --theme people --theme safety --out account1.md\n\n"
          "  reflect form nmc --list\n\n"
          "  reflect form cpd 3f9a --peer 'Talked it through with a colleague...'"),
)


@digest_app.callback()
def digest(
    ctx: typer.Context,
    since: Optional[str] = typer.Option(None, "--since", "-s", metavar="WHEN", help="From this day (default: 28 days ago)."),
    until: Optional[str] = typer.Option(None, "--until", "-u", metavar="WHEN", help="Up to this day (default: today)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="md|html|json", help="md, html or json (default: from --out's suffix, else md)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="PATH", help="Write to this file (or folder) instead of standard output."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Don't ask for confirmation (for scripts)."),
    no_redact: bool = typer.Option(False, "--no-redact", help="Keep identifiers in. Only if you are sure: the digest may then identify people."),
    omit: Optional[list[str]] = typer.Option(None, "--omit", metavar="SECTION", help="Leave a section out (repeatable or comma-separated): restorative, formative, normative, bring, entries, burnout, rhythm, kindness, crisis, learned, do-differently, encounters."),
    choose: bool = typer.Option(False, "--choose", help="Pick which entries of the period to share, interactively."),
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    make(since=since, until=until, fmt=fmt, out=out, yes=yes, no_redact=no_redact, omit=omit or [],
         choose=choose)


def make(*, since, until, fmt, out, yes, no_redact, omit, choose) -> None:
    from ..config import load_config
    from ..digest.build import make_digest, normalise_omit
    from ..digest.exporters import SUFFIXES, export, exporter
    from ..errors import UsageError
    from ..journal import open_journal
    from ..render import console, warn
    from ..render import digest as view

    start, end = common.period(since, until, None, default_days=28)
    fmt = _format(fmt, out)
    exporter(fmt)
    omit = normalise_omit(omit)
    journal = open_journal()
    config = load_config()
    interactive = sys.stdin.isatty()
    if choose:
        if not interactive:
            raise UsageError("--choose needs a terminal to ask which entries to share.",
                             hint="Mark entries with `reflect share ID` instead.")
        _choose(journal, start, end)
    if out is not None and out.is_dir():
        out = out / f"digest-{start}-{end}{SUFFIXES[fmt]}"
    made = make_digest(start=start, end=end, redact=not no_redact, omit=omit, journal=journal, config=config)
    if made.digest.entries_shared == 0:
        raise UsageError(f"No entries between {start} and {end} are marked shared, so there is nothing to put "
                         "in a digest.", hint="Share entries with `reflect share ID`, or run with --choose.")
    if no_redact:
        warn("--no-redact: names, numbers and addresses in your shared entries will go into the digest "
             "unchanged. Use this only if the digest stays with you.")
    from ..digest.state import first_digest, record_digest

    if first_digest(journal.root):
        view.note(NOTE)
    view.preview(made, fmt=fmt, out_path=out, redacted=not no_redact)
    if not yes:
        if not interactive:
            raise UsageError("Confirmation needed before writing a digest, and there is no terminal to ask in.",
                             hint="Check the preview above, then run again with --yes.")
        if not typer.confirm("Write this digest?", default=True, err=True):
            console(stderr=True).print("Nothing written.")
            raise typer.Exit(1)
    text = export(made.digest, fmt)
    from ..fsutil import atomic_write

    if out is not None:
        atomic_write(out, text.encode("utf-8"))
        console(stderr=True).print(f"Wrote {out}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    record_digest(journal.root)


def _format(fmt: str | None, out: Path | None) -> str:
    if fmt:
        return fmt.lower().lstrip(".")
    if out is not None and out.suffix.lower() in (".md", ".html", ".htm", ".json", ".markdown"):
        return {".htm": "html", ".markdown": "md"}.get(out.suffix.lower(), out.suffix.lower()[1:])
    return "md"


def _choose(journal, start, end) -> None:
    """Ask which entries of the period to share; the answer becomes each entry's `share`."""
    import re

    from ..errors import UsageError
    from ..render import console

    entries = journal.select(since=start, until=end).entries
    if not entries:
        raise UsageError(f"No entries between {start} and {end}.")
    err = console(stderr=True)
    for i, e in enumerate(entries, 1):
        mark = "x" if e.share else " "
        err.print(f"  {i:>3}. [{mark}] {e.created:%a %d %b}  {e.title[:70]}", markup=False)
    answer = typer.prompt("Numbers to share (e.g. 1 3 5-7; Enter keeps the ticked ones)", default="",
                          show_default=False, err=True)
    if not answer.strip():
        return
    chosen: set[int] = set()
    for part in re.split(r"[,\s]+", answer.strip()):
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise UsageError(f"Could not read {part!r}: give numbers like 1 3 5-7.")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        for n in range(min(a, b), max(a, b) + 1):
            if not 1 <= n <= len(entries):
                raise UsageError(f"There is no entry number {n} (1-{len(entries)}).")
            chosen.add(n)
    ids_on = [e.id for i, e in enumerate(entries, 1) if i in chosen and not e.share]
    ids_off = [e.id for i, e in enumerate(entries, 1) if i not in chosen and e.share]
    if ids_on:
        journal.set_share(ids_on, True)
    if ids_off:
        journal.set_share(ids_off, False)
    err.print(f"Shared {len(chosen)} entr{'y' if len(chosen) == 1 else 'ies'}"
              + (f"; {len(ids_off)} made private again." if ids_off else "."))


@digest_app.command("view")
def view_cmd(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="Digest JSON files (made with --format json)."),
    show_all: bool = typer.Option(False, "--all", "-a", help="With several files: show every digest after the overview."),
    show: Optional[list[int]] = typer.Option(None, "--show", "-n", metavar="N", help="With several files: show digest number N from the overview (repeatable)."),
) -> None:
    """Read digests: one file in full; several as a caseload overview, then each on request.

    A file that is not a valid digest (broken JSON, another version, missing fields, changed after
    it was made) gets one error line; the others still show, and the exit code is 4.

    Examples:

      reflect digest view alex-november.json

      reflect digest view caseload/*.json

      reflect digest view caseload/*.json --show 2 --show 3
    """
    from ..digest.view import load_many
    from ..errors import UsageError
    from ..render import digest as render

    loaded = load_many(files)
    good = [item for item in loaded if item.ok]
    render.view_errors(loaded)
    if len(files) == 1 and good:
        render.show(good[0].digest)
    elif good:
        render.overview(loaded)
        wanted = list(range(1, len(good) + 1)) if show_all else list(show or [])
        for n in wanted:
            if not 1 <= n <= len(good):
                raise UsageError(f"--show {n}: the overview has digests 1 to {len(good)}.")
            render.show(good[n - 1].digest)
    if len(good) != len(loaded):
        raise typer.Exit(4)


@form_app.command("nmc")
def nmc(
    entry_id: Optional[str] = typer.Argument(None, metavar="ENTRY_ID", help="The entry (id or unique prefix, or 'latest')."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="PATH", help="Write the Markdown here instead of standard output."),
    theme: Optional[list[str]] = typer.Option(None, "--theme", metavar="THEME", help="Theme of the Code (repeatable): people, effectively, safety, trust."),
    note: Optional[str] = typer.Option(None, "--note", metavar="TEXT", help="How the account relates to the themes you chose."),
    list_: bool = typer.Option(False, "--list", help="Show which entries have been exported as accounts."),
) -> None:
    """A written reflective account for NMC revalidation, from one entry.

    The four parts: the nature of the event or activity; what I learned; how I changed or improved
    my practice; how it relates to the Code (themes: Prioritise people, Practise effectively,
    Preserve safety, Promote professionalism and trust). Identifiers are removed.

    Examples:

      reflect form nmc 3f9a --theme people --theme safety --out account-1.md

      reflect form nmc --list
    """
    from ..errors import UsageError
    from ..journal import open_journal

    journal = open_journal()
    if list_:
        from ..forms import ACCOUNTS_NEEDED, cycle_start, read_state
        from ..render.digest import nmc_list

        nmc_list(read_state(journal.root)["nmc"], cycle_start(), ACCOUNTS_NEEDED)
        return
    if not entry_id:
        raise UsageError("Give the entry to turn into an account, e.g. `reflect form nmc 3f9a`, or use --list.")
    from ..forms import CODE_THEMES, nmc_form, parse_themes

    themes = parse_themes(theme)
    if not themes:
        if not sys.stdin.isatty():
            raise UsageError("Choose at least one theme of the Code with --theme: "
                             + ", ".join(f"{k} ({v})" for k, v in CODE_THEMES.items()) + ".")
        themes = _ask_themes()
    entry = journal.get(entry_id)
    _write_form(journal, entry, "nmc", out, themes=themes, note=note)


@form_app.command("cpd")
def cpd(
    entry_id: str = typer.Argument(..., metavar="ENTRY_ID", help="The entry (id or unique prefix, or 'latest')."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="PATH", help="Write the Markdown here instead of standard output."),
    peer: Optional[str] = typer.Option(None, "--peer", metavar="TEXT", help="What you learned from discussing it with a peer."),
) -> None:
    """A CPD record in the shape social workers in England use, from one entry.

    The activity and why it matters; what I learned; the impact on my practice and on the people
    I work with; what I learned from discussing it with a peer. Identifiers are removed.

    Examples:

      reflect form cpd 3f9a --out cpd-3f9a.md

      reflect form cpd latest --peer "My supervisor pointed out..."
    """
    from ..journal import open_journal

    journal = open_journal()
    entry = journal.get(entry_id)
    _write_form(journal, entry, "cpd", out, peer=peer)


def _ask_themes() -> list[str]:
    from ..forms import CODE_THEMES, parse_themes
    from ..render import console

    err = console(stderr=True)
    for i, name in enumerate(CODE_THEMES.values(), 1):
        err.print(f"  {i}. {name}")
    answer = typer.prompt("Which themes of the Code does this relate to? (numbers, e.g. 1 3)", err=True)
    themes = parse_themes(answer.replace(" ", ",").split(","))
    if not themes:
        from ..errors import UsageError

        raise UsageError("Choose at least one theme of the Code.")
    return themes


def _write_form(journal, entry, kind: str, out: Path | None, **kwargs) -> None:
    from ..config import load_config
    from ..digest.redact import redactor_for
    from ..forms import cpd_form, nmc_form, record_export
    from ..fsutil import atomic_write
    from ..render import console

    config = load_config()
    redactor = redactor_for(config)
    if kind == "nmc":
        form = nmc_form(entry, themes=kwargs["themes"], code_note=kwargs.get("note"), redactor=redactor,
                        config=config)
    else:
        form = cpd_form(entry, peer=kwargs.get("peer"), redactor=redactor, config=config)
    err = console(stderr=True)
    if form.removals:
        seen = list(dict.fromkeys((f.text, f.label) for f in form.removals))
        err.print("Removed: " + "; ".join(f"{t!r} -> {label}" for t, label in seen), markup=False)
    if out is not None:
        atomic_write(out, form.markdown.encode("utf-8"))
        err.print(f"Wrote {out}", markup=False)
    else:
        sys.stdout.write(form.markdown)
    record_export(journal.root, form, entry, out.resolve() if out is not None else None)


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest")
    app.add_typer(form_app, name="form")

"""Commands on entries: add, list, search, show, edit, tags, share, unshare."""
from __future__ import annotations

from typing import Optional

import typer
from typer.core import TyperCommand

from . import common


def add(
    text: Optional[list[str]] = typer.Argument(None, help="The reflection; '-' or nothing reads standard input."),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="When it happened: ISO or 'yesterday', 'last friday', '3d'."),
    tag: Optional[list[str]] = typer.Option(None, "--tag", "-t", help="Tag (repeatable). @tags in the text count too."),
    share: bool = typer.Option(False, "--share", help="Allow this entry into supervision digests."),
    star: bool = typer.Option(False, "--star", help="Star the entry."),
    as_json: bool = typer.Option(False, "--json", help="Print the saved entry as JSON."),
) -> None:
    """Quick capture from arguments or standard input.

    Examples:

      reflect add "Long shift. Missed my break again @ward"

      reflect add --date yesterday --share "Rang the daughter back and apologised."

      echo "Quiet day." | reflect add -
    """
    import sys

    from ..journal import open_journal

    if not text or text == ["-"]:
        if sys.stdin.isatty() and not text:
            from ..errors import UsageError

            raise UsageError("Nothing to add: give the text as arguments, or pipe it in with '-'.",
                             hint="For a guided reflection use `reflect new`.")
        body = common.read_stdin()
    else:
        body = " ".join(text)
    entry = open_journal().add(body, when=common.moment(date), tags=tag or [], share=share, starred=star)
    from ..analysis import crisis_in_entry
    from ..render.entries import added

    added(entry, as_json=as_json, crisis=crisis_in_entry(entry))


def list_(
    since: Optional[str] = typer.Option(None, "--since", "-s", help="From this day (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", "-u", help="Up to this day (inclusive)."),
    tag: Optional[list[str]] = typer.Option(None, "--tag", "-t", help="Only entries with this tag (repeatable: all must match)."),
    template: Optional[str] = typer.Option(None, "--template", help="Only entries written with this template."),
    shared: Optional[bool] = typer.Option(None, "--shared/--private", help="Only shared, or only private, entries."),
    n: Optional[int] = typer.Option(None, "-n", help="Only the newest N."),
    as_json: bool = typer.Option(False, "--json", help="JSON array: id, date, title, body, tags, template, share, starred, encounter."),
) -> None:
    """List entries, oldest first.

    Examples:

      reflect list -n 10

      reflect list --since "2 weeks ago" --tag supervision

      reflect list --json | jq '.[].title'
    """
    from ..journal import open_journal
    from ..render import print_json, problems
    from ..render.entries import entry_table

    start, end = common.period(since, until, None)
    selection = open_journal().listing(since=start, until=end, tags=tag, template=template,
                                       shared=shared, limit=n, bodies=as_json)
    problems(selection.problems)
    if as_json:
        print_json([e.as_json() for e in selection.entries])
    else:
        entry_table(selection.entries)


class _SearchCommand(TyperCommand):
    """Lets `-word` mean "exclude word" instead of an unknown option (or `-n ight`).

    A token starting with one dash that is not one of search's own options (and not a number) is
    moved after `--`, so it reaches the query; the order of query terms does not matter.
    """

    _VALUED = frozenset({"-t", "--tag", "-s", "--since", "-u", "--until", "--template", "-n"})
    _FLAGS = frozenset({"--json", "--help", "-h"})

    def parse_args(self, ctx, args):
        from ..fastpath import search_query_token

        kept, moved, i = [], [], 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                moved.extend(args[i + 1:])
                break
            if arg in self._VALUED:
                kept.extend(args[i:i + 2])
                i += 2
                continue
            if arg not in self._FLAGS and search_query_token(arg):
                moved.append(arg)  # `-word`, or a line of dashes: query text, not an option
            else:
                kept.append(arg)
            i += 1
        return super().parse_args(ctx, kept + (["--", *moved] if moved else []))


def search(
    text: list[str] = typer.Argument(..., help='Words, "quoted phrases", -word to exclude, word* for a prefix.',
                                     metavar="TEXT"),
    tag: Optional[list[str]] = typer.Option(None, "--tag", "-t", help="Only entries with this tag (repeatable: all must match)."),
    since: Optional[str] = typer.Option(None, "--since", "-s", help="From this day (inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", "-u", help="Up to this day (inclusive)."),
    template: Optional[str] = typer.Option(None, "--template", help="Only entries written with this template."),
    n: Optional[int] = typer.Option(None, "-n", help="Only the newest N matches."),
    as_json: bool = typer.Option(False, "--json", help="JSON array: the `list --json` fields plus `snippet` and `matches` (field, line, text, spans)."),
) -> None:
    """Search the journal's text, oldest match first; matching lines are shown highlighted.

    All words must match (in any order); "quoted words" must match as a phrase; -word leaves out
    entries containing it (a quoted -"phrase" too). Case and accents are ignored, and word forms
    match (apologise finds apologised). Results come from the index, kept in step with the files.

    Examples:

      reflect search apologised

      reflect search '"called back"' daughter --since 2026-01-01

      reflect search shift -night

      reflect search handover -t ward -n 5 --json
    """
    from ..journal import open_journal
    from ..render import problems
    from ..render.search import results
    from ..search import search as run_search

    start, end = common.period(since, until, None)
    result = run_search(open_journal(), text, since=start, until=end, tags=tag, template=template, limit=n)
    problems(result.problems)
    results(result, as_json=as_json)


def show(
    ref: str = typer.Argument("latest", help="Entry id (or a unique prefix), or 'latest'."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Show one entry.

    Examples:

      reflect show latest

      reflect show 3f9a
    """
    from ..journal import open_journal
    from ..render import print_json
    from ..render.entries import entry_page

    entry = open_journal().get(ref)
    if as_json:
        print_json(entry.as_json())
    else:
        entry_page(entry)


def edit(ref: str = typer.Argument("latest", help="Entry id (or a unique prefix), or 'latest'.")) -> None:
    """Open an entry in your editor; afterwards it is checked, and kept even if it needs fixing.

    Example:

      reflect edit 3f9a
    """
    from ..editing import edit_entry
    from ..journal import open_journal
    from ..render.entries import edited

    edited(edit_entry(open_journal(), ref))


def tags(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Tags used in the journal, with counts."""
    from ..journal import open_journal
    from ..render import console, print_json

    counts = open_journal().tags()
    if as_json:
        print_json(dict(counts.most_common()))
        return
    out = console()
    if not counts:
        out.print("[dim]No tags yet. Add @tags in an entry or use --tag.[/dim]")
    for name, count in counts.most_common():
        out.print(f"@{name}  [dim]{count}[/dim]")


def share(refs: list[str] = typer.Argument(..., help="Entry ids to allow into supervision digests.")) -> None:
    """Mark entries as shareable in supervision digests.

    Example:

      reflect share 3f9a 81c2
    """
    _set_share(refs, True)


def unshare(refs: list[str] = typer.Argument(..., help="Entry ids to keep private.")) -> None:
    """Keep entries out of supervision digests (the default for every entry)."""
    _set_share(refs, False)


def _set_share(refs: list[str], value: bool) -> None:
    from ..journal import open_journal
    from ..render import console

    out = console()
    for entry in open_journal().set_share(refs, value):
        state = "shared in digests" if value else "private"
        out.print(f"[cyan]{entry.id}[/cyan] {entry.title} — {state}")


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command("list")(list_)
    app.command(cls=_SearchCommand)(search)
    app.command()(show)
    app.command()(edit)
    app.command()(tags)
    app.command()(share)
    app.command()(unshare)

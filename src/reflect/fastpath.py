"""A quick start for the commands people run most: `--version`, `list`, `search` and `add`.

Typer builds its whole command tree and a Pydantic adapter per option before running anything
(~150 ms, more than the work itself on a ten-year journal). For the common forms of these four
commands this module reads the arguments itself, with the standard library only, and calls the
same core functions and renderers as the Typer commands in cli/entries.py. Anything it does not
recognise — help, an unknown or malformed option, shell completion, an encrypted journal, a
config file it cannot vouch for — returns None, and the full Typer CLI handles the whole command
line as usual (a test runs the same argument lists both ways and compares the output).
"""
from __future__ import annotations

import os
import sys

# option -> (destination, takes a value, repeatable)
_LIST_OPTIONS = {
    "--since": ("since", True, False), "-s": ("since", True, False),
    "--until": ("until", True, False), "-u": ("until", True, False),
    "--tag": ("tag", True, True), "-t": ("tag", True, True),
    "--template": ("template", True, False),
    "-n": ("n", True, False),
    "--json": ("json", False, False),
    "--shared": ("shared", False, False), "--private": ("private", False, False),
}
_SEARCH_OPTIONS = {k: v for k, v in _LIST_OPTIONS.items() if k not in ("--shared", "--private")}
_ADD_OPTIONS = {
    "--date": ("date", True, False), "-d": ("date", True, False),
    "--tag": ("tag", True, True), "-t": ("tag", True, True),
    "--share": ("share", False, False), "--star": ("star", False, False),
    "--json": ("json", False, False),
}


def search_query_token(arg: str) -> bool:
    """In `reflect search`, a token that looks like an option but is query text: `-word` (leave out
    entries with "word") or a line of dashes. `-5`, `-n5`, `-t=x` and `--anything` stay options.
    One rule for both ways in: this quick start and cli.entries._SearchCommand."""
    if set(arg) == {"-"}:
        return len(arg) > 2
    return (arg.startswith("-") and not arg.startswith("--") and len(arg) > 1 and not arg[1:].isdigit()
            and not (arg.startswith("-n") and arg[2:].isdigit()) and "=" not in arg[:3])


class _Decline(Exception):
    """Not a form this module handles: let the full CLI read the command line."""


def _option(token: str, table: dict, query: bool):
    """(option, attached value or None) when `token` is one of table's options, else None.

    In a search, `-tward` means "without 'tward'" (only `-n5` keeps a short option's value attached),
    as cli.entries._SearchCommand decides.
    """
    if token in table:
        return token, None
    if token.startswith("--") and "=" in token:
        name, _, value = token.partition("=")
        if name in table and table[name][1]:
            return name, value
        raise _Decline
    if len(token) > 2 and token[0] == "-" and token[1] != "-" and token[:2] in table and table[token[:2]][1]:
        if not query or (token[:2] == "-n" and token[2:].isdigit()) or token[2] == "=":
            return token[:2], token[2:]
    return None


def _parse(args: list[str], table: dict, *, query: bool = False, text: bool = False):
    """(options, positional words). Positionals decline unless the command takes them."""
    opts: dict = {}
    words: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            if not (query or text):
                raise _Decline
            words.extend(args[i:])
            break
        found = _option(token, table, query) if token.startswith("-") and token != "-" else None
        if found is None:
            if token.startswith("-") and token != "-":
                # search: `-word` excludes a word (as cli.entries._SearchCommand arranges); a line
                # of dashes is query text. Anything else that looks like an option is the full CLI's.
                if query and search_query_token(token):
                    words.append(token)
                    continue
                raise _Decline
            if not (query or text):
                raise _Decline
            words.append(token)
            continue
        name, value = found
        dest, valued, repeatable = table[name]
        if valued and value is None:
            if i >= len(args):
                raise _Decline
            value = args[i]
            i += 1
        if dest in opts and not repeatable:
            raise _Decline
        if repeatable:
            opts.setdefault(dest, []).append(value)
        else:
            opts[dest] = value if valued else True
    if "n" in opts:
        try:
            opts["n"] = int(opts["n"])
        except ValueError:
            raise _Decline from None
    if "shared" in opts and "private" in opts:
        raise _Decline
    return opts, words


def _journal():
    from .journal import Journal
    from .paths import journal_root_light
    from .store import ENCRYPTED_MARKER

    root = journal_root_light()
    if root is None or (root / ENCRYPTED_MARKER).exists():
        raise _Decline
    return Journal(root)


def _quick_reader():
    """(an indexread.Reader over an index in step with the files, None), or (None, the file walk
    made while finding out, for the full path's sync to reuse)."""
    from .indexread import open_reader
    from .paths import quick_locations

    where = quick_locations()
    if where is None:
        return None, None
    return open_reader(*where)


def _period(opts: dict):
    """(start, end) from --since/--until; the date parser loads only when one was given."""
    if opts.get("since") is None and opts.get("until") is None:
        return None, None
    from .dates import period

    return period(opts.get("since"), opts.get("until"))


def _list(args: list[str]) -> int:
    from .render import print_json, problems
    from .render.entries import entry_table

    opts, _ = _parse(args, _LIST_OPTIONS)
    start, end = _period(opts)
    shared = True if opts.get("shared") else False if opts.get("private") else None
    filters = dict(since=start, until=end, tags=opts.get("tag"), template=opts.get("template"), shared=shared,
                   limit=opts.get("n"), bodies=bool(opts.get("json")))
    reader, walked = _quick_reader()
    if reader is not None:
        try:
            entries = reader.listed(**filters)
        finally:
            reader.close()
    else:
        selection = _journal().listing(**filters, walked=walked)
        problems(selection.problems)
        entries = selection.entries
    if opts.get("json"):
        print_json([e.as_json() for e in entries])
    else:
        entry_table(entries)
    return 0


def _search(args: list[str]) -> int:
    from .render import problems
    from .render.search import results
    from .search import search, search_reader

    opts, words = _parse(args, _SEARCH_OPTIONS, query=True)
    if not words:
        raise _Decline  # the full CLI says what is missing
    start, end = _period(opts)
    filters = dict(since=start, until=end, tags=opts.get("tag"), template=opts.get("template"), limit=opts.get("n"))
    reader, walked = _quick_reader()
    if reader is not None:
        try:
            result = search_reader(reader, words, **filters)
        finally:
            reader.close()
    else:
        result = search(_journal(), words, **filters, walked=walked)
    problems(result.problems)
    results(result, as_json=bool(opts.get("json")))
    return 0


def _add(args: list[str]) -> int:
    opts, words = _parse(args, _ADD_OPTIONS, text=True)
    if not words or words == ["-"]:
        raise _Decline  # standard input and its checks: the full CLI
    journal = _journal()
    when = None
    if opts.get("date"):
        from .dates import parse_when

        when = parse_when(opts["date"])
    text, tags = " ".join(words), opts.get("tag") or []
    share, starred = bool(opts.get("share")), bool(opts.get("star"))
    from .quickwrite import quick_add

    entry = quick_add(journal, text, when=when, tags=tags, share=share, starred=starred)
    if entry is None:  # a value YAML would quote: the models write it
        entry = journal.add(text, when=when, tags=tags, share=share, starred=starred)
    from .analysis import crisis_in_entry
    from .render.entries import added

    added(entry, as_json=bool(opts.get("json")), crisis=crisis_in_entry(entry))
    return 0


_COMMANDS = {"list": _list, "search": _search, "add": _add}


def run(argv: list[str]) -> int | None:
    """The exit code when this module handled the command line, None to hand it to the full CLI."""
    if os.environ.get("REFLECT_FULL_CLI") or os.environ.get("_REFLECT_COMPLETE"):
        return None
    if argv in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"reflect {__version__}\n")
        return 0
    if not argv or argv[0] not in _COMMANDS or "-h" in argv or "--help" in argv:
        return None
    command = _COMMANDS[argv[0]]
    try:
        return command(argv[1:])
    except _Decline:
        return None
    except BaseException as exc:  # noqa: BLE001 - one place turns failures into messages and codes
        if isinstance(exc, SystemExit):
            raise
        if os.environ.get("REFLECT_DEBUG") and not isinstance(exc, KeyboardInterrupt):
            raise
        from .render import failure

        return failure(exc)
    finally:
        index = sys.modules.get("reflect.index")
        if index is not None:
            index.close_all()


def private_process() -> None:
    """No Pydantic plugins in reflect's process: a plugin installed in the same environment (an
    observability tool, say) would otherwise run on every model that holds journal text, and
    finding plugins scans every installed package's metadata (~30 ms of each `reflect add`)."""
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"


def main(*, hard_exit: bool = False) -> None:
    """Run reflect on sys.argv. hard_exit (the console script): see console()."""
    private_process()
    code = run(sys.argv[1:])
    if code is None:
        from .cli import main as full

        full()
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `reflect list | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if hard_exit:
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def console() -> None:
    """The `reflect` console script.

    When this module answered the command itself, the process ends with os._exit once the
    output is flushed: everything is already done by then (entries written atomically and synced,
    the index committed and its connections closed), and the interpreter's own tear-down of
    sqlite3 and the modules costs ~5 ms of a ~60 ms `reflect list`. Commands the full CLI
    handles end normally, and in-process callers of main() get SystemExit as usual.
    """
    main(hard_exit=True)

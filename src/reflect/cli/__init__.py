"""The `reflect` command. Commands are thin: parse options, call core functions, render.

Each noun lives in its own module; modules import only typer and the standard library at the
top, so start-up stays cheap. One place (ReflectGroup.invoke) turns errors into messages and
exit codes: 2 usage, 3 not found, 4 bad file, 5 storage, 6 locked, 130 interrupted.
"""
from __future__ import annotations

import os
import sys

import typer
from typer.core import TyperGroup

from .. import __version__


class ReflectGroup(TyperGroup):
    def invoke(self, ctx):
        from ..render import failure

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt as exc:
            raise typer.Exit(failure(exc)) from None
        except Exception as exc:  # noqa: BLE001 - last resort: a sentence, not a traceback
            from ..errors import ReflectError

            if _is_click_exception(exc) or (os.environ.get("REFLECT_DEBUG") and not isinstance(exc, ReflectError)):
                raise
            raise typer.Exit(failure(exc)) from None
        finally:
            _close_indexes()


def _close_indexes() -> None:
    """Each command's index connections end with it (in-process runs: tests, a long-lived shell)."""
    index = sys.modules.get("reflect.index")
    if index is not None:
        index.close_all()


def _is_click_exception(exc: BaseException) -> bool:
    """Usage errors from the parser keep their own message (typer may bundle click or depend on it)."""
    return any(cls.__name__ in ("ClickException", "Abort", "Exit") for cls in type(exc).__mro__)


app = typer.Typer(
    cls=ReflectGroup,
    name="reflect",
    help=(
        "A reflective-practice journal for people whose work is one-to-one care.\n\n"
        "Your reflections are plain Markdown files you own, kept on this computer only.\n\n"
        "Examples:\n\n"
        "  reflect new                      guided end-of-day reflection\n\n"
        "  reflect add \"Short with a relative today. Rang back to apologise.\"\n\n"
        "  reflect list --since 'last friday'\n\n"
        "  reflect summary                  patterns over the last 28 days\n\n"
        "  reflect demo                     try it on a sample journal"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"reflect {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """A reflective-practice journal on plain files."""


# One module per noun; each imports only typer and the standard library at the top.
from . import demo, digest, entries, io, maintenance, summary, templates, trust  # noqa: E402

for _module in (entries, templates, demo, summary, io, digest, maintenance, trust):
    _module.register(app)


def main() -> None:
    from ..fastpath import private_process

    private_process()
    app(prog_name="reflect")

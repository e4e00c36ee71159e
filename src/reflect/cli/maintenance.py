"""Commands that look after the journal: config, doctor."""
from __future__ import annotations

from typing import Optional

import typer

config_app = typer.Typer(help="Show or change settings (display name, role, region, editor, redaction list).",
                         no_args_is_help=False, invoke_without_command=True)


@config_app.callback(invoke_without_command=True)
def config_show(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show the settings and where they live.

    Examples:

      reflect config

      reflect config set display_name "RN Alex"

      reflect config set redact_terms "Ward 7, St Elsewhere, Priya"
    """
    if ctx.invoked_subcommand:
        return
    from ..config import Config, load_config
    from ..paths import config_file, journal_root
    from ..render import console, print_json

    cfg = load_config()
    if as_json:
        print_json({"config_file": str(config_file()), "journal": str(journal_root()), **cfg.model_dump()})
        return
    out = console()
    out.print(f"[bold]config file[/bold] {config_file()}")
    out.print(f"[bold]journal[/bold]     {journal_root()}")
    for name, field in Config.model_fields.items():
        out.print(f"  {name} = {getattr(cfg, name)!r}  [dim]{field.description or ''}[/dim]")


@config_app.command("set")
def config_set(key: str = typer.Argument(..., help="Setting name (see `reflect config`)."),
               value: str = typer.Argument(..., help="New value; lists are comma-separated.")) -> None:
    """Change one setting."""
    from ..config import Config, load_config, save_config
    from ..errors import UsageError
    from ..render import console

    if key not in Config.model_fields:
        raise UsageError(f"Unknown setting {key!r}. Settings: {', '.join(Config.model_fields)}.")
    cfg = load_config()
    data = cfg.model_dump()
    data[key] = [v.strip() for v in value.split(",") if v.strip()] if key == "redact_terms" else value
    from pydantic import ValidationError

    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        raise UsageError(f"Setting {key!r}: {exc.errors()[0]['msg']}.") from None
    path = save_config(cfg)
    console().print(f"{key} = {getattr(cfg, key)!r}  [dim]({path})[/dim]")


def doctor(
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    reindex: bool = typer.Option(False, "--reindex", help="Rebuild the search index from the files."),
) -> None:
    """Check every journal file and the folder's permissions; exit 0 only when all is healthy.

    Examples:

      reflect doctor

      reflect doctor --reindex
    """
    from ..doctor import check
    from ..render.doctor import report

    result = check(reindex=reindex)
    report(result, as_json=as_json)
    if not result.healthy:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
    app.command()(doctor)

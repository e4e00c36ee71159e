"""A calm panel with support lines for the user's region (data: reflect/data/support_lines.toml)."""
from __future__ import annotations


def support_lines(region: str | None = None) -> dict:
    import tomllib

    from ..paths import data_file

    with open(data_file("support_lines.toml"), "rb") as fh:
        data = tomllib.load(fh)
    if region is None:
        try:
            from ..config import load_config

            region = load_config().region
        except Exception:  # noqa: BLE001 - a broken config must never hide support
            region = "uk"
    return data.get(region) or data["uk"]


def support_panel(stderr: bool = False, region: str | None = None) -> None:
    """Print the panel. Gentle wording; nothing is sent anywhere."""
    from rich.markup import escape
    from rich.panel import Panel

    from . import console

    info = support_lines(region)
    lines = [
        "Some of what you wrote sounds really heavy. You deserve support with it, today if you can.",
        "",
        escape(info["intro"]),
    ]
    for item in info["lines"]:
        lines.append(f"  [bold]{escape(item['name'])}[/bold]: {escape(item['how'])} [dim]({escape(item['when'])})[/dim]")
    lines += ["", "Telling someone you trust, a colleague, your GP or your supervisor, can help too.",
              "[dim]This note is only on your screen; nothing has been shared.[/dim]"]
    console(stderr=stderr).print(Panel("\n".join(lines), title="Looking after yourself", border_style="cyan",
                                       expand=False, padding=(1, 2)))

"""Every test gets its own journal: REFLECT_HOME points at a fresh folder, colours are off."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFLECT_BIN = str(Path(sys.executable).parent / "reflect")


@pytest.fixture(autouse=True)
def reflect_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "journal"
    monkeypatch.setenv("REFLECT_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("REFLECT_DEBUG", raising=False)
    return home


@pytest.fixture
def cli():
    """Run the CLI in-process: cli("list", "--json") -> click Result (stdout and stderr separate)."""
    from typer.testing import CliRunner

    from reflect.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def subprocess_env(reflect_home: Path) -> dict:
    env = dict(os.environ)
    env["REFLECT_HOME"] = str(reflect_home)
    return env

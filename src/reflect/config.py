"""The user's settings: one strict model, stored as TOML (YAML also read)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ReflectError


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    journal: str | None = Field(None, description="Journal folder (ignored when REFLECT_HOME is set)")
    display_name: str | None = Field(None, description="Name or pseudonym shown on digests")
    role: str | None = Field(None, description="Your role, shown on digests (e.g. 'community nurse')")
    region: Literal["uk", "us", "ie", "au", "nz", "ca"] = Field("uk", description="Support lines shown")
    editor: str | None = Field(None, description="Editor command; else $VISUAL, $EDITOR, then nano/vi")
    default_template: str = Field("end-of-day", description="Template `reflect new` uses")
    key_file: str | None = Field(None, description="Key file of an encrypted journal (see `reflect encrypt --key-file`)")
    redact_terms: list[str] = Field(default_factory=list,
                                    description="Names of wards, hospitals, colleagues to remove from digests")


def _read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ReflectError(f"{path}: not valid TOML ({exc}).") from None
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ReflectError(f"{path}: not valid YAML ({exc}).") from None
    if not isinstance(data, dict):
        raise ReflectError(f"{path}: expected a mapping of settings.")
    return data


def load_config(path: Path | None = None) -> Config:
    from .paths import config_file

    path = path or config_file()
    if not path.exists():
        return Config()
    data = _read(path)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ReflectError(f"{path}: setting '{field}': {first['msg']}.") from None


def save_config(config: Config, path: Path | None = None) -> Path:
    from .paths import config_file
    from .fsutil import atomic_write

    path = path or config_file()
    data = config.model_dump(exclude_none=True)
    if path.suffix == ".toml":
        import tomli_w

        text = tomli_w.dumps(data)
    else:
        import yaml

        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    atomic_write(path, text.encode("utf-8"))
    return path

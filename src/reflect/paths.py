"""Where things live. Every function resolves at call time: nothing is fixed at import.

Order for the journal root: $REFLECT_HOME, then `journal` in the config file, then
platformdirs' user data dir. When REFLECT_HOME is set, config, templates, drafts and the
index all live under it too, so one variable isolates a whole journal (tests, demos).
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

APP = "reflect"
ENTRIES_DIR = "entries"
ENTRY_SUFFIX = ".md"
ENCRYPTED_MARKER = ".reflect-encrypted"  # crypto.MARKER (a test keeps them equal)
CONFIG_NAMES = ("config.toml", "config.yaml", "config.yml")  # the first that exists is read


def _home_override() -> Path | None:
    from pathlib import Path

    value = os.environ.get("REFLECT_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    from pathlib import Path

    home = _home_override()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_config_dir(APP))


def config_file() -> Path:
    """The config file that exists (TOML preferred, YAML accepted), else the TOML path to create."""
    folder = config_dir()
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.exists():
            return candidate
    return folder / "config.toml"


def journal_root() -> Path:
    from pathlib import Path

    home = _home_override()
    if home is not None:
        return home
    from .config import load_config

    configured = load_config().journal
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def entries_dir(root: Path | None = None) -> Path:
    return (root or journal_root()) / ENTRIES_DIR


def user_templates_dir() -> Path:
    return config_dir() / "prompts"


def drafts_dir() -> Path:
    return journal_root() / ".drafts"


def cache_dir() -> Path:
    from pathlib import Path

    home = _home_override()
    if home is not None:
        return home / ".cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP))


def packaged_prompts_dir() -> Path:
    """Templates shipped with reflect: inside the wheel, or the checkout's prompts/ folder."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    installed = here / "prompts"
    if installed.is_dir():
        return installed
    return here.parent.parent / "prompts"


def data_file(name: str) -> Path:
    """A packaged data file (lexicons, support lines)."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "data" / name


# Settings the config file may hold (config.Config's fields; a test keeps the two equal).
CONFIG_KEYS = frozenset({"journal", "display_name", "role", "region", "editor", "default_template",
                         "key_file", "redact_terms"})


def journal_root_light() -> Path | None:
    """journal_root() without loading Pydantic, for the fast start of reading commands.

    None when unsure (a YAML config, unreadable TOML, an unknown key, a `journal` that is not
    text): the caller then takes the full path, whose config loader gives the proper message.
    """
    from pathlib import Path

    home = _home_override()
    if home is not None:
        return home
    path = config_file()
    if path.exists():
        if path.suffix != ".toml":
            return None
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if not _vouched(data):
            return None
        if data.get("journal"):
            return Path(data["journal"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def _vouched(data: dict) -> bool:
    """Settings the quick paths can act on: known keys only, and a `journal` that is text (else the
    full path's config loader gives the proper message)."""
    return set(data) <= CONFIG_KEYS and isinstance(data.get("journal"), (str, type(None)))


def quick_locations() -> tuple[str, str] | None:
    """(journal root, cache folder) as plain strings, for the quick read (indexread.open_reader),
    without pathlib, platformdirs or tomllib: REFLECT_HOME, or on Linux the XDG base directories
    that platformdirs gives (a test keeps the two equal), with a `journal` setting from a config
    file in the plain form `reflect config` writes. None otherwise, and the caller takes the full
    path."""
    value = os.environ.get("REFLECT_HOME")
    if value:
        root = os.path.expanduser(value)
        return root, os.path.join(root, ".cache")
    if sys.platform != "linux" or os.environ.get("ANDROID_ROOT") or hasattr(sys, "getandroidapilevel"):
        return None

    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None

    def base(variable: str, default: str) -> str | None:
        given = os.environ.get(variable)
        if given is None:
            return os.path.join(home, default)
        return given if os.path.isabs(given) and given == given.strip() else None

    config, data, cache = (base("XDG_CONFIG_HOME", ".config"), base("XDG_DATA_HOME", ".local/share"),
                           base("XDG_CACHE_HOME", ".cache"))
    if config is None or data is None or cache is None:
        return None  # an unusual setting: platformdirs decides
    root = os.path.join(data, APP)
    for name in CONFIG_NAMES:
        path = os.path.join(config, APP, name)
        if os.path.lexists(path):
            if name != "config.toml":
                return None  # YAML: the full path reads it
            found = plain_toml(path)
            if found is None or not _vouched(found):
                return None  # not the plain form `reflect config` writes, or a setting to complain about
            if found.get("journal"):
                root = os.path.expanduser(found["journal"])
            break
    return root, os.path.join(cache, APP)


_MAX_CONFIG = 64 * 1024


def plain_toml(path: str) -> dict | None:
    """The settings in a config file written in the plainest TOML (`key = "text"`, `key = ["a", "b"]`,
    comments and blank lines), read without tomllib, which loads ~10 ms of modules; None for
    anything else (escapes, tables, numbers, a repeated key, a file it cannot read), which the
    full path then reads with tomllib. A test checks this never disagrees with tomllib."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_CONFIG + 1)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(raw) > _MAX_CONFIG or "\\" in text or "'" in text or "\r" in text:
        return None
    found: dict = {}
    for line in text.split("\n"):
        line = line.strip(" \t")
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(" = ")
        if not sep or not key.replace("_", "a").isalnum() or not key.isascii() or key in found:
            return None
        value = value.strip(" \t")
        if value.startswith("["):
            if not value.endswith("]"):
                return None
            inner = value[1:-1].strip(" \t")
            if inner.endswith(","):  # one trailing comma is allowed, and only after an item
                inner = inner[:-1].rstrip(" \t")
                if not inner:
                    return None
            items = [] if not inner else [part.strip(" \t") for part in inner.split(",")]
            strings = [_plain_string(item) for item in items]
            if any(item is None for item in strings):
                return None
            found[key] = strings
        else:
            string = _plain_string(value)
            if string is None:
                return None
            found[key] = string
    return found


def _plain_string(token: str) -> str | None:
    """'"text"' -> 'text' for a basic string with no escapes, control characters or inner quotes."""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        return None
    inner = token[1:-1]
    if '"' in inner or "#" in inner or any(ord(ch) < 32 or ord(ch) == 127 for ch in inner):
        return None
    return inner

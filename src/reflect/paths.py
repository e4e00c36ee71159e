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
        configured = data.get("journal")
        if not set(data) <= CONFIG_KEYS or not isinstance(configured, (str, type(None))):
            return None
        if configured:
            return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def quick_locations() -> tuple[str, str] | None:
    """(journal root, cache folder) as plain strings, for the quick read (indexread.open_reader),
    without pathlib, platformdirs or a config file: REFLECT_HOME, or on Linux with no config file
    the XDG base directories that platformdirs gives (a test keeps the two equal). None otherwise,
    and the caller takes the full path."""
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
    if any(os.path.lexists(os.path.join(config, APP, name)) for name in CONFIG_NAMES):
        return None  # a config file, which may say where the journal is: the full path reads it
    return os.path.join(data, APP), os.path.join(cache, APP)

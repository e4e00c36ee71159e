"""The crisis patterns compiled on their own, for the check that runs each time an entry is saved."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def crisis_gate():
    import tomllib

    from ..paths import data_file
    from .lexicon import _compile

    with open(data_file("lexicon.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return _compile(data["crisis"]["first_person"]).rx

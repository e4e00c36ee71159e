"""The crisis patterns compiled on their own, for the check that runs each time an entry is saved."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def crisis_gate():
    """One regular expression: the alternation of data/crisis.toml's first-person patterns, as
    lexicon._compile(...).rx builds it (a test keeps them equal), without parsing each pattern for
    its literals first, which costs more than compiling the alternation (~19 ms against ~11 ms)."""
    import re
    import tomllib

    from ..paths import data_file
    from .lexicon import _WRAP, _lines

    with open(data_file("crisis.toml"), "rb") as fh:
        data = tomllib.load(fh)
    parts = _lines(data["crisis"]["first_person"])
    return re.compile(_WRAP.format("|".join(f"(?:{p})" for p in parts)), re.MULTILINE)

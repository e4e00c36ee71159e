"""Line-by-line terminal output with optional ANSI styles, for the commands that must start fast.

`list`, `search`, `add` and error messages print through this instead of Rich (which costs
~30 ms to import). The rules follow Rich's: styles only on a terminal (or with FORCE_COLOR),
none with TERM=dumb, and NO_COLOR drops the colours but keeps bold, dim and reverse.
"""
from __future__ import annotations

import os
import sys
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "reverse": "7", "red": "31", "yellow": "33", "magenta": "35", "cyan": "36"}
_COLOURS = frozenset({"red", "yellow", "magenta", "cyan"})


def _styled(stream: TextIO) -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Painter:
    """Styles text for one stream and writes whole lines to it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.styled = _styled(self.stream)
        self.colour = self.styled and not os.environ.get("NO_COLOR")

    @property
    def width(self) -> int:
        """Columns: $COLUMNS, else the terminal's, else 80 (as Rich decides)."""
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:  # as shutil.get_terminal_size, without importing shutil
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 80
        return max(columns or 80, 20)

    def __call__(self, text: str, style: str = "") -> str:
        if not self.styled or not style:
            return text
        codes = [_CODES[s] for s in style.split() if s in _CODES and (self.colour or s not in _COLOURS)]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text

    def spans(self, text: str, spans, style: str = "bold reverse") -> str:
        """`text` with the (start, end) character ranges styled (search matches)."""
        out, pos = [], 0
        for start, end in sorted(spans):
            start = max(start, pos)
            if end <= start:
                continue
            out.append(text[pos:start])
            out.append(self(text[start:end], style))
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def line(self, *parts: str) -> None:
        self.stream.write("".join(parts) + "\n")


def clean(text: str) -> str:
    """Text from a file, safe to print: control characters (escape sequences) shown, not obeyed."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in text)

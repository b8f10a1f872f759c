"""Untrusted text on the terminal. Article text, titles, source names and reasons come from
whoever wrote the input: an escape sequence in a file name (``\\x1b]0;...\\x07``, ``\\x1b[2J``) would
otherwise retitle, clear or recolour the user's terminal, a carriage return overwrite the line, and
a bidirectional override reorder what is shown. Every such character is printed as a visible
escape (``\\x1b``, ``\\u202e``); rich markup in the text is escaped too, so it stays text.
"""

from __future__ import annotations

import re

from rich.markup import escape as escape_markup
from rich.text import Text

__all__ = ["escape", "plain", "visible"]

# C0 controls but tab and newline, DEL, C1 controls, and the invisible direction marks/overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n]")


def _code(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character written as its escape; `one_line` escapes tabs and
    newlines too (a name or a reason must not start a line of its own)."""
    out = _UNSAFE.sub(_code, text)
    return _LINE_BREAKS.sub(_code, out) if one_line else out


def escape(text: str) -> str:
    """A one-line value for a rich markup string: controls made visible, markup escaped."""
    return escape_markup(visible(text, one_line=True))


def plain(text: str) -> Text:
    """Multi-line untrusted text (article text, evidence) as a rich Text: no markup is read in it,
    and controls other than tab and newline are made visible."""
    return Text(visible(text))

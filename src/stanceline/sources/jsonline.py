"""One untrusted JSON line → a Python value, or a `JsonLineError` saying why not.

Python's `json` raises more than `JSONDecodeError` on hostile input: a `ValueError` for an integer
of more than 4,300 digits (the interpreter's guard against quadratic int parsing) and a
`RecursionError` for arrays or objects nested deeper than the interpreter's stack. Every reader of
a line the user did not write (JSONL articles, manifests) goes through `parse_json_line`, so each
of those is that line's failure, never the batch's.
"""

from __future__ import annotations

import json
from typing import Any

from stanceline.sources.decode import decode_bytes

__all__ = ["JsonLineError", "parse_json_line"]


class JsonLineError(ValueError):
    """A line that is not usable JSON; `reason` is a sentence for the failure row."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_json_line(line: bytes) -> Any:
    """The JSON value of one line. UTF-8 is tried first; a line in a legacy encoding is decoded
    first (JSON's syntax is ASCII, so that cannot change its structure)."""
    try:
        try:
            return json.loads(line)
        except UnicodeDecodeError:
            return json.loads(decode_bytes(line))
    except json.JSONDecodeError as exc:
        raise JsonLineError(f"bad JSON: {exc}") from None
    except RecursionError:
        raise JsonLineError("bad JSON: nested too deeply to read") from None
    except ValueError as exc:
        # The interpreter's integer-size guard; any other refusal by the parser is the same case.
        if "integer string conversion" in str(exc):
            raise JsonLineError("bad JSON: a number too long to read (over 4,300 digits)") from None
        raise JsonLineError(f"bad JSON: {_short(str(exc))}") from None


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"

"""One paging scheme for every list the API serves: `{items, total, next}`, where `next` is an opaque
cursor (or null on the last page) and `limit` sets the page size.

A cursor names the list it belongs to and where the next page starts: a keyset position (the last
row's sort values) where the list has a stable ordering index, else a row offset. Clients never read
it; the server checks it before use, so a cursor from another list, a tampered one or a made-up one
is a 400 with the error model, never a 500 or a silently wrong page.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from stanceline.web.deps import BadRequest

# A cursor this server issues holds a list name and a few short sort values.
MAX_CURSOR = 512
_REFUSED = "cursor is not one this server issued for this list; start again without it"


def encode(kind: str, position: list[Any]) -> str:
    raw = json.dumps({"l": kind, "p": position}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: str, kind: str, shape: tuple[type, ...]) -> list[Any]:
    """The position a cursor for list `kind` holds, checked against `shape` (one type per value);
    BadRequest for anything this server would not have issued for that list."""
    if len(token) > MAX_CURSOR:
        raise BadRequest(_REFUSED)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest(_REFUSED) from exc
    if not isinstance(value, dict) or value.get("l") != kind:
        raise BadRequest(_REFUSED)
    pos = value.get("p")
    if not (isinstance(pos, list) and len(pos) == len(shape)):
        raise BadRequest(_REFUSED)
    for v, tp in zip(pos, shape, strict=True):
        # bool is an int to Python; no cursor of ours holds one.
        if isinstance(v, bool) or not isinstance(v, tp):
            raise BadRequest(_REFUSED)
    return pos


def offset_of(token: str | None, kind: str) -> int:
    """The row offset an offset cursor for `kind` holds (0 without one)."""
    if not token:
        return 0
    (offset,) = decode(token, kind, (int,))
    if offset < 0:
        raise BadRequest(_REFUSED)
    return int(offset)


def next_offset(kind: str, offset: int, limit: int, total: int) -> str | None:
    return encode(kind, [offset + limit]) if offset + limit < total else None


def page(items: list[Any], total: int, nxt: str | None, **extra: Any) -> dict[str, Any]:
    return {"items": items, "total": total, "next": nxt, **extra}

"""A list's rows as CSV or JSON Lines: what the API's `format=` and the tables' download links send.

CSV cells hold untrusted article text, and CSV files are opened in spreadsheets, which run a cell
that starts with `=`, `+`, `-`, `@` (or a tab or carriage return before one) as a formula. Such text
cells get a leading apostrophe, the usual neutraliser; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response

FORMATS = ("json", "csv", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns_of(items: Sequence[dict[str, Any]], first: Sequence[str] = ()) -> list[str]:
    """`first`, then every other key in the order the rows first show it."""
    cols = list(first)
    seen = set(cols)
    for item in items:
        for k in item:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return cols


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(items: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for item in items:
        w.writerow([cell(item.get(c)) for c in columns])
    return buf.getvalue()


def to_jsonl(items: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(i, ensure_ascii=False, separators=(",", ":")) + "\n" for i in items)


def download(items: Sequence[dict[str, Any]], fmt: str, name: str, columns: Sequence[str] = ()) -> Response:
    """The rows as a file download in `fmt` (csv or jsonl)."""
    if fmt == "csv":
        body = to_csv(items, columns_of(items, columns))
        media = "text/csv; charset=utf-8"
    else:
        body = to_jsonl(items)
        media = "application/x-ndjson; charset=utf-8"
    return Response(
        body.encode("utf-8"),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )

"""Query parameters the API checks itself, so a mistake is a 400 with the error model and a message
that says which parameter and why: dates that are not on the calendar, a `format` a list does not
offer, and parameters an endpoint does not take (`offset` on a cursor list was ignored before;
ignoring a parameter answers a question the client did not ask)."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from stanceline.web.deps import BadRequest
from stanceline.web.tabular import FORMATS

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)."


def date(value: str | None, name: str) -> str | None:
    """`value` if it is a year, a month or a day that exists, None when blank, else BadRequest."""
    value = (value or "").strip() or None
    if value is None:
        return None
    m = _DATE.match(value)
    ok = m is not None
    if m is not None:
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            dt.date(year, month, day)
        except ValueError:
            ok = False
    if not ok:
        raise BadRequest(f"{name} must be {DATE_HELP[:-1]}, not {value[:40]!r}")
    return value


def list_format(value: str | None) -> str:
    fmt = (value or "json").strip().lower()
    if fmt not in FORMATS:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}, not {fmt[:20]!r}")
    return fmt


def _query_names(dep: Dependant) -> set[str]:
    names = {p.alias for p in dep.query_params}
    for sub in dep.dependencies:
        names |= _query_names(sub)
    return names


def _declared(request: Request) -> frozenset[str] | None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return None
    # A walk over a handful of parameters: cheaper than a cache keyed by route would be to keep right.
    return frozenset(_query_names(route.dependant))


def strict_query(request: Request) -> None:
    """Refuse query parameters the endpoint does not declare; `format` gets its own message, as the
    parameter a client most often expects to work everywhere."""
    declared = _declared(request)
    if declared is None:
        return
    unknown = sorted({k for k in request.query_params if k not in declared})
    if not unknown:
        return
    if "format" in unknown:
        raise BadRequest("this endpoint answers in JSON only: format= works on list endpoints")
    if "offset" in unknown and "cursor" in declared:
        raise BadRequest("lists page with cursor=, the `next` value of the previous page; offset is not taken")
    raise BadRequest(f"unknown query parameter(s): {', '.join(unknown)}")

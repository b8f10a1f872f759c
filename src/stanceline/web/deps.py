"""What every part of the web app depends on: its settings, the writer thread, the error types and
the request dependencies (the store, the write token). The app, the API and the pages import this
module; it imports none of them, so they never import each other to share these."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel

from stanceline.store.db import Store

T = TypeVar("T")


@dataclass(slots=True)
class Settings:
    write_token: str | None
    allow_private_urls: bool
    max_upload_bytes: int
    issues_path: Path | None


class Writer:
    """One thread for every write, so writes queue in order instead of contending for SQLite."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stanceline-writer")

    async def run(self, fn: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self._pool.submit(fn))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


class ApiError(Exception):
    """An answer other than success, with its HTTP status, a stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every answer other than success, from every endpoint: a stable code and a message for people."""

    error: ErrorDetail


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("A parameter could not be understood (a date off the calendar, a foreign cursor, an unknown "
                "parameter or format); the message says which."),
    404: _error("The document, actor, issue or story asked for does not exist."),
    422: _error("A parameter or body field failed validation (type, range, length)."),
    500: _error("The server failed on this request."),
}
WRITE_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _error("No bearer token, or not the configured one (`Authorization: Bearer <token>`)."),
    403: _error("Writing is disabled: the server was started without a token."),
    413: _error("The request body is larger than this endpoint accepts."),
}


class NotFound(LookupError):
    """A thing the user asked for by id or name does not exist; the message says which, and
    `search` (when given) is what a search for it would look for."""

    def __init__(self, message: str, *, search: str | None = None) -> None:
        super().__init__(message)
        self.search = search


class BadRequest(ValueError):
    """A parameter could not be understood; the message says which and why."""


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_writer(request: Request) -> Writer:
    writer: Writer = request.app.state.writer
    return writer


StoreDep = Annotated[Store, Depends(get_store)]


def check_write_token(settings: Settings, authorization: str, *, browser: bool = False) -> None:
    """Raise the ApiError a write gets unless `authorization` is ``Bearer <the configured token>``
    (compared in constant time). Headers only: the gate calls it before any body is read.

    `browser` (the pages' forms, which cannot set a bearer header) also takes HTTP Basic with the
    token as the password, and asks for it with a Basic challenge so the browser prompts once."""
    if not settings.write_token:
        raise ApiError(
            403,
            "writes_disabled",
            "writing is disabled on this server: start it with a token (STANCELINE_TOKEN) to allow it",
        )
    challenge = {"WWW-Authenticate": 'Basic realm="stanceline corrections"' if browser else "Bearer"}
    scheme, _, given = authorization.partition(" ")
    if browser and scheme.lower() == "basic" and given:
        try:
            _, _, given = base64.b64decode(given.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            given = ""
        scheme = "bearer"
    if scheme.lower() != "bearer" or not given:
        raise ApiError(
            401,
            "unauthorized",
            "this request writes: send Authorization: Bearer <token>"
            + (" (or sign in with the token as the password)" if browser else ""),
            challenge,
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), settings.write_token.encode("utf-8")):
        raise ApiError(401, "unauthorized", "the token is not valid", challenge)


def require_writer(request: Request) -> None:
    """Writes need `Authorization: Bearer <token>` matching the configured token."""
    check_write_token(get_settings(request), request.headers.get("authorization", ""))


WriteAuth = Depends(require_writer)

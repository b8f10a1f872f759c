"""The gate in front of every write (POST, PUT, PATCH, DELETE): the token is checked from the
request's headers alone, before a byte of its body is read, and the body is counted while it
streams in and cut off at its cap, whether or not a Content-Length was sent.

A route's own token dependency (deps.WriteAuth) stays as a second check; the gate is what keeps an
unauthenticated client from making the server read, parse or spool a large body. A plain ASGI
middleware (as SecurityHeaders): nothing runs before it but the headers' arrival.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from stanceline.web.deps import ApiError, Settings, check_write_token

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# JSON bodies (aliases, issues, URL lists) are small; uploads get the configured upload cap plus
# room for the multipart framing and form fields around the files.
JSON_BODY_CAP = 1024 * 1024
MULTIPART_SLACK = 64 * 1024


def body_cap(path: str, settings: Settings) -> int:
    """The most bytes a write request to `path` may send."""
    if path.rstrip("/") == "/api/ingest":
        return settings.max_upload_bytes + MULTIPART_SLACK
    return JSON_BODY_CAP


def _too_large_message(cap: int) -> str:
    return f"request body is larger than {cap:,} bytes"


class WriteGate:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        settings: Settings = scope["app"].state.settings
        headers = Headers(scope=scope)
        cap = body_cap(scope.get("path", ""), settings)
        try:
            path = scope.get("path", "")
            check_write_token(settings, headers.get("authorization", ""), browser=not path.startswith("/api"))
            declared = headers.get("content-length")
            if declared is not None and (not declared.strip().isdigit() or int(declared) > cap):
                raise ApiError(413, "payload_too_large", _too_large_message(cap))
        except ApiError as exc:
            body = {"error": {"code": exc.code, "message": exc.message}}
            # Connection: close, so the unread body is not taken for the next request.
            await JSONResponse(body, exc.status, headers={**exc.headers, "Connection": "close"})(scope, receive, send)
            return
        received = 0

        async def counted() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    # Raised inside the route's read of its body; FastAPI passes an HTTPException
                    # through its body parsing, and the app's handler answers 413.
                    raise HTTPException(413, _too_large_message(cap))
            return message

        await self.app(scope, counted, send)

"""The web application: REST API under /api, server-rendered pages, static files.

Reading is open. Writing (ingest, editing aliases and issues) needs a bearer token, from
`write_token` or the STANCELINE_TOKEN environment variable; with no token configured, writes
are refused. All writes run on one worker thread, because SQLite has one writer and a second
would only wait on the lock while holding a request thread.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from stanceline import __version__
from stanceline.config import default_db_url
from stanceline.store.db import Store
from stanceline.web import api, pages
from stanceline.web.data import AnswerCache
from stanceline.web.deps import ApiError, BadRequest, NotFound, Settings, Writer
from stanceline.web.gate import WriteGate

HERE = Path(__file__).parent
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
}


def create_app(
    db_url: str,
    *,
    write_token: str | None = None,
    allow_private_urls: bool = False,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    issues_path: Path | None = None,
) -> FastAPI:
    store = Store(db_url)
    writer = Writer()
    token = write_token if write_token is not None else (os.environ.get("STANCELINE_TOKEN") or None)
    if issues_path is None and os.environ.get("STANCELINE_ISSUES"):
        issues_path = Path(os.environ["STANCELINE_ISSUES"])

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()
        store.close()

    # FastAPIOffline: /docs runs Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes) from the
    # package's own copy of its assets, because users may be offline.
    app = FastAPIOffline(
        title="stanceline",
        version=__version__,
        description=(
            "Who said what, who stands where on which issue, and when that changed — every item "
            "linked to the characters of the article it came from. Reading is open; writes need "
            "`Authorization: Bearer <token>`."
        ),
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        static_url="/docs-assets",
        favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"defaultModelsExpandDepth": 0},
    )
    app.state.store = store
    app.state.writer = writer
    app.state.cache = AnswerCache()
    app.state.settings = Settings(token, allow_private_urls, max_upload_bytes, issues_path)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)

    app.add_middleware(WriteGate)
    app.add_middleware(SecurityHeaders)
    return app


APP_FACTORY = "stanceline.web.app:app_from_env"


def app_from_env() -> FastAPI:
    """The app in one of several uvicorn worker processes (`stanceline serve --workers N`): a
    worker imports it by name, so it takes the database from STANCELINE_DB (and the token and
    issues file from their variables, as `create_app` does). Each worker has its own Store, cache
    and writer thread; SQLite serialises the writers of all workers on its file lock (WAL, 30 s
    busy timeout), so a write waits for another rather than failing."""
    app = create_app(default_db_url())
    ready_to_serve()
    return app


def ready_to_serve() -> None:
    """What a serving process does once before it accepts requests: compile the page templates, so
    no first visitor waits for them, then settle the heap (which then holds the compiled templates)."""
    pages.compile_templates()
    settle_heap()


def settle_heap() -> None:
    """Take what is alive once the app is built (FastAPI, pydantic, SQLAlchemy: ~100k objects) out
    of the garbage collector's view, for the life of a serving process. A timeline request makes
    tens of thousands of short-lived objects, enough to trigger full collections, and each full
    collection rescanned all of start-up's objects: about 20 ms of CPU a request on the load bench.
    Collected first, so no garbage is frozen with them."""
    gc.collect()
    gc.freeze()


_BASE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src {style}; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_CSP_STRICT = _BASE_CSP.format(style="'self'").encode()
# The standalone digest (/api/digest?format=html) carries its own <style> block.
_CSP_DIGEST = _BASE_CSP.format(style="'self' 'unsafe-inline'").encode()


class SecurityHeaders:
    """Defence in depth behind escaping: no inline script runs, nothing loads from elsewhere.

    A plain ASGI middleware (not BaseHTTPMiddleware, which costs a task per request). /docs runs
    Swagger UI's inline start-up script (its assets are local), so it keeps FastAPI's defaults.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = None if path.startswith(("/docs", "/redoc")) else (_CSP_DIGEST if path == "/api/digest" else _CSP_STRICT)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if csp and b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp))
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if b"referrer-policy" not in names:
                    headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    search: str | None = None,
) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    page = pages.render_error(request, status, message, search=search)
    return HTMLResponse(page, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, "not_found", str(exc), search=exc.search)

    @app.exception_handler(BadRequest)
    async def _bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, 400, "bad_request", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /docs for the API"
        return error_response(
            request,
            exc.status_code,
            _STATUS_CODES.get(exc.status_code, "error"),
            message,
            dict(exc.headers or {}),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return error_response(
            request, 500, "internal_error", f"the server failed on this request ({type(exc).__name__})"
        )

"""`stanceline serve`: the web pages and the REST API under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from stanceline.cli.app import DbOpt, app, err, fail, open_store
from stanceline.config import default_db_url, normalise_db_url


@app.command(rich_help_panel="Serve")
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="uvicorn worker processes (default 1). Reads scale with them; writes still go one at a "
            "time (SQLite: WAL with a 30 s busy timeout).",
        ),
    ] = 1,
) -> None:
    """Serve the web pages and the REST API (OpenAPI at /docs)."""
    # FastAPI and uvicorn load here, not when the command line starts.
    import uvicorn

    from stanceline.web.app import APP_FACTORY, create_app, ready_to_serve

    url = normalise_db_url(db) if db else default_db_url()
    if workers > 1 and _in_memory(url):
        raise fail(
            ValueError(
                "--workers > 1 needs a database file or server: each worker would get its own empty in-memory database"
            )
        )
    err.print(
        f"serving {url} on http://{host}:{port}/  (API docs at /docs)"
        + (f" with {workers} workers" if workers > 1 else "")
    )
    if workers == 1:
        web = create_app(url)
        ready_to_serve()
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name, so the database travels in the environment; the
    # schema is migrated here, once, rather than by every worker racing at start-up.
    with open_store(url):
        pass
    os.environ["STANCELINE_DB"] = url
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning")


def _in_memory(url: str) -> bool:
    u = make_url(url)
    return u.get_backend_name() == "sqlite" and (u.database in (None, "", ":memory:") or "memory" in str(u.query))

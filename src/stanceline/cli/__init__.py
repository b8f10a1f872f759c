"""The `stanceline` command line: one module per command group, one thin function per command; the
work happens in the stages.

`app` (the shared Typer app, options and helpers) · `safe` (terminal-safe text) · `ingest` (ingest,
analyze) · `read` (docs, show, search, stats, failures, actors, quotes, stories) · `stance`
(timeline, issues) · `export` (export, digest) · `serve`. Importing this package registers every
group's commands on `app`, the `stanceline` entry point. Modules that take seconds to load (the
cleaning pipeline, spaCy, FastAPI) are imported by the commands that need them, so reading
commands and `--help` start quickly.
"""

from stanceline.cli import export, ingest, read, serve, stance
from stanceline.cli.app import app

__all__ = ["app", "export", "ingest", "read", "serve", "stance"]

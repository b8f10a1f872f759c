"""All settings in one place: environment variables, defaults and the shipped data files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DEFAULT_DB_FILE = "stanceline.db"
DATA_DIR = Path(str(resources.files("stanceline") / "data"))


def default_db_url() -> str:
    """`STANCELINE_DB` if set, else a SQLite file in the working directory."""
    env = os.environ.get("STANCELINE_DB")
    if env:
        return normalise_db_url(env)
    return f"sqlite:///{Path.cwd() / DEFAULT_DB_FILE}"


def normalise_db_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare path to a SQLite file."""
    if "://" in value:
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def default_issues_path() -> Path:
    env = os.environ.get("STANCELINE_ISSUES")
    return Path(env) if env else DATA_DIR / "issues.toml"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = 15.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "stanceline/0.1 (+news research; contact: local user)"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_file_bytes: int = 50 * 1024 * 1024
    run_nlp: bool = True
    workers: int = 1
    batch_size: int = 32
    favor_precision: bool = False
    favor_recall: bool = False
    fetch: FetchOptions = field(default_factory=FetchOptions)

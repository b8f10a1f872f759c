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
class DocumentBudget:
    """What one document may cost before it becomes that document's failure row (or, for NLP, is
    analysed in part with a note). The caps are checked before the stage is called, so a hostile
    input is refused in milliseconds; `seconds` is the backstop for whatever the caps miss.

    Defaults sit well above real articles (the largest of 1,421 benchmark pages has 10,126 tags
    in 1.8 MB) and below what the stages handle in a few seconds on one core."""

    seconds: float = 8.0  # wall time to clean and date one document
    max_tags: int = 25_000  # HTML start tags, counted before parsing
    max_lines: int = 10_000  # lines of a plain-text document, before the plain-text cleaner
    # Characters of a plain-text document, before the cleaner: above spaCy's 1,000,000, so a long
    # text is cleaned whole and reaches NLP, which analyses it in part with a note (`nlp_chars`).
    # The cleaner is linear once lines are capped: 1.4 MB in 6,000 lines prepares in about 3.5 s.
    max_text_chars: int = 2_000_000
    max_html_chars: int = 8_000_000  # characters of a page (scripts and styles included), before parsing
    nlp_chars: int = 100_000  # clean-text characters the NLP stage analyses; the rest is noted
    nlp_seconds: float = 60.0  # wall time to analyse one document (parse and extractors)


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """The cleaner's knobs: drop more (less chrome, may lose text) or keep more (the reverse)."""

    favor_precision: bool = False
    favor_recall: bool = False


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_file_bytes: int = 50 * 1024 * 1024
    run_nlp: bool = True
    workers: int = 1
    batch_size: int = 32
    favor_precision: bool = False
    favor_recall: bool = False
    fetch: FetchOptions = field(default_factory=FetchOptions)
    # Follow symbolic links that point out of an input folder (never by default).
    follow_symlinks: bool = False
    budget: DocumentBudget = field(default_factory=DocumentBudget)
    # Failure rows listed per input file; the rest are counted in one closing row.
    max_failures_per_file: int = 20

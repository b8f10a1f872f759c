"""Coded errors: each says what went wrong and what the user can do about it (spaCy's habit)."""

from __future__ import annotations


class StancelineError(Exception):
    """Base error. `code` is stable (E1xx input, E2xx store, E3xx models, E4xx config, E5xx web)."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(StancelineError):
    """A source (file, URL, feed, record) could not be read or is not an article."""

    code = "E100"


class ManifestError(InputError):
    code = "E110"


class FetchError(InputError):
    code = "E120"


class StoreError(StancelineError):
    code = "E200"


class ModelMissingError(StancelineError):
    code = "E300"


class ModelMismatchError(StancelineError):
    code = "E301"


class ConfigError(StancelineError):
    code = "E400"

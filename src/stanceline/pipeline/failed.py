"""Failures the input itself decides, remembered so that an unchanged re-run does not prepare them again.

A document that is binary, has no article text or too little, or nests its HTML too deeply fails the
same way every time the same bytes go through the same preparation code with the same options. Its
failure is stored with a key of that code and those options; a re-run that finds the item's id with
the current key reports the stored failure without loading the cleaners and daters. The key is a
hash of the preparing packages' files (code and models), the versions of the libraries they call and
the options, so any change to any of them prepares the item again. Failures that depend on the
moment (time budget, fetch errors, internal errors) are never remembered.

Kept apart from prepare.py, which loads the cleaners and daters: this module must stay light.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from stanceline.config import IngestOptions

# Below this many words a "document" is a stub, an error page or chrome only.
MIN_WORDS = 20

# Binary content, no article text, too little of it, HTML nested too deeply.
DETERMINED_BY_INPUT = frozenset({"E103", "E104", "E105", "E106"})

_PACKAGE = Path(__file__).resolve().parents[1]
# What turns an item's bytes into a prepared document or one of the failures above: the folders'
# every file (code and the models in data/) and these modules.
_FOLDERS = ("clean", "dates", "sources", "pipeline", "data")
_MODULES = ("budget.py", "config.py", "dedup.py", "model.py", "trees.py")
# The libraries the cleaners and daters call.
_LIBRARIES = ("trafilatura", "htmldate", "justext", "lxml", "py3langid", "charset-normalizer")


def prepare_key(options: IngestOptions) -> str:
    """What a remembered failure was decided with: preparation code and models, libraries, options."""
    h = hashlib.sha256()
    files = [p for f in _FOLDERS for p in (_PACKAGE / f).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [_PACKAGE / m for m in _MODULES]
    for path in sorted(files):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none\0".encode())
    b = options.budget
    h.update(f"p{options.favor_precision}r{options.favor_recall}|{b.max_tags}|{b.max_lines}|{b.max_text_chars}".encode())
    h.update(f"|{b.max_html_chars}".encode())
    return h.hexdigest()[:40]

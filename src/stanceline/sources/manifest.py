"""The manifest: JSONL, one object per file — ``file`` plus any of ``url``, ``outlet``, ``title``,
``published`` (and ``author``, accepted because Metadata has it); other keys are ignored.

Values from the manifest win over inferred ones; a manifest date is marked
``published_source="manifest"``. A bad line is reported and skipped, the rest are kept.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from stanceline.errors import ManifestError
from stanceline.model import Metadata, SourceError
from stanceline.sources.folders import resolve_link
from stanceline.sources.jsonline import JsonLineError, parse_json_line

__all__ = [
    "E_MANIFEST_FIELD",
    "E_MANIFEST_LINE",
    "E_MANIFEST_UNKNOWN_FILE",
    "Manifest",
    "load_manifest",
    "normalise_published",
    "read_manifest",
]

E_MANIFEST_LINE = "E110"
E_MANIFEST_UNKNOWN_FILE = "E111"
E_MANIFEST_FIELD = "E112"

_META_FIELDS = ("url", "outlet", "title", "author", "published")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
# A manifest line longer than this is not a metadata record; refusing it keeps memory bounded.
_MAX_LINE = 1024 * 1024


def normalise_published(value: str) -> str | None:
    """ISO date at the precision given (``2024``, ``2024-10``, ``2024-10-18``); datetimes are cut
    to the day written (the outlet's local date). None if it is not such a date."""
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}"
    if not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return None
    return f"{year}-{month}-{day}"


def parse_meta_fields(obj: dict[str, object], source: str) -> tuple[Metadata, list[SourceError]]:
    """Metadata from a JSON object's url/outlet/title/author/published; bad values are dropped and
    reported (the rest of the object still counts)."""
    values: dict[str, str | None] = {}
    errors: list[SourceError] = []
    for key in _META_FIELDS:
        raw = obj.get(key)
        if raw is None:
            continue
        if not isinstance(raw, str):
            errors.append(
                SourceError(source, f"ignored {key!r}: expected a string, got {type(raw).__name__}", E_MANIFEST_FIELD)
            )
            continue
        text = raw.strip()
        if not text:
            continue
        if key == "published":
            date = normalise_published(text)
            if date is None:
                errors.append(
                    SourceError(
                        source,
                        f"ignored published {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD",
                        E_MANIFEST_FIELD,
                    )
                )
                continue
            text = date
        values[key] = text
    meta = Metadata(
        url=values.get("url"),
        outlet=values.get("outlet"),
        title=values.get("title"),
        author=values.get("author"),
        published=values.get("published"),
        published_source="manifest" if values.get("published") else None,
    )
    return meta, errors


def _key(name: str) -> str:
    """Manifest keys compare as POSIX relative paths: ``./a\\b.txt`` and ``a/b.txt`` are one file."""
    if "://" in name:
        return name  # a URL given as input
    p = PurePosixPath(name.replace("\\", "/"))
    parts = [part for part in p.parts if part not in (".", "")]
    if p.is_absolute():
        return str(p)
    return "/".join(parts)


@dataclass(slots=True)
class Manifest:
    """A loaded manifest, and which of its entries were used (to report the ones never given)."""

    path: Path
    entries: dict[str, Metadata] = field(default_factory=dict)  # relative path as written → meta
    lines: dict[str, int] = field(default_factory=dict)  # entry key → line number
    by_name: dict[str, str] = field(default_factory=dict)  # unambiguous file name → entry key
    used: set[str] = field(default_factory=set)

    def lookup(self, file: Path, roots: tuple[Path, ...] = ()) -> Metadata | None:
        """The entry for `file`: by its path relative to the manifest's folder or to an input
        folder, as given, then by its name alone when no two entries share that name."""
        candidates: list[str] = []
        resolved = resolve_link(file)[0] or file.absolute()
        for root in (self.path.parent, *roots):
            real_root = resolve_link(root)[0]
            if real_root is not None:
                with contextlib.suppress(ValueError):
                    candidates.append(_key(resolved.relative_to(real_root).as_posix()))
        candidates += [_key(str(file)), str(resolved)]
        key = next((k for k in candidates if k in self.entries), None) or self.by_name.get(file.name)
        if key is None:
            return None
        self.used.add(key)
        return self.entries[key]

    def unused(self) -> Iterator[SourceError]:
        """Entries never matched to a given file."""
        for key, line in sorted(self.lines.items(), key=lambda kv: kv[1]):
            if key not in self.used:
                yield SourceError(
                    f"{self.path.name}#L{line}",
                    f"manifest names a file that was not given: {key}",
                    E_MANIFEST_UNKNOWN_FILE,
                )

    def as_dict(self) -> dict[str, Metadata]:
        out = {name: self.entries[key] for name, key in self.by_name.items()}
        out.update(self.entries)
        return out


def iter_bounded_lines(fh: IO[bytes], cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a JSONL stream; None for a line over `cap` bytes, which
    is skipped without ever being held whole (manifests and JSONL inputs share this)."""
    n = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        n += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1024 * 1024)
            yield n, None
            continue
        yield n, line


def _iter_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    with path.open("rb") as fh:
        yield from iter_bounded_lines(fh, _MAX_LINE)


def read_manifest(path: Path) -> tuple[Manifest, list[SourceError]]:
    """Load a manifest; raises ManifestError if the file itself cannot be read."""
    if not path.exists():
        raise ManifestError(f"manifest not found: {path} (give an existing JSONL file to --manifest)")
    if not path.is_file():
        raise ManifestError(f"manifest is not a file: {path}")
    manifest = Manifest(path=path)
    errors: list[SourceError] = []
    seen_names: set[str] = set()
    ambiguous: set[str] = set()
    try:
        for n, raw in _iter_lines(path):
            source = f"{path.name}#L{n}"
            if raw is None:
                errors.append(SourceError(source, "line too long for a manifest record", E_MANIFEST_LINE))
                continue
            if not raw.strip():
                continue
            try:
                obj = parse_json_line(raw)
            except JsonLineError as exc:
                errors.append(SourceError(source, exc.reason, E_MANIFEST_LINE))
                continue
            if not isinstance(obj, dict):
                errors.append(SourceError(source, "expected a JSON object", E_MANIFEST_LINE))
                continue
            file = obj.get("file")
            if not isinstance(file, str) or not file.strip():
                errors.append(SourceError(source, "missing 'file' (the article's file name)", E_MANIFEST_LINE))
                continue
            key = _key(file.strip())
            if key in manifest.entries:
                errors.append(
                    SourceError(
                        source,
                        f"duplicate entry for {key} (first on line {manifest.lines[key]})",
                        E_MANIFEST_LINE,
                    )
                )
                continue
            meta, field_errors = parse_meta_fields(obj, source)
            errors.extend(field_errors)
            manifest.entries[key] = meta
            manifest.lines[key] = n
            name = PurePosixPath(key).name
            if name in seen_names:
                ambiguous.add(name)
            seen_names.add(name)
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror or exc}") from exc
    manifest.by_name = {
        PurePosixPath(key).name: key
        for key in manifest.entries
        if "://" not in key and PurePosixPath(key).name not in ambiguous
    }
    return manifest, errors


def load_manifest(path: Path) -> tuple[dict[str, Metadata], list[SourceError]]:
    """Metadata keyed by the file name AND the relative path given in the manifest; bad lines
    become SourceError(source="manifest.jsonl#L3", ...) and the rest are kept. A name shared by
    two entries in different folders is keyed only by their relative paths. Raises ManifestError
    if the manifest file is missing or unreadable."""
    manifest, errors = read_manifest(path)
    return manifest.as_dict(), errors

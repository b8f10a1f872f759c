"""Input folders: the walk, symbolic links, and names made of any bytes.

* Symbolic links are not followed out of the input folder: a link whose target lies outside it
  (``/etc/passwd``) is that link's failure row (E138), unless ``follow_symlinks`` is set. A link
  to a folder inside the input folder is not descended (its files are read at their own path).
* Loops cannot stall or stop a walk: a link that never resolves (``a -> b -> a``) or is dangling
  is its failure row (E137), and with ``follow_symlinks`` a folder reached twice (``self -> .``)
  is read once.
* File names are bytes on POSIX; one that is not UTF-8 is shown with ``\\xNN`` escapes
  (`display_path`) and identified by its raw bytes (`path_key`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from stanceline.model import SourceError
from stanceline.sources.kinds import MANIFEST_NAME, source_kind

__all__ = [
    "E_LINK_LOOP",
    "E_LINK_OUTSIDE",
    "display_path",
    "is_hidden",
    "path_key",
    "resolve_link",
    "walk_folder",
]

log = logging.getLogger(__name__)

E_UNREADABLE = "E131"
E_LINK_LOOP = "E137"
E_LINK_OUTSIDE = "E138"


def display_path(path: Path | str) -> str:
    """The path as text that any terminal, database or JSON file accepts: bytes that are not
    UTF-8 (kept by Python as lone surrogates) are written as ``\\xNN``."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def path_key(path: Path, root: Path | None) -> bytes:
    """The raw bytes of `path` relative to the input `root` (its name alone when given directly):
    another spelling of the same input (absolute, relative, ``a/../a``) gives the same bytes."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return os.fsencode(rel.as_posix())


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def resolve_link(path: Path) -> tuple[Path | None, str | None]:
    """(real path, None), or (None, why not): a link loop or a dangling link. Never raises."""
    try:
        return path.resolve(strict=True), None
    except RuntimeError:  # Python 3.11's pathlib reports a loop this way
        return None, "symbolic link loop"
    except FileNotFoundError:
        return None, "broken symbolic link (its target does not exist)"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP on Linux
            return None, "symbolic link loop"
        return None, f"cannot resolve: {exc.strerror or exc}"


def _inside(target: Path, root: Path | None) -> bool:
    return root is not None and (target == root or target.is_relative_to(root))


def walk_folder(
    root: Path, *, manifest: Path | None = None, follow_symlinks: bool = False
) -> tuple[list[Path], list[Path], list[SourceError]]:
    """(articles, skipped, errors) under `root`: article files in sorted order, files skipped for
    their type, and what could not be read (folders, links). Never raises."""
    errors: list[SourceError] = []
    skip = resolve_link(manifest)[0] if manifest else None
    real_root = resolve_link(root)[0]

    def onerror(exc: OSError) -> None:
        where = display_path(exc.filename or root)
        errors.append(SourceError(where, f"cannot read folder: {exc.strerror or exc}", E_UNREADABLE))

    def refuse_link(path: Path) -> Path | None:
        """The link's target if it may be read; else None, with the reason recorded."""
        target, why = resolve_link(path)
        if target is None:
            errors.append(SourceError(display_path(path), why or "cannot resolve", E_LINK_LOOP))
            return None
        if not follow_symlinks and not _inside(target, real_root):
            errors.append(
                SourceError(
                    display_path(path),
                    "symbolic link to outside the input folder, not followed (--follow-symlinks reads it)",
                    E_LINK_OUTSIDE,
                )
            )
            return None
        return target

    visited: set[tuple[int, int]] = set()
    found: list[tuple[tuple[str, ...], Path]] = []
    skipped: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=follow_symlinks):
        here = Path(dirpath)
        try:
            st = here.stat()
        except OSError as exc:
            errors.append(SourceError(display_path(here), f"cannot read folder: {exc.strerror or exc}", E_UNREADABLE))
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            # Only reachable through a followed link: a loop, or a second way into one folder.
            errors.append(
                SourceError(display_path(here), "symbolic link to a folder already read, not read again", E_LINK_LOOP)
            )
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        keep: list[str] = []
        for d in sorted(dirnames):
            if is_hidden(d):
                continue
            sub = here / d
            if sub.is_symlink():
                target = refuse_link(sub)
                if target is None or not follow_symlinks:
                    continue  # a link inside the folder: its files are read at their own path
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if is_hidden(name):
                continue
            path = here / name
            if path.is_symlink() and refuse_link(path) is None:
                continue
            if name == MANIFEST_NAME or (skip is not None and resolve_link(path)[0] == skip):
                continue
            kind = source_kind(path)
            if kind is None or kind == "unsupported":
                skipped.append(path)
                continue
            found.append((path.relative_to(root).parts, path))
    found.sort(key=lambda item: item[0])
    if skipped:
        log.info("skipped %d file(s) of unsupported type under %s", len(skipped), display_path(root))
    return [p for _, p in found], sorted(skipped), errors

"""What reader a file gets, by its name alone (the folder walk and the readers share this)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["MANIFEST_NAME", "source_kind"]

MANIFEST_NAME = "manifest.jsonl"

_KINDS: tuple[tuple[str, str], ...] = (
    # Longest suffixes first: ".warc.gz" must not read as a gzipped something else.
    (".warc.gz", "warc"),
    (".html.gz", "gz-html"),
    (".htm.gz", "gz-html"),
    (".txt.gz", "gz-text"),
    (".jsonl.gz", "gz-jsonl"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "text"),
    (".jsonl", "jsonl"),
    (".xml", "feed"),
    (".rss", "feed"),
    (".atom", "feed"),
)
# Types that are clearly not articles: skipped in folders, refused when named.
_NOT_ARTICLE_SUFFIXES = (
    ".md .markdown .rst .pdf .doc .docx .odt .rtf .json .csv .tsv .xls .xlsx .ppt .pptx .png "
    ".jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .wav .avi .mov .webm .zip .tar "
    ".tgz .gz .bz2 .xz .7z .rar .py .pyc .js .ts .css .sh .c .h .java .go .rs .toml .yaml .yml "
    ".ini .cfg .db .sqlite .exe .so .dll .bin .woff .woff2 .ttf .otf .lock .log "
)
_NOT_ARTICLES = frozenset(_NOT_ARTICLE_SUFFIXES.split())


def source_kind(path: Path) -> str | None:
    """What reader a file gets by name: ``text``, ``html``, ``jsonl``, ``warc``, ``feed``, ``gz-*``;
    ``unsupported`` for clearly-not-article types; None for unknown (sniffed when named)."""
    name = path.name.lower()
    for suffix, kind in _KINDS:
        if name.endswith(suffix):
            return kind
    if path.suffix.lower() in _NOT_ARTICLES:
        return "unsupported"
    return None

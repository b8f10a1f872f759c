"""Document ids and storable text for input items: small, so that an unchanged re-run can skip what
is stored without loading the cleaners (prepare.py re-exports both)."""

from __future__ import annotations

from typing import overload

from stanceline.dedup import document_id
from stanceline.model import RawItem


def item_document_id(item: RawItem, raw_hash: str) -> str:
    """The document id of an item: from its path under the input folder when it has one."""
    return document_id(item.id_key if item.id_key is not None else item.source, raw_hash)


@overload
def storable(value: str) -> str: ...
@overload
def storable(value: None) -> None: ...
def storable(value: str | None) -> str | None:
    """Text every database and terminal encoding accepts: no NUL (PostgreSQL refuses it) and no
    lone surrogate (a JSON ``"\\ud800"`` escape, an undecodable name), which no encoder writes."""
    if value is None:
        return None
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value

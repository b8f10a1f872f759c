"""People's corrections from the API and the pages' forms: checked against what is stored (the
actors exist, the flagged position or quote is there), then kept by the store, which applies them
now and after every re-analysis (store/corrections.py)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from stanceline.store.corrections import Correction, as_dict, flag_target
from stanceline.store.db import Store
from stanceline.web import data
from stanceline.web.deps import BadRequest, NotFound

Text = Annotated[str, Field(min_length=1, max_length=300)]


class CorrectionIn(BaseModel):
    kind: Literal["merge", "rename", "split", "flag_position", "flag_quote", "unflag_position", "unflag_quote"]
    actor: Text | None = Field(
        None, description="merge/rename/split: the actor (key or exact name); flag_position/unflag_position: "
        "its holder, when several actors hold a position at the span."
    )
    into: Text | None = Field(None, description="merge: the actor it is the same as.")
    name: Text | None = Field(None, description="rename: the new display name; split: the new actor's name.")
    aliases: list[Text] = Field(
        default_factory=list, max_length=50, description="split: the names that are the other actor."
    )
    doc_id: Text | None = Field(None, description="flags and unflags: the document.")
    start: int | None = Field(None, ge=0, description="flags and unflags: the span's first character.")
    end: int | None = Field(None, ge=0, description="flags and unflags: the character after the span.")
    issue: Text | None = Field(None, description="flag_position/unflag_position: the issue.")
    reason: Annotated[str, Field(max_length=1000)] = ""


def _clean(s: str) -> str:
    return " ".join(s.split())


def build(store: Store, body: CorrectionIn) -> Correction:
    """The correction `body` asks for, with its actors resolved; NotFound or BadRequest otherwise."""
    note = _clean(body.reason) or None
    if body.kind in ("merge", "rename", "split"):
        if not body.actor:
            raise BadRequest(f"{body.kind}: say which actor (actor=)")
        a = data.find_actor(store, body.actor)
        if body.kind == "merge":
            if not body.into:
                raise BadRequest("merge: say which actor it is the same as (into=)")
            b = data.find_actor(store, body.into)
            if a.key == b.key:
                raise BadRequest("merge: an actor cannot be merged into itself")
            return Correction("merge", a.key, {"into": b.key}, note)
        if not body.name or not _clean(body.name):
            raise BadRequest(f"{body.kind}: give the name (name=)")
        name = _clean(body.name)
        if body.kind == "rename":
            return Correction("rename", a.key, {"name": name}, note)
        aliases = sorted({_clean(x) for x in body.aliases if _clean(x)})
        if not aliases:
            raise BadRequest("split: list the names that belong to the other actor (aliases=)")
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "actor"
        new_key = f"{a.key.split(':', 1)[0]}:{slug}" if ":" in a.key else slug
        while store.get_actors([new_key]):
            new_key += "~split"
        return Correction("split", a.key, {"new_key": new_key, "name": name, "aliases": aliases}, note)
    if body.doc_id is None or body.start is None or body.end is None:
        raise BadRequest(f"{body.kind}: give the document and the span (doc_id=, start=, end=)")
    d = data.get_document(store, body.doc_id)
    target, unflag = flag_target(d.id, body.start, body.end), body.kind.startswith("un")
    if body.kind.endswith("_quote"):
        at = [q for q in store.quotes(doc_id=d.id, flagged=True) if q.start == body.start and q.end == body.end]
        if unflag:
            at = [q for q in at if q.flag]
        if not at:
            raise NotFound(f"no {'flagged ' if unflag else ''}quote at {body.start}-{body.end} in document {d.id}")
        return Correction(body.kind, target, {"reason": note}, note)
    ps = [p for p in store.positions(doc_id=d.id, flagged=True) if p.start == body.start and p.end == body.end]
    if body.issue:
        ps = [p for p in ps if p.issue.casefold() == body.issue.casefold()]
    if body.actor:
        key = data.find_actor(store, body.actor).key
        ps = [p for p in ps if p.actor_key == key]
    if unflag:
        ps = [p for p in ps if p.flag]
    if not ps:
        raise NotFound(f"no {'flagged ' if unflag else ''}position at {body.start}-{body.end} in document {d.id}")
    # The holders go with the flag, so it stays on their rows when a re-analysis moves the span
    # (store/corrections.py); an unflag names the holders whose flags it takes back.
    holders = sorted({p.actor_key for p in ps if p.issue == ps[0].issue})
    value = {"reason": note, "issue": ps[0].issue, "actors": holders}
    return Correction(body.kind, target, value, note)


def correction_json(c: Correction) -> dict[str, Any]:
    return as_dict(c)

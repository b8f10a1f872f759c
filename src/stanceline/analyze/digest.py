"""The digest: a brief in the style of a weekly diplomacy newsletter, built from stored extractions.

Per issue: where each actor stands (their latest position in the period, with its sentence),
who moved (stance shifts), and the notable quotes on it; then the stories of the period. Every
line carries the document id and the anchor of its evidence, so a reader can check it. Nothing
is generated: the words in quotes are the article's own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from stanceline.model import Document, Position, Quote, Shift
from stanceline.store.db import DocFilter, Store

STANCE_VERB = {
    "support": "supports",
    "oppose": "opposes",
    "conditional": "supports with conditions",
    "neutral": "is non-committal on",
}
MAX_ACTORS = 12
MAX_QUOTES = 6
MAX_STORIES = 5
MAX_MOVES = 15
# Quotes are looked for in this many of the most recent documents with positions, so a digest
# over a large corpus reads a bounded number of documents' quotes.
QUOTE_DOCS = 200


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a line's evidence is: the document and the anchor of the span in its page."""

    doc_id: str
    anchor: str
    date: str | None
    outlet: str | None
    title: str | None

    @property
    def path(self) -> str:
        return f"/documents/{self.doc_id}#{self.anchor}"

    @property
    def label(self) -> str:
        name = self.outlet or self.title or f"document {self.doc_id[:8]}"
        return f"{name}, {self.date or 'undated'}"


@dataclass(frozen=True, slots=True)
class Development:
    actor: str
    actor_key: str
    stance: str
    n_positions: int
    evidence: str
    ref: Ref

    @property
    def verb(self) -> str:
        return STANCE_VERB.get(self.stance, self.stance)


@dataclass(frozen=True, slots=True)
class Move:
    actor: str
    actor_key: str
    from_stance: str
    to_stance: str
    before_evidence: str
    before: Ref
    after_evidence: str
    after: Ref


@dataclass(frozen=True, slots=True)
class QuoteLine:
    speaker: str
    speaker_key: str | None
    text: str
    kind: str
    ref: Ref


@dataclass(slots=True)
class Section:
    issue: str
    tally: dict[str, int]
    developments: list[Development] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    quotes: list[QuoteLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryLine:
    id: str
    label: str
    start: str | None
    end: str | None
    n_documents: int
    outlets: tuple[str, ...]


@dataclass(slots=True)
class Digest:
    since: str | None
    until: str | None
    documents: int
    outlets: int
    sections: list[Section]
    stories: list[StoryLine]

    @property
    def period(self) -> str:
        if self.since or self.until:
            return f"{self.since or '…'} – {self.until or '…'}"
        return "all dates"


def _in_period(d: str | None, since: str | None, until: str | None) -> bool:
    if d is None:
        # An undated item cannot be placed in a period; only an unbounded digest includes it.
        return since is None and until is None
    if since and d < since:
        return False
    return not (until and d[: len(until)] > until)


def _anchor(item_id: str) -> str:
    from stanceline.web.data import anchor

    return anchor(item_id)


def build_digest(
    store: Store, *, issue: str | None = None, since: str | None = None, until: str | None = None
) -> Digest:
    from stanceline.web.data import shifts_for

    all_positions = store.positions(issue=issue)
    positions = [p for p in all_positions if _in_period(p.date, since, until)]

    def ref(doc_id: str, item_id: str, date: str | None) -> Ref:
        # Outlet and title are filled in at the end, for the few documents the digest cites.
        return Ref(doc_id, _anchor(item_id), date, None, None)

    by_issue: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        by_issue[p.issue].append(p)
    sections = []
    for name in sorted(by_issue):
        ps = by_issue[name]
        issue_all = [p for p in all_positions if p.issue == name]
        sec = Section(issue=name, tally=dict(Counter(p.stance for p in ps)))
        sec.developments = _developments(ps, ref)
        sec.moves = _moves([s for s in shifts_for(issue_all) if _in_period(s.after_date, since, until)], issue_all, ref)
        sec.quotes = _quotes(store, ps, ref)
        sections.append(sec)

    story_list = [s for s in store.stories() if _in_period(s.end, since, until) or _in_period(s.start, since, until)][
        :MAX_STORIES
    ]
    cited = {r.doc_id for sec in sections for r in _refs(sec)} | {i for s in story_list for i in s.doc_ids}
    docs: dict[str, Document] = (
        {d.id: d for d in store.list_documents(DocFilter(doc_ids=sorted(cited)), limit=None)} if cited else {}
    )

    def fill(r: Ref) -> Ref:
        d = docs.get(r.doc_id)
        if d is None:
            return r
        return replace(r, date=r.date or d.published, outlet=d.outlet, title=d.title)

    for sec in sections:
        sec.developments = [replace(x, ref=fill(x.ref)) for x in sec.developments]
        sec.moves = [replace(m, before=fill(m.before), after=fill(m.after)) for m in sec.moves]
        sec.quotes = [replace(q, ref=fill(q.ref)) for q in sec.quotes]
    stories = [
        StoryLine(
            s.id,
            s.label,
            s.start,
            s.end,
            len(s.doc_ids),
            tuple(sorted({o for o in (docs[i].outlet for i in s.doc_ids if i in docs) if o})),
        )
        for s in story_list
    ]
    n_docs, n_outlets = _coverage(store, since, until)
    return Digest(since=since, until=until, documents=n_docs, outlets=n_outlets, sections=sections, stories=stories)


def _refs(sec: Section) -> list[Ref]:
    return (
        [x.ref for x in sec.developments]
        + [r for m in sec.moves for r in (m.before, m.after)]
        + [q.ref for q in sec.quotes]
    )


def _coverage(store: Store, since: str | None, until: str | None) -> tuple[int, int]:
    """Canonical documents and distinct outlets in the period, counted in the database."""
    from sqlalchemy import func, select

    from stanceline.store import schema as t

    c = t.documents.c
    where: list[Any] = [c.duplicate_of.is_(None)]
    if since:
        where.append(c.published >= since)
    if until:
        where.append(func.substr(c.published, 1, len(until)) <= until)
    with store.engine.connect() as conn:
        row = conn.execute(select(func.count(), func.count(func.distinct(c.outlet))).where(*where)).one()
    return int(row[0]), int(row[1])


def _developments(ps: Sequence[Position], ref: object) -> list[Development]:
    by_actor: dict[str, list[Position]] = defaultdict(list)
    for p in ps:
        by_actor[p.actor_key].append(p)
    out = []
    for key, items in by_actor.items():
        # The latest dated position speaks for the actor now; among equals, the most confident,
        # and the actor's own words over an outlet's characterisation.
        voice_rank = {"quote": 2, "reported": 1, "outlet": 0}
        latest = max(
            items,
            key=lambda p: (p.date or "", p.confidence, voice_rank.get(p.voice, 0), -p.start),
        )
        out.append(
            Development(
                actor=latest.actor,
                actor_key=key,
                stance=latest.stance,
                n_positions=len(items),
                evidence=latest.evidence,
                ref=ref(latest.doc_id, latest.id, latest.date),  # type: ignore[operator]
            )
        )
    out.sort(key=lambda d: (-d.n_positions, d.actor))
    return out[:MAX_ACTORS]


def _moves(shifts: Sequence[Shift], ps: Sequence[Position], ref: object) -> list[Move]:
    index: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in ps:
        index[(p.doc_id, p.actor_key)].append(p)

    def find(doc_id: str, evidence: str, key: str) -> Position | None:
        cands = index.get((doc_id, key), [])
        return next((p for p in cands if p.evidence == evidence), cands[0] if cands else None)

    latest = sorted(shifts, key=lambda s: (s.after_date or "", s.actor), reverse=True)[:MAX_MOVES]
    out = []
    for s in latest:
        b = find(s.before_doc, s.before_evidence, s.actor_key)
        a = find(s.after_doc, s.after_evidence, s.actor_key)
        out.append(
            Move(
                actor=s.actor,
                actor_key=s.actor_key,
                from_stance=s.from_stance,
                to_stance=s.to_stance,
                before_evidence=s.before_evidence,
                before=ref(s.before_doc, b.id if b else f"doc-{s.before_doc}", s.before_date),  # type: ignore[operator]
                after_evidence=s.after_evidence,
                after=ref(s.after_doc, a.id if a else f"doc-{s.after_doc}", s.after_date),  # type: ignore[operator]
            )
        )
    return out


def _quotes(store: Store, ps: Sequence[Position], ref: object) -> list[QuoteLine]:
    """Quotes that carry a position on the issue: linked by the position, or overlapping its span."""
    by_doc: dict[str, list[Position]] = defaultdict(list)
    for p in ps:
        by_doc[p.doc_id].append(p)
    recent = sorted(by_doc, key=lambda d: max(p.date or "" for p in by_doc[d]), reverse=True)[:QUOTE_DOCS]
    picked: dict[str, tuple[Quote, Position]] = {}
    for doc_id in recent:
        dps = by_doc[doc_id]
        for q in store.quotes(doc_id=doc_id):
            for p in dps:
                if p.quote_id == q.id or (q.start < p.end and p.start < q.end):
                    picked.setdefault(q.id, (q, p))
                    break
    ranked = sorted(
        picked.values(),
        key=lambda qp: (
            qp[0].kind != "direct",
            qp[0].speaker is None,
            not (40 <= len(qp[0].text) <= 400),
            # A day-dated quote is easier to check than one dated to a year.
            -len(qp[1].date or ""),
            qp[1].date or "",
        ),
    )
    seen_speakers: Counter[str] = Counter()
    out = []
    for q, p in ranked:
        who = q.speaker or p.actor
        # One voice should not fill the section: at most two quotes per speaker.
        if seen_speakers[who] >= 2:
            continue
        seen_speakers[who] += 1
        out.append(QuoteLine(who, q.speaker_key or p.actor_key, q.text, q.kind, ref(q.doc_id, q.id, p.date)))  # type: ignore[operator]
        if len(out) >= MAX_QUOTES:
            break
    out.sort(key=lambda x: x.ref.date or "", reverse=True)
    return out


# -- rendering ------------------------------------------------------------------------------------
_MD_SPECIAL = set("\\`*_[]()#+!|{}~")


def md(text: str) -> str:
    """Article text made inert in Markdown: no emphasis, links or raw HTML can come from it."""
    out = []
    for ch in " ".join(text.split()):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "&":
            out.append("&amp;")
        else:
            out.append(ch)
    return "".join(out)


def _md_link(r: Ref, base_url: str) -> str:
    return f"[{md(r.label)}]({base_url}{r.path})"


def render_markdown(d: Digest, *, base_url: str = "") -> str:
    lines = [f"# stanceline digest — {md(d.period)}", ""]
    lines.append(f"_{d.documents} documents from {d.outlets} outlets. Every line links to the sentence it rests on._")
    lines.append("")
    if not d.sections:
        lines += ["No positions on any tracked issue in this period.", ""]
    for s in d.sections:
        lines += [f"## {md(s.issue)}", ""]
        tally = ", ".join(f"{n} {k}" for k, n in sorted(s.tally.items(), key=lambda kv: -kv[1]))
        lines += [f"_Positions in the period: {tally}._", ""]
        if s.developments:
            lines += ["### Where they stand", ""]
            for dv in s.developments:
                lines.append(f"- **{md(dv.actor)}** {dv.verb} — {md(dv.evidence)} ({_md_link(dv.ref, base_url)})")
            lines.append("")
        if s.moves:
            lines += ["### Who moved", ""]
            for m in s.moves:
                lines.append(
                    f"- **{md(m.actor)}**: {m.from_stance} → **{m.to_stance}**. "
                    f"Before: {md(m.before_evidence)} ({_md_link(m.before, base_url)}). "
                    f"After: {md(m.after_evidence)} ({_md_link(m.after, base_url)})"
                )
            lines.append("")
        if s.quotes:
            lines += ["### Notable quotes", ""]
            for q in s.quotes:
                lines.append(f"> “{md(q.text)}” — **{md(q.speaker)}** ({_md_link(q.ref, base_url)})")
                lines.append("")
    if d.stories:
        lines += ["## Stories", ""]
        for st in d.stories:
            outlets = f" — {md(', '.join(st.outlets))}" if st.outlets else ""
            lines.append(
                f"- [{md(st.label)}]({base_url}/stories/{st.id}) ({st.n_documents} documents, "
                f"{md(st.start or '?')} – {md(st.end or '?')}){outlets}"
            )
        lines.append("")
    return "\n".join(lines)


_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>stanceline digest — {{ d.period }}</title>
<style>
body{font:16px/1.55 Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1,h2,h3{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.25}
h1{font-size:1.6rem;border-bottom:3px solid #1d2330;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccd}
h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:#556}
.meta,.src{color:#667;font-size:.85rem;font-family:system-ui,sans-serif}
blockquote{margin:.8rem 0;padding-left:1rem;border-left:3px solid #b7c3d9}
.stance{font-family:system-ui,sans-serif;font-size:.8rem;padding:0 .35rem;border-radius:3px;background:#eef}
.stance-support{background:#d9f0e1}.stance-oppose{background:#f6d8d8}
.stance-conditional{background:#fbecc8}.stance-neutral{background:#e6e8ee}
a{color:#1f4fa3}
</style></head><body>
{% include "body" %}
</body></html>"""

DIGEST_BODY = """<h1>stanceline digest <span class="meta">— {{ d.period }}</span></h1>
<p class="meta">{{ d.documents }} documents from {{ d.outlets }} outlets. Every line links to the
sentence it rests on.</p>
{% if not d.sections %}<p>No positions on any tracked issue in this period.</p>{% endif %}
{% for s in d.sections %}
<section class="digest-issue">
<h2>{{ s.issue }}</h2>
<p class="meta">Positions in the period:
{% for k, n in s.tally|dictsort(by="value", reverse=true) -%}
<span class="stance stance-{{ k }}">{{ n }} {{ k }}</span> {% endfor %}</p>
{% if s.developments %}<h3>Where they stand</h3><ul>
{% for dv in s.developments %}<li><a href="{{ base }}/actors/{{ dv.actor_key|urlencode }}"><b>{{ dv.actor }}</b></a>
<span class="stance stance-{{ dv.stance }}">{{ dv.verb }}</span> — <span class="evidence">{{ dv.evidence }}</span>
<a class="src" href="{{ base }}{{ dv.ref.path }}">{{ dv.ref.label }}</a></li>
{% endfor %}</ul>{% endif %}
{% if s.moves %}<h3>Who moved</h3><ul>
{% for m in s.moves %}<li><b>{{ m.actor }}</b>:
<span class="stance stance-{{ m.from_stance }}">{{ m.from_stance }}</span>
→ <span class="stance stance-{{ m.to_stance }}">{{ m.to_stance }}</span><br>
before: <span class="evidence">{{ m.before_evidence }}</span>
<a class="src" href="{{ base }}{{ m.before.path }}">{{ m.before.label }}</a><br>
after: <span class="evidence">{{ m.after_evidence }}</span>
<a class="src" href="{{ base }}{{ m.after.path }}">{{ m.after.label }}</a></li>
{% endfor %}</ul>{% endif %}
{% if s.quotes %}<h3>Notable quotes</h3>
{% for q in s.quotes %}<blockquote>“{{ q.text }}”<br><span class="src">— <b>{{ q.speaker }}</b>,
<a href="{{ base }}{{ q.ref.path }}">{{ q.ref.label }}</a></span></blockquote>
{% endfor %}{% endif %}
</section>
{% endfor %}
{% if d.stories %}<section><h2>Stories</h2><ul>
{% for st in d.stories %}<li><a href="{{ base }}/stories/{{ st.id|urlencode }}">{{ st.label }}</a>
<span class="meta">{{ st.n_documents }} documents, {{ st.start or "?" }} – {{ st.end or "?" }}
{%- if st.outlets %} · {{ st.outlets|join(", ") }}{% endif %}</span></li>
{% endfor %}</ul></section>{% endif %}
"""


def _env() -> Environment:
    from jinja2 import DictLoader

    return Environment(loader=DictLoader({"page": _HTML, "body": DIGEST_BODY}), autoescape=True)


def render_body(d: Digest, *, base_url: str = "") -> Markup:
    """The digest's HTML without the page around it, for embedding in the web app's own page."""
    return Markup(_env().get_template("body").render(d=d, base=base_url))


def render_html(d: Digest, *, base_url: str = "") -> str:
    """A standalone HTML page; every string from an article is escaped by Jinja's autoescape."""
    return _env().get_template("page").render(d=d, base=base_url)

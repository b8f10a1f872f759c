"""Reading the stored corpus: `docs`, `show`, `search`, `stats`, `failures`, `actors`, `quotes`, `stories`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from stanceline.cli.app import DbOpt, FormatOpt, actor_keys_or_fail, app, console, fail, open_store
from stanceline.cli.safe import escape, plain, visible
from stanceline.nlp.actors.keys import AliasTable
from stanceline.render.export import COLUMNS, formats
from stanceline.store.db import DocFilter, Store
from stanceline.store.dialect import HL_END, HL_START
from stanceline.store.search import QueryError, check_language, parse_query


@app.command(rich_help_panel="Read")
def docs(
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only documents mentioning this actor.")] = None,
    duplicates: Annotated[bool, typer.Option("--duplicates/--no-duplicates", help="Include duplicates.")] = True,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    lang: Annotated[str | None, typer.Option(help="Only documents in this language (en, de, …).")] = None,
) -> None:
    """List documents, newest first, with filters."""
    try:
        language = check_language(lang)
    except QueryError as exc:
        raise fail(exc) from exc
    with open_store(db) as store:
        actor_key = actor_keys_or_fail(store, actor)[0] if actor else None
        f = DocFilter(
            outlet=outlet, since=since, until=until, actor_key=actor_key, include_duplicates=duplicates,
            language=language,
        )  # fmt: skip
        table = Table(show_header=True)
        for col in ("id", "published", "date source", "outlet", "lang", "title", "words", "duplicate of"):
            if col == "id":
                table.add_column(col, no_wrap=True, min_width=16)
                continue
            # Ids and dates must stay copyable whole; titles give way to the terminal's width.
            wide = col in ("title", "outlet")
            table.add_column(
                col,
                no_wrap=True,
                overflow="ellipsis" if wide else "fold",
                min_width=None if wide else max(len(col), 10 if col == "published" else 0),
            )
        for d in store.list_documents(f, limit=limit):
            table.add_row(
                d.id,
                d.published or "—",
                d.date_source,
                escape(d.outlet or "—"),
                escape(d.language or "—"),
                escape((d.title or d.text[:60]).strip()),
                str(len(d.text.split())),
                d.duplicate_of or "",
            )
        console.print(table)


@app.command(rich_help_panel="Read")
def show(doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")], db: DbOpt = None) -> None:
    """Show one document: metadata, date provenance, clean text, and what was extracted from it."""
    with open_store(db) as store:
        d = store.get_document(doc_id)
        if d is None:
            raise fail(KeyError(f"no document {doc_id!r}"))
        meta = store.document_meta(d.id)
        console.rule(escape(d.title or "(untitled)"))
        for k, v in (
            ("id", d.id),
            ("source", d.source),
            ("read from", meta.get("read_from") if meta.get("read_from") != d.source else None),
            ("outlet", d.outlet),
            ("author", d.author),
            (
                "published",
                f"{d.published or 'unknown'} (from {d.date_source}, confidence {d.date_confidence:.2f})",
            ),
            ("date evidence", meta.get("date_evidence")),
            ("language", d.language),
            ("duplicate of", d.duplicate_of),
            ("not analysed", meta.get("unanalysable")),
            ("analysed in part", meta.get("nlp_note")),
        ):
            if v:
                console.print(f"[bold]{k}:[/bold] {escape(str(v))}")
        console.print()
        console.print(plain(d.text))
        quotes = store.quotes(doc_id=d.id, flagged=True)
        if quotes:
            console.rule("quotes")
            for q in quotes:
                console.print(f"[bold]{escape(q.speaker or '?')}[/bold] ({q.kind}, {escape(q.cue or '')}): ", end="")
                console.print(plain(q.text))
                if q.flag:
                    console.print(f"  [red]flagged as wrong:[/red] {escape(q.flag)}")
        positions = store.positions(doc_id=d.id, flagged=True)
        if positions:
            console.rule("positions")
            for p in positions:
                console.print(f"[bold]{escape(p.actor)}[/bold] {p.stance} on {escape(p.issue)} ({p.voice}): ", end="")
                console.print(plain(p.evidence))
                if p.flag:
                    console.print(f"  [red]flagged as wrong:[/red] {escape(p.flag)}")


def highlighted(snippet: str) -> Text:
    """Render a search snippet: article text stays text; only our own markers become style."""
    out = Text()
    rest = snippet
    while HL_START in rest:
        before, _, tail = rest.partition(HL_START)
        hit, _, rest = tail.partition(HL_END)
        out.append(visible(before))
        out.append(visible(hit), style="bold yellow")
    out.append(visible(rest))
    return out


@app.command(rich_help_panel="Read")
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words and "phrases" all match; OR between terms; -word or NOT word excludes; filters as '
            "outlet:, since:, until:, lang:, actor: (or the options below). A known actor's name or alias "
            "also finds its other spellings."
        ),
    ],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many hits (the next page).")] = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only documents in this language (en, de, …).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only documents mentioning this actor (name or alias).")] = None,
) -> None:
    """Full-text search over the corpus, ranked, with highlighted snippets and the number of matches."""
    try:
        q = parse_query(query, outlet=outlet, since=since, until=until, language=lang, actor=actor)
    except QueryError as exc:
        raise fail(exc) from exc
    with open_store(db) as store:
        page = store.search_page(q, limit=limit, offset=offset)
        if page.actors:
            console.print("[dim]actors: " + escape(", ".join(sorted(page.actors.values()))) + "[/dim]")
        if not page.hits:
            console.print("no matches" if page.total == 0 else f"no matches past {offset:,} (of {page.total:,})")
            return
        shown = f"{offset + 1:,}–{offset + len(page.hits):,} of {page.total:,}"
        console.print(f"{page.total:,} document{'s' if page.total != 1 else ''} match ({shown})")
        for h in page.hits:
            d = store.get_document(h.doc_id)
            title = (d.title if d else None) or "(untitled)"
            console.print(f"[bold]{h.doc_id}[/bold] {escape(title)} [dim]{d.published if d else ''}[/dim]")
            console.print(highlighted(h.snippet))
            console.print()
        if page.next_offset is not None:
            console.print(f"[dim]next page: --offset {page.next_offset}[/dim]")


@app.command(rich_help_panel="Read")
def stats(db: DbOpt = None) -> None:
    """Corpus statistics: documents, duplicates, words, extractions, date sources, outlets."""
    with open_store(db) as store:
        s = store.stats()
        table = Table(show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for k in (
            "documents",
            "canonical",
            "duplicates",
            "words",
            "raw_bytes",
            "actors",
            "mentions",
            "quotes",
        ):
            table.add_row(k, f"{s[k]:,}")
        for k in ("events", "positions", "stories"):
            table.add_row(k, f"{s[k]:,}")
        table.add_row("earliest", str(s["earliest"] or "—"))
        table.add_row("latest", str(s["latest"] or "—"))
        for src, n in sorted(s["date_sources"].items()):
            table.add_row(f"date from {src}", str(n))
        for outlet, n in sorted(s["outlets"].items()):
            table.add_row(f"outlet: {escape(outlet)}", str(n))
        table.add_row("analysed in part", f"{s['partly_analysed']:,}")
        table.add_row("not analysable", f"{s['unanalysable']:,}")
        console.print(table)
        if s["unanalysable"]:
            why = Table(title="documents the NLP stage could not analyse", show_header=True)
            for col in ("id", "source", "reason"):
                why.add_column(col, overflow="fold")
            for doc_id, source, reason in store.unanalysable_documents(limit=20):
                why.add_row(doc_id, escape(source), escape(reason))
            console.print(why)
            if s["unanalysable"] > 20:
                console.print(f"… and {s['unanalysable'] - 20:,} more; `stanceline show ID` gives each one's reason")


@app.command(rich_help_panel="Read")
def failures(
    db: DbOpt = None,
    run: Annotated[str | None, typer.Option(help="This ingest run's id (default: the latest run).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows to list.")] = 200,
) -> None:
    """What an ingest run could not read or store, and why (its failure rows, with their codes)."""
    with open_store(db) as store:
        run_id = run or store.latest_run()
        rows = store.ingest_failures(run_id) if run_id else []
        table = Table(title=f"failures of run {run_id}" if run_id else "no ingest run yet", show_header=True)
        table.add_column("source", overflow="fold")
        table.add_column("reason")
        for r in rows[:limit]:
            table.add_row(escape(r.source), escape(r.reason or ""))
        console.print(table)
        if len(rows) > limit:
            console.print(f"… and {len(rows) - limit:,} more (--limit)")


@app.command(rich_help_panel="Read")
def actors(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE or NORP.")] = None,
) -> None:
    """List canonical actors with aliases and mention, document and quote counts."""
    with open_store(db) as store:
        counts = store.actor_counts()
        rows = [a for a in store.get_actors() if not type_ or a.type == type_.upper()]
        rows.sort(key=lambda a: (-counts.get(a.key, {}).get("mentions", 0), a.name))
        table = Table(show_header=True)
        for col in ("actor", "type", "aliases", "roles", "mentions", "docs", "quotes"):
            table.add_column(col)
        for a in rows[:limit]:
            c = counts.get(a.key, {})
            table.add_row(
                escape(a.name),
                a.type,
                escape(", ".join(x for x in a.aliases if x != a.name)[:80]),
                escape("; ".join(a.roles)[:60]),
                str(c.get("mentions", 0)),
                str(c.get("documents", 0)),
                str(c.get("quotes", 0)),
            )
        console.print(table)


def _explain_quotes(store: Store, doc_id: str, fmt: str) -> None:
    """The stretches in quotation marks of one document that are no quote record, with the reason."""
    # spaCy loads here, not when the command line starts.
    from stanceline.nlp.analysis import explain_text

    d = store.get_document(doc_id)
    assert d is not None
    found = explain_text(d.id, d.text, AliasTable.load())
    rows = [
        {"doc_id": d.id, "start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in found.rejected
    ]
    if fmt != "table":
        formats.get(fmt)(rows, sys.stdout, ["doc_id", "start", "end", "text", "reason"])
        return
    table = Table(show_header=True, title=f"{len(found.quotes)} quote records; stretches in marks that are none:")
    for col in ("reason", "text", "at"):
        table.add_column(col)
    for r in rows:
        table.add_row(escape(str(r["reason"])), escape(str(r["text"])), f"{r['start']}-{r['end']}")
    console.print(table)


@app.command(rich_help_panel="Read")
def quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this actor (name or alias).")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only quotes from this document.")] = None,
    fmt: FormatOpt = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="With --doc: also list the quoted stretches that are no quote, and why.")
    ] = False,
) -> None:
    """Who said what: quotes with their resolved speakers."""
    with open_store(db) as store:
        keys = actor_keys_or_fail(store, speaker) if speaker else None
        doc_id = None
        if doc:
            d = store.get_document(doc)
            if d is None:
                raise fail(KeyError(f"no document {doc!r}"))
            doc_id = d.id
        if explain:
            if doc_id is None:
                raise fail(ValueError("--explain needs --doc ID (it re-reads that one document)"))
            _explain_quotes(store, doc_id, fmt)
            return
        rows = store.quotes(doc_id=doc_id, speaker_keys=keys, flagged=True)
        if fmt != "table":
            data = [
                {
                    "id": q.id,
                    "doc_id": q.doc_id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "cue": q.cue,
                    "speaker": q.speaker,
                    "speaker_mention": q.speaker_mention,
                    "flag": q.flag,
                }
                for q in rows
            ]
            formats.get(fmt)(data, sys.stdout, [c for c in COLUMNS["quotes"] if c in data[0]] if data else [])
            return
        table = Table(show_header=True, show_lines=True)
        for col in ("speaker", "as", "kind", "cue", "quote", "doc"):
            table.add_column(col)
        for q in rows:
            table.add_row(
                escape(q.speaker or "?"),
                escape(q.speaker_mention or ""),
                q.kind,
                escape(q.cue or ""),
                plain(q.text) + (Text(f"\nflagged as wrong: {q.flag}", style="red") if q.flag else Text()),
                q.doc_id,
            )
        console.print(table)


@app.command(rich_help_panel="Read")
def stories(db: DbOpt = None) -> None:
    """List story clusters: documents about the same event or topic across outlets."""
    with open_store(db) as store:
        table = Table(show_header=True)
        for col in ("story", "label", "from", "to", "docs", "terms"):
            table.add_column(col)
        for s in store.stories():
            table.add_row(
                s.id,
                escape(s.label),
                s.start or "—",
                s.end or "—",
                str(len(s.doc_ids)),
                escape(", ".join(s.terms[:6])),
            )
        console.print(table)

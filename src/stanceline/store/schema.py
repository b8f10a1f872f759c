"""The relational schema, as SQLAlchemy Core tables (the query side; migrations create it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
    literal_column,
    text,
)

metadata = MetaData()

# Raw input bytes, content-addressed, so cleaning can be re-run when its version changes.
raw_blobs = Table(
    "raw_blobs",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("media_type", String(32), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(10)),
    Column("date_source", String(16), nullable=False),
    Column("date_confidence", Float, nullable=False),
    Column("date_evidence", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("words", Integer, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("raw_hash", String(64), ForeignKey("raw_blobs.hash"), nullable=False),
    Column("duplicate_of", String(40)),
    Column("minhash", LargeBinary),
    Column("meta_json", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("unanalysable", Text),  # migration 0006: why the NLP stage could not analyse it
    Column("nlp_note", Text),  # migration 0006: e.g. only a prefix was analysed
    Index("ix_documents_text_hash", "text_hash"),
    Index("ix_documents_published", "published"),
    Index("ix_documents_outlet", "outlet"),
    Index("ix_documents_language", "language"),  # migration 0009
)
# Exact duplicates: one canonical document per text hash, enforced by the database (migration 0007).
Index(
    "ux_documents_canonical_text_hash",
    documents.c.text_hash,
    unique=True,
    sqlite_where=text("duplicate_of IS NULL"),
    postgresql_where=text("duplicate_of IS NULL"),
)
# The document list's sort key. The literal '' (not a bound parameter) is what lets both databases
# match the query's expression to the index's; list_documents uses this same expression.
LIST_SORT_KEY = func.coalesce(documents.c.published, literal_column("''"))
Index("ix_documents_list", LIST_SORT_KEY.desc(), documents.c.id)

# Near duplicates: LSH band keys of canonical documents (dedup.band_keys), looked up per new document.
dedup_bands = Table(
    "dedup_bands",
    metadata,
    Column("band", SmallInteger, primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_dedup_bands_doc", "doc_id"),
)

# Which version of each stage produced a document's current rows: re-runs skip what is current.
stage_runs = Table(
    "stage_runs",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("version", String(32), nullable=False),
    Column("ran_at", String(32), nullable=False),
)

# One row per source seen, so a user can see what failed and why across runs.
ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), nullable=False),
    Column("source", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("doc_id", String(40)),
    Column("reason", Text),
    Column("at", String(32), nullable=False),
    Index("ix_ingest_log_run", "run_id"),
)

# Failures the input decides (pipeline/failed.py), by item id, with what they were decided with
# (migration 0009): an unchanged re-run reports them without preparing the item again.
failed_items = Table(
    "failed_items",
    metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("prepared_with", String(200), nullable=False),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
)

# Which process is analysing a document now (migration 0006), so concurrent runs share the work.
nlp_claims = Table(
    "nlp_claims",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("expires_at", Float, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("aliases_json", Text, nullable=False),
    Column("roles_json", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("actor_key", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(8), nullable=False),
    Column("role", Text),
    Index("ix_mentions_doc", "doc_id"),
    Index("ix_mentions_actor", "actor_key"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker", Text),
    Column("speaker_key", String(200)),
    Column("speaker_mention", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("spans_json", Text),  # the quotation's pieces, JSON [[start, end], ...]
    Column("antecedent", Text),
    Column("antecedent_start", Integer),
    Column("antecedent_end", Integer),
    Column("flag", Text),  # a person's reason for flagging it as wrong (migration 0015)
    Index("ix_quotes_doc", "doc_id"),
    Index("ix_quotes_speaker", "speaker_key"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(160), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("actor", Text),
    Column("actor_key", String(200)),
    Column("action", String(16), nullable=False),
    Column("target", Text),
    Column("target_key", String(200)),
    Column("date", String(10)),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("trigger_start", Integer),  # migration 0004
    Index("ix_events_doc", "doc_id"),
)

positions = Table(
    "positions",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("actor", Text, nullable=False),
    Column("actor_key", String(200), nullable=False),
    Column("issue", Text, nullable=False),
    Column("stance", String(12), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("date", String(10)),
    Column("voice", String(10), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote_id", String(120)),
    Column("cues_json", Text, nullable=False),
    Column("flag", Text),  # a person's reason for flagging it as wrong (migration 0015)
    Index("ix_positions_doc", "doc_id"),
    Index("ix_positions_issue_actor", "issue", "actor_key"),
)
# Issue filters compare lower(issue) (names match case-insensitively); see migration 0003.
Index("ix_positions_issue_lower", func.lower(positions.c.issue), positions.c.actor_key, positions.c.date)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("label", Text, nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("terms_json", Text, nullable=False),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_story_documents_doc", "doc_id"),  # migration 0014: a document's stories
)

# Incremental stories (migration 0008): see store/story_index.py.
story_queue = Table(
    "story_queue",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
)

story_vectors = Table(
    "story_vectors",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(40)),
    Column("lo", Integer),
    Column("hi", Integer),
    Column("vector_json", Text, nullable=False),
    Index("ix_story_vectors_story", "story_id"),
)

story_keys = Table(
    "story_keys",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("lo", Integer),
    Column("hi", Integer),
    Index("ix_story_keys_term_lo", "term", "lo"),
    Index("ix_story_keys_doc", "doc_id"),
)

story_df = Table(
    "story_df",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("df", Integer, nullable=False),
)


# -- the web tables' orderings (migration 0010) -----------------------------------------------------
# Each browsable ordering of a table, as an index ending in the table's key so the order is total.
# Text columns are ordered by a bounded prefix: a long untrusted title must not exceed PostgreSQL's
# index row limit. Literals (not bound parameters) let both databases match query to index.
def sort_prefix(column: Any) -> Any:
    """The first 100 characters of a text column, '' for null: the form the sort indexes hold."""
    return func.substr(func.coalesce(column, literal_column("''")), literal_column("1"), literal_column("100"))


TITLE_SORT_KEY = sort_prefix(documents.c.title)
OUTLET_SORT_KEY = sort_prefix(documents.c.outlet)
ACTOR_NAME_SORT_KEY = sort_prefix(actors.c.name)
SPEAKER_SORT_KEY = sort_prefix(quotes.c.speaker)
HOLDER_SORT_KEY = sort_prefix(positions.c.actor)
ISSUE_SORT_KEY = sort_prefix(positions.c.issue)
POSITION_DATE_KEY = func.coalesce(positions.c.date, literal_column("''"))
Index("ix_documents_title_sort", TITLE_SORT_KEY, documents.c.id)
Index("ix_documents_outlet_sort", OUTLET_SORT_KEY, documents.c.id)
Index("ix_actors_name_sort", ACTOR_NAME_SORT_KEY, actors.c.key)
Index("ix_actors_type_sort", actors.c.type, ACTOR_NAME_SORT_KEY, actors.c.key)
Index("ix_quotes_doc_start", quotes.c.doc_id, quotes.c.start, quotes.c.id)
Index("ix_quotes_speaker_sort", SPEAKER_SORT_KEY, quotes.c.id)
Index("ix_positions_date_sort", POSITION_DATE_KEY, positions.c.id)
Index("ix_positions_holder_sort", HOLDER_SORT_KEY, positions.c.id)
Index("ix_positions_issue_sort", ISSUE_SORT_KEY, positions.c.id)
Index("ix_positions_confidence", positions.c.confidence, positions.c.id)

# Corrections made by people (migration 0013): merged, split and renamed actors, positions and
# quotes flagged as wrong. The NLP stage's rows are rewritten by every re-analysis; these are not,
# and are applied again to what each re-analysis writes (store/corrections.py).
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("target", String(300), nullable=False),
    Column("value_json", Text, nullable=False),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_corrections_target", "kind", "target"),
)

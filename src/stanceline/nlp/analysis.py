"""Per-document NLP entry point: mentions, actors and quotes from clean text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from stanceline.model import Actor, Mention, Quote
from stanceline.nlp.actors.coref import CorefState
from stanceline.nlp.actors.entities import EntSpan, extract_mentions
from stanceline.nlp.actors.keys import AliasTable, best_name, builtin_aliases
from stanceline.nlp.pipeline import load_nlp
from stanceline.nlp.quotes.extract import Explained, explain_quotes
from stanceline.nlp.quotes.reasons import Rejected

# Bump when any output of this stage can change for the same input.
NLP_VERSION = "nlp-16"


@dataclass
class DocNLP:
    doc_id: str
    spacy_doc: Doc
    mentions: list[Mention]
    actors: list[Actor]
    quotes: list[Quote]
    # Stretches in quotation marks that are no quote record, with the reason (for --explain).
    rejected: list[Rejected] = field(default_factory=list)


def doc_actors(ments: list[EntSpan]) -> tuple[list[Actor], dict[str, str]]:
    """Group a document's mentions by key into actors; returns them and key → name."""
    groups: dict[str, list[EntSpan]] = {}
    for m in ments:
        groups.setdefault(m.key, []).append(m)
    actors: list[Actor] = []
    names: dict[str, str] = {}
    for key, ms in groups.items():
        types = Counter(m.type for m in ms)
        typ = types.most_common(1)[0][0]
        counts: Counter[str] = Counter()
        for m in ms:
            counts[m.canon] += 1
        name = best_name(typ, counts)
        aliases = sorted({m.text for m in ms} - {name})
        roles: list[str] = []
        for m in ms:
            if m.role and m.role not in roles:
                roles.append(m.role)
        actors.append(Actor(key=key, name=name, type=typ, aliases=aliases, roles=roles))
        names[key] = name
    return actors, names


def analyze_doc(doc: Doc, doc_id: str, aliases: AliasTable) -> DocNLP:
    ments = extract_mentions(doc, aliases)
    actors, names = doc_actors(ments)
    state = CorefState.build(doc, ments, names, aliases)
    explained = explain_quotes(doc, doc_id, state)
    quotes = explained.quotes
    mentions = [m.to_mention(doc_id) for m in ments]
    known = {a.key for a in actors}
    for key, name, start, end in state.new_people:
        mentions.append(Mention(doc_id, key, doc.text[start:end], start, end, "PERSON"))
        if key not in known:
            known.add(key)
            actors.append(Actor(key=key, name=name, type="PERSON"))
    mentions.sort(key=lambda m: m.start)
    return DocNLP(doc_id, doc, mentions, actors, quotes, explained.rejected)


def rekey(dn: DocNLP, keys: dict[str, str]) -> DocNLP:
    """The same results with actor keys renamed (`keys`: old → new), in mentions, quotes and
    actors alike (used for namesakes told apart against the stored corpus)."""
    if not keys:
        return dn
    mentions = [replace(m, actor_key=keys.get(m.actor_key, m.actor_key)) for m in dn.mentions]
    quotes = [
        replace(q, speaker_key=keys[q.speaker_key]) if q.speaker_key in keys else q for q in dn.quotes
    ]
    actors = [replace(a, key=keys.get(a.key, a.key)) for a in dn.actors]
    return replace(dn, mentions=mentions, quotes=quotes, actors=actors)


def analyze_texts(
    items: Iterable[tuple[str, str]],
    *,
    aliases: AliasTable | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[DocNLP]:
    """Stream (doc_id, clean text) pairs through the model and the extractors, in order."""
    table = aliases if aliases is not None else builtin_aliases()
    nlp = load_nlp()
    pairs = ((text, doc_id) for doc_id, text in items)
    for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=max(1, n_process)):
        yield analyze_doc(doc, doc_id, table)


def explain_text(doc_id: str, text: str, aliases: AliasTable | None = None) -> Explained:
    """One document's quote records and the stretches in quotation marks that are none, each with
    its reason (title, term, slogan, scare quote): what `stanceline quotes --explain` shows."""
    table = aliases if aliases is not None else builtin_aliases()
    doc = load_nlp()(text)
    ments = extract_mentions(doc, table)
    _, names = doc_actors(ments)
    return explain_quotes(doc, doc_id, CorefState.build(doc, ments, names, table))

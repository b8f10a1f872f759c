"""Who issued a statement: the person or body behind "her statement", "the statement she
released", "a statement from the ministry", "the ministry issued a statement".

News credits words to a document ("the statement said", "Extracts from his opening statement: “…”");
the speaker is whoever the text says put that document out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# Nouns for what a speaker puts out; their issuer is the speaker of the words credited to them.
STATEMENT_NOUNS = frozenset(
    {"statement", "statements", "release", "communique", "communiqué", "remarks", "speech", "address",
     "letter", "readout", "announcement", "message", "post", "tweet", "excerpts", "excerpt", "words"}
)  # fmt: skip
_SUBJ = {"nsubj", "nsubjpass"}


def issuer_of(noun: Token) -> Token | None:
    """The head token of whoever issued `noun`, read from the parse, or None."""
    if noun.lower_ in {"excerpts", "excerpt", "words"}:
        # "Excerpts from her statement", "the words of the minister": the document is further in.
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in {"from", "of"}:
                inner = next((x for x in c.children if x.dep_ == "pobj"), None)
                if inner is not None:
                    if inner.lemma_.lower() in STATEMENT_NOUNS:
                        return issuer_of(inner)
                    if inner.pos_ in {"PROPN", "PRON"} or inner.ent_type_:
                        return inner
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c  # "her statement", "the ministry's statement"
        if c.dep_ == "relcl":
            subj = next((x for x in c.children if x.dep_ in _SUBJ), None)
            if subj is not None and subj.lower_ not in {"that", "which", "who"}:
                return subj  # "the statement she released"
        if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj  # "a statement from the ministry"
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        subj = next((x for x in head.children if x.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ not in {"that", "which", "who"}:
            return subj  # "the ministry issued a statement"
        agent = next((x for x in head.children if x.dep_ == "agent"), None)
        if agent is not None:
            return next((x for x in agent.children if x.dep_ == "pobj"), None)
    return None


def last_statement_issuer(doc: Doc, before: int, lemma: str, window: int = 120) -> Token | None:
    """The issuer of the nearest earlier mention of a statement noun (`lemma`), within `window`
    tokens before token `before`."""
    for k in range(before - 1, max(-1, before - window), -1):
        t = doc[k]
        if t.pos_ == "NOUN" and (t.lemma_.lower() == lemma or t.lower_ == lemma):
            found = issuer_of(t)
            if found is not None:
                return found
    return None


def np_of(doc: Doc, head: Token) -> Span:
    """The noun phrase an issuer token heads, up to the head itself (no clauses after it)."""
    left = head.left_edge.i
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left : head.i + 1]

"""Reported speech: direct, mixed and indirect quotes with their cue and speaker, one record per
quotation unit.

The stage reads the quotation marks (`marks`), the speech cues of the parse (`cues`, with
`subjects` and `arguments`), decides which cue each quotation belongs to (`attribution`), cuts the
quoted text into sentence pieces (`sentences`), resolves each cue's subject to an actor (the
coreference resolver in `nlp.actors.coref`), and folds the pieces of one speaker's contiguous
quotation into one record (`units`). A stretch in marks that becomes no record is rejected with a
reason (`reasons`); `explain_quotes` returns those too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from stanceline.model import Quote, QuoteKind
from stanceline.nlp.actors.coref import CorefState, Resolved, note_speaker, resolve_speaker
from stanceline.nlp.quotes.attribution import (
    adjacent_cue,
    asks,
    continues,
    dash_credit,
    has_clause,
    interrupted,
    label_credit,
    statement_credit,
)
from stanceline.nlp.quotes.cues import cue_text, find_cues
from stanceline.nlp.quotes.lexicon import WEAK_LEMMAS
from stanceline.nlp.quotes.marks import QSpan, alnum, find_quoted_spans, leads, para_index, paragraphs, trim
from stanceline.nlp.quotes.reasons import MIN_STATEMENT_WORDS, Rejected, rejection_reason, words_in
from stanceline.nlp.quotes.sentences import split_sentences
from stanceline.nlp.quotes.signed import signed_blocks
from stanceline.nlp.quotes.speakers import can_hold_findings, can_speak
from stanceline.nlp.quotes.subjects import Cue
from stanceline.nlp.quotes.transcript import transcript_turns
from stanceline.nlp.quotes.units import Piece, merge_units

# Quote records below this confidence inherit their attribution from an earlier quotation rather
# than carrying a cue of their own (consumers may filter on it).
OWN_CUE_MIN_CONFIDENCE = 0.65
# A quotation with no cue and no quotation before it to continue: its words are a quote, whose
# speaker is unknown unless a quotation of the paragraph before names one.
UNATTRIBUTED_CONFIDENCE = 0.3


def _confidence(resolved: bool, continuation: bool) -> float:
    base = 0.9 if resolved else 0.7
    return base - 0.3 if continuation else base


@dataclass(slots=True)
class _Item:
    """A sentence piece before speaker resolution."""

    start: int
    end: int
    kind: QuoteKind
    cue: Cue | None
    continuation: bool = False  # its cue attaches to an earlier sentence of the quotation
    joins: bool = False  # it continues the piece before it (same quotation)


@dataclass(slots=True)
class Explained:
    quotes: list[Quote]
    rejected: list[Rejected] = field(default_factory=list)


def extract_quotes(doc: Doc, doc_id: str, state: CorefState) -> list[Quote]:
    return explain_quotes(doc, doc_id, state).quotes


def explain_quotes(doc: Doc, doc_id: str, state: CorefState) -> Explained:
    """The document's quote records, and each stretch in marks that is none, with its reason."""
    text = doc.text
    paras = paragraphs(text)
    qspans = find_quoted_spans(text)
    cues = find_cues(doc)
    rejected: list[Rejected] = []
    items, used_q = _clause_items(doc, qspans, cues, paras, state)
    items += _quotation_items(doc, qspans, used_q, cues, paras, rejected)
    signed = _signed_items(doc, paras)
    if signed:
        # A report inside a signed block ("I think …") is part of the block's statement.
        items = [it for it in items if not any(b.start <= it.start < b.end for b in signed)] + signed
    turns = transcript_turns(doc, paras)
    if turns:
        # A transcript turn is its speaker's, whatever marks or reports are inside it.
        covered = [(paras[para_index(paras, parts[0][0])][0], parts[-1][1]) for parts, _ in turns]
        items = [it for it in items if not any(a <= it.start < b for a, b in covered)] + _turn_items(doc, turns)
    items.sort(key=lambda x: (x.start, -x.end))
    pieces = _resolve(doc, doc_id, state, items, qspans, paras, rejected)
    quotes = merge_units(pieces, text)
    rejected += _unaccounted(doc, qspans, quotes, rejected)
    return Explained(quotes, sorted(rejected, key=lambda r: r.start))


def _clause_items(
    doc: Doc, qspans: list[QSpan], cues: list[Cue], paras: list[tuple[int, int]], state: CorefState
) -> tuple[list[_Item], set[int]]:
    """Clause-level attributions: indirect, or mixed when quotations sit in the reported clause."""
    text = doc.text
    items: list[_Item] = []
    used_q: set[int] = set()
    for c in cues:
        # A quotation in a verb's object had its subject checked where it was found (arguments);
        # whatever "according to" names is a source.
        if c.content is None or c.subj is None or not (c.argument or c.according or can_speak(c.subj, state, c.verb)):
            continue
        if any(_inside(text, paras, q, c.verb.idx) for q in qspans):
            # A report inside someone's quotation ("“… and I think the deal is dead,” she said")
            # is part of that quotation, not a quote of its own.
            continue
        if _first_person_inside(c, cues):
            # "We think it is wrong, she said": the speaker's own "we think" is part of what she
            # said, not a second quote.
            continue
        cs, ce = c.content
        if ce - cs < 3 or asks(doc, c) or _negated(c):
            continue
        inside = [i for i, q in enumerate(qspans) if q.start < ce and q.end > cs]
        if inside:
            qin = sum(alnum(text, max(qspans[i].start, cs), min(qspans[i].end, ce)) for i in inside)
            total = alnum(text, cs, ce)
            if total and qin / total >= 0.9 and not (c.argument and not has_clause(doc, cs, ce)):
                # Direct quote: handled from the quotation side. A phrase in a person's mouth
                # ("spoke of “…”") has no clause for that side to accept, so it stays mixed.
                continue
            for i in inside:
                own = adjacent_cue(doc, text, qspans[i], cues, paras)
                if (
                    own is None
                    or own is c
                    or own.subj is None
                    or not (cs <= own.verb.idx < qspans[i].start)
                    or _in_infinitive(doc, own, qspans[i])
                ):
                    # A quotation with a cue of its own inside the clause ("reported that all
                    # callers hear is a recording saying “…”") is also that inner source's statement;
                    # one in the infinitive of a verb inside the report ("said the party had agreed
                    # to “…”") is what the party did in the reporter's words, part of the report.
                    used_q.add(i)
            s = min([cs] + [qspans[i].start - 1 for i in inside if qspans[i].start < cs + 5])
            e = max([ce] + [qspans[i].end + 1 for i in inside if qspans[i].end > ce - 5])
            s, e = max(0, s), min(len(text), e)
            twin = next((k for k, it in enumerate(items) if (it.start, it.end) == (s, e) and it.kind == "mixed"), None)
            if twin is not None:
                # "said as much, arguing that X “…”": two cues the parser gave one report; the
                # nearer cue frames it.
                prev_cue = items[twin].cue
                if prev_cue is not None and abs(c.verb.idx - s) < abs(prev_cue.verb.idx - s):
                    items[twin] = _Item(s, e, "mixed", c)
                continue
            items.append(_Item(s, e, "mixed", c))
        else:
            if c.verb.lemma_.lower() in WEAK_LEMMAS and not can_hold_findings(c.subj, state):
                continue
            same = next((k for k, it in enumerate(items) if it.start == cs and it.end == ce), None)
            if same is not None:
                # One report that two cues frame: "According to the Post, X told them that …" is
                # X's statement, the outlet only vouches for it.
                prev_cue = items[same].cue
                if prev_cue is not None and prev_cue.according and not c.according:
                    items[same] = _Item(cs, ce, "indirect", c)
                continue
            items.append(_Item(cs, ce, "indirect", c))
    return items, used_q


def _quotation_items(
    doc: Doc,
    qspans: list[QSpan],
    used_q: set[int],
    cues: list[Cue],
    paras: list[tuple[int, int]],
    rejected: list[Rejected],
) -> list[_Item]:
    """Quotations in marks: each with its adjacent cue (or none yet), cut into sentence pieces."""
    text = doc.text
    items: list[_Item] = []
    last_frag: tuple[QSpan, Cue, int] | None = None  # last quotation with a cue, its last item
    for qi, q in enumerate(qspans):
        if qi in used_q:
            continue
        cue = adjacent_cue(doc, text, q, cues, paras) or dash_credit(doc, text, q, paras)
        if cue is None and not q.cont_prev:
            cue = label_credit(doc, text, q, paras) or statement_credit(doc, text, q, paras)
        if cue is None:
            for c in cues:
                if c.content and c.subj is not None and c.content[0] <= q.start and c.content[1] >= q.end - 1:
                    cue = c
                    break
        if (
            cue is not None
            and not has_clause(doc, q.start, q.end, min_words=3)
            and _not_words(doc, q)
            and not _short_answer(doc, q, cue)
        ):
            # A word or two in marks next to a cue ("the 'History' section explains") is a
            # name or a scare quote, not the statement.
            rejected.append(_reject(doc, q.start, q.end))
            continue
        sents = split_sentences(text, q.start, q.end)
        if cue is not None and last_frag is not None and interrupted(text, last_frag, q, cue):
            # "“A,” X said, “B.”": one quotation that the cue interrupts; B's pieces join A's.
            for ss, se in sents:
                items.append(_Item(ss, se, "direct", cue, continuation=True, joins=True))
            last_frag = None
            continue
        for n, (ss, se) in enumerate(sents):
            items.append(_Item(ss, se, "direct", cue, n > 0 or q.cont_prev, joins=n > 0 or q.cont_prev))
        last_frag = (q, cue, len(items) - 1) if cue is not None else None
    return items


def _signed_items(doc: Doc, paras: list[tuple[int, int]]) -> list[_Item]:
    """Sentence pieces of block quotations signed on the line below ("– Jane Doe"), one unit
    per block."""
    items: list[_Item] = []
    for block, dash, name in signed_blocks(doc, paras):
        cue = Cue(dash[0], name, None)
        n = 0
        for ps, pe in block:
            for ss, se in split_sentences(doc.text, ps, pe):
                items.append(_Item(ss, se, "direct", cue, continuation=n > 0, joins=n > 0))
                n += 1
    return items


def _short_answer(doc: Doc, q: QSpan, cue: Cue) -> bool:
    """A few words set off as a whole utterance by its cue: after "X said:" or closed by their
    own punctuation right before "X said" ("“Not this year,” she said"), they are the answer,
    not a name or a scare quote."""
    text = doc.text
    if cue.according or rejection_reason(doc, q.start, q.end) == "title":
        return False
    words = text[q.start : q.end].rstrip()
    if cue.verb.idx >= q.end:
        return words[-1:] in {",", ".", "!", "?"} and len(text[q.end : cue.verb.idx].split()) <= 4
    return text[cue.verb.idx : q.start].rstrip(' “"').endswith(":")


def _turn_items(doc: Doc, turns: list[tuple[list[tuple[int, int]], Span]]) -> list[_Item]:
    """Sentence pieces of transcript turns ("SMITH: …"), one unit per turn, credited to the label."""
    items: list[_Item] = []
    for parts, label in turns:
        colon = doc.char_span(label.end_char, label.end_char + 1, alignment_mode="expand")
        cue = Cue(colon[0] if colon is not None and len(colon) else label[-1], label, None)
        n = 0
        for ps, pe in parts:
            s, e = trim(doc.text, ps, pe)
            for ss, se in split_sentences(doc.text, s, e):
                items.append(_Item(ss, se, "direct", cue, continuation=n > 0, joins=n > 0))
                n += 1
    return items


def _in_infinitive(doc: Doc, cue: Cue, q: QSpan) -> bool:
    """Whether quotation `q` lies in an infinitive the cue verb governs ("agreed to “…”")."""
    span = doc.char_span(q.start, q.end, alignment_mode="contract")
    if span is None or not len(span):
        return False
    t = span.root
    while t.head.i != t.i and t.head.i != cue.verb.i:
        t = t.head
    return (
        t.head.i == cue.verb.i
        and t.dep_ == "xcomp"
        and t.i <= span.start
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
    )


def _first_person_inside(c: Cue, cues: list[Cue]) -> bool:
    if c.subj is None or c.subj.root.lower_ not in {"i", "we"}:
        return False
    v = c.verb.idx
    return any(o is not c and o.content is not None and o.content[0] <= v < o.content[1] for o in cues)


def _min_clause_words(text: str, s: int, e: int) -> int:
    """Words a quotation with no cue of its own needs to read as a statement: a whole sentence
    (capital to full stop, "We should take it.") may be as short as any statement; a fragment
    needs five."""
    words = text[s:e].strip(" \"“”‘’'")
    return MIN_STATEMENT_WORDS if words[:1].isupper() and words.endswith((".", "!", "?")) else 5


def _completes_predicate(doc: Doc, s: int, e: int) -> bool:
    """Quoted words that finish a predicate an auxiliary outside the marks opened ("the state is
    “rapidly building …”", "the rules will “let …”"): the verb phrase is the source's, however the
    tagger reads its participle."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or span.start == 0 or words_in(span) < MIN_STATEMENT_WORDS:
        return False
    prev = next((t for t in reversed(doc[max(0, span.start - 3) : span.start]) if not t.is_punct), None)
    return prev is not None and prev.pos_ == "AUX" and any(t.pos_ == "VERB" for t in span)


def _all_capitalised(text: str, s: int, e: int) -> bool:
    """A name in marks ("on Channel 9's “Morning Desk.”"), not a sentence of the quotation."""
    return all(w[:1].isupper() for w in re.findall(r"[^\W\d_]+", text[s:e]))


def _whole_sentence(text: str, s: int, e: int) -> bool:
    words = text[s:e].strip(" \"“”‘’'")
    return words[:1].isupper() and words.endswith((".", "!", "?"))


def _negated(c: Cue) -> bool:
    """ "would not say which …", "did not claim that …": what a negated verb frames was not
    said."""
    return not c.according and any(x.dep_ == "neg" for x in c.verb.children)


def _inside(text: str, paras: list[tuple[int, int]], q: QSpan, pos: int) -> bool:
    """Whether `pos` lies in quotation `q`: a closed one, or an unclosed one that opens its
    paragraph (a quotation running on to the next paragraph), not a stray mark mid-text."""
    return q.start <= pos < q.end and (q.closed or leads(text, paras[q.para][0], q.start - 1))


def _not_words(doc: Doc, q: QSpan) -> bool:
    return rejection_reason(doc, q.start, q.end) in {"scare quote", "title", "term"}


def _reject(doc: Doc, s: int, e: int) -> Rejected:
    return Rejected(s, e, doc.text[s:e], rejection_reason(doc, s, e) or "term")


def _resolve(
    doc: Doc,
    doc_id: str,
    state: CorefState,
    items: list[_Item],
    qspans: list[QSpan],
    paras: list[tuple[int, int]],
    rejected: list[Rejected],
) -> list[Piece]:
    """Sentence pieces with their speakers, in text order; a piece with no cue continues the
    quotation before it, stands as an unattributed quote, or is rejected with a reason."""
    text = doc.text
    out: list[Piece] = []
    last_end_para = -10
    prev_quote: Quote | None = None
    for it in items:
        s, e = trim(text, it.start, it.end)
        if e <= s:
            continue
        para = para_index(paras, s)
        cue = it.cue
        if cue is None:
            q = next(q for q in qspans if q.start <= s + 1 and q.end >= e - 1)
            reason = rejection_reason(doc, s, e) if not it.joins else None
            follows = prev_quote is not None and continues(text, paras, prev_quote, q, para, last_end_para)
            # A short sentence inside a quotation that goes on ("“Is it done? Not yet.”"), or a
            # whole one in a quotation that continues the one before, is part of it however few
            # its words.
            inside = follows and (
                (it.joins and prev_quote is not None and q.start <= prev_quote.start)
                or (_whole_sentence(text, s, e) and not _all_capitalised(text, s, e))
            )
            clause = has_clause(doc, s, e, min_words=_min_clause_words(text, s, e)) or _completes_predicate(doc, s, e)
            if not inside and (reason is not None or not clause):
                rejected.append(Rejected(s, e, text[s:e], reason or "term"))
                continue
            if prev_quote is not None and follows:
                # An unattributed clause right after a quote, or re-opened in the next paragraph,
                # continues the same speaker (news convention for long quotes).
                qt = _inherit(prev_quote, doc_id, text, s, e, _confidence(prev_quote.speaker_key is not None, True))
                same_para = para == last_end_para
                out.append(Piece(qt, joins=it.joins or q.cont_prev or same_para))
            else:
                # Quoted words standing alone: a quote whose speaker the text gives elsewhere, a
                # person introduced just before it, else the quotation just before.
                near = prev_quote if prev_quote is not None and para - last_end_para <= 1 else None
                introduced = _introduced(doc, doc_id, state, paras, q, s, e) or _named_after(
                    doc, doc_id, state, paras, q, s, e
                )
                if introduced is not None:
                    qt = introduced
                elif near is not None and near.speaker_start is not None:
                    qt = _inherit(near, doc_id, text, s, e, UNATTRIBUTED_CONFIDENCE)
                else:
                    qt = _bare(doc_id, text, s, e)
                out.append(Piece(qt, joins=it.joins))
            prev_quote = qt
            last_end_para = para
            continue
        if any(o.quote.start == s and o.quote.end == e and o.quote.cue_start == cue.verb.idx for o in out):
            continue
        mention: Span | None = cue.subj
        speaker: Resolved | None = resolve_speaker(state, mention, (s, e)) if mention is not None else None
        if speaker is not None:
            note_speaker(state, speaker.key, s)
        if cue.relative is not None and mention is not None:
            # "Ann Lee, who said …": "who" is the surface mention; the phrase it stands for is
            # the antecedent, as for a pronoun.
            if speaker is not None and speaker.antecedent is None:
                speaker = replace(speaker, antecedent=mention.text, antecedent_start=mention.start_char,
                                  antecedent_end=mention.end_char)  # fmt: skip
            mention = doc[cue.relative.i : cue.relative.i + 1]
        qt = Quote(
            doc_id=doc_id,
            text=text[s:e],
            start=s,
            end=e,
            kind=it.kind,
            cue=cue_text(doc, cue),
            cue_start=cue.verb.idx,
            cue_end=cue.verb.idx + len(cue_text(doc, cue)),
            speaker=speaker.name if speaker else None,
            speaker_key=speaker.key if speaker else None,
            speaker_mention=mention.text if mention is not None else None,
            speaker_start=mention.start_char if mention is not None else None,
            speaker_end=mention.end_char if mention is not None else None,
            confidence=_confidence(speaker is not None, it.continuation),
            antecedent=speaker.antecedent if speaker else None,
            antecedent_start=speaker.antecedent_start if speaker else None,
            antecedent_end=speaker.antecedent_end if speaker else None,
            spans=_around_cue(doc, cue, s, e) if it.kind != "direct" else (),
        )
        out.append(Piece(qt, joins=it.joins))
        if not _nested(prev_quote, qt):
            # A report nested in the one before ("X noted the findings show …") is X's account:
            # X stays the speaker a quotation after it continues.
            prev_quote = qt
        last_end_para = para
    return out


def _around_cue(doc: Doc, cue: Cue, s: int, e: int) -> tuple[tuple[int, int], ...]:
    """A report with its cue set off inside it ("The tax, Park said, would hit farms"): the
    reported words on each side of the cue, as two spans; otherwise none (the record is one)."""
    if not (s < cue.verb.idx < e) or cue.according:
        return ()
    lo = cue.verb.left_edge.i if cue.subj is None else min(cue.verb.left_edge.i, cue.subj.start)
    hi = cue.verb.right_edge.i
    a, b = trim(doc.text, s, doc[lo].idx)
    c, d = trim(doc.text, doc[hi].idx + len(doc[hi].text), e)
    if b <= a or d <= c:
        return ()
    return ((a, b), (c, d))


def _nested(outer: Quote | None, inner: Quote) -> bool:
    return outer is not None and outer.start <= inner.start and inner.end <= outer.end and outer.kind != "direct"


def _inherit(prev: Quote, doc_id: str, text: str, s: int, e: int, confidence: float) -> Quote:
    return Quote(
        doc_id,
        text[s:e],
        s,
        e,
        "direct",
        prev.cue,
        prev.cue_start,
        prev.cue_end,
        prev.speaker,
        prev.speaker_key,
        prev.speaker_mention,
        prev.speaker_start,
        prev.speaker_end,
        confidence,
        antecedent=prev.antecedent,
        antecedent_start=prev.antecedent_start,
        antecedent_end=prev.antecedent_end,
    )


def _introduced(
    doc: Doc, doc_id: str, state: CorefState, paras: list[tuple[int, int]], q: QSpan, s: int, e: int
) -> Quote | None:
    """A quotation with no cue anywhere near, opening its paragraph or a sentence, or after a
    colon: news introduces the speaker just before ("Mayor X spoke to reporters after the
    hearing.¶“…”", "X suggested the door was open. “…”", "X had one message: “…”"). The person
    acting as a subject in the nearest sentence before it that has one, if exactly one, in the
    paragraph before or in the quotation's own paragraph, is the speaker."""
    text = doc.text
    ps = paras[q.para][0]
    before = text[ps : q.start - 1].rstrip(" \t“\"‘'")
    if leads(text, ps, q.start - 1):
        if q.para == 0:
            return None
        lo, hi = paras[q.para - 1]
    elif before.endswith((".", "!", "?", ":")):
        lo, hi = ps, ps + len(before)
    else:
        return None
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None or not len(span):
        return None
    colon = before.endswith(":") and not leads(text, ps, q.start - 1)
    sents = [x for x in doc.sents if x.start_char < hi and x.end_char > lo]
    for sent in reversed(sents):
        people = {
            m.key: m
            for m in state.mentions
            if m.type == "PERSON" and m.acting and max(lo, sent.start_char) <= m.start < min(hi, sent.end_char)
        }
        if len(people) > 1 or (colon and not people):
            return None  # two people: whose words these are is not given; a colon leads in here
        if people:
            (m,) = people.values()
            name = state.names.get(m.key, m.canon)
            return Quote(doc_id, text[s:e], s, e, "direct", None, None, None, name, m.key, m.text, m.start, m.end,
                         UNATTRIBUTED_CONFIDENCE)  # fmt: skip
    return None


# Words that open a paragraph pointing back at the quotation before it ("That warning came from …",
# "Those were the words of …", "So said …").
_BACK_POINTERS = frozenset({"that", "this", "those", "these", "such", "so"})


def _named_after(
    doc: Doc, doc_id: str, state: CorefState, paras: list[tuple[int, int]], q: QSpan, s: int, e: int
) -> Quote | None:
    """A paragraph that is nothing but a quotation, with no cue, whose speaker the next paragraph
    names while pointing back at it ("“…”¶That warning came on Tuesday from Ann Lee, …", "So said
    Ann Lee …"): news opens stories this way. The first person in that sentence is the speaker,
    else the first organisation."""
    text = doc.text
    ps, pe = paras[q.para]
    if not leads(text, ps, q.start - 1) or text[q.end : pe].strip(" \t”\"’'.,") or q.para + 1 >= len(paras):
        return None
    ns, ne = paras[q.para + 1]
    first = text[ns:ne].lstrip(" \t“\"").split(" ", 1)[0].lower()
    if first not in _BACK_POINTERS:
        return None
    sent = next((x for x in doc.sents if x.start_char <= ns < x.end_char or x.start_char >= ns), None)
    if sent is None:
        return None
    # A person first; else a body, or a person the tagger took for one ("from Ann Okoye, …").
    people = sorted(
        (
            m
            for m in state.mentions
            if m.type in {"PERSON", "ORG"} and sent.start_char <= m.start < min(ne, sent.end_char)
        ),
        key=lambda m: (m.type != "PERSON", m.start),
    )
    if not people:
        return None
    m = people[0]
    name = state.names.get(m.key, m.canon)
    return Quote(doc_id, text[s:e], s, e, "direct", None, None, None, name, m.key, m.text, m.start, m.end,
                 UNATTRIBUTED_CONFIDENCE)  # fmt: skip


def _bare(doc_id: str, text: str, s: int, e: int) -> Quote:
    return Quote(doc_id, text[s:e], s, e, "direct", None, None, None, None, None, None, None, None,
                 UNATTRIBUTED_CONFIDENCE)  # fmt: skip


def _unaccounted(doc: Doc, qspans: list[QSpan], quotes: list[Quote], rejected: list[Rejected]) -> list[Rejected]:
    """Stretches in marks that are in no record and not yet rejected (e.g. a fragment a reported
    clause left out), each with the reason its words give."""
    text = doc.text
    out: list[Rejected] = []
    for q in qspans:
        n = alnum(text, q.start, q.end)
        if not n:
            continue
        covered = sum(alnum(text, max(q.start, r.start), min(q.end, r.end)) for r in quotes if r.start < q.end)
        if covered * 2 >= n or any(r.start < q.end and r.end > q.start for r in rejected):
            continue
        out.append(
            Rejected(q.start, q.end, text[q.start : q.end], rejection_reason(doc, q.start, q.end) or "unattributed")
        )
    return out

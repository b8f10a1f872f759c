"""Which cue a quotation belongs to: a cue next to its marks, an epigraph-style dash credit, a cue
that interrupts one quotation, or the quotation before it that it continues.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from stanceline.model import Quote
from stanceline.nlp.actors.entities import sent_bounds
from stanceline.nlp.actors.issuers import STATEMENT_NOUNS, issuer_of
from stanceline.nlp.quotes.lexicon import DIRECT_ONLY_LEMMAS, WEAK_LEMMAS
from stanceline.nlp.quotes.marks import CLOSE_DQ, OPEN_DQ, QSpan, leads
from stanceline.nlp.quotes.subjects import Cue, np_span

# Abbreviations whose full stop ends no sentence: honorifics and ranks before a name ("Ms. Lee
# said"), a middle initial ("Jane Q. Public"), country initials.
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|Sen|Sens|Rep|Reps|Gov|Atty|Supt|St|Jr|Sr)\."
    r"|\b[A-Z]\.(?=\s*[A-Z])|\b(?:U\.S|U\.K|U\.N|E\.U)\."
)


# A short parenthesis holds abbreviations, not sentences ("Rep. Ann Lee (D-Wis.)", "(R-N.C.)").
_SHORT_PAREN = re.compile(r"\([^()\n]{1,12}\)")


def full_stops(gap: str) -> str:
    """`gap` with the full stops of abbreviations removed, so that the ones left end sentences."""
    gap = _SHORT_PAREN.sub(lambda m: m.group(0).replace(".", ""), gap)
    return _ABBREV.sub(lambda m: m.group(0).replace(".", ""), gap)


def has_clause(doc: Doc, s: int, e: int, min_words: int = 5) -> bool:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    if len(words) < min_words:
        return False
    return any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBG", "VBN"} for t in words)


def adjacent_cue(doc: Doc, text: str, q: QSpan, cues: list[Cue], paras: list[tuple[int, int]]) -> Cue | None:
    """A speech verb right after the closing mark or right before the opening one, same paragraph."""
    ps, pe = paras[q.para]
    # A quotation opening its paragraph after one that ends in a colon ("… tweeted:") takes its
    # cue from there.
    prev_para = text[paras[q.para - 1][0] : paras[q.para - 1][1]].rstrip() if q.para > 0 else ""
    lead_in = leads(text, ps, q.start - 1) and (
        prev_para.endswith(":")
        # "Smith stated,¶“…": a cue verb ending the paragraph with a comma.
        or (prev_para.endswith(",") and _ends_in_cue(cues, prev_para, paras[q.para - 1][0]))
    )
    if lead_in:
        ps = paras[q.para - 1][0]
    best: tuple[int, Cue] | None = None
    for c in cues:
        v = c.verb
        if not (ps <= v.idx < pe) or q.start <= v.idx < q.end:
            continue
        if c.according:
            # "“…,” according to Canadian officials" credits the quotation itself.
            if v.idx >= q.end and len(text[q.end : v.idx].split()) <= 1:
                best = (0, c)
            continue
        if v.lemma_.lower() not in DIRECT_ONLY_LEMMAS:
            continue
        if v.idx >= q.end:
            gap = text[q.end : v.idx]
            if any(ch in gap for ch in OPEN_DQ) or gap.count('"') > 1 or len(gap.split()) > 8:
                continue
            if "." in full_stops(gap).rstrip(".") and not gap.strip().startswith((".", "?", "!")):
                continue
            if _opens_next(text, q, c, pe):
                continue
            dist = len(gap.split())
        else:
            gap = text[v.idx : q.start - 1]
            stripped = gap.rstrip(' "“\n')
            # A colon licenses a longer lead-in ("… and a full report is due from X: “…").
            limit = 15 if stripped.endswith(":") else 6
            # "told the paper on Monday that “…": the quotation is the verb's 'that'-clause.
            that_led = stripped.split()[-1:] == ["that"] and not any(ch in gap for ch in ".;:!?")
            if any(ch in gap for ch in CLOSE_DQ) or len(gap.split()) > (8 if that_led else limit):
                continue
            # "X said: “…" / "X said, “…" / "X said “…"; a full stop in between means the cue
            # closed an earlier sentence and this quote only continues.
            if stripped.endswith((".", "!", "?")) or (
                not stripped.endswith((":", ","))
                and not that_led
                and len(gap.split()) > 2
                and not _verb_modifier(doc, v, q.start - 1)
            ):
                continue
            if v.lemma_.lower() in WEAK_LEMMAS:
                continue
            dist = len(gap.split()) + 1
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1] if best else None


def asks(doc: Doc, c: Cue) -> bool:
    """A report inside a question of the writer's ("was she trying to imply that …?") is not a
    claim anyone made."""
    s, e = sent_bounds(doc, c.verb.i)
    tail = doc[s:e].text.rstrip().rstrip("\"”’'")
    return tail.endswith("?") and not any(t.text in OPEN_DQ or t.text == '"' for t in doc[s : c.verb.i])


def _ends_in_cue(cues: list[Cue], para_text: str, para_start: int) -> bool:
    end = para_start + len(para_text) - 1  # the comma
    return any(not c.according and c.verb.idx + len(c.verb.text) == end for c in cues)


def _verb_modifier(doc: Doc, v: Token, open_mark: int) -> bool:
    """ "writing in her weekly column “…", "said on Monday “…": only a phrase of the verb's own
    (no other verb, nothing outside its subtree) stands between the cue and the quotation."""
    between = []
    for t in doc[v.i + 1 : v.i + 12]:
        if t.idx >= open_mark:
            break
        between.append(t)
    return (
        bool(between)
        and all(t.pos_ not in {"VERB", "AUX"} and not t.is_punct and v in t.ancestors for t in between)
        and any(t.dep_ in {"prep", "npadvmod"} and t.head is v for t in between)
    )


def _opens_next(text: str, q: QSpan, c: Cue, pe: int) -> bool:
    """A cue in the sentence after a finished quotation that reports something of its own ("….”
    Smith asserted that …", "….” He continued: …") belongs to what follows it."""
    if not text[q.start : q.end].rstrip().endswith("."):
        return False
    if c.content is not None and c.content[0] > c.verb.idx:
        return True
    after = text[c.verb.idx + len(c.verb.text) : pe].lstrip()
    return after.startswith(":")


_DASH_CREDIT = re.compile(r"[\"”]?\s*[-—–]\s*((?:[A-Z][\w.'’-]*\s*){1,4})$")


def dash_credit(doc: Doc, text: str, q: QSpan, paras: list[tuple[int, int]]) -> Cue | None:
    """'“…” — Name' at the end of a paragraph: an epigraph-style credit."""
    rest = text[q.end : paras[q.para][1]].rstrip()
    m = _DASH_CREDIT.match(rest)
    if m is None:
        return None
    dash = doc.char_span(
        q.end + rest.index(next(c for c in rest if c in "-—–")), q.end + len(rest), alignment_mode="expand"
    )
    name = doc.char_span(q.end + m.start(1), q.end + m.start(1) + len(m.group(1).rstrip()), alignment_mode="expand")
    if dash is None or name is None:
        return None
    return Cue(dash[0], name, None)


_BULLET = " \t-–—•*·"
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def label_credit(doc: Doc, text: str, q: QSpan, paras: list[tuple[int, int]]) -> Cue | None:
    """ "Ruth Mensah, head teacher: “…”", "Ann Lee, Daily Post: “…”", a headline "Lee: ‘…’": a
    quotation whose paragraph opens with a name (and a description after a comma) and a colon,
    as in roundups of reactions and quote headlines. The name is the speaker. A lead with a
    finite verb ("Lee had one message:") is a sentence, not a label."""
    ps = paras[q.para][0]
    lead = text[ps : q.start - 1].rstrip()
    if not lead.endswith(":") or q.start - 1 < ps:
        return None
    lead_s = ps + (len(lead) - len(lead.lstrip(_BULLET)))
    span = doc.char_span(lead_s, ps + len(lead) - 1, alignment_mode="contract")
    if span is None or not len(span) or len(span) > 14 or any(t.tag_ in _FINITE for t in span):
        return None
    comma = next((t.i for t in span if t.text in {",", "(", "–", "—"}), span.end)
    name = doc[span.start : comma]
    if not len(name) or len(name) > 5 or not all(t.pos_ == "PROPN" or t.is_title for t in name if t.is_alpha):
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"} for t in name):
        return None
    colon = doc.char_span(ps + len(lead) - 1, ps + len(lead), alignment_mode="expand")
    return Cue(colon[0] if colon is not None and len(colon) else name[-1], name, None)


def interrupted(text: str, prev: tuple[QSpan, Cue, int], q: QSpan, cue: Cue) -> bool:
    """Whether `q` resumes the sentence of the quotation before it around their shared cue."""
    pq, pcue, _ = prev
    if pcue is not cue or pq.para != q.para or not (pq.end <= cue.verb.idx < q.start):
        return False
    # The first part stops mid-sentence ("…,” X said, “…"), not at a full stop.
    return text[pq.start : pq.end].rstrip(" ,;:—–-\"”’'")[-1:] not in {".", "!", "?", ""}


def continues(text: str, paras: list[tuple[int, int]], prev: Quote, q: QSpan, para: int, last_para: int) -> bool:
    if prev.speaker_key is None and prev.speaker_mention is None:
        return False
    if q.cont_prev:
        return True
    if para == last_para:
        gap = text[prev.end : q.start]
        # Only a cue clause ("…," she said. "…") may sit between the two quotes: a short one, or
        # the one sentence that holds the quotation's own cue ("…," X said at the dinner, where
        # Y spoke too. "…").
        one_sentence = full_stops(gap).count(".") <= 1 and not any(ch in gap for ch in "?!")
        own_cue = prev.cue_start is not None and prev.end <= prev.cue_start < q.start
        return one_sentence and (len(gap.split()) <= 12 or own_cue)
    if para == last_para + 1:
        return leads(text, paras[para][0], q.start - 1) and prev.end >= paras[last_para][1] - 3
    return False


def statement_credit(doc: Doc, text: str, q: QSpan, paras: list[tuple[int, int]]) -> Cue | None:
    """ "Here is the statement he issued:" / "Extracts from his speech, “…": a quotation
    introduced by the statement it comes from, credited to whoever issued it."""
    ps = paras[q.para][0]
    lead_start = ps
    if leads(text, ps, q.start - 1) and q.para > 0:
        prev = paras[q.para - 1]
        if not text[prev[0] : prev[1]].rstrip().endswith(":"):
            return None
        lead_start = prev[0]
    lead = text[lead_start : q.start - 1].rstrip(" \n\"“‘'")
    if not lead.endswith((":", ",")):
        return None
    span = doc.char_span(lead_start, lead_start + len(lead), alignment_mode="contract")
    if span is None or not len(span):
        return None
    sent_start = sent_bounds(doc, span.end - 1)[0]
    for t in reversed(doc[max(span.start, sent_start) : span.end]):
        if t.pos_ not in {"NOUN", "PROPN"} or not {t.lemma_.lower(), t.lower_} & STATEMENT_NOUNS:
            continue
        if len(text[t.idx : q.start].split()) > 15:
            return None
        who = issuer_of(t)
        return Cue(t, np_span(doc, who), None) if who is not None else None
    return None

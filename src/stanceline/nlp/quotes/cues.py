"""Speech cues from the dependency parse: speech verbs with their subject and reported clause,
"according to X", "in the words of X".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from stanceline.nlp.actors.entities import sent_bounds
from stanceline.nlp.quotes.arguments import add_argument_quotes
from stanceline.nlp.quotes.lexicon import (
    ACCUSING_LEMMAS,
    ADDRESSEE_LEMMAS,
    CHANNEL_NOUNS,
    CHARACTERISING_LEMMAS,
    DIRECTIVE_LEMMAS,
    MANNER_LEMMAS,
    REPORT_NOUNS,
    SPEECH_LEMMAS,
    SUBJ_DEPS,
    THAT_CLAUSE_LEMMAS,
)
from stanceline.nlp.quotes.marks import OPEN_DQ
from stanceline.nlp.quotes.subjects import Cue, clause_chars, np_span, relative_subject, subject_of


def find_cues(doc: Doc) -> list[Cue]:
    cues: list[Cue] = []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            source = np_span(doc, pobj)
            cues.append(
                Cue(
                    t,
                    source,
                    _according_content(doc, doc[slice(*sent_bounds(doc, t.i))], t, source, pobj),
                    according=True,
                )
            )
            continue
        if t.lower_ == "in" and (words_of := _in_the_words_of(doc, t)) is not None:
            source, content = words_of
            cues.append(Cue(t, source, content, according=True))
            continue
        if (noun_cue := _report_noun(doc, t)) is not None:
            cues.append(noun_cue)
            continue
        lemma = t.lemma_.lower()
        if lemma in CHARACTERISING_LEMMAS and lemma not in SPEECH_LEMMAS and t.pos_ == "VERB":
            # "dismissed the promise as theatre", "hailed the deal as historic": a verdict spoken.
            verdict = _object_and_phrase(t, "as")
            if verdict is not None:
                judge = subject_of(t)
                cues.append(Cue(t, np_span(doc, judge) if judge is not None else None, verdict))
                continue
        if lemma in MANNER_LEMMAS and lemma not in SPEECH_LEMMAS and t.pos_ == "VERB":
            # "“…,” the senator fumed": a cue for the quotation beside it, with no report of its own.
            manner_subj = subject_of(t)
            cues.append(Cue(t, np_span(doc, manner_subj) if manner_subj is not None else None, None))
            continue
        if (lemma not in SPEECH_LEMMAS and lemma not in DIRECTIVE_LEMMAS) or not _verbal(t):
            continue
        comps = [c for c in t.children if c.dep_ in {"ccomp", "parataxis"} and c.i != t.i and _reportable(c)]
        marked = [c for c in comps if c.i > t.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if marked:
            # "Trade was on the table and the minister said that …": a 'that'-clause after the
            # verb is what was said; a clause the parser also hung before it is the writer's.
            comps = marked + [c for c in comps if c.i > t.i and c not in marked]
        comp = comps[0] if comps else None
        directive = False
        if comp is None and lemma in DIRECTIVE_LEMMAS:
            comp = _directive(t)
            directive = comp is not None
        elif lemma not in SPEECH_LEMMAS:
            continue
        framed: tuple[int, int] | None = None
        if comp is None:
            comp = _that_clause(t)
        if (
            comp is None
            and t.dep_ == "parataxis"
            and (t.head.i < t.i or any(c.dep_ in SUBJ_DEPS and c.i > t.i for c in t.children) or _parenthetical(t))
        ):
            # "X will end, he said" / "Visitors, said Lee, must register …": the cue hangs
            # off the clause it reports (a cue before its clause only with inversion).
            comp = t.head
        if (
            comp is None
            and t.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)
            # "as they say" / "as we reported" are idioms and the outlet's voice, not a source.
            and not any(c.dep_ in SUBJ_DEPS and c.pos_ == "PRON" for c in t.children)
        ):
            # "As Heald told the Post, ozone has dropped …", "… will start in June, as announced
            # by the ministry".
            head = t.head
            if t.i > head.i and any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in t.children):
                # "…, as unions press to settle the strike": a verb with an object or clause of its
                # own says what it is about; only a bare "as announced by X" frames the clause.
                start, end = 0, -1
            elif t.i > head.i:
                start, end = head.left_edge.i, t.left_edge.i - 1
            else:
                start, end = t.right_edge.i + 1, head.right_edge.i
            while start < len(doc) and doc[start].is_punct:
                start += 1
            while end > start and doc[end].is_punct:
                end -= 1
            if end > start:
                framed = (doc[start].idx, doc[end].idx + len(doc[end].text))
        subj_tok = subject_of(t)
        subj = np_span(doc, subj_tok) if subj_tok is not None else None
        if subj is not None and subj_tok is not None:
            subj = _with_split_description(doc, t, subj_tok, subj)
        content = clause_chars(doc, comp) if comp is not None else framed
        if content is None and lemma in ACCUSING_LEMMAS:
            content = _object_and_phrase(t, "of")
        elif content is None and lemma in CHARACTERISING_LEMMAS:
            content = _object_and_phrase(t, "as")
        if content is not None and len(comps) > 1 and comps[0].dep_ == comps[1].dep_ == "ccomp":
            # The parser splits one report into sibling clauses ("tell X every form will be
            # read, with Y adding that nobody will be turned away"): the report is their union.
            same_side = [c for c in comps if (c.i > t.i) == (comps[0].i > t.i)]
            content = (content[0], max(content[1], *(clause_chars(doc, c)[1] for c in same_side)))
        if content is not None and comp is not None and _lost_subject(t, comp):
            # "suggested reversing the merger was a possibility": the copula's subject was hung on
            # the cue verb; the report starts right after the verb.
            content = (doc[t.i + 1].idx, content[1])
        if content is not None and comp is not None and comp.i < t.i and subj is not None:
            # Post-posed cue ("…, Rutte said"): the clause must not contain the cue itself.
            content = (content[0], min(content[1], subj.start_char if subj.start_char > content[0] else t.idx))
        # The demanded action in marks ("called on them to “make the right call”") is the
        # speaker's phrase however short, like a naming verb's object.
        cues.append(Cue(t, subj, content, argument=directive, relative=relative_subject(t, subj_tok)))
    add_argument_quotes(doc, cues)
    _coordinated_reports(cues)
    text = doc.text
    for c in cues:
        if c.content is None:
            continue
        more = _that_conjunct(c.verb)
        if more is not None and more.idx >= c.content[1]:
            # "called the deal “…” and that it was “…”": a second 'that'-clause coordinated with
            # the verb's own report is more of what the speaker said.
            c.content = (c.content[0], clause_chars(doc, more)[1])
        # Reported content never crosses a paragraph break (headlines and datelines sit on
        # their own lines and the parser may glue them to the first sentence).
        v = c.verb.idx
        ps = text.rfind("\n", 0, v) + 1
        pe = text.find("\n", v)
        pe = len(text) if pe < 0 else pe
        cs, ce = max(c.content[0], ps), min(c.content[1], pe)
        if cs == ps and (m := _DATELINE.match(text, cs, ce)) is not None:
            cs = m.end()  # "DENVER ― The feud is …, officials said": the dateline is the outlet's
        c.content = (cs, ce) if ce > cs else None
    for c in cues:
        if not c.according or c.content is None:
            continue
        # "According to X, Y said Z": X and Y both vouch for Z.
        inner = [
            o for o in cues if not o.according and o.content is not None and c.content[0] <= o.verb.idx < c.content[1]
        ]
        if inner:
            c.content = inner[0].content
    return cues


_VERDICT_MARKS = frozenset({"“", "”", '"', "‘", "’", "«", "»", "„"})


def _object_and_phrase(v: Token, word: str) -> tuple[int, int] | None:
    """What the speaker said in "accused the board of hiding the plan" ("of") or "described the
    plan as reckless" ("as"): the object and the phrase, from the object to the phrase's end.

    The parser may hang the phrase on a participle or relative clause inside the object ("accused
    managers appointed last year of ignoring …") or on the object itself ("dismissed the promise as
    theatre"), so the first such phrase after the object anywhere below the verb counts. An "of"
    on a noun of the object with a noun after it is the object's own phrase ("the head of the
    agency"); with a gerund ("the authority of planning …") it is the charge."""
    obj = next((c for c in v.rights if c.dep_ in {"dobj", "nsubj"}), None)
    if obj is None:
        return None
    below_obj = {x.i for x in obj.subtree}
    phrase = next(
        (
            t
            for t in v.subtree
            if t.i > obj.i
            and t.lower_ == word
            and t.dep_ == "prep"
            and (t.head.i == v.i or t.head.i in below_obj)
            # a phrase with words in it ("as 'unaffordable'" may parse as an adjective under "as")
            and any(not c.is_punct for c in t.children)
            and (
                word != "of"
                or t.head.i == v.i
                or t.head.pos_ not in {"NOUN", "PROPN"}
                or any(c.tag_ == "VBG" for c in t.children)
            )
        ),
        None,
    )
    if phrase is None:
        return None
    doc = v.doc
    if word == "as" and any(x.text in _VERDICT_MARKS for x in phrase.subtree):
        # A verdict in double or typographic marks is the speaker's own words: the quotation side
        # takes it (arguments.py). A straight single mark is as often an apostrophe, and a word in
        # it is no quotation there, so the report keeps it.
        return None
    end = max(phrase.right_edge.i, obj.right_edge.i)
    while end > obj.i and doc[end].is_punct and doc[end].text not in {"”", "’", '"', "'"}:
        end -= 1
    start = obj.left_edge.i
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _coordinated_reports(cues: list[Cue]) -> None:
    """ "X said A and insisted that B", "X said A and called the plan “…”": the parser often hangs
    the second speech verb inside the first report, as a conjunct of A's verb, which then lends it
    A's subject. A speech verb with a report of its own but no subject, coordinated with a verb
    inside another speaker's report, is that speaker's second statement: it takes the speaker, and
    the first report ends before the conjunction. Without a report of its own ("said he had lied
    and called him a coward") the verb may be part of what was said, and stays so."""
    for b in cues:
        v = b.verb
        if b.according or b.content is None or v.dep_ != "conj" or any(c.dep_ in SUBJ_DEPS for c in v.children):
            continue
        head = v.head
        outer = next(
            (
                a
                for a in cues
                if a is not b
                and not a.according
                and a.content is not None
                and a.subj is not None
                and a.verb.i != head.i
                and a.content[0] <= head.idx < a.content[1]
                and a.content[0] <= v.idx < a.content[1]
                and any(x.i == a.verb.i for x in head.ancestors)
            ),
            None,
        )
        if outer is None or outer.content is None:
            continue
        cc = next((c for c in head.children if c.dep_ == "cc" and c.i < v.i), None)
        cut = cc if cc is not None else v
        doc = v.doc
        end = cut.i - 1
        while end > 0 and doc[end].is_punct:
            end -= 1
        if doc[end].idx <= outer.content[0]:
            continue
        outer.content = (outer.content[0], doc[end].idx + len(doc[end].text))
        b.subj, b.relative = outer.subj, outer.relative


# A dateline opening the paragraph: a place in capitals, an optional agency or date, a dash
# ("DENVER (Wire) — "); or a place with an agency or date in brackets, a colon or dash
# ("Denver (May 3, 2021): ").
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+,? )+(?:\([^()\n]{1,40}\) ?)?[―—–-]{1,2} +"
    r"|(?:[A-Z][\w.'’-]+,? ){1,3}\([^()\n]{1,40}\) ?[:―—–-]{1,2} +"
)


def _lost_subject(v: Token, comp: Token) -> bool:
    """A copula, or a finite verb after an object of the cue, reported after the verb with no
    subject of its own while the words between the verb and it hang from the verb ("suggested
    reversing it was …", "found losses exceeded …")."""
    if comp.i <= v.i + 1 or any(c.dep_ in SUBJ_DEPS | {"expl", "mark"} for c in comp.children):
        return False
    if comp.lemma_ != "be" and not _object_took_subject(comp):
        return False
    between = v.doc[v.i + 1 : comp.left_edge.i]
    return (
        len(between) > 0
        and all(not x.is_punct and x.head.i != x.i for x in between)
        and any(x.head.i == v.i and x.dep_ in {"xcomp", "dobj", "csubj", "nsubj", "ccomp"} for x in between)
    )


def _object_took_subject(comp: Token) -> bool:
    """ "The auditors found costs rose by a third": the parser makes "costs" the object of the cue
    and leaves the finite verb after it without a subject. Not after a verb that names its
    addressee ("told reporters gathered …"), whose object is the listener."""
    v = comp.head
    if (
        comp.dep_ != "ccomp"
        or comp.tag_ not in {"VBD", "VBZ", "VBP"}
        or v.lemma_.lower() in ADDRESSEE_LEMMAS
        or any(c.dep_ in SUBJ_DEPS | {"expl", "mark", "aux", "auxpass"} for c in comp.children)
    ):
        return False
    return any(x.dep_ == "dobj" and v.i < x.i < comp.i for x in v.children)


def _that_conjunct(v: Token) -> Token | None:
    """A clause coordinated with the speech verb that opens with 'that' ("… and that …"): the
    parser hangs a second report there when the first is not a clause of its own."""
    for c in v.rights:
        if (
            c.dep_ == "conj"
            and c.lemma_.lower() not in SPEECH_LEMMAS
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ):
            return c
    return None


def _that_clause(v: Token) -> Token | None:
    """A 'that'-clause the parser attached below the verb's object ("told X in a statement that …")."""
    if v.lemma_.lower() not in THAT_CLAUSE_LEMMAS:
        return None
    for t in v.subtree:
        if t.i <= v.i or t.dep_ not in {"ccomp", "acl"}:
            continue
        if t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in CHANNEL_NOUNS:
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return t
    return None


def _parenthetical(v: Token) -> bool:
    """ "The new tax, Senator Park said, would hit farms": a cue set off by commas inside the
    clause it reports, after that clause's subject (its report runs on both sides of it)."""
    head = v.head
    if head.i <= v.i or v.i == 0 or head.i == v.i:
        return False
    doc = v.doc
    left, right = v.left_edge.i, v.right_edge.i
    # The commas may hang from the cue or from the clause around it.
    if doc[left].text != ",":
        left -= 1
    if doc[right].text != ",":
        right += 1
    return (
        left > 0
        and right < len(doc)
        and doc[left].text == ","
        and doc[right].text == ","
        and any(c.dep_ in SUBJ_DEPS and c.i < left for c in head.children)
    )


def _with_split_description(doc: Doc, v: Token, subj_tok: Token, subj: Span) -> Span:
    """ "The city's police chief, Dan Ortiz said": with the comma after the name missing, the
    parser gives the verb two subjects, the description and the name; the speaker is both."""
    if subj.start < 2 or doc[subj.start - 1].text != ",":
        return subj
    other = next((c for c in v.children if c.dep_ == "nsubj" and c.i != subj_tok.i and c.i < subj_tok.i), None)
    if other is None:
        return subj
    first = np_span(doc, other)
    if first.end != subj.start - 1:
        return subj
    return doc[first.start : subj.end]


def _report_noun(doc: Doc, t: Token) -> Cue | None:
    """ "Lee's claim that …", "his warning that …": a statement noun with its source as the
    possessor and what was stated as a 'that'-clause (the parser hangs it as the noun's clause)."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in REPORT_NOUNS:
        return None
    poss = next((c for c in t.lefts if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in t.rights
            if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if poss is None or clause is None:
        return None
    return Cue(t, np_span(doc, poss), clause_chars(doc, clause))


def _verbal(t: Token) -> bool:
    """A speech verb, or one the tagger took for a noun ("the Department notes, “…”") while the
    parser still gave it a subject and a reported clause."""
    if t.pos_ in {"VERB", "AUX"}:
        return True
    return (
        t.pos_ == "NOUN"
        and t.tag_ == "NNS"
        and any(c.dep_ == "nsubj" or (c.dep_ in {"nmod", "compound"} and c.pos_ == "PROPN") for c in t.lefts)
        and any(c.dep_ in {"ccomp", "parataxis"} for c in t.rights)
    )


def _directive(v: Token) -> Token | None:
    """The demanded action in "urged the world to “force Russia into talks”": an infinitive after
    the addressee (an object, or "on X" for "call on")."""
    if not any(c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ == "on") for c in v.rights):
        return None
    for c in v.rights:
        # The parser may hang the infinitive as an adverbial clause when a date or place stands
        # between ("called on them on Monday to …").
        if c.dep_ not in {"xcomp", "ccomp", "advcl"} or c.pos_ != "VERB":
            continue
        if not any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
            continue
        # Only with the speaker's own words in it ("urged the council to “drop it for good”"): a bare
        # request ("asked them to help") is reported action more often than reported speech.
        if any(x.text in OPEN_DQ or x.text == '"' for x in c.subtree):
            return c
    return None


def _reportable(c: Token) -> bool:
    """A complement that can be what was said: not a bare participle ("pointed to the table with
    soup served with …"), which the parser sometimes hangs as a subjectless clause. A copula with
    its predicate is a clause even without a subject: "said the plan unveiled in March was a
    failure" is parsed as two clauses, the participle taking the subject from the copula; so is a
    finite verb whose subject the parser made the cue's object ("found costs rose …")."""
    if c.lemma_ == "be" and any(x.dep_ in {"attr", "acomp"} for x in c.children):
        return True
    if _object_took_subject(c):
        return True
    return not (
        c.tag_ in {"VBN", "VBG", "VBD"}
        and c.dep_ == "ccomp"
        and not any(x.dep_ in SUBJ_DEPS | {"mark", "aux", "auxpass"} for x in c.children)
    )


def _in_the_words_of(doc: Doc, t: Token) -> tuple[Span, tuple[int, int] | None] | None:
    """ "In the words of X, …" credits the rest of the sentence (usually a quotation) to X."""
    if t.i + 3 >= len(doc) or [x.lower_ for x in doc[t.i + 1 : t.i + 4]] != ["the", "words", "of"]:
        return None
    pobj = next((c for c in doc[t.i + 3].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # The source's subtree keeps an apposition ("the judge, Ann Lee, QC,"); when the parser
    # hangs the name elsewhere, a comma-enclosed person name right after the source is it.
    end = pobj.right_edge.i + 1
    source = np_span(doc, pobj)
    if end + 1 < len(doc) and doc[end].text == ",":
        name = next((e for e in doc.ents if e.start == end + 1 and e.label_ == "PERSON"), None)
        if name is not None and name.end < len(doc) and doc[name.end].text == ",":
            source, end = name, name.end + 1
    sent_e = sent_bounds(doc, t.i)[1]
    content = _strip_chars(doc, end, sent_e - 1) if sent_e - end > 2 else None
    return source, content


def _strip_chars(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    while s < e and doc[s].is_punct:
        s += 1
    while e > s and doc[e].is_punct:
        e -= 1
    return (doc[s].idx, doc[e].idx + len(doc[e].text)) if e >= s else None


def _according_content(doc: Doc, sent: Span, t: Token, subj: Span, pobj: Token) -> tuple[int, int]:
    pp_start = t.idx
    # The source's own modifiers ("a poll released Wednesday") are not the content, up to a comma.
    r = subj.end - 1
    for k in range(subj.end, min(pobj.right_edge.i + 1, sent.end)):
        if doc[k].is_punct and doc[k].text in {",", ";", ":", "—", "–"}:
            break
        r = k
    pp_end = doc[r].idx + len(doc[r].text)
    s0, e0 = sent.start_char, sent.end_char
    while e0 > s0 and (doc.text[e0 - 1] in '.!? \n"”'):
        e0 -= 1
    if pp_start - s0 <= 2:
        # "According to X, …"
        rest = pp_end
        while rest < e0 and doc.text[rest] in ", ":
            rest += 1
        return (rest, e0) if e0 > rest else (s0, e0)
    tail = doc.char_span(pp_end, e0, alignment_mode="expand") if e0 - pp_end > 2 else None
    if e0 - pp_end <= 2 or (tail is not None and not any(t.pos_ in {"VERB", "AUX"} for t in tail)):
        end = pp_start
        while end > s0 and doc.text[end - 1] in ", ":
            end -= 1
        return s0, end
    return s0, e0


def cue_text(doc: Doc, cue: Cue) -> str:
    if cue.according:
        return doc.text[cue.verb.idx : cue.verb.idx + len("according to")]
    return cue.verb.text

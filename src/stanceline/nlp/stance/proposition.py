"""An issue read as a proposition: who (subject) does what (enter, stay in, leave) to what (object).

"Ukraine joins the European Union" is (Ukraine, enter, European Union); "United Kingdom leaves
the EU" is (United Kingdom, exit, EU); "United States stays in the Iran nuclear deal" is (United
States, stay, Iran nuclear deal). A proposition of another verb is an act done to an object: "The
city builds the tram line" is (city, act "build", tram line), "The EU bans the pesticide" is (EU,
act "ban", pesticide). Being for the object of an act is being for the act when the act is for its
object (building, ratifying, adopting), against it when the act is against it (banning, scrapping):
the act's sign comes from the lexicon's classes of verbs for and against their object. The name is
read first; when it is not of that shape, the first clause of the description ("Whether X leaves
Y ..."). Each of the issue's terms is then given a role by the words it is made of, so that a user's
terms need no annotation:

- `predicate`: it names the change or its opposite ("leave the EU" +1, "Remain" -1 for leaving;
  "rejoin" +1, "pull out" -1 for staying in a deal); its sign says which;
- `object`: another name of the object ("JCPOA"); when the proposition is staying in an
  agreement, being for the agreement is being for staying in it; for an act, its sign is the act's;
- `part`: a step of the process ("candidate status", "accession talks"), signed like the change;
- `obstacle`: a means of stopping it ("veto");
- `revote`: asking the public again ("second referendum"): backing it is backing the change only
  on terms;
- `topic`: anything else ("sanctions", "backstop"): it places a sentence on the issue, but an
  attitude to it is not an attitude to the proposition.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from stanceline.model import Issue
from stanceline.nlp.actors.keys import actor_key, builtin_aliases, normalise_name
from stanceline.nlp.stance import lexicon as lex

Change = Literal["enter", "stay", "exit"]
TermRole = Literal["predicate", "object", "part", "obstacle", "revote", "topic"]

_WORD = re.compile(r"[\w'’+-]+")
_DET = {"the", "a", "an"}
_PREPS = {"in", "into", "from", "of", "to", "with", "out", "on"}
# Prepositions that open an adjunct of an act's object (place, time, beneficiary, recipient, the
# other side), not a part of it: "sends missiles to X", "closes its border with X".
_ADJUNCT_PREPS = {"from", "in", "at", "for", "by", "on", "across", "throughout", "within", "until", "to", "with"}
# Prepositions that open the value a quantity is set to or changed by, when a number follows.
_VALUE_PREPS = {"to", "by", "from"}


@dataclass(frozen=True, slots=True)
class TermReading:
    term: str
    role: TermRole
    sign: int  # +1 / -1 relative to the proposition (0 for topic terms)


@dataclass(frozen=True)
class Proposition:
    issue: Issue
    change: Change | None
    subject: str | None  # "Ukraine"
    object: str | None  # "European Union", "Iran nuclear deal"
    subject_keys: frozenset[str] = frozenset()  # actor keys and folded surface forms
    object_keys: frozenset[str] = frozenset()
    object_head: str | None = None  # "deal", "union"
    object_words: frozenset[str] = frozenset()  # lowercased content words of the object's names
    terms: tuple[TermReading, ...] = field(default=())
    act: str | None = None  # the verb of a proposition that is no change ("ratify", "ban")
    act_sign: int = 1  # +1 when the act is for its object, -1 when against it
    matter: frozenset[str] = frozenset()  # what an instrument is about: "mackerel" for a mackerel-sharing deal

    @property
    def object_is_deal(self) -> bool:
        """The object is a thing one is for or against (an agreement, or what an act is done
        to): a mention of it alone is a target, signed by `base_sign`."""
        return self.object_head in lex.DEAL_NOUNS or (self.act is not None and self.object is not None)

    def sign_of_change(self, change: Change) -> int:
        """+1 when `change` is the proposition's own change, -1 when it is the opposite one."""
        if self.change is None:
            return 1 if change in {"enter", "stay"} else -1
        if self.change == "exit":
            return 1 if change == "exit" else -1
        return -1 if change == "exit" else 1

    def base_sign(self) -> int:
        """The sign of the object itself (being in it, or for it): -1 when the proposition is
        leaving it or an act against it."""
        if self.act is not None:
            return self.act_sign
        return -1 if self.change == "exit" else 1

    def names_subject(self, key_or_text: str) -> bool:
        f = fold_name(key_or_text)
        return f in self.subject_keys or demonym_of(f, self.subject_keys)

    def names_object(self, key_or_text: str) -> bool:
        return fold_name(key_or_text) in self.object_keys

    def names_itself(self, text: str) -> bool:
        """`text` is one of the issue's own terms ("Brexit"), not an actor."""
        f = fold_name(text)
        return any(fold_name(r.term) == f for r in self.terms if r.role in {"predicate", "object"})


_DEMONYM_SUFFIXES = ("ian", "ean", "ine", "ese", "ish", "ic", "an", "i")


@lru_cache(maxsize=1 << 14)
def demonym_of(word: str, names: frozenset[str]) -> bool:
    """`word` (folded) is a demonym the alias table does not know, of one of the one-word `names`:
    its stem begins the name ("argentine", "indonesian" for Argentina, Indonesia)."""
    if " " in word or len(word) < 6 or builtin_aliases().canonical(word) is not None:
        return False
    for suf in _DEMONYM_SUFFIXES:
        if word.endswith(suf):
            stem = word[: -len(suf)]
            if len(stem) >= 4 and any(
                " " not in n and n.startswith(stem) and n != stem and len(n) - len(stem) <= 3 for n in names
            ):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def fold_name(s: str) -> str:
    s = s.split(":")[-1]
    return normalise_name(s).replace("-", " ")


def change_of_word(lemma: str) -> Change | None:
    """The change a single word names, if any ("accession" enter, "Brexit" exit)."""
    w = lemma.lower()
    if w in lex.ENTER_VERBS or w in lex.ENTER_NOUNS:
        return "enter"
    if w in lex.STAY_VERBS or w in lex.STAY_NOUNS:
        return "stay"
    if w in lex.EXIT_VERBS or w in lex.EXIT_NOUNS or (w.endswith(lex.EXIT_SUFFIX) and len(w) > 4):
        return "exit"
    return None


def _simple_lemma(w: str) -> str:
    """A verb's base form without a lemmatiser, for the few shapes an issue name takes."""
    w = w.lower()
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            base = w[: -len(suffix)] + repl
            if change_of_word(base) or base in {"become", "stay"}:
                return base
    if w.endswith("ing") and len(w) > 5:
        base = w[:-3]
        for cand in (base, base + "e"):
            if change_of_word(cand):
                return cand
    return w


def _strip_det(words: list[str]) -> list[str]:
    while words and words[0].lower() in _DET:
        words = words[1:]
    return words


def _parse_clause(text: str) -> tuple[str | None, Change | None, str | None]:
    """(subject, change, object) from "Ukraine joins the EU", "Whether the United Kingdom leaves
    the European Union (Brexit), ...", "Sweden's NATO membership", "membership of X in Y"."""
    clause = re.split(r"[.;:,(\n]", text.strip(), maxsplit=1)[0]
    words = _WORD.findall(clause)
    if words and words[0].lower() == "whether":
        words = words[1:]
    for i, w in enumerate(words):
        lemma = _simple_lemma(w)
        change = change_of_word(lemma) if w[:1].islower() or i > 0 else None
        if lemma == "become" and i + 2 < len(words) and words[i + 2].lower() == "member":
            change = "enter"
            rest = words[i + 3 :]
            if rest and rest[0].lower() in _PREPS:
                rest = rest[1:]
            subj = " ".join(_strip_det(words[:i])) or None
            return subj, change, " ".join(_strip_det(rest)) or None
        if change is None:
            continue
        subj_words = _strip_det(words[:i])
        rest = words[i + 1 :]
        while rest and (rest[0].lower() in _PREPS or rest[0].lower() in {"part", "a", "member"}):
            rest = rest[1:]
        obj = " ".join(_strip_det(rest)) or None
        poss = next((k for k, w in enumerate(subj_words) if re.search(r"['’]s$", w)), None)
        if (
            poss is not None
            and change in {"enter", "exit", "stay"}
            and words[i][:1].islower()
            and w not in {"join", "joins", "leave", "leaves", "stay", "stays"}
        ):
            # a noun form: "Sweden's NATO membership" -> subject Sweden, object NATO
            owner = [*subj_words[:poss], re.sub(r"['’]s$", "", subj_words[poss])]
            subj, obj = " ".join(owner) or None, (" ".join(subj_words[poss + 1 :]) or obj)
            return subj, change, obj
        return " ".join(subj_words) or None, change, obj
    return None, None, None


def _verb_base(w: str) -> str:
    """The base form of a third-person verb in an issue's name ("ratifies", "bans", "passes")."""
    w = w.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _parse_act(text: str) -> tuple[str | None, str | None, str | None]:
    """(subject, verb, object) from a clause "The city builds the tram line", "Whether the EU bans
    glyphosate": the first lower-case word in the third person after the subject."""
    clause = re.split(r"[.;:,(\n]", text.strip(), maxsplit=1)[0]
    words = _WORD.findall(clause)
    if words and words[0].lower() == "whether":
        words = words[1:]
    for i, w in enumerate(words[:8]):
        if i == 0 or not w[:1].islower() or w in _DET or w in _PREPS or not w.endswith("s") or w.endswith("ss"):
            continue
        subj = _strip_det(words[:i])
        obj = _strip_det(words[i + 1 :])
        # the object is the noun phrase the act is done to; a phrase after it saying where, when
        # or for whom ("bans cars from its centre", "legalises it for adults", "sends arms to X") is not
        # part of it
        # neither is the value it is set to ("raises the retirement age to 67", "cuts the tax by 5")
        cut = next(
            (
                k
                for k, x in enumerate(obj)
                if k > 0
                and (
                    x.lower() in _ADJUNCT_PREPS
                    or (x.lower() in _VALUE_PREPS and obj[k + 1 : k + 2] and obj[k + 1][0].isdigit())
                )
            ),
            None,
        )
        obj = obj[:cut] if cut is not None else obj
        if subj and obj and subj[-1].lower() not in _PREPS and not subj[-1].lower().endswith(("ly", "ed")):
            return " ".join(subj), _verb_base(w), " ".join(obj)
        break
    return None, None, None


def _act_sign(verb: str) -> int:
    # lifting or easing a thing ("lifts its sanctions", "eases the embargo") undoes it, as banning does
    return -1 if verb in lex.AGAINST_VERBS or verb in lex.LIFT_VERBS else 1


def names_act(word: str, act: str) -> bool:
    """`word` is the act's verb or a noun made from it ("ratification", "banning", "adoption")."""
    stem = act[:-1] if act.endswith(("y", "e")) and len(act) > 4 else act
    return word == act or (len(stem) >= 3 and word.startswith(stem) and len(word) - len(stem) <= 7)


def same_act_kind(word: str, act: str) -> bool:
    """`word` names an act of the same kind as `act` under another name ("takeover" for "acquire")."""
    return any(word in kind and act in kind for kind in lex.ACT_KINDS)


def _singular(w: str) -> str:
    """A plural common noun's singular, for the regular shapes ("cars", "taxes", "policies")."""
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3 else w


def _is_object_word(w: str, object_words: frozenset[str]) -> bool:
    return w in object_words or f"{w}s" in object_words or f"{w}es" in object_words


def _names_of(name: str, type_: str) -> frozenset[str]:
    """Folded forms that denote the actor `name`: its key, aliases and metonyms."""
    table = builtin_aliases()
    out = {fold_name(name), fold_name(actor_key(name, type_))}
    canon = table.canonical(name)
    cname = canon[0] if canon else name
    out.add(fold_name(cname))
    for surface in table.surfaces(cname):
        out.add(fold_name(surface))
    for surface, entry in table.metonyms.items():
        if entry.name == cname:
            out.add(fold_name(surface))
    out.add(fold_name(actor_key(cname, type_)))
    acronym = "".join(w[0] for w in cname.split() if w[:1].isupper())
    if len(acronym) >= 2:
        out.add(acronym.lower())
    return frozenset(x for x in out if x)


def _term_words(term: str) -> list[str]:
    return [w for w in _WORD.findall(term.lower()) if w]


def read_term(
    term: str,
    change: Change | None,
    object_words: frozenset[str],
    object_head: str | None,
    prop: Proposition | None = None,
) -> TermReading:
    """The role and sign of one issue term, from the classes of its words (see the module doc)."""
    words = _term_words(term)
    base = [_simple_lemma(w) for w in words]
    sign_of = Proposition.sign_of_change if prop is not None else None

    def rel(c: Change) -> int:
        if prop is not None and sign_of is not None:
            return sign_of(prop, c)
        return 1 if c in {"enter", "stay"} else -1

    if any(w in lex.REVOTE_NOUNS for w in base) and any(w in lex.REVOTE_MODIFIERS for w in base):
        return TermReading(term, "revote", 0)
    act = prop.act if prop is not None else None
    if act is not None and prop is not None:
        if any(names_act(w, act) or same_act_kind(w, act) for w in base):
            return TermReading(term, "predicate", 1)  # "ratification", "ban glyphosate", "the takeover"
        if any(w.endswith("-free") and _is_object_word(w[: -len("-free")], object_words) for w in base):
            # "a smoke-free zone": without the object, what an act against it brings about
            return TermReading(term, "predicate", -prop.act_sign)
        content_words = {w for w in base if w not in _DET and w not in _PREPS}
        if len(content_words) > 1 and base[-1] in lex.MEASURE_NOUNS and not content_words & object_words:
            # "pension reform" for raising the retirement age: the act under the name of the measure
            return TermReading(term, "predicate", 1)
        if not content_words & (lex.FOR_VERBS | lex.AGAINST_VERBS) and (
            content_words & object_words or (len(content_words) > 1 and base[-1] in lex.PROCESS_NOUNS)
        ):
            # "the tram line", "glyphosate"; "the tram project": the object under its project's name
            return TermReading(term, "object", prop.act_sign)
    content_words = {w for w in base if w not in _DET and w not in _PREPS}
    if change == "enter" and content_words & lex.ADOPT_WORDS and content_words & object_words:
        # a user's term "adopt the euro" for joining the euro area: taking up the object's own thing
        return TermReading(term, "predicate", rel("enter"))
    if len(base) == 1 and any(
        base[0] == o + suffix for o in object_words if len(o) >= 3 for suffix in lex.AREA_SUFFIXES
    ):
        return TermReading(term, "object", 1)  # "eurozone" for the euro area: its one-word name
    head = base[-1] if base else ""
    changes = [(i, change_of_word(w)) for i, w in enumerate(base)]
    changes = [(i, c) for i, c in changes if c is not None]
    deal_head = head in lex.DEAL_NOUNS
    if changes and deal_head and object_head not in lex.DEAL_NOUNS:
        # "accession treaty": the instrument of joining, ratified to join; "withdrawal
        # agreement": the terms of leaving, which one can reject and still want to leave
        if changes[0][1] == "enter":
            return TermReading(term, "part", rel("enter"))
        return TermReading(term, "topic", 0)
    if changes:
        c = changes[0][1]
        assert c is not None
        sign = rel(c)
        if object_head in lex.DEAL_NOUNS and c == "enter" and change in {"stay", "enter"}:
            sign = 1
        return TermReading(term, "predicate", sign)
    pairs = set(itertools.pairwise(base))
    if pairs & lex.EXIT_PHRASAL:
        return TermReading(term, "predicate", rel("exit"))
    if pairs & lex.ENTER_PHRASAL:
        return TermReading(term, "predicate", rel("enter") if change != "exit" else -1)
    if "out" in base and change is not None:
        return TermReading(term, "predicate", rel("exit"))
    if any(w in lex.AGAINST_VERBS or w in lex.AGAINST_NOUNS for w in base) and not (set(base) & lex.FOR_VERBS):
        if any(w in {"veto", "objection", "objections", "obstacle", "block", "blockade"} for w in base):
            return TermReading(term, "obstacle", -1)
        # "decertify": undoing the object
        return TermReading(term, "predicate", -rel("stay") if change == "exit" else -1)
    content = {w for w in base if w not in _DET and w not in _PREPS}
    if (
        object_words
        and content
        and (content <= object_words | lex.DEAL_NOUNS or _is_acronym_of(term, object_words))
        and (deal_head or _is_acronym_of(term, object_words) or content & object_words)
    ):
        return TermReading(term, "object", 1)
    if deal_head and object_head in lex.DEAL_NOUNS:
        return TermReading(term, "object", 1)
    if (content & lex.PROCESS_NOUNS or any(w in {"fast-track", "candidate", "candidacy"} for w in base)) and (
        change != "exit" and not deal_head
    ):
        return TermReading(term, "part", 1)
    if any(w in lex.FOR_VERBS for w in base if w in {"fast-track", "accelerate", "expedite"}):
        return TermReading(term, "part", 1)
    return TermReading(term, "topic", 0)


def _is_acronym_of(term: str, object_words: frozenset[str]) -> bool:
    t = term.strip()
    return t.isupper() and len(t) >= 3 and t.isalpha() and t.lower() in object_words


def _spells(acr: str, words: list[str]) -> bool:
    """Whether `acr` is each word's initial in order, each optionally followed by more letters of
    the same word ("asean": Association, SouthEast, Asian, Nations)."""
    if not words:
        return not acr
    if not acr or acr[0] != words[0][0]:
        return False
    word, rest = words[0][1:], words[1:]
    # after the initial, take 0..k more letters of this word, in order
    for k in range(len(acr)):
        if _spells(acr[1 + k :], rest):
            return True
        if 1 + k >= len(acr):
            return False
        nxt = acr[1 + k]
        i = word.find(nxt)
        if i < 0:
            return False
        word = word[i + 1 :]
    return False


def _instrument_name(name: str) -> str | None:
    """An issue named by its instrument, a noun phrase headed by an agreement noun ("Mekong
    water-sharing treaty", "the Geneva ceasefire plan"): that instrument is the object, one is for
    or against it; the description's clauses (who fishes, who signs) are not the proposition."""
    words = _strip_det(_WORD.findall(name.strip()))
    if len(words) < 2 or words[0].lower() == "whether" or words[-1].lower() not in lex.DEAL_NOUNS:
        return None
    return " ".join(words)


@lru_cache(maxsize=64)
def read_proposition(issue: Issue) -> Proposition:
    # the name first, as a change, then as an act; the description only when the name is neither
    # (a description's later words, "cars entering the centre", are not the proposition)
    subj, change, obj = _parse_clause(issue.name)
    act: str | None = None
    if change is None:
        subj, act, obj = _parse_act(issue.name)
    instrument = False
    matter: frozenset[str] = frozenset()
    if change is None and act is None:
        obj = _instrument_name(issue.name)
        instrument = obj is not None
    if change is None and act is None and obj is None and issue.description:
        subj, change, obj = _parse_clause(issue.description)
        if change is None:
            subj, act, obj = _parse_act(issue.description)
    subject_keys = _names_of(subj, "GPE") if subj else frozenset()
    object_keys: frozenset[str] = frozenset()
    object_head: str | None = None
    object_words: set[str] = set()
    if obj:
        ow = _term_words(obj)
        object_head = ow[-1] if ow else None
        object_keys = _names_of(obj, "ORG")
        object_words |= {w for w in ow if w not in _DET}
        if instrument:
            # "a mackerel-sharing agreement" is also "the mackerel agreement"; what it shares
            # ("mackerel", not the gerund "sharing") places a passage on it
            parts = {part for w in ow if "-" in w for part in w.split("-") if len(part) >= 3}
            object_words |= parts
            matter = frozenset(w.split("-")[0] for w in ow if w.count("-") == 1 and w.endswith("ing"))
        # the object's other names, from the description's parentheses and the terms:
        # "the Comprehensive Nuclear-Test-Ban Treaty (CTBT)"
        for full, short in re.findall(
            r"([A-Z][\w-]*(?:\s+(?:of|the|and|[A-Z][\w-]*))+)\s*\(([A-Z][A-Za-z+]+)\)", issue.description
        ):
            caps = "".join(w[0] for w in full.split() if w[:1].isupper())
            every = "".join(w[0] for w in full.split() if w.lower() not in _DET)
            if short.lower() in {caps.lower(), every.lower()}:
                object_words.add(short.lower())
                object_words |= {w.lower() for w in full.split()}
        if obj.isupper() and len(obj) >= 3:
            # "ASEAN" spelled out in the description without parentheses ("... a member of the
            # Association of Southeast Asian Nations"): a name whose words' initials, with a letter
            # more from a word here and there, spell the acronym
            for full in re.findall(r"[A-Z][\w-]*(?:\s+(?:of|the|and|for|on|[A-Z][\w-]*))+", issue.description):
                words = [w for w in full.split() if w.lower() not in _DET | {"of", "and", "for", "on"}]
                if len(words) >= 2 and _spells(obj.lower(), [w.lower() for w in words]):
                    object_keys = object_keys | {fold_name(full)}
                    object_words |= {w.lower() for w in words}
        # "euthanasia (assisted dying)": another name of the object, in parentheses after it
        for other in re.findall(re.escape(obj) + r"\s*\(([^()]{3,40})\)", issue.description, flags=re.I):
            if not other.isupper():
                object_words |= {w for w in _term_words(other) if w not in _DET}
                object_keys = object_keys | {fold_name(other)}
        if act and ow and obj.islower() and _singular(ow[-1]) != ow[-1]:
            # "bans cars": the words name one car too ("a car ban", "car-free streets")
            one = _singular(ow[-1])
            object_head = one
            object_words.add(one)
            object_keys = object_keys | {fold_name(" ".join([*ow[:-1], one]))}
        for a in object_keys:
            object_words |= set(a.split())
    sign = _act_sign(act) if act else 1
    prop = Proposition(
        issue, change, subj, obj, subject_keys, object_keys, object_head, frozenset(object_words), (), act, sign
    )
    readings = tuple(
        read_term(t, change, prop.object_words, object_head, prop) for t in (*issue.terms, *issue.context_terms)
    )
    # the object's other names among the terms ("nuclear accord", "JCPOA") name it too
    object_keys = object_keys | {fold_name(r.term) for r in readings if r.role == "object"}
    return Proposition(
        issue,
        change,
        subj,
        obj,
        subject_keys,
        object_keys,
        object_head,
        frozenset(object_words),
        readings,
        act,
        sign,
        matter,
    )

"""Canonical actors: keys, alias tables, per-document and corpus-level merging.

A key is a normalised, transliteration-folded form of a name, so spelling variants of one actor
meet without a lookup: persons are keyed by surname (a surname alone then joins the full name),
organisations and states by their whole folded name after alias resolution.

Two people of one document with one surname ("Joe Biden", "Hunter Biden") are told apart in
`namesakes`: the principal keeps `person:<surname>`, every other one gets
`person:<surname>~<given>`; `actor_key` itself knows only the name and always gives the plain key.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from stanceline.errors import ConfigError
from stanceline.model import Actor, ActorType

ACTOR_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP")

_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "qc", "kc", "mp", "phd"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "sen", "rep", "gov"}
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _fold_token(tok: str) -> str:
    """Fold common romanisation variants of Slavic/Arabic names onto one spelling.

    Zelenskyy/Zelenskiy/Zelenskii → zelensky; Sergei/Sergey → sergey; Dmitriy → dmitry.
    Applied identically to every name, so it can only merge, never split, variants.
    """
    t = tok
    if len(t) > 4:
        t = re.sub(r"(yy|iy|ii|yi|ij)$", "y", t)
        t = re.sub(r"ei$", "ey", t)
        t = re.sub(r"(?<=[bcdfghklmnprstvz])i$", "y", t) if t.endswith(("ski", "tski", "itri")) else t
    t = t.replace("yy", "y")
    return t


def normalise_name(name: str) -> str:
    """Lowercase, accent-free, article- and possessive-free form; punctuation removed."""
    s = strip_accents(name).strip()
    s = _POSSESSIVE.sub("", s)
    s = _LEADING_ARTICLE.sub("", s)
    s = s.replace("’", "'")
    # Dotted acronyms (U.S., E.U.) read as one token.
    s = re.sub(r"\b((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", ""), s)
    s = re.sub(r"[-‐–]", " ", s)
    s = re.sub(r"[^\w\s]", "", s.lower())
    return " ".join(s.split())


def person_tokens(name: str) -> list[str]:
    toks = [t for t in normalise_name(name).split() if t not in _HONORIFICS]
    while len(toks) > 1 and toks[-1] in _NAME_SUFFIXES:
        toks.pop()
    return toks


def actor_key(name: str, type: str) -> str:
    """Stable join key for an actor name of a given type.

    Persons: the folded surname ("Volodymyr Zelensky", "Zelenskyy" → "person:zelensky").
    Others: built-in aliases applied, then the folded full name ("Nato" → "nato").
    """
    if type == "PERSON":
        toks = person_tokens(name)
        if not toks:
            return "person:"
        # Arabic/Dutch particles belong to the surname ("al-Amr", "van Dijk" → "alamr", "vandijk").
        sur = toks[-1]
        if len(toks) >= 2 and toks[-2] in {"al", "el", "van", "von", "de", "der", "da", "di", "le", "la", "bin"}:
            sur = toks[-2] + sur
        return "person:" + _fold_token(sur)
    table = builtin_aliases()
    canon = table.canonical(name)
    if canon is not None:
        name = canon[0]
    return "-".join(_fold_token(t) for t in normalise_name(name).split()) or "?"


# ---------------------------------------------------------------------------------------------
# Alias tables


@dataclass(frozen=True)
class AliasEntry:
    name: str
    type: ActorType


@dataclass
class AliasTable:
    """Surface form → canonical actor, plus metonyms (capitals, demonyms) that act for a state."""

    aliases: dict[str, AliasEntry] = field(default_factory=dict)
    metonyms: dict[str, AliasEntry] = field(default_factory=dict)
    # Surfaces as written in the files, for case-sensitive matching in text.
    originals: set[str] = field(default_factory=set)

    @staticmethod
    def _norm(surface: str) -> str:
        return normalise_name(surface)

    def canonical(self, surface: str) -> tuple[str, ActorType] | None:
        e = self.aliases.get(self._norm(surface))
        return (e.name, e.type) if e else None

    def metonym(self, surface: str) -> tuple[str, ActorType] | None:
        e = self.metonyms.get(self._norm(surface))
        return (e.name, e.type) if e else None

    def type_of(self, name: str) -> ActorType | None:
        """The type of the canonical actor `name`: its alias entry's, or a state's when a capital
        or demonym stands for it; None when the table does not know it."""
        canon = self.canonical(name)
        if canon is not None:
            return canon[1]
        return "GPE" if any(e.name == name for e in self.metonyms.values()) else None

    def state_names(self) -> set[str]:
        """The canonical names of the states the table knows (by an alias entry or a metonym)."""
        return {e.name for e in self.metonyms.values()} | {e.name for e in self.aliases.values() if e.type == "GPE"}

    def surfaces(self, name: str) -> list[str]:
        """Every known written form of the canonical actor `name` (normalised)."""
        return [surface for surface, e in self.aliases.items() if e.name == name]

    def key(self, name: str, type: str) -> str:
        canon = self.canonical(name)
        if canon is not None:
            return actor_key(canon[0], canon[1])
        return actor_key(name, type)

    def update(self, data: Mapping[str, Any], *, source: str) -> None:
        """Merge a parsed alias document; later entries override earlier ones per surface."""
        actors = data.get("actors", {}) or {}
        if not isinstance(actors, Mapping):
            raise ConfigError(f"{source}: 'actors' must be a table of canonical names")
        for canon, spec in actors.items():
            spec = spec or {}
            typ = str(spec.get("type", "ORG")).upper()
            if typ not in ACTOR_TYPES:
                raise ConfigError(f"{source}: actor {canon!r} has unknown type {typ!r}")
            entry = AliasEntry(str(canon), cast(ActorType, typ))
            for surface in [canon, *list(spec.get("aliases", []) or [])]:
                self.aliases[self._norm(str(surface))] = entry
                self.originals.add(str(surface))
        metonyms = data.get("metonyms", {}) or {}
        for state, surfaces in metonyms.items():
            entry = AliasEntry(str(state), "GPE")
            for surface in surfaces or []:
                self.metonyms[self._norm(str(surface))] = entry
                self.originals.add(str(surface))

    @classmethod
    def load(cls, user_file: Path | None = None) -> AliasTable:
        """Built-in aliases.toml plus, optionally, a user TOML/YAML file that adds or overrides."""
        table = cls()
        table.update(_builtin_data(), source="aliases.toml")
        if user_file is not None:
            table.update(_read_user_file(Path(user_file)), source=str(user_file))
        return table


@lru_cache(maxsize=1)
def _builtin_data() -> dict[str, Any]:
    raw = resources.files("stanceline.data").joinpath("aliases.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


@lru_cache(maxsize=1)
def builtin_aliases() -> AliasTable:
    return AliasTable.load()


@lru_cache(maxsize=1)
def state_keys() -> frozenset[str]:
    """The actor keys of the built-in table's states ("iceland", "costa-rica")."""
    return frozenset(actor_key(n, "GPE") for n in builtin_aliases().state_names())


def _read_user_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"alias file {path} does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            import yaml

            data = yaml.safe_load(text) or {}
        else:
            data = tomllib.loads(text)
    except Exception as exc:  # both parsers raise their own error types
        raise ConfigError(f"alias file {path} could not be parsed: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"alias file {path} must hold a mapping with 'actors' and/or 'metonyms'")
    return data


# ---------------------------------------------------------------------------------------------
# Merging


def _is_full_person_name(name: str) -> bool:
    return len(person_tokens(name)) >= 2


def _person_name_score(name: str) -> tuple[int, int, int]:
    toks = person_tokens(name)
    # Longest full name wins; ties go to the form with its diacritics ("Orbán" over "Orban": the
    # accent-free spelling is a transliteration, keys fold it anyway).
    return (min(len(toks), 3), len(name), sum(1 for c in name if not c.isascii()))


def best_name(type: str, names: Counter[str]) -> str:
    """The canonical display name: longest full personal name; for others the most frequent."""
    if type == "PERSON":
        full = [n for n in names if _is_full_person_name(n)]
        pool = full or list(names)
        return max(pool, key=lambda n: (_person_name_score(n), names[n]))
    return max(names, key=lambda n: (names[n], n[:1].isupper(), -len(n)))


def merge_actors(actors: Iterable[Actor]) -> list[Actor]:
    """Corpus-level merge: one Actor per key, aliases and roles unioned, best canonical name."""
    by_key: dict[str, list[Actor]] = {}
    for a in actors:
        by_key.setdefault(a.key, []).append(a)
    out: list[Actor] = []
    for key, group in by_key.items():
        names: Counter[str] = Counter()
        types: Counter[str] = Counter()
        roles: list[str] = []
        for a in group:
            names[a.name] += 2  # a per-doc canonical name outweighs a mere alias
            for al in a.aliases:
                names[al] += 1
            types[a.type] += 1
            for r in a.roles:
                if r not in roles:
                    roles.append(r)
        typ = cast(ActorType, types.most_common(1)[0][0])
        name = best_name(typ, names)
        aliases = sorted({n for n in names if n != name})
        out.append(Actor(key=key, name=name, type=typ, aliases=aliases, roles=roles))
    out.sort(key=lambda a: a.key)
    return out

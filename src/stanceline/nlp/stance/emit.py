"""From the stations of a walk to readings: who holds the stance, in which voice; a speaker holds
what they report only when they add to it or report their own side."""

from __future__ import annotations

from typing import Any

from stanceline.model import Quote, Voice
from stanceline.nlp.stance import lexicon as lex
from stanceline.nlp.stance import polarity as pol
from stanceline.nlp.stance.context import Context
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.state import W_HEDGE, Reading, State, Station
from stanceline.nlp.stance.syntax import (
    according_to,
    inside_quote_marks,
)
from stanceline.nlp.stance.targets import Target


def emit(
    ctx: Context,
    stations: list[Station],
    final: State,
    target: Target,
    anchor: Any,
    quote_speaker: Holder | None,
    quote: Quote | None,
) -> list[Reading]:
    if final.unable or pol.recalled(anchor):
        return []  # (a target in a clause recalling an earlier stance: background, for no one now)
    out: list[Reading] = []
    sent = ctx.actors.sent_of(anchor.i)
    in_marks = inside_quote_marks(ctx.text, sent.start_char, anchor.idx)
    speakers = [s for s in stations if s.kind == "speech" and s.holders]
    top_speaker: Holder | None = speakers[-1].holders[0] if speakers else None
    if top_speaker is None and quote_speaker is not None:
        top_speaker = quote_speaker
    if top_speaker is None:
        acc = according_to(sent, ctx.actors)
        top_speaker = acc[0] if acc else None
    seen: set[str] = set()
    chosen: dict[str, Reading] = {}
    last_actor_state: State | None = None
    inner_speech: State | None = None  # the state a lower speaker said
    # what unnamed others believe or expect ("left many believing she could not ...") is
    # nobody's position below it
    hearsay = next(
        (
            i
            for i, s in enumerate(stations)
            if s.kind == "speech"
            and not s.holders
            and pol.lemma(s.tok) in lex.NONFACTIVE
            and not any(c.dep_ == "nsubjpass" for c in s.tok.children)
        ),
        None,
    )
    if hearsay is not None:
        stations = [s for i, s in enumerate(stations) if i > hearsay]
    # Who holds an attitude or an act here, and how a speaker's words reach the text: the same for
    # every station below.
    own = {h.key for st in stations if st.kind in {"attitude", "act"} for h in st.holders}
    quoted = in_marks or (quote is not None and quote.kind in {"direct", "mixed"})
    speech_voice: Voice = "quote" if quoted else "reported"
    for s in stations:
        if not s.holders or not (s.state.cued or s.state.said_of):
            if s.kind in {"attitude", "act"} and s.holders:
                last_actor_state = s.state
            elif s.kind == "speech" and not s.holders and _named_speaker(s.tok):
                inner_speech = s.state
            continue
        if (
            s.kind == "speech"
            and inner_speech is not None
            and s.state.cues == inner_speech.cues
            and pol.lemma(s.tok) not in lex.ENDORSING_SPEECH
        ):
            # "X said the union had warned that ...": X reports what another speaker holds
            continue
        if (
            s.kind == "speech"
            and last_actor_state is not None
            and s.state.cues == last_actor_state.cues
            and not any(same_side(ctx, h, own) or announces(ctx, h, stations, s) for h in s.holders)
        ):
            continue  # only speech between: the speaker reports someone else's stance
        voice: Voice
        if s.kind == "speech":
            voice = speech_voice
        else:
            voice = (
                "reported"
                if any(x.kind == "speech" for x in stations if stations.index(x) > stations.index(s)) or in_marks
                else "outlet"
            )
            if in_marks and any(h.via == "quote" for h in s.holders):
                voice = "quote"
        for h in s.holders:
            # the highest station of a holder scopes over its lower ones ("NATO has not
            # given any sign that it would admit them ...")
            chosen[h.key] = reading(ctx, h, s.state, voice, s.tok, target, quote)
            seen.add(h.key)
        if s.kind in {"attitude", "act"}:
            last_actor_state = s.state
        elif s.kind == "speech":
            inner_speech = s.state
    if (
        top_speaker is not None
        and top_speaker.key not in chosen
        and not speakers
        and chosen
        and same_side(ctx, top_speaker, set(chosen) & own)
        and inner_speech is None
    ):
        # "X will back it, according to X's spokesman" (or a quotation of it the spokesman signs):
        # the speaker says their own side's act, as with a speech verb above it
        s0 = next(s for s in reversed(stations) if s.kind in {"attitude", "act"} and s.holders)
        chosen[top_speaker.key] = reading(ctx, top_speaker, s0.state, speech_voice, None, target, quote)
    out = list(chosen.values())
    if (
        not out
        and (final.cued or final.said_of)
        and top_speaker is not None
        and top_speaker.key not in seen
        and not final.subordinate
        and inner_speech is None  # another speaker said it; the top one only reports it
    ):
        out.append(reading(ctx, top_speaker, final, speech_voice, None, target, quote))
    return out


def same_side(ctx: Context, h: Holder, keys: set[str]) -> bool:
    aff = ctx.actors.affiliation.get(h.key)
    return h.key in keys or (aff is not None and any(k.endswith(aff.lower().replace(" ", "-")) for k in keys))


def announces(ctx: Context, h: Holder, stations: list[Station], speech_station: Station) -> bool:
    """An official whose state the text does not name says what a state will do ("Foreign
    Minister Yoko Tanaka said Tokyo would keep ..."): an announcement, held by the speaker too (a
    report of what a state did, in the past, stays the state's)."""
    if h.key not in ctx.actors.untied_officials:
        return False
    below = stations[: stations.index(speech_station)]
    act = next((x for x in reversed(below) if x.kind in {"attitude", "act"} and x.holders), None)
    return (
        act is not None
        and any(ctx.actors.types.get(x.key) == "GPE" for x in act.holders)
        and any(c.dep_ == "aux" and c.tag_ == "MD" for c in act.tok.children)
    )


def reading(
    ctx: Context, h: Holder, st: State, voice: Voice, verb: Any | None, target: Target, quote: Quote | None
) -> Reading:
    strength = st.weight * (W_HEDGE ** min(st.hedges, 2))
    return Reading(
        h,
        st.stance(),
        strength,
        voice,
        verb,
        tuple(st.cues),
        tuple(st.spans),
        quote.id if quote is not None and voice == "quote" else None,
        target,
    )


def _named_speaker(v: Any) -> bool:
    """A speech verb whose subject is a noun phrase of its own (not a pronoun)."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"} for c in v.children)


"""General English stance cues. Nothing here is taken from a particular article.

Single-word cues are matched on lemmas over the dependency parse; phrase cues on the lowercased
clause text. Each cue has a weight: how strongly it alone signals its stance.
"""

from __future__ import annotations

# Verbs that introduce what someone said or thinks: their subject holds the embedded position.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "add", "warn", "argue", "insist", "claim", "stress", "declare",
    "announce", "note", "explain", "write", "reiterate", "repeat", "assert", "suggest", "signal",
    "indicate", "believe", "think", "view", "see", "consider", "acknowledge", "admit", "affirm",
    "confirm", "emphasise", "emphasize", "maintain", "predict", "proclaim", "deny",
    "told", "contend", "caution", "comment", "remark", "respond", "reply", "describe", "call",
    "express", "voice", "hint", "know",
})

# Verbs whose subject is the issue's own subject, not a holder ("Ukraine joins NATO").
PROPOSITION_VERBS = frozenset({"join", "become", "enter", "accede"})

SUPPORT = {
    # verbs
    "support": 1.0, "back": 0.9, "endorse": 1.0, "favour": 0.9, "favor": 0.9, "advocate": 1.0,
    "champion": 1.0, "push": 0.8, "urge": 0.7, "seek": 0.8, "want": 0.8, "demand": 0.8,
    "request": 0.7, "ask": 0.6, "apply": 0.7, "welcome": 0.8, "pursue": 0.8, "strive": 0.8,
    "aspire": 0.9, "hope": 0.6, "promise": 0.7, "pledge": 0.8, "commit": 0.7, "deserve": 0.8,
    "accelerate": 0.6, "fast-track": 0.8, "approve": 0.9, "accept": 0.7, "invite": 0.6,
    "insist": 0.6, "plead": 0.9, "lobby": 0.8, "press": 0.6, "campaign": 0.7, "defend": 0.6,
    "embrace": 0.8, "promote": 0.7, "prioritise": 0.6, "prioritize": 0.6, "reaffirm": 0.6,
    "uphold": 0.6, "vouch": 0.8, "rally": 0.6, "greenlight": 0.9,
    # nouns
    "plea": 0.9, "aspiration": 0.7, "ambition": 0.6, "goal": 0.6, "commitment": 0.7,
    "bid": 0.5, "application": 0.5, "appeal": 0.7, "priority": 0.7,
    "testament": 0.6, "shield": 0.5, "guarantee": 0.3, "endorsement": 1.0, "backing": 0.9,
    "advocacy": 0.9, "proponent": 0.9, "supporter": 0.9,
    # adjectives
    "irreversible": 1.0, "important": 0.6, "crucial": 0.7, "essential": 0.7, "necessary": 0.6,
    "vital": 0.7, "inevitable": 0.7, "unconditional": 0.6, "accelerated": 0.5, "central": 0.5,
    "keen": 0.7, "eager": 0.7, "supportive": 0.9, "determined": 0.6, "committed": 0.7,
}

OPPOSE = {
    "oppose": 1.0, "reject": 1.0, "refuse": 0.9, "block": 0.9, "veto": 1.0, "object": 0.8,
    "resist": 0.8, "forget": 0.7, "criticise": 0.7, "criticize": 0.7, "condemn": 0.8,
    "exclude": 0.8, "prevent": 0.7, "bar": 0.6, "halt": 0.6, "stop": 0.5, "deny": 0.6,
    "objection": 0.9, "opposition": 0.9, "qualm": 0.7, "misgiving": 0.7, "reluctance": 0.7,
    "hostility": 0.8, "threat": 0.5, "provocation": 0.8, "mistake": 0.8,
    "against": 0.9, "unacceptable": 1.0, "impossible": 0.7, "unlikely": 0.5, "reluctant": 0.7,
    "cautious": 0.5, "wary": 0.6, "hesitant": 0.6, "non-starter": 1.0,
    "balk": 0.8, "obstruct": 0.9, "thwart": 0.9, "torpedo": 0.9, "derail": 0.8, "scuttle": 0.9,
    "dismiss": 0.7, "rebuff": 0.9, "spurn": 0.9, "denounce": 0.8, "decry": 0.8, "complain": 0.6,
    "grievance": 0.6, "skeptical": 0.6, "sceptical": 0.6, "skepticism": 0.6, "scepticism": 0.6,
    "hostile": 0.8, "opponent": 0.9, "critic": 0.7, "opposed": 1.0, "reservation": 0.5,
    "dangerous": 0.7, "reckless": 0.8,
}

# Giving up the proposition: oppose alone, conditional when something is asked in exchange.
ABANDON = {
    "abandon": 0.9, "drop": 0.8, "renounce": 1.0, "relinquish": 0.9, "forgo": 0.9, "forego": 0.9,
    "sacrifice": 0.7, "surrender": 0.7, "scrap": 0.8, "concede": 0.6, "concession": 0.6,
}

ABANDON_PHRASES = {"give up": 0.9, "walk away from": 0.9, "back away from": 0.8, "step back from": 0.7}

# Not now / later / on terms: the position is conditional.
CONDITIONAL = {
    "pause": 0.9, "suspend": 0.9, "postpone": 0.9, "postponement": 0.9, "delay": 0.7, "defer": 0.9,
    "shelve": 0.9, "freeze": 0.7, "recalibrate": 0.6, "reconsider": 0.7, "condition": 0.7,
    "precondition": 0.8, "prerequisite": 0.8, "unless": 0.8, "until": 0.6, "eventually": 0.6,
    "temporarily": 0.8, "adjust": 0.5, "flexibility": 0.5,
    "premature": 0.9, "prematurely": 0.9, "contingent": 0.9, "conditional": 0.8, "depend": 0.6,
    "once": 0.7, "provided": 0.8, "providing": 0.8, "gradual": 0.5, "gradually": 0.5,
}

# Conditional cues that are only subordinators in that use: "once the war ends", "provided
# that ...", not "NATO once promised ..." or "weapons provided by Germany".
MARK_ONLY = frozenset({"once", "provided", "providing"})

CONDITIONAL_PHRASES = {
    "in exchange for": 1.0, "in return for": 1.0, "only if": 0.9, "only with": 0.9,
    "only when": 0.9, "only after": 0.9, "not now": 1.0, "not yet": 0.9, "right now": 0.5,
    "at this time": 0.6, "at the moment": 0.6, "for the time being": 0.9, "short term": 0.7,
    "near future": 0.6, "set aside": 0.9, "put aside": 0.9, "on hold": 0.9, "when conditions": 0.9,
    "conditions are met": 1.0, "first step": 0.7, "before any": 0.6, "as long as": 0.6,
    "while the conflict": 0.6, "while the war": 0.6, "after the war": 0.7, "once the war": 0.7,
    "bargaining chip": 0.7, "security guarantees": 0.4, "not at the point": 1.0,
    "not before": 0.9, "so long as": 0.6, "subject to": 0.6, "depends on": 0.7, "depend on": 0.7,
    "when the time is right": 0.9, "in due course": 0.8, "at some point": 0.6, "in the long term": 0.6,
    "in the long run": 0.6, "down the road": 0.6, "too early": 0.9, "too soon": 0.9,
    "not the right time": 1.0, "not on the agenda": 0.9, "on the condition": 1.0,
    "on condition that": 1.0, "long-term": 0.5, "provided that": 0.9,
    "providing that": 0.9,
}

OPPOSE_PHRASES = {
    "spoken out against": 1.0, "speak out against": 1.0, "spoke out against": 1.0,
    "forget about": 0.9, "red line": 0.9, "rule out": 1.0, "ruled out": 1.0, "never going to": 0.7,
    "world war": 0.6, "no issue with": -0.5, "out of the question": 1.0, "non-starter": 1.0,
    "off the table": 0.9, "not on the table": 0.9, "stand in the way": 0.9, "stands in the way": 0.9,
    "stood in the way": 0.9, "closed door": 0.8, "close the door": 0.9, "closes the door": 0.9,
    "closed the door": 0.9, "no place for": 0.8, "door is closed": 0.9, "door remains closed": 0.9,
}

SUPPORT_PHRASES = {
    "push for": 0.9, "call for": 0.9, "calls for": 0.9, "called for": 0.9, "step towards": 0.6,
    "step toward": 0.6, "should be": 0.5, "must be": 0.4, "is important": 0.6, "is irreversible": 1.0,
    "move forward": 0.6, "move closer": 0.6, "will become a member": 0.8, "open door": 0.7,
    "in favour of": 0.9, "in favor of": 0.9, "stand with": 0.6, "stands with": 0.6,
    "door remains open": 0.9, "door is open": 0.9, "door stays open": 0.9, "door will remain open": 0.9,
    "door open": 0.8, "irreversible path": 1.0, "lobby for": 0.8, "lobbies for": 0.8, "lobbied for": 0.8,
    "pushes for": 0.9, "pushed for": 0.9, "pushing for": 0.9, "calling for": 0.9,
}

# Verb + particle or preposition whose meaning differs from the verb alone: matched over the
# parse on the lemma, so every inflection counts ("rules out", "ruling out").
PHRASAL: dict[tuple[str, str], tuple[str, float]] = {
    ("rule", "out"): ("oppose", 1.0), ("balk", "at"): ("oppose", 0.9), ("speak", "against"): ("oppose", 1.0),
    ("push", "back"): ("oppose", 0.7), ("hold", "off"): ("conditional", 0.8), ("put", "off"): ("conditional", 0.8),
    ("push", "for"): ("support", 0.9), ("lobby", "for"): ("support", 0.9), ("call", "for"): ("support", 0.9),
    ("argue", "for"): ("support", 0.8), ("press", "for"): ("support", 0.9), ("campaign", "for"): ("support", 0.9),
    ("stand", "by"): ("support", 0.6), ("argue", "against"): ("oppose", 0.9), ("warn", "against"): ("oppose", 0.9),
    ("campaign", "against"): ("oppose", 0.9), ("vote", "against"): ("oppose", 1.0), ("vote", "for"): ("support", 1.0),
    ("give", "up"): ("abandon", 0.9), ("walk", "away"): ("abandon", 0.9), ("back", "away"): ("abandon", 0.8),
}

# What the proposition is said to be, when it is the subject of "be": "NATO membership would be
# good for Europe", "... would be a disaster" (words already in SUPPORT/OPPOSE count there).
EVAL_GOOD = frozenset({
    "good", "beneficial", "positive", "wise", "right", "useful", "helpful", "benefit", "success", "asset",
    "opportunity", "solution", "answer", "deterrent", "safeguard", "best", "logical", "natural", "fair", "just",
})
EVAL_BAD = frozenset({
    "bad", "disaster", "catastrophe", "error", "blunder", "folly", "risk", "risky", "provocative", "unwise",
    "harmful", "destabilising", "destabilizing", "danger", "nightmare", "trap", "wrong", "catastrophic",
    "disastrous", "counterproductive", "illusion", "fantasy",
})

# Citing the proposition as the reason for a war is opposing it: "Putin cited NATO expansion to
# justify the invasion", "Moscow blames NATO enlargement for the war".
CITE_VERBS = frozenset({"cite", "refer", "invoke", "blame", "point", "use", "present", "portray", "frame"})
JUSTIFY_WORDS = frozenset({"justify", "justification", "explain", "explanation", "excuse", "reason", "pretext",
                           "rationale", "cause", "blame", "provocation"})
WAR_WORDS = frozenset({"invasion", "invade", "war", "attack", "aggression", "offensive", "conflict", "annexation"})

# What the proposition is said to do, when it is the subject: "a NATO invitation would
# demonstrate allies' determination" (good), "NATO expansion would threaten Russia" (bad).
EFFECT_GOOD = frozenset({
    "demonstrate", "show", "strengthen", "ensure", "guarantee", "secure", "protect", "deter", "help",
    "bolster", "boost", "reinforce", "stabilise", "stabilize", "benefit", "enhance", "safeguard",
    "underline", "underscore", "bring", "end", "prevent", "anchor", "deliver", "serve",
})
EFFECT_BAD = frozenset({
    "provoke", "escalate", "destabilise", "destabilize", "threaten", "undermine", "endanger", "trigger",
    "jeopardise", "jeopardize", "weaken", "antagonise", "antagonize", "drag", "inflame", "complicate",
    "harm", "damage", "risk", "prolong", "cause", "start", "spark", "unleash",
})

# Lower the confidence; alone they make a position neutral.
HEDGES = frozenset({
    "may", "might", "could", "would", "perhaps", "possibly", "potentially", "apparently",
    "reportedly", "seem", "appear", "likely", "probably", "consider", "discuss", "explore",
    "weigh", "review", "study", "nuanced", "cautious",
})

NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "hardly"})

# Capitals and seats of power that act for a state.
METONYMS = {
    "kyiv": "Ukraine", "kiev": "Ukraine", "moscow": "Russia", "kremlin": "Russia",
    "washington": "United States", "white house": "United States", "beijing": "China",
    "budapest": "Hungary", "bratislava": "Slovakia", "berlin": "Germany", "paris": "France",
    "london": "United Kingdom", "brussels": "European Union", "ankara": "Turkey",
    "warsaw": "Poland", "minsk": "Belarus", "tehran": "Iran", "pyongyang": "North Korea",
}

# Nouns that name someone's position: their possessor holds it ("Kyiv's willingness to ...").
POSITION_NOUNS = frozenset({
    "willingness", "aspiration", "ambition", "bid", "plea", "goal", "offer", "objection",
    "opposition", "commitment", "proposal", "desire", "push", "call", "request", "refusal",
    "rejection", "decision", "readiness", "insistence", "demand", "hope", "hopes", "plan",
    "strategy", "position", "stance", "view", "support", "reluctance", "resistance", "promise",
    "pledge", "application", "appeal", "intransigence", "preference",
    "qualm", "misgiving", "reservation", "skepticism", "scepticism", "hostility", "veto", "endorsement",
    "backing", "advocacy", "condition", "precondition", "grievance", "warning",
})

# Time words that, negated, say "not now": "no immediate bid", "not immediately", "not soon".
NOT_NOW = frozenset({"immediate", "immediately", "now", "soon", "quickly", "yet", "ready", "ripe",
                     "imminent", "timely"})

# Auxiliary-like verbs that carry the proposition's tense, not an attitude ("was going to join").
LIGHT_VERBS = frozenset({"go", "be", "have", "get", "seem", "begin", "start", "continue"})

# Other names of one actor that spaCy's entities keep apart (used only without NLP-stage mentions).
FALLBACK_ALIASES = {
    "alliance": "nato", "north atlantic treaty organization": "nato", "north atlantic alliance": "nato",
    "nato": "nato", "u.s.": "united states", "us": "united states", "u.s": "united states",
    "america": "united states", "united states of america": "united states", "uk": "united kingdom",
    "britain": "united kingdom", "eu": "european union",
}

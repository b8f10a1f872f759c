"""English word classes that stance is composed from. Each set stands for a class of expressions
("verbs that block something", "nouns that name an obstacle", "words that put something off"),
never for an article; nothing here is taken from a corpus. Single words are compared with the
lemma of a token, two-word entries (verb, particle/preposition) with a verb and one of its
children, so every inflection counts.

Valence is +1 (the word is for its object), -1 (against it) or a class name.
"""

from __future__ import annotations

# --- what the proposition's subject does to its object ----------------------------------------
# The change a proposition names: its subject enters the object, stays in it, or leaves it.
ENTER_VERBS = frozenset({"join", "enter", "accede", "rejoin", "re-enter", "reenter", "integrate"})
STAY_VERBS = frozenset({"stay", "remain"})
EXIT_VERBS = frozenset({"leave", "exit", "withdraw", "quit", "secede", "depart"})
# (verb, particle) pairs that mean entering or leaving: "sign back on", "pull out of".
ENTER_PHRASAL = frozenset({
    ("sign", "back"), ("come", "back"), ("return", "to"), ("get", "into"), ("go", "back"), ("move", "into"),
    ("belong", "in"),
})
# Verbs that say where something rightly is: "X belongs in the union" asks for X to be in it.
BELONG_VERBS = frozenset({"belong"})
EXIT_PHRASAL = frozenset({
    ("pull", "out"), ("back", "out"), ("walk", "away"), ("drop", "out"), ("get", "out"), ("opt", "out"),
    ("crash", "out"), ("break", "away"),
})
# Moving something into the object: "bring X into", "accept X into", "admit X to" (X enters).
INTO_PREPS = frozenset({"into", "to"})
CAUSE_ENTER_VERBS = frozenset({
    "bring", "accept", "admit", "take", "welcome", "integrate", "draw", "incorporate", "absorb",
})
# Verbs by which a body takes a new member in: "admit Norway", "accept Iceland as a member".
ADMIT_VERBS = frozenset({"admit", "accept", "welcome", "invite", "integrate", "absorb", "enlarge"})
# Nouns of a request to join, owned by the one who would join: "Iceland's bid".
BID_NOUNS = frozenset({"bid", "application", "candidacy", "request", "membership"})
ENTER_NOUNS = frozenset({
    "membership", "accession", "entry", "admission", "enlargement", "expansion", "integration", "candidacy",
    "candidate", "rejoining", "re-entry", "reentry", "member", "joining",
})
STAY_NOUNS = frozenset({"continuation", "staying", "remaining"})
EXIT_NOUNS = frozenset({"exit", "withdrawal", "departure", "secession", "pullout", "pull-out", "divorce", "leaving"})
# Words of taking something up: in an issue's own term with the object's name ("adopt the euro"
# for joining the euro area) they name joining.
ADOPT_WORDS = frozenset({"adopt", "adoption", "adopting", "introduce", "introduction", "embrace"})
# Nouns of an area or a grouping that make a one-word name of a union from its first word:
# "eurozone" (the euro area), "Schengenland".
AREA_SUFFIXES = ("zone", "area", "land", "bloc", "space")
# Coined nouns for leaving a union end in "exit" (a country prefix plus "exit").
EXIT_SUFFIX = "exit"
# Nouns of a step in the process towards the proposition: transparent (the talks on accession
# carry the accession's sign).
PROCESS_NOUNS = frozenset({
    "bid", "application", "talks", "talk", "negotiation", "negotiations", "discussion", "discussions",
    "consultation", "consultations", "dialogue", "pause", "postponement", "delay", "suspension", "freeze",
    "process", "path", "road", "procedure", "status", "protocol", "ratification", "invitation", "framework",
    "conference", "roadmap", "track", "start", "opening", "launch", "prospect", "prospects", "perspective",
    "chance", "campaign", "deal", "agreement", "treaty", "plan", "step", "move", "effort", "efforts", "attempt",
    "idea", "decision", "question", "issue", "matter", "case", "cause", "implementation", "compliance",
    "adherence", "commitment", "commitments", "obligation", "obligations", "door", "way", "mandate",
    "timetable", "timeline", "date", "terms", "future", "project", "policy", "proposal", "option", "result",
    "outcome", "tilt", "drive", "journey", "goal", "aim", "ambition", "ambitions", "aspiration", "aspirations",
    "hope", "hopes", "dream", "desire", "wish", "quest", "push", "call", "request", "plea", "appeal", "demand",
})
# Verbs that carry the sign of their object unchanged (starting, holding or continuing a step).
TRANSPARENT_VERBS = frozenset({
    "start", "begin", "open", "launch", "hold", "have", "get", "gain", "make", "take", "present", "continue",
    "pursue", "go", "move", "put", "give", "see", "reach", "achieve", "complete", "finalise", "finalize",
    "conclude", "obtain", "secure", "win", "receive", "set", "be", "become", "do", "undertake", "carry",
    "conduct", "seek",
})

# --- attitudes toward an object ---------------------------------------------------------------
# Verbs whose subject is for their object: wanting, asking, approving, helping, advancing.
FOR_VERBS = frozenset({
    "support", "back", "endorse", "favour", "favor", "advocate", "champion", "welcome", "hail", "praise",
    "applaud", "approve", "ratify", "accept", "respect", "honour", "honor", "uphold", "defend", "protect",
    "preserve", "save", "keep", "implement", "want", "wish", "desire", "hope", "aspire", "demand", "request",
    "ask", "urge", "plead", "seek", "pursue", "deserve", "recommend", "propose", "grant", "agree", "decide",
    "choose", "commit", "pledge", "promise", "vow", "plan", "intend", "aim", "prepare", "launch", "advance",
    "accelerate", "fast-track", "expedite", "speed", "facilitate", "enable", "allow", "permit", "let", "help",
    "assist", "encourage", "invite", "offer", "guarantee", "reaffirm", "renew", "prioritise", "prioritize",
    "embrace", "greenlight", "forward", "unblock", "unlock", "clear", "strive", "lobby", "campaign", "push",
    "press", "fight", "work", "vote", "sign", "signal", "consent", "bless", "authorise", "authorize",
    "validate", "certify", "recognise", "recognize", "need", "require", "insist", "argue", "try", "attempt",
    "lean", "strengthen", "anchor", "thank", "congratulate", "celebrate", "reward", "pave", "apply", "continue",
    "maintain", "afford", "pass", "enact", "adopt", "extend", "prolong",
})
# Kinds of act under their other names: a verb of the kind and the nouns that name such an act, so
# that an issue named by one verb ("X acquires Y") is found under the others ("the takeover", "the
# merger"). Each set is one kind of act, never one topic's vocabulary.
ACT_KINDS = (
    frozenset({
        "acquire", "buy", "purchase", "takeover", "acquisition", "buyout", "merger", "merge", "absorb",
        "tie-up", "combination",
    }),
    frozenset({
        "legalise", "legalize", "decriminalise", "decriminalize", "legalisation", "legalization",
        "decriminalisation", "decriminalization",
    }),
    frozenset({"ban", "prohibit", "outlaw", "forbid", "prohibition"}),
    frozenset({"build", "construct", "construction", "building"}),
    frozenset({"raise", "increase", "rise", "hike"}),
    frozenset({"lift", "lifting", "ease", "easing", "relax", "relaxation", "loosen", "remove", "removal", "relief"}),
)
# Nouns naming a measure or a body of rules: a term "pension reform" names the act it brings about.
MEASURE_NOUNS = frozenset({"reform", "reforms", "overhaul", "bill", "law", "legislation", "scheme"})
# Verbs whose subject is against their object: refusing, blocking, criticising, undoing it.
AGAINST_VERBS = frozenset({
    "oppose", "reject", "refuse", "block", "veto", "resist", "prevent", "stop", "halt", "stall", "derail",
    "obstruct", "thwart", "torpedo", "scuttle", "sabotage", "hinder", "impede", "hamper", "condemn",
    "criticise", "criticize", "denounce", "decry", "slam", "blast", "attack", "dismiss", "rebuff", "spurn",
    "deride", "mock", "regret", "lament", "deplore", "fear", "object", "dispute", "doubt", "question",
    "challenge", "dismantle", "scrap", "abandon", "drop", "ditch", "junk", "kill", "end", "terminate", "cancel",
    "revoke", "rescind", "repeal", "reverse", "undo", "overturn", "renounce", "relinquish", "forgo", "forego",
    "sacrifice", "surrender", "decertify", "breach", "violate", "undermine", "exclude", "bar", "deny", "refute",
    "rule", "bypass", "disapprove", "boycott", "protest", "warn", "complain", "balk", "baulk", "shun", "avoid",
    "weaken", "jeopardise", "jeopardize", "endanger", "damage", "hurt", "harm", "threaten", "destabilise",
    "destabilize", "lack", "renegotiate", "revise", "reopen", "rewrite", "revisit", "amend", "forget",
    "ban", "prohibit", "outlaw", "forbid", "abolish", "restrict", "phase-out",
})
# (verb, particle/preposition) pairs whose meaning differs from the verb alone.
PHRASAL_VALENCE: dict[tuple[str, str], int] = {
    ("push", "for"): 1,
    ("live", "with"): 1,  # "can live with it": accepted, if grudgingly
    ("call", "for"): 1,
    ("press", "for"): 1,
    ("lobby", "for"): 1,
    ("campaign", "for"): 1,
    ("vote", "for"): 1,
    ("argue", "for"): 1,
    ("fight", "for"): 1,
    ("work", "towards"): 1,
    ("work", "toward"): 1,
    ("work", "for"): 1,
    ("stand", "behind"): 1,
    ("stand", "by"): 1,
    ("stand", "with"): 1,
    ("get", "behind"): 1,
    ("fall", "behind"): 1,
    ("believe", "in"): 1,
    ("agree", "to"): 1,
    ("agree", "on"): 1,
    ("commit", "to"): 1,
    ("sign", "up"): 1,
    ("move", "towards"): 1,
    ("move", "toward"): 1,
    ("move", "forward"): 1,
    ("move", "closer"): 1,
    ("go", "ahead"): 1,
    ("press", "ahead"): 1,
    ("push", "ahead"): 1,
    ("forge", "ahead"): 1,
    ("proceed", "with"): 1,
    ("open", "up"): 1,
    ("speak", "for"): 1,
    ("vouch", "for"): 1,
    ("rule", "out"): -1,
    ("vote", "against"): -1,
    ("campaign", "against"): -1,
    ("argue", "against"): -1,
    ("speak", "against"): -1,
    ("speak", "out"): -1,
    ("fight", "against"): -1,
    ("warn", "against"): -1,
    ("object", "to"): -1,
    ("balk", "at"): -1,
    ("baulk", "at"): -1,
    ("push", "back"): -1,
    ("hold", "up"): -1,
    ("tear", "up"): -1,
    ("cast", "aside"): -1,
    ("throw", "out"): -1,
    ("back", "away"): -1,
    ("walk", "away"): -1,
    ("give", "up"): -1,
    ("step", "back"): -1,
    ("turn", "against"): -1,
    ("go", "against"): -1,
    ("stand", "against"): -1,
    ("shut", "down"): -1,
    ("close", "off"): -1,
    ("kick", "out"): -1,
    ("complain", "about"): -1,
    ("rail", "against"): -1,
    ("lash", "out"): -1,
    ("water", "down"): -1,
    ("bail", "on"): -1,
    # retreating from something one pushed ("will not back down on the reform")
    ("back", "down"): -1,
    ("back", "off"): -1,
    ("climb", "down"): -1,
    ("row", "back"): -1,
    # dismissing something out of hand
    ("forget", "about"): -1,
    # turning something down
    ("vote", "down"): -1,
    ("turn", "down"): -1,
    ("strike", "down"): -1,
    ("shoot", "down"): -1,
    ("knock", "back"): -1,
    ("write", "off"): -1,
    ("brush", "aside"): -1,
    ("brush", "off"): -1,
    ("wave", "away"): -1,
    ("wave", "off"): -1,
}
# Nouns that name being for something, and their owner (possessor, "by"/"from" agent) holds it.
FOR_NOUNS = frozenset({
    "support", "backing", "endorsement", "approval", "consent", "commitment", "plea", "call", "push",
    "campaign", "bid", "application", "request", "appeal", "demand", "ambition", "aspiration", "aspirations",
    "desire", "hope", "wish", "goal", "aim", "priority", "effort", "efforts", "drive", "quest", "advocacy",
    "proponent", "supporter", "advocate", "champion", "backer", "ally", "decision", "plan", "pledge", "promise",
    "offer", "attempt", "attempts", "proposal", "recommendation", "readiness", "willingness", "determination",
    "intention", "resolve", "insistence", "vote", "green light", "blessing", "tilt", "leaning", "inclination", "pivot",
    "preference", "pressure",
    "enthusiasm", "solidarity", "reason", "need", "case", "justification", "argument",
})
AGAINST_NOUNS = frozenset({
    "opposition", "objection", "objections", "veto", "obstacle", "roadblock", "barrier", "hurdle", "resistance",
    "hostility", "reluctance", "refusal", "rejection", "opponent", "critic", "critique", "criticism",
    "skepticism", "scepticism", "reservation", "reservations", "concern", "concerns", "misgiving", "misgivings",
    "qualm", "qualms", "doubt", "doubts", "grievance", "grievances", "blockade", "blocking", "boycott",
    "protest", "condemnation", "warning", "threat", "fear", "fears", "attack", "enemy", "foe", "wariness",
    "intransigence", "impediment", "stumbling", "red line", "derailment", "sabotage", "block", "embargo",
})
# Adjectives of the subject's attitude: "ready to join", "opposed to", "reluctant to".
FOR_ADJS = frozenset({
    "ready", "willing", "prepared", "eager", "keen", "determined", "committed", "supportive", "open",
    "favourable", "favorable", "happy", "glad", "enthusiastic", "pro",
})
AGAINST_ADJS = frozenset({
    "opposed", "reluctant", "unwilling", "hostile", "averse", "wary", "skeptical", "sceptical", "resistant",
    "against", "unhappy", "cool", "cold", "lukewarm", "hesitant", "unprepared", "cautious", "careful",
    "doubtful",
})
# Prepositions that are attitudes themselves ("is against opening ...").
AGAINST_PREPS = frozenset({"against"})
FOR_PREPS = frozenset({"pro"})

# --- evaluation of the proposition or a part of it -------------------------------------------
# Said of the object ("a good deal", "a historic decision") or predicated of it ("the deal is a
# mistake", "branded the treaty a farce").
GOOD_WORDS = frozenset({
    "healthy", "clean", "liveable", "livable", "wealthy", "rich",
    "good", "great", "excellent", "positive", "beneficial", "wise", "right", "correct", "useful", "helpful",
    "important", "crucial", "essential", "vital", "necessary", "valuable", "fair", "just", "historic",
    "landmark", "success", "successful", "achievement", "breakthrough", "opportunity", "solution", "answer",
    "safeguard", "guarantee", "asset", "benefit", "milestone", "victory", "triumph", "best", "better",
    "irreversible", "inevitable", "logical", "natural", "legitimate", "sensible", "reasonable", "welcome",
    "desirable", "surprise", "deserved", "interest", "interests", "step", "signal", "testament", "shield",
    "overdue", "long-overdue", "safe", "secure", "strong", "prosperous", "stable", "fairer", "richer",
})
BAD_WORDS = frozenset({
    "unhealthy", "dirty", "polluted", "sick",
    "bad", "terrible", "horrible", "awful", "disastrous", "catastrophic", "dangerous", "reckless", "mistake",
    "error", "blunder", "folly", "disaster", "catastrophe", "embarrassment", "failure", "nightmare", "trap",
    "illusion", "fantasy", "fraud", "sham", "farce", "betrayal", "violation", "wrong", "worst", "worse",
    "defective", "flawed", "poor", "weak", "one-sided", "unacceptable", "unwise", "harmful",
    "counterproductive", "meaningless", "irrational", "inappropriate", "absurd", "ridiculous", "provocation",
    "provocative", "threat", "risk", "risky", "danger", "damaging", "destabilising", "destabilizing",
    "politicised", "politicized", "rotten", "decaying", "bogus", "insane", "stupid", "crazy", "pointless",
    "useless", "unfair", "unjust", "nonsense", "impossible", "unrealistic", "non-starter", "blindfold",
    "disgrace", "shame", "humiliation", "surrender", "capitulation", "poorly", "badly", "terribly",
    "vanity", "boondoggle", "waste", "wasteful", "unscientific", "unfounded", "baseless", "misguided",
    "ill-conceived", "unaffordable", "unworkable", "short-sighted", "unsafe", "vulnerable", "insecure",
    "unstable", "poorer",
    # against the law or a right, or an act of enmity: "was unlawful", "a hostile act"
    "unlawful", "illegal", "illegitimate", "unconstitutional", "inhumane", "cruel", "irresponsible",
    "discriminatory", "hostile", "unfriendly",
})
# What a good-sounding word leads to that makes it bad: "a guarantee of war".
BAD_OUTCOMES = frozenset({
    "war", "conflict", "escalation", "disaster", "catastrophe", "chaos", "violence", "collapse", "crisis",
    "confrontation", "bloodshed", "race", "proliferation", "instability", "turmoil",
})
# Verbs said of the proposition as their subject: what it would do ("the decision strengthens
# the union", "it could destabilise the bloc").
GOOD_EFFECTS = frozenset({
    "strengthen", "benefit", "help", "bolster", "boost", "reinforce", "secure", "ensure", "protect",
    "stabilise", "stabilize", "enhance", "improve", "serve", "deliver", "bring", "offer", "give", "demonstrate",
    "show", "prove", "work", "succeed", "deter", "safeguard", "anchor", "unite", "promote", "advance",
    "guarantee", "preserve", "block", "prevent", "curb", "restrain",
})
BAD_EFFECTS = frozenset({
    "weaken", "destabilise", "destabilize", "damage", "hurt", "harm", "threaten", "endanger", "undermine",
    "jeopardise", "jeopardize", "provoke", "escalate", "trigger", "inflame", "antagonise", "antagonize", "drag",
    "complicate", "risk", "cost", "fail", "divide", "split", "isolate", "burden", "cripple", "ruin", "wreck",
    "worsen", "aggravate", "exacerbate", "violate", "breach", "contravene", "flout",
    "paralyse", "paralyze", "poison", "pave", "devastate", "destroy", "decimate", "undercut", "bankrupt",
    "force", "kill", "hit", "hammer", "strangle", "choke", "gut", "sink",
    # strengthening the wrong side: "would reward the crackdown", "would embolden the regime"
    "reward", "embolden", "legitimise", "legitimize", "whitewash",
})
# Verbs that move a quantity up or down ("would widen the deficit", "cuts emissions"): what they do
# is as good or bad as the quantity moved, up or down (see QUANTITY_BAD).
UP_VERBS = frozenset({
    "widen", "deepen", "increase", "raise", "fuel", "swell", "inflate", "double", "treble", "triple",
    "multiply", "expand", "heighten", "lengthen",
})
DOWN_VERBS = frozenset({
    "reduce", "cut", "lower", "narrow", "shrink", "halve", "slash", "curb", "ease", "shorten", "lessen",
    "tackle", "diminish",
})
# Quantities it is bad to have more of (nothing good said of them alone, so they are not BAD_WORDS).
QUANTITY_BAD = frozenset({
    "deficit", "debt", "inequality", "unemployment", "poverty", "emission", "emissions", "pollution",
    "inflation", "tension", "tensions", "gap", "crime", "congestion", "backlog", "shortage", "shortages",
    "hardship", "suffering", "casualties", "bills", "burden",
})
# Nouns of a state something is put in ("put civilians at risk", "plunge the region into chaos").
PERIL_NOUNS = frozenset({"risk", "danger", "jeopardy", "peril", "chaos", "limbo", "turmoil", "crisis", "doubt"})
# Nouns of a hostile answer to something: threatening one, or saying it will meet one, opposes it.
RETALIATION_NOUNS = frozenset({
    "retaliation", "response", "countermeasure", "countermeasures", "consequence", "consequences",
    "reprisal", "reprisals", "punishment", "repercussions", "repercussion",
})
# Verbs of putting a decision off: "delayed the vote on X" holds it back for now (later).
DELAY_VERBS = frozenset({"delay", "postpone", "defer", "shelve", "adjourn"})
# Nouns of terms set for something: "conditions for approving X", "its demands for backing X".
CONDITION_NOUNS = frozenset({"condition", "conditions", "precondition", "preconditions", "demand", "demands"})
# Verbs that tie something to terms: "tied its approval of X to Y", "linked its support to Y".
TIE_VERBS = frozenset({"tie", "link", "condition", "subject", "make"})
# Adjectives that put something on terms: "made X conditional on Y".
CONDITIONAL_ADJS = frozenset({"conditional", "contingent", "dependent"})
# Verbs of threatening, and verbs of answering in kind ("would retaliate if ...").
THREAT_VERBS = frozenset({"threaten", "warn"})
RETALIATE_VERBS = frozenset({"retaliate"})
# Verbs that bring their object into a state named by an adjective ("make it safer").
RESULT_VERBS = frozenset({"make", "render", "leave", "keep"})
# "call/describe/label X (as) Y": Y evaluates X.
CALL_VERBS = frozenset({
    "call", "describe", "label", "brand", "term", "dub", "deem", "consider", "view", "see", "regard",
    "characterise", "characterize", "declare", "find", "portray", "depict", "slam", "denounce", "criticise",
    "criticize", "hail", "praise",
})
# Phrases that predicate an evaluation: "in the national interest", "not in US interests".
INTEREST_NOUNS = frozenset({"interest", "interests"})

# --- conditions, time, no position -------------------------------------------------------------
# Subordinators of a condition on the holder's act ("only if", "unless", "provided that").
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "once", "until", "till", "assuming", "whenever"})
# Preposition + noun pairs and prepositions that attach a price or a condition.
EXCHANGE_PREPS = frozenset({
    ("in", "return"), ("in", "exchange"), ("on", "condition"), ("subject", "to"), ("conditional", "on"),
    ("contingent", "on"), ("dependent", "on"), ("depending", "on"),
})
CONDITION_WORDS = frozenset({
    "condition", "conditions", "precondition", "preconditions", "prerequisite", "prerequisites", "contingent",
    "conditional", "depend", "dependent", "criteria", "criterion", "requirement", "requirements", "tie", "link",
    "conditionality", "provided", "providing", "reform", "reforms",
})
# Words that put the proposition off: "not now", "premature", "take decades", "light years away".
LATER_WORDS = frozenset({
    "premature", "prematurely", "early", "soon", "later", "eventually", "someday", "eventual", "postpone",
    "postponement", "delay", "defer", "deferral", "pause", "suspend", "suspension", "freeze", "shelve",
    "decade", "decades", "years", "recalibrate", "reconsider", "gradual", "gradually", "long-term", "slow",
    "slowly", "away", "distant", "far", "adjust", "modify", "soften", "moderate", "dilute", "downgrade",
    "temporary", "temporarily",
})
# (verb, particle) pairs that put something off: "set aside", "put on hold".
LATER_PHRASAL = frozenset({
    ("set", "aside"), ("put", "aside"), ("put", "off"), ("hold", "off"), ("push", "back"), ("scale", "back"),
    ("tone", "down"),
})
# Words of time that, negated or excluded, say "not now": "no immediate bid", "not in the near future".
TIMELY_WORDS = frozenset({
    "immediate", "immediately", "now", "soon", "quickly", "yet", "imminent", "swift", "swiftly", "rapid",
    "rapidly", "fast", "near", "short", "accelerated", "early",
})
# Words of indifference: "it doesn't matter when ...".
INDIFFERENT_VERBS = frozenset({"matter", "care"})
# Verbs of something coming to pass: "that is not going to happen" denies it.
HAPPEN_VERBS = frozenset({"happen", "occur", "materialise", "materialize", "succeed", "come"})
# Verbs of abiding by another's choice: "will respect whatever parliament decides".
DEFER_VERBS = frozenset({"respect", "accept", "abide", "honour", "honor", "follow", "support"})
# Verbs of citing something as the reason for a war: citing the proposition so opposes it.
CITE_VERBS = frozenset({"cite", "refer", "invoke", "blame", "point", "use", "present", "portray", "frame"})
JUSTIFY_WORDS = frozenset({
    "justify", "justification", "explain", "explanation", "excuse", "reason", "pretext", "rationale", "cause",
    "blame", "provocation",
})
WAR_WORDS = frozenset({"invasion", "invade", "war", "attack", "aggression", "offensive", "annexation"})
# Words that, negated, say "not now" or "not yet able": "not ready", "not the moment".
NOT_NOW_WORDS = frozenset({
    "now", "yet", "ready", "prepared", "ripe", "immediate", "immediately", "moment", "time", "soon", "quickly",
    "imminent", "timely",
})
# Asking the public again decides the proposition on terms: support for it is conditional.
REVOTE_NOUNS = frozenset({"referendum", "plebiscite", "vote", "ballot", "poll"})
REDO_NOUNS = frozenset({"redo", "re-do", "rerun", "re-run", "revote", "re-vote"})
REVOTE_MODIFIERS = frozenset({
    "second", "new", "another", "fresh", "confirmatory", "further", "public", "people's", "peoples",
})
# Not taking part in a decision is no position on it: abstaining, leaving the room.
# Verbs of formal assent or refusal whose object a report leaves unsaid once the thing is named
# ("... the treaty. Laos said it would sign.", "France objected."): the sign each gives its object.
ELIDED_OBJECT_VERBS = {
    "sign": 1, "ratify": 1, "approve": 1, "endorse": 1, "join": 1, "block": -1, "veto": -1, "object": -1,
}  # fmt: skip
ABSTAIN_VERBS = frozenset({"abstain", "undecided", "neutral", "uncommitted", "agnostic"})
ABSTAIN_PHRASAL = frozenset({
    ("leave", "room"), ("walk", "out"), ("stay", "away"), ("sit", "out"), ("take", "part"), ("not", "involved"),
    ("walk", "away"),
})
# Verbs whose negation says "has not made up their mind": "has not decided", "declined to say".
UNDECIDED_VERBS = frozenset({"decide", "commit", "say", "comment", "reveal", "disclose"})
DECLINE_VERBS = frozenset({"decline", "refuse"})
# Verbs of contesting: against their object ("fight the charge"), for their infinitive ("fight to
# keep it"); "fight for" and "fight against" are phrasal.
CONTEST_VERBS = frozenset({"fight", "battle", "combat", "contest"})
# Verbs of receiving an attitude from someone: "won the backing of X", "drew criticism from X".
RECEIVE_VERBS = frozenset({"win", "receive", "get", "gain", "secure", "earn", "draw", "attract", "meet", "face"})
# Nouns of a stand one takes, and the verbs of taking it: negated, "has not taken a position".
POSITION_NOUNS = frozenset({"position", "stance", "view", "side", "decision", "opinion", "line"})
TAKE_VERBS = frozenset({"take", "adopt", "reach", "make", "form", "have"})

# --- speech, hedges, negation ------------------------------------------------------------------
# Verbs that introduce what someone says or thinks: their subject is the speaker.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "add", "warn", "argue", "insist", "claim", "stress", "declare", "announce", "note",
    "explain", "write", "tweet", "post", "reiterate", "repeat", "assert", "suggest", "signal", "indicate",
    "believe", "think", "acknowledge", "admit", "affirm", "confirm", "emphasise", "emphasize", "maintain",
    "predict", "proclaim", "contend", "caution", "comment", "remark", "respond", "reply", "hint", "know",
    "recall", "recognise", "recognize", "concede", "vow", "promise", "pledge", "threaten", "urge", "ask",
    "demand", "hope", "fear", "feel", "expect", "mean", "make", "underline", "underscore", "voice", "express",
    "stated", "told", "quote", "report", "agree", "deny", "allege", "charge", "accuse", "observe", "point",
    "complain", "lament", "regret", "welcome", "praise", "criticise", "criticize", "describe", "continue",
    "conclude",
})
# Speech verbs that also take the speaker's side on what is said.
ENDORSING_SPEECH = frozenset({
    "insist", "stress", "argue", "declare", "emphasise", "emphasize", "affirm", "reaffirm", "proclaim", "vow",
    "promise", "pledge", "urge", "demand", "hope", "believe",
})
# Words that lower confidence in a reading.
HEDGES = frozenset({
    "may", "might", "could", "would", "perhaps", "possibly", "potentially", "apparently", "reportedly", "seem",
    "appear", "likely", "probably", "unlikely", "expect", "rumour", "rumor", "speculation", "reported",
})
# Modal auxiliaries of obligation: "X should join" asks for it.
OBLIGATION_MODALS = frozenset({"should", "must", "ought", "shall", "need"})
# Modal auxiliaries of mere possibility or hypothesis: the act is not done.
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "can"})
NEGATORS = frozenset({
    "not", "n't", "never", "no", "nor", "neither", "without", "none", "nothing", "nobody", "hardly", "scarcely",
    "barely",
})
# Prepositions that make the proposition a point in time, not a target: "after Brexit".
TIME_PREPS = frozenset({
    "after", "before", "since", "following", "during", "until", "till", "ahead", "prior", "post", "pre", "amid",
    "upon",
})
# Verbs of lifting an obstacle: they undo an objection or a veto ("lift its objection").
LIFT_VERBS = frozenset({
    "lift", "drop", "withdraw", "remove", "abandon", "waive", "end", "overcome", "resolve", "settle", "clear",
    "scrap", "relax", "soften", "ease",
})

# --- actors ------------------------------------------------------------------------------------
# Nouns for the people acting for an organisation or a state ("EU leaders", "Israeli
# officials"): the organisation or state holds what they do.
GROUP_NOUNS = frozenset({
    "leader", "leaders", "official", "officials", "government", "governments", "minister", "ministers",
    "ambassador", "ambassadors", "diplomat", "diplomats", "lawmaker", "lawmakers", "parliament", "parliaments",
    "legislator", "legislators", "president", "presidency", "administration", "authorities", "authority",
    "spokesman", "spokeswoman", "spokesperson", "envoy", "envoys", "negotiator", "negotiators", "delegation",
    "member", "members", "state", "states", "country", "countries", "partner", "partners", "ally", "allies",
    "capital", "capitals", "premier", "chancellor", "chief", "head", "executive", "cabinet", "leadership",
    "establishment", "senate", "congress", "assembly", "council", "commission", "committee", "office",
    "ministry", "party", "mp", "mps", "senator", "senators", "representative", "representatives", "secretary",
    "foreign", "side", "nation", "nations", "prime", "king", "queen", "monarch", "chairman", "chairwoman",
    # a state's armed forces act for it too ("the Sudanese army said ...")
    "army", "military", "navy", "junta", "forces",
})
# Head nouns of an organisation named by its kind and whom it gathers ("the farmers' union", "the
# chamber of commerce", "the transport ministry"): such a phrase names one body.
BODY_NOUNS = frozenset({
    "association", "union", "federation", "confederation", "conference", "chamber", "council", "club",
    "group", "committee", "board", "ministry", "department", "coalition", "lobby", "society", "guild",
    "syndicate", "college", "institute", "foundation", "agency", "authority", "regulator", "watchdog",
    "court", "commission", "caucus", "network", "forum", "league", "assembly", "senate", "party",
})
# People of one kind who speak as a group ("Catholic bishops", "farm workers", "residents of X"):
# in the plural, with words saying which ones, such a phrase names a group that can take a side.
PEOPLE_NOUNS = frozenset({
    "bishop", "cleric", "doctor", "nurse", "teacher", "farmer", "worker", "resident", "activist",
    "campaigner", "economist", "scientist", "expert", "lawyer", "judge", "employer", "investor", "retailer",
    "landlord", "tenant", "parent", "student", "veteran", "pensioner", "fisherman", "union", "group",
    "organisation", "organization", "association", "federation", "lobby", "charity", "company", "firm",
    "business", "bank", "insurer", "producer", "manufacturer", "carmaker", "airline", "operator", "owner",
})
# Words that only pick some of a kind ("other governments", "senior officials"): they say which
# ones no better than the bare noun, so they make no group a name.
PICKER_ADJS = frozenset({
    "other", "some", "several", "many", "few", "various", "both", "senior", "top", "foreign", "national",
    "international", "former", "key", "major", "leading", "certain", "most", "all", "unnamed",
    "anonymous", "high-ranking", "junior", "new", "current", "previous", "individual", "fellow", "concerned",
    "such", "same", "different", "numerous", "countless", "two", "three", "four", "more", "fewer", "big",
    "small", "large", "main", "powerful", "influential", "relevant", "respective", "affected",
})
# Words that make a government or a place's body a region's, not its state's ("the regional
# governments of X and Y", "X's municipal council"): the place itself holds, not the state it is in.
# A body named by its kind alone ("the bloc", "the council"): the organisation named just before.
GENERIC_BODY_NOUNS = frozenset({
    "bloc", "alliance", "organisation", "organization", "body", "grouping", "union", "council", "commission",
    "committee", "forum", "federation", "association", "league", "coalition", "community",
})
# A state's own organs: with no state named in their phrase, they are the one state the text names.
STATE_ORGAN_NOUNS = frozenset({
    "army", "military", "navy", "junta", "government", "cabinet", "ministry", "presidency", "administration",
})
# Words that put a body below the state or outside its government ("the city government", "the
# opposition party"): such a body is not the state.
LOCAL_WORDS = frozenset({
    "city", "town", "municipal", "local", "regional", "provincial", "state", "county", "district", "opposition",
    "rebel", "party", "shadow", "exile", "exiled",
})
OUTSIDE_WORDS = frozenset({"opposition", "rebel", "exiled", "shadow"})
SUBNATIONAL_ADJS = frozenset({"regional", "provincial", "municipal", "local", "state-level", "county", "devolved"})
# Nouns of a number of people or bodies ("dozens of groups"): the group is in the "of" phrase.
QUANTITY_NOUNS = frozenset({
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "handful",
})
# Descriptions of an organisation by its kind ("the bloc", "the alliance").
ORG_DESCRIPTORS = frozenset({
    "bloc", "alliance", "union", "organisation", "organization", "club", "community", "grouping", "pact",
})
# Head nouns of an agreement: a proposition about one ("stays in the deal") also names it so.
DEAL_NOUNS = frozenset({
    "deal", "agreement", "accord", "pact", "treaty", "plan", "framework", "protocol", "convention",
    "arrangement", "compact", "charter", "jcpoa", "truce", "ceasefire", "armistice", "memorandum",
})
# Modifiers that do not make an agreement another one ("the landmark 2015 deal").
NEUTRAL_DEAL_MODIFIERS = frozenset({
    "landmark", "historic", "original", "current", "existing", "whole", "entire", "same", "this", "that",
    "international", "multilateral", "final", "full", "signed", "old", "so-called", "controversial",
    "disastrous", "bad", "good", "horrible", "terrible", "great", "flawed", "defective", "joint",
    "bilateral", "trilateral", "revised", "amended", "updated", "new",
})
# Personal pronouns that point back to a person or a group.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "myself", "ourselves"})
# Pronouns and nouns that point back to a decision or act just named ("the decision", "this").
ANAPHOR_PRONOUNS = frozenset({"it", "this", "that"})
ANAPHOR_NOUNS = frozenset({"decision", "move", "step", "choice", "result", "outcome", "measure"})
# Nouns that point back to the proposition itself, within their own sentence ("calling the idea ...").
IDEA_NOUNS = frozenset({"idea", "prospect", "notion", "possibility", "scenario"})
# Nouns that name a thing to be built or done as a whole ("the project" for a runway to build): they
# point back to that thing, as a pronoun does.
PROJECT_NOUNS = frozenset({"project", "scheme"})
# Auxiliary-like verbs that carry another verb's tense or aspect, not an attitude.
LIGHT_VERBS = frozenset({
    "go", "be", "have", "get", "seem", "begin", "start", "continue", "appear", "tend", "use", "happen",
})


# --- words the composition of stance reads clause by clause -----------------------------------
# Nouns of a phrase that names a topic, not an object: "in terms of X", "with regard to X".
TOPIC_PP_NOUNS = frozenset({
    "terms", "regard", "respect", "relation", "connection", "context", "light", "view", "matter", "reference",
})
# Verbs of weighing something without taking a side on it: "will discuss X", "to consider X".
DELIBERATION = frozenset({
    "consider", "discuss", "debate", "examine", "review", "study", "weigh", "assess", "explore", "analyse",
    "analyze", "evaluate", "mull", "ponder",
})
# Verbs of belief or expectation: what unnamed others believe is nobody's stated position.
NONFACTIVE = frozenset({
    "believe", "think", "expect", "suspect", "speculate", "assume", "guess", "imagine", "suppose", "predict",
    "fear", "hope", "doubt", "wonder",
})
# Verbs of lasting: "while the fighting goes on" is a condition of time.
DURING_VERBS = frozenset({"persist", "continue", "last", "rage", "remain", "go", "drag"})
# Words that open a condition, however the parser hangs the clause: ", provided that ...".
CONDITION_LEADS = (
    "provided", "providing", "as long as", "so long as", "only if", "unless", "on condition",
    "only when", "only after", "only once", "not before", "not until",
)
# The door (or way) to something, open or shut: "the door remains open", "closed the door to X".
DOOR_NOUNS = frozenset({"door", "doors", "way", "path", "road"})
OPEN = frozenset({"open", "reopen", "ajar", "clear", "pave"})
SHUT = frozenset({"close", "closed", "shut", "slam", "lock", "locked", "bar", "barred", "block", "blocked"})
# Verbs of wanting that, with "would", state a wish on terms: "would welcome it one day".
WISH_VERBS = frozenset({"welcome", "support", "accept", "back", "like", "love", "favour", "favor", "endorse", "want"})
# Adverbs that make a negation partial: "not entirely", "not fully".
PARTIAL = frozenset({"entirely", "fully", "completely", "totally", "altogether", "wholly"})
# Passive verbs whose subject is the one who acts in the complement: "X is expected to raise ...".
RAISING = frozenset({
    "expect", "say", "report", "believe", "think", "set", "schedule", "due", "know", "understand", "reckon",
    "rumour", "rumor", "suppose", "tip", "poise", "slate", "likely",
})
# Words that open a reason or a concession: what follows is no one's object.
REASON_PREPS = frozenset({"given", "because", "despite", "owing", "due", "thanks", "amid", "considering"})
# Subordinators of time, reason and concession: a clause they open is no object of its governor.
CLAUSE_MARK_STOP = frozenset({
    "because", "while", "although", "though", "whereas", "as", "since", "despite", "after", "before", "whether",
})
# Passive verbs of attribution: "This was stated by X" gives the sentences before it to X.
ATTRIBUTION_VERBS = frozenset({
    "state", "say", "announce", "declare", "report", "note", "emphasise", "emphasize", "stress", "write",
    "tweet", "tell",
})

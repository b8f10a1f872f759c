"""Word lists of reported speech: speech verbs, the verbs and nouns that frame what was said, and
the nouns of sources that can say things.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


SPEECH_LEMMAS = _words(
    """
    say tell add warn state claim argue note insist announce explain write comment reply respond
    stress emphasise emphasize acknowledge admit believe think suggest assert declare caution
    concede confirm deny report urge complain contend maintain observe predict promise reiterate
    repeat remark ask agree recall tweet post vow threaten estimate conclude reveal accuse
    allege indicate mention hope fear expect continue point describe testify inform assure
    signal underline underscore propose demand reckon quip joke counter retort recount lament
    boast charge proclaim disclose divulge affirm concur determine find show learn read reason
    rule recommend advise theorize theorise speculate
    """
)


# Verbs that only a source does: whatever noun is their subject speaks ("the regulator said …",
# "the operator announced …"), person, body or document, without being on a list of speakers.
# Verbs of thinking, finding and showing are not here: "the figures show" needs a source noun.
SAYING_LEMMAS = _words(
    """
    say tell announce state add insist claim argue warn deny confirm declare explain reply respond
    report stress acknowledge admit assert concede allege accuse complain contend maintain reiterate
    repeat vow promise urge testify
    """
)


# Verbs whose report is the accused and the charge ("accused the board of hiding the plan").
ACCUSING_LEMMAS = _words("accuse")


# Verbs of the manner of speaking ("“…,” he scoffed", "“…?” she laughed"): a cue for the quotation
# next to them, never the frame of a report (what the parser hangs on them as a clause is as often
# the next event as what was said).
MANNER_LEMMAS = _words(
    """
    scoff sneer fume brag plead beg gush muse mutter murmur whisper exclaim shout yell scream cry
    snap answer pledge laugh chuckle sigh growl rant taunt marvel wonder
    """
)


# Nouns of a statement that carry their content as a 'that'-clause and their source as a possessor
# ("Lee's claim that …", "his warning that …", "the union's insistence that …").
REPORT_NOUNS = _words(
    """
    claim assertion allegation contention insistence suggestion warning admission assurance
    argument pledge promise vow declaration prediction accusation
    """
)


# Verbs that report what someone should do ("recommends that …", "advised that …"): a report
# with a clause, but no cue for a quotation beside them ("“…”, the agency recommending …" leaves
# the quotation to whoever else the text credits).
ADVICE_LEMMAS = _words("recommend advise")


# Verbs that report speech even without a complement clause when next to a quotation.
DIRECT_ONLY_LEMMAS = (SPEECH_LEMMAS - ADVICE_LEMMAS) | MANNER_LEMMAS | {"ask", "write", "tweet", "post", "go"}


# Lemmas whose complement is evidence or cognition rather than speech; kept only with a clause.
WEAK_LEMMAS = frozenset({"think", "believe", "hope", "fear", "expect", "find", "show", "learn", "determine"})


SUBJ_DEPS = {"nsubj", "nsubjpass"}


CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}


# Verbs that report a demand as "V someone to do X": the infinitive is what was asked for.
DIRECTIVE_LEMMAS = _words("urge ask tell warn call press implore encourage advise appeal")


# Verbs whose active use names the addressee ("told reporters"); without one after a passive
# head they are passive too.
ADDRESSEE_LEMMAS = _words("tell inform")


# Nouns for the channel of a statement: a 'that'-clause hanging off them is still what was said
# ("told the Herald in an email that …"), unlike one off a content noun ("reports that …").
CHANNEL_NOUNS = _words(
    """
    statement interview letter speech remarks remark post email tweet message conference briefing
    address call note
    """
)


THAT_CLAUSE_LEMMAS = _words("say tell state write add announce insist confirm warn declare explain")


# Verbs of naming, referring and repeating: a person's own words may sit inside their object
# ("called the idea “…”", "spoke of “…”", "repeated the claim that “…”") rather than in a
# reported clause.
ARGUMENT_LEMMAS = _words(
    """
    call describe brand dub label term characterise characterize portray refer speak warn talk
    repeat echo reiterate restate
    accuse condemn denounce decry deride dismiss hail praise criticise criticize
    """
)


# Verbs that name their object: the quotation must be the name itself ("called it “…”", "branded
# him as “…”"), not a demand ("called for “…”") or anything further down the object.
NAMING_LEMMAS = _words("call brand dub label term")


# Verbs that characterise their object ("described it as “…”", "portrayed him as “…”",
# "condemned the vote as “…”", "hailed the deal as “…”"): the words in marks are the speaker's
# verdict, however short.
CHARACTERISING_LEMMAS = _words(
    "describe characterise characterize portray condemn denounce decry deride dismiss hail praise criticise criticize"
)


PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})


# Function words a title may keep lower-case ("Bridge over the River").
TITLE_GLUE = _words("of the a an and in on for to at by with or")


# Non-human sources that news reports as saying things ("the report found", "a statement said").
SOURCE_NOUNS = _words(
    """
    report reports study studies statement statements website site post posts letter poll survey
    data figures analysis document documents message tweet release communique agency media paper
    newspaper outlet findings results research article blog source sources court tribunal police authority
    researcher expert prosecutor investigator critic people resident association observer voter
    citizen member judge jury panel board lawmaker legislator parliament congress senate cabinet
    estimate section medium media page emissary delegation delegate negotiator mediator
    dossier memo memorandum audit assessment inquiry
    """
)

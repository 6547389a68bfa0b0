"""Attribution: sentences whose claims are credited to a source.

A sentence is attributed when it holds a cue: a reporting, belief, intention or emotion verb
("said", "believes", "called for", "admires"), a prepositional or nominal cue ("according to", "in a
statement", "concerns about", "Trump's claim that"), a support-verb phrase ("expressed concern"), a
stance adjective after "be" ("aides were skeptical that"), an implicit-source passive with its
content ("it is thought that", "is said to"), a direct quote, or a wire credit ("told AFP"). This
follows what PARC 3.0 and PolNeAR annotate as attribution: speech, thought, attitude and intention
credited to someone other than the writer, including implicit sources: raising passives of belief
verbs ("is expected to", "are thought to"), verbs of seeming ("seems", "appears to") and extraposed adjectives of
certainty ("it is clear that"), kind "evidential". These are hedges too (the hedging signal).

For every verb cue the source phrase next to it is marked too, as a named source ("the Syrian
Observatory for Human Rights", "Rami Abdel Rahman") or an anonymous one ("an anonymous SDF
commander", "a spokesman for the coalition"); definite descriptions ("the monitor") and pronouns
refer back to a source named elsewhere and are not counted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult, other_language
from analyzer.signals.cue_patterns import CasePatterns, CuePattern, CueScanner, trie_pattern, word_pattern
from analyzer.text import Span

NAME = "attribution"

# A quote must hold at least this many words to count as reported speech: one- or two-word
# quotes are mostly scare quotes or titles ('Heavy clashes', "caliphate"). PolNeAR dev: 3 words
# keeps precision on unattributed paragraphs while recalling multi-word quotes.
QUOTE_MIN_WORDS = 3
# Share of long words capitalised from which a line is a title-case headline (headline style
# capitalises nearly every word of four letters or more; running text rarely passes a half).
TITLE_CASE_SHARE = 0.7
# Share of lower-case words after a headline's colon from which it is a clause, not a list of
# names or scores ("Subs: Marshall, Henchoz"; PolNeAR dev headlines: about 0.6 and more).
HEADLINE_LOWER_SHARE = 0.5
# A source phrase is at most this many words long (longest PolNeAR dev named sources: ~8 words).
SOURCE_MAX_WORDS = 8

_REASONS = {
    "reporting_verb": "A reporting verb credits this claim to a source.",
    "according_to": "This phrase credits the claim to a source.",
    "nominal": "This phrase says the claim comes from a statement, interview or other source.",
    "noun_cue": "A noun of saying or thinking credits this claim to its owner (\"Trump's claim that\").",
    "attitude": "An adjective of belief or feeling credits this view to its subject (\"aides were skeptical that\").",
    "evidential": "A verb of seeming presents this claim as an impression (\"seems\", \"appears to\").",
    "quote": "A direct quote: these are someone else's words.",
    "quote_mark": "This punctuation introduces or credits a direct quote.",
    "wire_credit": "A news-agency credit: this copy comes from a wire service.",
    "named_source": "The source of this claim is named.",
    "anonymous_source": "The source of this claim is not named.",
}

# Words after which a verb form is a noun or adjective ("the report", "his claims", "an alleged").
_NOMINAL_BEFORE = frozenset(
    """a an the this that these those his her its their our my your whose every each no any
    of in on for with by from at into about as such""".split()
)
_DETERMINERS = frozenset("a an the one some two three four several many few most all".split())
_INDEFINITE = frozenset("a an one some two three four several many few most".split())
# Inside a source phrase these words may link name parts ("Observatory for Human Rights").
_NP_LINKS = frozenset("of for at".split())
# Words that end a source phrase when walking away from the cue (clause openers, verbs of tense).
_NP_STOP = frozenset(
    """and but or nor that which who whom whose when while where as because if since after before
    than then so yet also not never has have had is are was were be been being will would could
    should can may might must did does do to in on by with from into about over under during
    later earlier previously recently further however meanwhile there here""".split()
)
# Adverbs and auxiliaries that may stand between a source and its verb ("he also said", "the
# ministry did not say", "officials on Monday said"): these words, any \w+ly adverb, any \w+n't
# contraction, "on" + a weekday (see _gap_start).
_GAP_WORDS = frozenset(
    """has have had was were is are also later then further previously again repeatedly once already
    publicly privately reportedly did does do will would can could may might should must not never""".split()
)
_DAY_GAP_RE = re.compile(
    r"\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday)\s+([a-z]+)\b", re.IGNORECASE)
_GAP_WORD_RE = re.compile(r"\w+ly|\w+n['’]t")
_WEEKDAY_RE = re.compile(r"\w+day")
# Words after which a noun-like verb form ("claims", "reports") is a verb.
_VERB_BEFORE = frozenset(
    """i you he she it we they who which that to will would could should may might must can did
    does do not also still now often never always repeatedly publicly""".split()
)
_BE = frozenset("is are was were be been being am 's ’s".split())
# Perfect auxiliaries: "has called", "had claimed" are verbs, whatever the homograph.
_HAVE = frozenset("has have had having 've ’ve 'd ’d".split())
# Subject pronoun + 's is "is" or "has" ("it’s denouncing", "he’s heralded"), not a possessive.
_PRONOUN_S = frozenset(
    f"{p}{a}s" for p in "he she it that who what there here".split() for a in "'’"
)
# An object pronoun right after a noun-like form makes it a verb ("called him", "shows them").
_OBJECT_AFTER = re.compile(r"\s+(?:him|them|us|me|himself|herself|themselves)\b")
# A plural noun is rarely followed straight by a determiner or a name; a 3rd-person verb is
# ("the average shows Clinton ahead", "the poll shows the race tied").
_OBJECT_NP_AFTER = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its|this|these|those)\b|[A-Z])")
_THAT_AFTER = re.compile(r"\s+that\b")
# Verbs that name something in the subject's words (call, dub, brand, label), and the object (one to
# NAMING_OBJECT_WORDS words) then an opening quote after them.
_NAMING_FORMS = frozenset(
    """call calls called calling dub dubs dubbed dubbing brand brands branded branding label labels labeled
    labelled labeling labelling""".split())
NAMING_OBJECT_WORDS = 6
_NAMING_QUOTE_AFTER = re.compile(rf"(?:\s+[\w’'.-]+){{1,{NAMING_OBJECT_WORDS}}}?,?\s+(?:[“‘]|\"(?=\w))")
# A quote that opens after the verb (a straight quote followed by a word), not one closing a
# short scare quote ('more "personalised learning" and').
_OPENING_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*(?:[“‘]|\"(?=\w))")
_THAT_OR_WHETHER_AFTER = re.compile(r"\s+(?:that|whether)\b")
# What may follow a verb whose only claim to be a verb is a name before it ("Trump charges that",
# "Russia backs the government", "Clinton called him"): a clause, an object or a quote. A bare
# lower-case word after it makes the pair a noun compound ("Syrian state media", "the Trump
# report was").
_CONTENT_AFTER = re.compile(
    r"\s+(?:that|whether|how|why|what|him|her|them|us|me|he|she|they|we|it|i|the|a|an|his|their|its|"
    r"this|these|those|some|any|no|more|to|two|three|four|five|six|seven|eight|nine|ten|several)\b"
    r"|\s+[A-Z“\"‘]|\s*:"
)
# Clausal content after a verb: what WordNet-derived verbs need to count ("chided that", "mused
# whether"); a bare object ("paid the bill", "imposed sanctions") is an action, not speech.
_CLAUSE_AFTER = re.compile(r"\s+(?:that|whether|how|why)\b")
# A person as the object of a speech act ("rebuked Trump", "scolded him"): the target of a
# WordNet-derived speech verb, which PolNeAR and PARC annotate as attribution.
_PERSON_AFTER = re.compile(r"\s+(?:him|her|them|us|me)\b|\s+(?:Mr|Mrs|Ms|Sen|Rep|Gov|Dr)\b|\s+[A-Z][a-z]")
# Subjects of a clause: what a WordNet-derived verb needs right before it (with adverbs and
# auxiliaries between, as _gap_start).
_SUBJECT_PRONOUNS = frozenset("i you he she it we they who".split())
# Adverbs between "is/was" and a participle that keep it an agentless passive ("is not known").
_PASSIVE_ADVERBS = frozenset("not n't also widely still long generally commonly largely".split())
# Line ends of running text; a "sentence" without one is a headline, caption or list item.
_QUOTE_CLOSERS = (",”", ',"', "”", '"', ",’", ",''", "''")
# '"...," the letter reads': a closing quote, a determiner and up to two modifiers before the
# subject noun (searched in the last AFTER_QUOTE_WINDOW_CHARS characters before it).
_QUOTE_THEN_DETERMINER = re.compile(
    r"(?:”|\"|’|'')\s+(?:the|a|an|his|her|its|their|this|that)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
AFTER_QUOTE_WINDOW_CHARS = 60
_TERMINAL = tuple('.!?"”’:;)…')
# An indefinite object after a belief or intention verb is the thing expected or wanted ("was
# expecting a difficult fight", "wants a deal"), not a proposition credited to the source.
_INDEFINITE_AFTER = re.compile(r"\s+(?:a|an)\s")
# ... unless the indefinite phrase is the subject of a clause ("you think an undergraduate degree
# will cost", "believes a deal is close"): a finite auxiliary within INDEFINITE_CLAUSE_WORDS words.
INDEFINITE_CLAUSE_WORDS = 5
_INDEFINITE_CLAUSE = re.compile(
    rf"\s+(?:a|an)\s+(?:[\w’'-]+,?\s+){{1,{INDEFINITE_CLAUSE_WORDS}}}?"
    r"(?:will|would|is|was|are|were|has|had|could|can|may|might|should|must)\b")
# Relative pronouns as the subject of a verb ("cities that support the rules").
_RELATIVES = frozenset(("that", "which"))
# Kinds of attribution_sources.tsv words that can be the subject of a verb cue: people and groups
# ("officials claim") and documents ("polls show", "the documents reveal").
_SUBJECT_KINDS = frozenset(("head", "document"))
# An auxiliary among the words between a subject and a verb ("has repeatedly", "had also").
_AUX_IN_GAP = re.compile(
    r"\b(?:has|have|had|was|were|is|are|did|does|do|will|would|can|could|may|might|should|must)\b|n['’]t\b")
_BY_AFTER = re.compile(r"\s+by\b")
_PASSIVE_CONTENT_AFTER = re.compile(r"\s+(that|to|as|of|for|a|an|the)\b|\s+(?:[“‘]|\"(?=[A-Z]))")
# "was viewed as favorable": a passive of an "as" verb takes its "as" straight after it.
_AS_NEXT = re.compile(r"\s+as\b")
# The complement of a naming passive ("was called a charlatan", "was dubbed the winner").
_NAMED_AFTER = re.compile(r"\s+(?:a|an|the)\s")
# Passives of praise and blame whose "of"/"for" names the charge ("was accused of", "have been
# criticized for"): someone unnamed voiced it (Levin 1993 class 33, judgement verbs; PARC 3.0
# annotates such implicit sources). After other verbs "of"/"for" is no content ("is made of").
_JUDGEMENT_PASSIVES = frozenset(
    "accused criticized criticised blamed praised condemned faulted chastised rebuked lauded hailed".split())
# Raising passives of hearsay verbs ("is said to be", "were reported to have bid"; Quirk et al.
# 1985, 16.50): an implicit source's claim. Other verbs before "to" are requests ("were asked to
# offset", "is being urged to") or epistemic hedges ("is expected to").
_HEARSAY_PASSIVES = frozenset("said reported alleged rumoured rumored claimed quoted".split())
# Passives whose "as" names how a source put it ("was described as", "was quoted as saying"); after
# other verbs "as" is mostly a conjunction ("were published as another survey showed").
_AS_PASSIVES = frozenset(
    "described characterized characterised portrayed quoted labeled labelled branded cited hailed criticized criticised"
    .split())
# A to-infinitive after a belief, intention or emotion verb is its content ("decided to appeal",
# "hates to lose"); "to the" is a preposition ("appealed to the court").
_TO_INFINITIVE_AFTER = re.compile(
    r"\s+to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|our|my|your|be\s+(?:sure|honest))\b)[a-z]")
# A clause without "that" after a belief verb: its subject pronoun and a finite verb ("decided
# she should share", "concluded they were wrong").
_BARE_CLAUSE_AFTER = re.compile(
    r"\s+(?:he|she|they|we|i|it|there)\s+(?:should|would|could|will|can|may|might|must|had|has|have|was|were|is|are)\b")
# The topic or target of a speech act or attitude ("moralize about", "spar over", "cares about",
# "railed against").
_TOPIC_AFTER = re.compile(r"\s+(?:about|over|against)\b")
# Coordinators before a verb whose subject stands before them ("..., and plans to", ", but insists").
_COORDINATORS = frozenset(("and", "but", ""))
_COMMON_OBJECT_AFTER = re.compile(r"\s+(?:the|his|her|their|its|this|these|those)\s+[a-z]")
_TOPIC_PARTICLES = frozenset("about against on for at with over".split())
_COORDINATED_CONTENT_AFTER = re.compile(
    r"\s+(?:that|whether|him|her|them|us|me|it|to\s+[a-z]+)\b|\s*[:,]?\s*[“\"‘]")
_DETERMINERS_POSSESSIVES = frozenset(
    "a an the this that these those his her its their our my your whose every each no any".split()
)
# Words that cannot be the head of a subject right before a verb ("the so-called", "of").
_NOT_SUBJECT = _NP_STOP | _DETERMINERS_POSSESSIVES | _NOMINAL_BEFORE | frozenset("so-called".split())
# ": “..." or ", “...": the verb introduces a quote.
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*[“\"‘]|\s*:\s*$")
# Titles that do not tell two names apart ("Mr Bali" is "SDF spokesman Mustafa Bali").
_TITLES = frozenset("mr mrs ms dr prof sen rep gov gen col lt maj capt sgt president minister".split())
# "see the program as an easier way": the object, at most AS_WORDS words, then "as".
AS_WORDS = 6
_AS_AFTER = re.compile(rf"(?:\s+[\w’'.-]+){{1,{AS_WORDS}}}?\s+as\b")
# "as a Homeland Security memo put it": the idiom credits a wording only after "as" and its source.
# The source may carry an apposition ("As Steven Rosenthal, a tax lawyer at the Tax Policy Center,
# recently put it"): up to AS_SOURCE_WORDS words, commas allowed; "put it" must close its clause.
AS_SOURCE_WORDS = 16
_AS_BEFORE = re.compile(rf"(?<![\w-])as\s+(?:[\w’'.-]+,?\s+){{1,{AS_SOURCE_WORDS}}}$", re.IGNORECASE)
_PUT_IT_END = re.compile(r"\s*(?:[,.;:!?“\"‘')]|-(?=\s)|—|―|$)")
_PER_NAME = re.compile(r"\s+(?:the\s+)?[A-Z]")
_TOKEN_RE = re.compile(r"[\w’'.-]+|[^\w\s]")
# Double quotes (curly or straight; unclosed ones run to the end of the line, as a quote that
# goes on in the next paragraph) and single curly quotes (a closing ’ not followed by a letter,
# so that apostrophes inside the quote do not close it), and quotes in two apostrophes (''...'',
# the New York Times' plain-text style). Every branch opens with its quote
# character (the "no letter before ‘" test comes after it) so that `re` skips ahead to the next
# quote character instead of trying the branches at every position.
_QUOTE_RE = re.compile(
    r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)|‘(?<!\w‘)(?:[^’\n]|’(?=\w))*’(?!\w)|''(?:[^'\n]|'(?!'))*(?:''|$)",
    re.MULTILINE,
)
# Typographic attribution of a quote: "Caddell: “...”" / "...: “..." (a colon opening a quote) and
# "“...” ― Christina Lastra" (a dash or bar before the speaker's name after the quote).
# Headline convention "Rush Limbaugh: Hillary Asking Moderator To Fact Check": a name, a colon, the
# claim (only on title-case lines, where it cannot be a label such as "Note: ...").
_HEADLINE_SPEAKER_RE = re.compile(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}(:)\s+\S+(?:\s+\S+){2}")
_QUOTE_MARK_RE = re.compile(
    r":(?=\s*(?:[“\"‘]|''|'(?=[A-Z])))|(?:(?<=[”\"’.'])|(?<=[”\"’.']\s))(?:―|—|--)(?=\s*[A-Z])"
    r"|(?<=\w\s)(?:―|—|--)(?=\s*(?:[“\"]|''))"
)
_WORD_RE = re.compile(r"\w+")
_POSSESSIVE_ENDS = ("'s", "’s")
_CLAUSE_END_RE = re.compile(r"\s*(?:[,.;:!?]|$)")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# Characters without which _QUOTE_MARK_RE cannot match (":" also for _HEADLINE_SPEAKER_RE):
# sentences holding none of them skip those scans.
_QUOTE_MARK_GATE_RE = re.compile(r":|―|—|--")
# "as the memo put it": "as" is looked for this many characters before the idiom.
AS_WINDOW_CHARS = 140


# Nominal cues ("his claim that", "Nervo's conclusion"): a possessive owner before the noun, with
# at most this many lower-case modifiers between ("Trump's latest false claim").
NOUN_MODIFIERS = 2
_POSSESSIVE_PRONOUNS = frozenset("his her their its our my your whose".split())
# A "that" opening a complement clause (its subject follows), not a relative clause ("that was").
_THAT_CLAUSE = re.compile(
    r"\s+that\s+(?:he|she|it|they|we|i|you|there|the|a|an|his|her|their|its|this|these|those|"
    r"some|many|no)\b|\s+that\s+[A-Z]"
)
_MODIFIER = re.compile(r"[a-z][\w-]*$")
# An owned noun is a cue only when its content follows: "Trump's claim that", "his warning: “...”"
# ("his claims of victory" names no content).
_NOUN_CONTENT_AFTER = re.compile(r"\s*(?:that\b|:|,?\s*[“\"‘])")
# A noun of saying, thinking or feeling before its topic or target is a cue whoever owns it
# ("questions about", "criticism of", "support for", "his comments on"): PARC 3.0 and PolNeAR
# annotate such nominal cues with the prepositional phrase as content.
_NOUN_TOPIC_AFTER = re.compile(r"\s+(?:about|over|against)\b")
# "of/for/on/to" name the topic of an owned noun ("Trump's claims of fraud", "his comments on",
# "her promises to"); unowned, they mostly do not ("demand for tickets", "a review of").
_OWNED_TARGET_AFTER = re.compile(r"\s+(?:of|for|on|to)\b")
# Words after which a noun-like cue word is a verb ("you talk about", "to report on").
_NOT_BEFORE_NOUN = frozenset("i you he she it we they who to will would could should may might must can".split())
# attribution_nouns_hand.tsv: every noun before its topic, "all" nouns also before of/for.
_HAND_TOPIC_AFTER = re.compile(r"\s+(?:about|over|against|on|to|towards?)\b")
_HAND_TARGET_AFTER = re.compile(r"\s+(?:of|for)\b")
_WORD_END_RE = re.compile(r"(?![\w’'-])")


class _Cue(NamedTuple):
    start: int
    end: int
    kind: str
    gerund: bool = False


def _inflect(lemma: str, past: str) -> set[str]:
    """base, 3rd person -s, past, participle and -ing forms of a verb lemma."""
    pasts = past.split("|") if past else []
    if not pasts:
        if lemma.endswith("e"):
            pasts = [lemma + "d"]
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            pasts = [lemma[:-1] + "ied"]
        else:
            pasts = [lemma + "ed"]
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    doubled = pasts[0].endswith("ed") and len(pasts[0]) == len(lemma) + 3 and pasts[0][-3] == lemma[-1]
    if doubled:
        gerund = lemma + lemma[-1] + "ing"
    elif lemma.endswith("ie"):
        gerund = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith("ee"):
        gerund = lemma[:-1] + "ing"
    else:
        gerund = lemma + "ing"
    return {lemma, third, gerund, *pasts}


@dataclass(frozen=True, slots=True)
class _Form:
    homograph: bool  # a form that is also a noun ("report", "claims", "a group called X")
    colon_only: bool  # counts only before a colon or comma that opens a quote ("continued:")
    clause_only: bool  # only before "that", a quote or at a clause end ("The Post has learned.")
    as_only: bool  # counts only with an "as" complement ("see the plan as", "painted him as")
    participle: bool  # past form: a passive "is believed" is a hedge, not an attribution
    third: bool  # 3rd person -s form ("shows", "claims")
    derived: bool  # from the WordNet-derived list, not the hand list
    cognition: bool  # belief or intention ("expect", "decide"), not speech
    emotion: bool  # an attitude the subject holds ("admires", "resented"; WordNet verb.emotion)
    stance: bool  # taking a position ("backed", "attacked"): no naming sense as "a group called X"
    evidence: bool  # a finding or rating of a document, poll or rater ("shows", "rated")
    intent: bool  # plans and demands ("plans to", "seeks")
    gerund: bool  # "adding", "saying": the source is the subject of the main clause


# Reporting verbs derived from WordNet's verb.communication (scripts/build_attribution_verbs.py),
# added to the hand-compiled reporting_verbs.tsv.
_WORDNET_VERBS = "attribution_verbs_wordnet"
# More hand-compiled verbs (Levin 1993 judgement verbs, phrasal reporting verbs), read as the hand list.
_HAND_VERBS_MORE = "attribution_verbs_hand"


@cache
def _verb_forms() -> tuple[CuePattern, dict[str, _Form]]:
    alternatives: set[str] = set()
    forms: dict[str, _Form] = {}
    extra = lexicons.load(_HAND_VERBS_MORE)
    hand = (*lexicons.load("reporting_verbs"), *extra)
    hand_lemmas = {r["lemma"].strip().lower() for r in hand}
    for row in (*hand, *lexicons.load(_WORDNET_VERBS)):
        lemma, particle = row["lemma"].strip().lower(), row["particle"].strip()
        # A WordNet phrasal verb of a hand-listed verb with a particle of topic ("talk about",
        # "speak of") is as much a reporting verb as the verb alone: the longer match must not
        # make it stricter ("write off" keeps the WordNet tests).
        derived = row not in hand and not (particle in _TOPIC_PARTICLES and lemma in hand_lemmas)
        if derived and lemma in hand_lemmas and not particle:
            continue  # the hand list's flags win ("regard" counts only before "as")
        past = row["past"].strip().lower()
        inflected = _inflect(lemma, past)
        pasts = {f for f in inflected if f.endswith(("ed", "en")) or f in past.split("|")}
        third = {f for f in inflected if f not in pasts and not f.endswith("ing") and f != lemma}
        for form in inflected:
            term = form + (" " + particle if particle else "")
            alternatives.add(term)
            noun = row["noun"].strip()
            # In attribution_verbs_hand.tsv "yes" also covers a phrasal verb ("23 points to").
            homograph = (not particle or row in extra) and (
                noun == "all" or (noun == "yes" and (form == lemma or form in third)))
            previous = forms.get(term)
            forms[term] = _Form(
                homograph=homograph and (previous is None or previous.homograph),
                colon_only=noun == "colon" and (previous is None or previous.colon_only),
                clause_only=noun == "clause" and (previous is None or previous.clause_only),
                as_only=noun == "as" and (previous is None or previous.as_only),
                participle=form in pasts,
                gerund=form.endswith("ing") and form not in pasts,
                third=form in third,
                derived=derived and (previous is None or previous.derived),
                cognition=row["class"].strip() == "cognition" and (previous is None or previous.cognition),
                emotion=row["class"].strip() == "emotion" and (previous is None or previous.emotion),
                stance=row["class"].strip() == "stance" and (previous is None or previous.stance),
                evidence=row["class"].strip() == "evidence" and (previous is None or previous.evidence),
                intent=row["class"].strip() == "intent" and (previous is None or previous.intent),
            )
    return CuePattern(alternatives), forms


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


@cache
def _noun_forms() -> frozenset[str]:
    """Singular and plural of the nominal cues (attribution_nouns_wordnet.tsv)."""
    nouns = {r["term"].strip().lower() for r in lexicons.load("attribution_nouns_wordnet")}
    return frozenset(nouns | {_plural(n) for n in nouns})


@cache
def _topic_nouns() -> frozenset[str]:
    """The nominal cues that count before their topic (_NOUN_TOPIC_AFTER): those derived from a
    hand-listed news reporting verb ("claim", "criticism", "warning") or naming a feeling ("fear",
    "disdain"); the rest of the WordNet tail ("a call for", "a curse of") needs a "that" clause."""
    hand = {r["lemma"].strip().lower() for r in lexicons.load("reporting_verbs")}
    nouns = {r["term"].strip().lower() for r in lexicons.load("attribution_nouns_wordnet")
             if r["verb"].strip().lower() in hand or r["lexname"].strip() == "feeling"}
    return frozenset(nouns | {_plural(n) for n in nouns})


@cache
def _hand_nouns() -> dict[str, str]:
    """Attitude and agent nouns (attribution_nouns_hand.tsv): term -> the prepositions it takes."""
    return {r["term"].strip().lower(): r["preps"].strip() for r in lexicons.load("attribution_nouns_hand")}


def _noun_cue(sentence: str, n0: int, n1: int) -> bool:
    """Whether the noun at n0:n1 (from _nouns) is a cue: before a "that" clause, or a
    colon or quote after an owner, or its topic or target (_NOUN_TOPIC_AFTER, per list)."""
    if _hand_nouns().get(sentence[n0:n1].lower()) == "support":
        return False  # only in a support-verb phrase ("sent a letter to"; "a forged letter to" is not)
    if _THAT_CLAUSE.match(sentence, n1) or (_NOUN_CONTENT_AFTER.match(sentence, n1) and _owned(sentence, n0)):
        return True
    word = sentence[n0:n1].lower()
    if _previous_word(sentence, n0) in _NOT_BEFORE_NOUN:
        return False  # "you talk about", "to report on": a verb
    preps = _hand_nouns().get(word)
    if preps is None:
        if word not in _topic_nouns():
            return False
        return bool(_NOUN_TOPIC_AFTER.match(sentence, n1)
                    or (_OWNED_TARGET_AFTER.match(sentence, n1) and _owned(sentence, n0)))
    return bool(_HAND_TOPIC_AFTER.match(sentence, n1) or (preps == "all" and _HAND_TARGET_AFTER.match(sentence, n1)))


def _owned(sentence: str, start: int) -> bool:
    """A possessive owner before the noun at `start`, past up to NOUN_MODIFIERS lower-case words:
    "Trump's claim", "his latest claim", "the alliance's recommended"."""
    before = sentence[max(0, start - 80):start].split()
    for k in range(min(NOUN_MODIFIERS, len(before)) + 1):
        if k == len(before):
            return False
        word = before[-1 - k]
        if word.lower() in _POSSESSIVE_PRONOUNS or (len(word) > 2 and word.endswith(("'s", "’s", "s'", "s’"))):
            return True
        if not _MODIFIER.match(word):
            return False
    return False


@cache
def _phrase_re() -> tuple[CuePattern, dict[str, str]]:
    rows = lexicons.load("attribution_cues")
    kinds = {r["term"].lower(): r["kind"] for r in rows}
    for term in _evidential_terms():
        kinds.setdefault(term, "evidential")
    return CuePattern(kinds), kinds


# The complements that make "appear" and "look" verbs of seeming (attribution_evidentials.tsv).
_EVIDENTIAL_FRAMES = {"any": ("",), "to": (" to", " that", " as if", " as though", " like"),
                      "like": (" like", " as if", " as though")}


def _evidential_terms() -> set[str]:
    """Inflected evidential verbs with their required complement ("seems", "appeared to")."""
    terms = set()
    for row in lexicons.load("attribution_evidentials"):
        if row["frame"].strip() not in _EVIDENTIAL_FRAMES:
            continue
        for form in _inflect(row["lemma"].strip().lower(), ""):
            terms.update(form + tail for tail in _EVIDENTIAL_FRAMES[row["frame"].strip()])
    return terms


@cache
def _cue_scanner() -> CueScanner:
    """Phrase cues and verb forms in one scan per sentence (same spans as searching each list)."""
    return CueScanner(_phrase_re()[1], _verb_forms()[1])


# Nominal cues and support-verb phrases rest on the cue nouns (attribution_nouns_wordnet.tsv,
# attribution_nouns_hand.tsv): one scan of the article finds every cue noun, then cheap tests
# near each match decide. A noun counts as a nominal cue only right before an anchor (_NOUN_ANCHOR:
# "that", a preposition of topic, a colon or a quote, past spaces and commas: "claim that", "his
# warning, “..."); the noun must stand after white space, as a whole token.
_NOUN_ANCHOR = r"[ ,]*(?:(?<=\s)(?:that|about|over|against|of|for|on|to|towards?)(?![\w’'-])|[:“\"‘])"


@cache
def _noun_re() -> CasePatterns:
    """The cue nouns; group 2 is set when an anchor follows."""
    nouns = _noun_forms() | set(_hand_nouns())
    # Opens with the white space before the noun (a character set lets `re` skip the other
    # characters fast); the text is scanned with a space in front.
    return CasePatterns.compile(rf"\s((?:{trie_pattern(nouns)})(?![\w-]))((?={_NOUN_ANCHOR}))?")


# "expressed deep concern", "made the case for": a support verb (attribution_support_verbs.tsv),
# at most SUPPORT_MODIFIERS words (determiners, adjectives), then a cue noun.
SUPPORT_MODIFIERS = 3
# Nouns whose support-verb phrase is mostly an act, not a statement ("make calls" on a phone).
SUPPORT_NOUN_EXCLUDE = frozenset(("call", "calls"))
# Looked for before a noun within this many characters (the verb and three modifier words).
SUPPORT_WINDOW_CHARS = 60


@cache
def _support_before_re() -> CasePatterns:
    verbs: set[str] = set()
    for row in lexicons.load("attribution_support_verbs"):
        verbs |= _inflect(row["lemma"].strip().lower(), row["past"].strip().lower())
    return CasePatterns.compile(
        rf"(?<![\w-])(?:{trie_pattern(verbs)})\s+(?:(?:[a-z][\w’'-]*|\d[\d-]*)\s+){{0,{SUPPORT_MODIFIERS}}}$")


def _nouns(text: str, lowered: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(cue nouns before an anchor, support verb + cue noun phrases) in the whole text."""
    noun_re, subject = _noun_re().pick(text, lowered)
    support_re, _ = _support_before_re().pick(text, lowered)
    topic = _topic_nouns()
    hand = _hand_nouns()
    anchored: list[tuple[int, int]] = []
    supports: list[tuple[int, int]] = []
    for m in noun_re.finditer(" " + subject):
        n0, n1 = m.start(1) - 1, m.end(1) - 1
        if m.group(2) is not None:
            anchored.append((n0, n1))
        noun = subject[n0:n1].lower()
        # A capitalised noun is a title or name ("the Make Love, Not Spam website").
        if (noun in topic or noun in hand) and noun not in SUPPORT_NOUN_EXCLUDE and not text[n0].isupper():
            v = support_re.search(subject, max(0, n0 - SUPPORT_WINDOW_CHARS), n0)
            if v is not None and (not supports or supports[-1][1] <= v.start()):
                supports.append((v.start(), n1))
    return anchored, supports


def _noun_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of cue nouns just before an anchor in one sentence (as find_cues finds them)."""
    return _nouns(sentence, sentence.lower())[0]


# "in a new Quinnipiac poll", "in his speech on Monday": a preposition, a determiner or possessive,
# at most CONTAINER_MODIFIERS words, then a document or speech-event noun (attribution_containers.tsv).
# 3 covers "in a Washington Post-ABC News poll" style names without reaching across clauses.
CONTAINER_MODIFIERS = 3


@cache
def _container_re() -> CasePatterns:
    """It opens with the literal words, not a look-behind, so that `re` jumps between "i"/"d"
    characters instead of trying every position."""
    nouns = [r["term"].lower() for r in lexicons.load("attribution_containers")]
    source = (r"(?:in(?<![\w-]in)|during(?<![\w-]during))\s+"
              r"(?:a|an|the|his|her|their|its|our|my|your|this|that|these|those|one|some|several|many|most"
              r"|(?:one|some|many|most|several|each)\s+of\s+(?:the|these|those|his|her|their))\s+"
              rf"(?:[\w’'.-]+\s+){{0,{CONTAINER_MODIFIERS}}}?(?:{trie_pattern(nouns)})s?(?![\w-])")
    return CasePatterns.compile(source)


# Stance adjectives (attribution_adjectives.tsv) after a form of "be" and adverbs ("were also
# incensed that", "has been so vague about"), before their complement. The adjectives are found
# first (a rare word), then the "be" before them within ATTITUDE_WINDOW_CHARS.
ATTITUDE_ADVERBS = 2  # "is not too", "were also deeply": enough for news, short of a clause
ATTITUDE_WINDOW_CHARS = 80
_BE_BEFORE = (
    r"(?:(?<![\w-])(?:(?:is|are|was|were)(?:n['’]t)?|be|been|being|am)|['’](?:s|re|m))\s+"
    rf"(?:(?:not|n['’]t|also|still|so|too|very|more|less|quite|deeply|increasingly|\w+ly)\s+){{0,{ATTITUDE_ADVERBS}}}$"
)
_BE_BEFORE_RES = CasePatterns.compile(_BE_BEFORE)


@cache
def _extraposed() -> frozenset[str]:
    """Adjectives of certainty that count after "it is" before a clause (attribution_evidentials.tsv)."""
    return frozenset(r["lemma"].strip().lower() for r in lexicons.load("attribution_evidentials")
                     if r["frame"].strip() == "extraposed")


# The clause an extraposed adjective controls ("it is clear that", "unclear whether", "how").
_EXTRAPOSED_CLAUSE = re.compile(r"\s+(?:that|whether|if|how|why|what|who|when)\b|\s*:")


@cache
def _attitude_re() -> tuple[CasePatterns, frozenset[str]]:
    rows = [*lexicons.load("attribution_adjectives"),
            *({"term": t, "complement": "prep"} for t in _extraposed())]
    clause = frozenset(r["term"].strip().lower() for r in rows if r["complement"].strip() == "clause")
    # Opens with the white space before the adjective (after "be" there is always some): a
    # character set lets `re` skip the other characters fast.
    source = (rf"\s({trie_pattern(r['term'].strip().lower() for r in rows)})(?![\w-])"
              r"(?=\s+(?:that|about|of|over|with|at|to|by|whether)\b|\s+(he|she|they|we|i|you|it|the|this|there|[a-z]+)\s)")
    return CasePatterns.compile(source), clause


# Subjects that cannot hold a belief: "it is clear that", "this is sure to".
_NON_HOLDERS = frozenset("it this that there what which".split())


def _attitudes(text: str, lowered: str) -> list[tuple[int, int, int]]:
    """(be start, adjective start, adjective end) of stance adjectives in the whole text."""
    adjectives, clause = _attitude_re()
    adjective_re, subject = adjectives.pick(text, lowered)
    be_re, _ = _BE_BEFORE_RES.pick(text, lowered)
    found = []
    for m in adjective_re.finditer(subject):
        # A bare clause after it ("was sure Trump would win") only for the epistemic adjectives;
        # other adjectives need a complementiser or preposition.
        if m.group(2) is not None and m.group(1).lower() not in clause:
            continue
        be = be_re.search(subject, max(0, m.start(1) - ATTITUDE_WINDOW_CHARS), m.start(1))
        if be is not None:
            found.append((be.start(), m.start(1), m.end(1)))
    return found


def _containers(text: str, lowered: str) -> list[tuple[int, int]]:
    """Spans of "in a ... poll"-type phrases in the whole text (one scan per article)."""
    pattern, subject = _container_re().pick(text, lowered)
    return [m.span() for m in pattern.finditer(subject)]


def _by_sentence(spans: list[tuple[int, ...]], sentences: list[Span], starts: list[int],
                 ordered: bool) -> dict[int, list[tuple[int, ...]]]:
    """Sentence index -> the spans (article offsets) that lie inside that sentence, in sentence
    offsets. With ordered sentences the one candidate is the last starting at or before a span."""
    out: dict[int, list[tuple[int, ...]]] = {}
    for sp in spans:
        if ordered:
            k = bisect_right(starts, sp[0]) - 1
            found = [k] if k >= 0 and sp[-1] <= sentences[k].end else []
        else:
            found = [k for k, sent in enumerate(sentences) if sent.start <= sp[0] and sp[-1] <= sent.end]
        for k in found:
            base = starts[k]
            out.setdefault(k, []).append(tuple(x - base for x in sp))
    return out


@cache
def _wire_re() -> re.Pattern[str]:
    return word_pattern((r["term"] for r in lexicons.load("attribution_wire")), flags=0)


@cache
def _wire_anywhere_re() -> re.Pattern[str]:
    """Any wire term, boundaries aside: a text without a match has no wire credit at all."""
    return re.compile(trie_pattern(r["term"] for r in lexicons.load("attribution_wire")))


@cache
def _source_words() -> dict[str, str]:
    return {r["term"].lower(): r["kind"] for r in lexicons.load("attribution_sources")}


def _previous_word_at(text: str, pos: int) -> tuple[int, str]:
    """The word just before pos (as written) and its start, if only white space separates them."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "’'-_"):
        j -= 1
    return j, text[j:i]


def _previous_word(text: str, pos: int) -> str:
    """The lower-cased word just before pos, if only white space separates them."""
    return _previous_word_at(text, pos)[1].lower()


def _running_words(sentence: str, start: int) -> bool:
    """Whether the words from `start` on are running text: at least HEADLINE_LOWER_SHARE of them
    lower case ("Clinton needs to get away from ...", not "Pellegrino, Carson, Hyypia")."""
    words = _WORD_RE.findall(sentence, start)
    return bool(words) and sum(w[0].islower() for w in words) / len(words) >= HEADLINE_LOWER_SHARE


def _title_case(sentence: str) -> bool:
    """Headlines capitalise every word ("Lindsey Graham Says"): cue words may be capitalised."""
    words = [w for w in _WORD_RE.findall(sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def _verb_cues(
    sentence: str, spans: list[tuple[int, int]] | None = None, quotes: list[tuple[int, int]] = ()
) -> list[_Cue]:
    """Reporting-verb cues of a sentence; `spans` are the verb-form matches if already found,
    `quotes` the direct quotes overlapping the sentence (sentence offsets)."""
    pattern, forms = _verb_forms()
    heads = _source_words()
    cues = []
    headline = None
    # Line ends of running text; without one the sentence is a headline, caption or list item.
    terminal = sentence.rstrip().endswith(_TERMINAL)
    for start, end in pattern.spans(sentence) if spans is None else spans:
        word = sentence[start:end]
        low = word.lower()
        form = forms.get(low) or forms[" ".join(low.split())]
        # "called Friday for", "pointed on Monday to": a day between a verb and its particle.
        gap = _DAY_GAP_RE.match(sentence, end)
        if gap is not None:
            form = forms.get(f"{low} {gap.group(1).lower()}", form)
        if form.derived and word[0].isupper():
            continue  # headline ("One Tweet Sums Up") or name: the WordNet tail needs running text
        # A capitalised cue word inside a sentence is a name ("The Post", "Hope Hicks").
        if word[0].isupper() and sentence[:start].strip(" “\"'‘(") != "":
            if headline is None:
                headline = _title_case(sentence)
            if not headline:
                continue
        p0, written = _previous_word_at(sentence, start)
        previous = written.lower()
        # "the report", "his claims", "Putin's claims", "US-backed": nouns and adjectives. A
        # gerund after a preposition is still a verb ("by saying").
        blockers = _DETERMINERS_POSSESSIVES if form.gerund else _NOMINAL_BEFORE
        contracted = previous in _PRONOUN_S and (form.gerund or form.participle)
        # (?:['’]s\s*|(?<!-)-)$ on the text before ("Putin's claims", "US-backed"; "-- said" is a
        # dash), without slicing the prefix: only white space separates the written word before
        # from the cue, so the prefix ends with "'s" exactly when that word does.
        # A relative "that"/"which" as the subject ("cities that support the rules").
        relative = previous in _RELATIVES and bool(_CONTENT_AFTER.match(sentence, end))
        if (previous in blockers and not relative) or (
                sentence[start - 1:start] == "-" and sentence[start - 2:start] != "--") or (
                written.endswith(_POSSESSIVE_ENDS) and not contracted):
            continue
        quote_next = _QUOTE_NEXT.match(sentence, end)
        # Inside a quote the comma before a closing quote is no quote opening ('who cannot read," she said').
        if form.colon_only and (not (quote_next or _after_quote(sentence, p0))
                                or _inside_quote(start, quotes)):
            continue
        if form.as_only and not (_AS_AFTER.match(sentence, end) or (form.participle and _AS_NEXT.match(sentence, end))):
            continue
        # A clause end only after a past form ("BBC Scotland has learned."; "he'll learn." is not).
        if form.clause_only:
            content = (_OPENING_QUOTE_NEXT.match(sentence, end) or _THAT_OR_WHETHER_AFTER.match(sentence, end)
                       or (form.participle and _CLAUSE_END_RE.match(sentence, end)))
            if not content or _inside_quote(start, quotes):
                continue
        if form.derived:
            # The WordNet tail holds many words whose news sense is an action ("imposed
            # sanctions", "attacks the last pocket"): it counts only with verb syntax, in running
            # text (not a headline or caption), outside quotes, with content after it.
            if not terminal or _inside_quote(start, quotes):
                continue
            # "..., recognizing that": a gerund after a comma takes the main clause's subject.
            clause_gerund = form.gerund and sentence[:start].rstrip().endswith(",")
            if not (quote_next or _CLAUSE_AFTER.match(sentence, end)
                    or (not form.cognition and _PERSON_AFTER.match(sentence, end))
                    or ((form.cognition or form.emotion) and _TO_INFINITIVE_AFTER.match(sentence, end))
                    or (form.cognition and _BARE_CLAUSE_AFTER.match(sentence, end))
                    or _TOPIC_AFTER.match(sentence, end)
                    # A prepositional particle already names the topic ("decided against
                    # recommending", "railed at the rules").
                    or word.lower().rsplit(None, 1)[-1] in _TOPIC_PARTICLES):
                continue
            # A clause after the verb ("administrators decided she should share") makes a plain
            # plural noun before it a subject too, not only a name, pronoun or source noun.
            clausal = bool(quote_next or _CLAUSE_AFTER.match(sentence, end)
                           or (form.cognition and _BARE_CLAUSE_AFTER.match(sentence, end)))
            if not clause_gerund and not _subject_before(sentence, start, clausal):
                continue
        # Belief or intention with an indefinite object names a thing, not a proposition.
        if ((form.cognition or form.emotion) and not form.participle and _INDEFINITE_AFTER.match(sentence, end)
                and not _INDEFINITE_CLAUSE.match(sentence, end)):
            continue
        if form.homograph and not (quote_next or _THAT_AFTER.match(sentence, end)):
            # A headline or caption ("A force backed by the US attacks the last pocket"): a form
            # that is also a noun counts there only before a quote or "that".
            if not terminal:
                continue
        if form.homograph and not relative and not _verb_context(
                sentence, start, end, form, previous, p0, contracted, bool(quote_next), heads):
            continue
        if form.participle:
            # "some 3,200 suspected jihadists": a participle after a number, before a bare noun, is
            # an adjective ("in 2010 said the GOP" is a verb).
            if previous[:1].isdigit() and not _CONTENT_AFTER.match(sentence, end):
                continue
            # "is not known": look past an adverb for the passive auxiliary.
            be = previous
            if previous in _PASSIVE_ADVERBS:
                be = _previous_word(sentence, p0)
            # Agentless passive ("are thought to be", "was reported"): hedging, not a credited
            # source. An agentful passive credits the agent only for the hand-listed speech verbs
            # ("was told by"); for the WordNet tail it is mostly an action ("was approved by").
            if be in _BE and (form.derived or be != previous or not _BY_AFTER.match(sentence, end)):
                # Agentless: an implicit source ("it is thought that", "were reported to have bid",
                # "was described as") only with content after it ("the winners will be announced"
                # credits nothing); before "to" only the hearsay verbs count (_HEARSAY_PASSIVES).
                content = _PASSIVE_CONTENT_AFTER.match(sentence, end)
                # Belief verbs raise too ("is expected to", "are thought to"; Quirk et al. 1985,
                # 16.50), and verbs of judging and rating take "as" ("were rated as", "is
                # considered as"); naming and belief verbs also a bare complement ("has been called
                # a charlatan", "is considered a threat"; Levin 1993 class 29).
                judging = form.cognition or form.evidence
                if (form.derived or (form.homograph and low not in _NAMING_FORMS) or content is None
                        or (content.group(1) == "to" and not (low in _HEARSAY_PASSIVES or form.cognition))
                        or (content.group(1) == "as" and not (form.as_only or judging or low in _AS_PASSIVES))
                        or (content.group(1) in ("a", "an", "the")
                            and not (form.cognition or low in _NAMING_FORMS or low in _AS_PASSIVES))
                        or (content.group(1) in ("of", "for") and low not in _JUDGEMENT_PASSIVES)):
                    continue
        cues.append(_Cue(start, end, "reporting_verb", form.gerund))
    return cues


def _inside_quote(pos: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether a cue starting at `pos` lies inside one of `quotes`. A quote span opens with its
    quote character and a cue with a letter, so `pos` never equals a quote's start: `<` and `<=`
    there are the same test (the derived-verb check used `<=`, the others `<`)."""
    return any(q0 < pos < q1 for q0, q1 in quotes)


def _after_quote(sentence: str, p0: int) -> bool:
    """Whether the word at p0 (the subject) follows a closing quote: '"...," she continued.',
    '"...," the letter reads.' (a short noun phrase between)."""
    if not sentence[p0:p0 + 1].isalpha():
        return False
    return sentence[:p0].rstrip().endswith(_QUOTE_CLOSERS) or bool(
        _QUOTE_THEN_DETERMINER.search(sentence, max(0, p0 - AFTER_QUOTE_WINDOW_CHARS), p0))


def _verb_context(sentence: str, start: int, end: int, form: _Form, previous: str, p0: int,
                  contracted: bool, quote_next: bool, heads: dict[str, str]) -> bool:
    """Whether a form that is also a noun or adjective ("claims", "state", "backed") is a verb
    here: after a subject pronoun, auxiliary or source noun, before "that", a quote or an object."""
    low_form = sentence[start:end].lower()
    if previous.endswith("ly") and previous not in _VERB_BEFORE:
        # "aggressively attacked", "generally supported": the adverb's left neighbour decides.
        p0, previous = _previous_word_at(sentence, p0)
        previous = previous.lower()
    # "The Trump campaign called the charges unsubstantiated": a past form between a common noun
    # and an object ("a group called the Virginia Fund" names; a comma makes a participle clause).
    if (form.participle and previous.isalpha() and sentence[p0].islower() and previous not in _NOT_SUBJECT
            and _COMMON_OBJECT_AFTER.match(sentence, end)):
        return True
    # "called Mr. Obama's remarks "a true wake-up call"", "calls people "losers"": a naming verb,
    # its object, then a quote: the words are the subject's. "a group called "X"" (no object) and
    # "a band called the "X"" (a participle after a common noun) only name.
    # A base or -s form needs a subject before it ("call centres have a "churn rate"" is a noun).
    if low_form in _NAMING_FORMS and _NAMING_QUOTE_AFTER.match(sentence, end):
        if form.participle:
            common_noun = previous.isalpha() and sentence[p0].islower() and previous not in _NOT_SUBJECT
            if not common_noun:
                return True
        elif form.gerund or (
                previous in _VERB_BEFORE or previous in ("and", "but") or heads.get(previous) in _SUBJECT_KINDS
                or (previous and sentence[p0].isupper() and previous not in _DETERMINERS_POSSESSIVES)):
            return True
    if previous in _BE and form.participle and _BY_AFTER.match(sentence, end):
        return True  # a passive with its agent: "is supported by far fewer publications"
    if previous in _BE and low_form in _NAMING_FORMS and _NAMED_AFTER.match(sentence, end):
        return True  # a naming passive with its complement: "has been called a charlatan"
    # "The campaign plans to employ", "she hopes to win": an -s form of a plan or belief verb before
    # a to-infinitive, after a noun ("the plans to" and "his hopes to" stop at the determiner).
    if (form.third and (form.intent or form.cognition) and previous.isalpha() and previous not in _NOT_SUBJECT
            and _TO_INFINITIVE_AFTER.match(sentence, end)):
        return True
    if previous == "to":
        # "to protest Turkish shelling", "to report the results": an infinitive of purpose; it
        # counts when it takes content ("to claim that", "to question him", "to say:").
        return bool(quote_next or _CLAUSE_AFTER.match(sentence, end) or _OBJECT_AFTER.match(sentence, end))
    if (previous in _VERB_BEFORE or previous in _HAVE or contracted or quote_next
            or (form.gerund and previous in _BE) or _THAT_AFTER.match(sentence, end)
            or _OBJECT_AFTER.match(sentence, end)
            or ((form.third or (form.stance and not form.gerund)
                 or (form.gerund and sentence[:p0].rstrip().endswith(","))) and _OBJECT_NP_AFTER.match(sentence, end))):
        # A stance verb straight before its object is finite ("attacked her opponent"); a
        # participle ("forces backed by") takes no object. A gerund before its object modifies a
        # noun ("no information supporting the figure") unless a comma sets it off as a clause of
        # the subject ("..., backing the plan").
        return True
    # "officials claim", "critics charge", "52% support", "46 percent back": a source noun or a
    # poll share as the subject.
    # A second verb of the subject ("..., and plans to release", "and called it a common
    # ailment"): after "and", "but" or a comma, with content after it.
    if previous in _COORDINATORS and not form.gerund and (previous or sentence[:start].rstrip().endswith(",")) and (
            _COORDINATED_CONTENT_AFTER.match(sentence, end)):
        return True
    if heads.get(previous) in _SUBJECT_KINDS or previous == "percent" or sentence[:start].rstrip().endswith("%"):
        return True
    # A name as the subject ("Trump charges that", "Cruz called Trump a liar"); a base or -s form
    # needs content after it, or the name is a modifier ("Syrian state media").
    if previous and sentence[p0].isupper() and previous not in _DETERMINERS_POSSESSIVES:
        # "The Wall Street Journal reports.": an -s form may also close the clause.
        return form.participle or bool(_CONTENT_AFTER.match(sentence, end)) or (
            form.third and bool(_CLAUSE_END_RE.match(sentence, end)))
    return False


def _subject_before(sentence: str, start: int, plural_noun: bool = False) -> bool:
    """A subject right before a verb (past adverbs; an auxiliary between makes it a verb anyway):
    a pronoun, a name, a source noun, or a quote before an inverted verb ('"...," chided Reid');
    with `plural_noun`, also a lower-case plural noun ("administrators")."""
    g = _gap_start(sentence, start)
    if g < start and _AUX_IN_GAP.search(sentence, g, start):
        return True
    if sentence[:g].rstrip().endswith((",”", ',"', "”", '"', ",’")):
        return True
    p0, word = _previous_word_at(sentence, g)
    low = word.lower()
    if not word:
        return False
    return (low in _SUBJECT_PRONOUNS or _source_words().get(low) in _SUBJECT_KINDS
            or (word[0].isupper() and low not in _DETERMINERS_POSSESSIVES and low not in _NP_STOP)
            or (plural_noun and word.isalpha() and word.islower() and low.endswith("s")
                and not low.endswith(("ss", "us", "is")) and low not in _NOT_SUBJECT))


def _quotes(text: str) -> list[tuple[int, int]]:
    """Direct quotes of QUOTE_MIN_WORDS or more, as (start, end) in text; unclosed quotes run to
    the end of the line (a quote that continues into the next paragraph)."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        if len(_WORD_RE.findall(m.group())) >= QUOTE_MIN_WORDS:
            spans.append((m.start(), m.end()))
    return spans


def _tokens(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(sentence, start, end)]
    if sentence.find(".", start, end) < 0:
        return out
    for k, (b, e, word) in enumerate(out):
        # A full stop ends a token unless the token is an abbreviation ("U.S.", "Sgt.").
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
            out[k] = (b, e - 1, word[:-1])
    return out


def _iter_tokens(sentence: str, start: int) -> Iterator[tuple[int, int, str]]:
    """_tokens(sentence, start, len(sentence)), one at a time (a walk rarely goes far)."""
    for m in _TOKEN_RE.finditer(sentence, start):
        b, e, word = m.start(), m.end(), m.group()
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
            e, word = e - 1, word[:-1]
        yield b, e, word


def _source_before(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The source phrase that ends just before a cue verb ("the Observatory said"), skipping
    auxiliaries and adverbs; for "NAME, a spokesman, said" the name before the apposition."""
    end = _gap_start(sentence, cue_start)
    head = sentence[:end]
    stripped = head.rstrip()
    comma = stripped.endswith(",")
    phrase = _walk_left(sentence, stripped.rstrip(",") if comma else head)
    if phrase is None:
        return None
    start, stop = phrase
    if not comma:
        return phrase
    # Apposition: "Commander Sean Robertson, a Pentagon spokesman, said" -> the name.
    before = sentence[:start].rstrip()
    if before.endswith(",") and sentence[start:stop].split()[0].lower() in _DETERMINERS:
        named = _walk_left(sentence, before[:-1])
        if named and sentence[named[0]].isupper() and named[0] == 0 or (
            named and sentence[named[0]].isupper() and not sentence[: named[0]].rstrip().endswith(",")
        ):
            return named
    # "..., the monitor said": a phrase after a comma must not run into the clause before it.
    return phrase


def _gap_start(sentence: str, end: int) -> int:
    """Where the adverbs and auxiliaries before `end` begin (white space before them included):
    the leftmost p such that sentence[p:end] is white space and _GAP_WORDS words, each after white
    space. A walk back over the words, so its cost does not grow with the sentence."""
    p = end
    while p > 0 and sentence[p - 1].isspace():
        p -= 1
    while p > 0:
        k = p  # the word ending at p
        while k > 0 and not sentence[k - 1].isspace():
            k -= 1
        word = sentence[k:p]
        if not word or not (word in _GAP_WORDS or _GAP_WORD_RE.fullmatch(word)):
            if not (word and _WEEKDAY_RE.fullmatch(word)):
                break
            # "on Monday": "on" and white space before the weekday.
            a = k
            while a > 0 and sentence[a - 1].isspace():
                a -= 1
            if a == k or a < 2 or sentence[a - 2:a] != "on" or (a > 2 and not sentence[a - 3].isspace()):
                break
            k = a - 2
        q = k  # white space before the word, at least one character
        while q > 0 and sentence[q - 1].isspace():
            q -= 1
        if q == k:
            break
        p = q
    return p


def _walk_left(sentence: str, head: str) -> tuple[int, int] | None:
    # Tokens are read from the right, lazily, by tokenising the reversed head: _TOKEN_RE's classes
    # read the same both ways, so these are _tokens(sentence, 0, len(head)) in reverse order, and
    # the walk (at most SOURCE_MAX_WORDS tokens, usually two or three) tokenises no further.
    n = len(head)
    matches = _TOKEN_RE.finditer(head[::-1])

    def token(m: re.Match[str]) -> tuple[int, int, str]:
        word, b, e = m.group()[::-1], n - m.end(), n - m.start()
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
            return b, e - 1, word[:-1]
        return b, e, word

    picked: list[tuple[int, int, str]] = []
    m = next(matches, None)
    while m is not None:
        tok = token(m)
        word = tok[2]
        low = word.lower()
        if not (word[0].isalnum()) or len(picked) >= SOURCE_MAX_WORDS:
            break
        m = next(matches, None)  # the token before this one
        if low in _DETERMINERS:
            picked.append(tok)
            # "a spokesman for the coalition": a determiner after a link word is inside the phrase.
            if m is not None and token(m)[2].lower() in _NP_LINKS:
                continue
            break
        if low in _NP_STOP:
            break
        if low in _NP_LINKS and not picked:
            break
        picked.append(tok)
    while picked and picked[-1][2].lower() in _NP_LINKS:
        picked.pop()
    if not picked:
        return None
    picked.reverse()
    first, last = picked[0][2], picked[-1][2].lower()
    # A source opens with a determiner, a number or a name, or is a bare plural ("US officials");
    # anything else is the tail of a clause ("which now controls much of eastern Syria").
    if not (first[0].isupper() or first[0].isdigit() or first.lower() in _DETERMINERS
            or _source_words().get(last) == "head"):
        return None
    return picked[0][0], picked[-1][1]


def _source_after(sentence: str, cue_end: int) -> tuple[int, int] | None:
    """The source after a cue: '"...," said Rami Abdel Rahman, the head of ...', 'according to
    the Observatory', 'according to two officials'."""
    picked: list[tuple[int, int, str]] = []
    for m0, m1, word in _iter_tokens(sentence, cue_end):
        low = word.lower()
        if not word[0].isalnum() or len(picked) > SOURCE_MAX_WORDS:
            break
        if low in _NP_STOP or (picked and low in _DETERMINERS):
            break
        # A lower-case word after a name ends it ("said Putin yesterday").
        if picked and word[0].islower() and low not in _NP_LINKS and picked[-1][2][0].isupper():
            break
        picked.append((m0, m1, word))
    while picked and picked[-1][2].lower() in _NP_LINKS | _DETERMINERS:
        picked.pop()
    if not picked or len(picked) > SOURCE_MAX_WORDS:
        return None
    first = picked[0][2]
    heads = _source_words()
    if not (first[0].isupper() or first.lower() in _DETERMINERS or heads.get(first.lower()) == "head"):
        return None
    return picked[0][0], picked[-1][1]


def _inverted_source(sentence: str, cue: _Cue) -> tuple[int, int] | None:
    """'"...," said Rami Abdel Rahman.' or '..., said the minister, adding': a source after the
    verb, only right after a quote or comma and only when the phrase closes the clause."""
    if not sentence[: cue.start].rstrip().endswith((",", "”", '"')):
        return None
    span = _source_after(sentence, cue.end)
    if span is None or not _CLAUSE_END_RE.match(sentence, span[1]):
        return None
    return span


def _classify(phrase: str, sentence_start: bool) -> str | None:
    """named_source, anonymous_source, or None for pronouns and definite descriptions."""
    words = phrase.split()
    low = [w.lower().strip("’'") for w in words]
    kinds = _source_words()
    if len(words) == 1 and kinds.get(low[0]) == "pronoun":
        return None
    if any(kinds.get(w) == "marker" and w != "senior" for w in low):
        return "anonymous_source"
    if low[0] in _INDEFINITE:
        return "anonymous_source"
    content = words[1:] if low[0] in _DETERMINERS else words
    # At a sentence start every word is capitalised: "Officials said" is still anonymous.
    if sentence_start and low[0] not in _DETERMINERS and kinds.get(low[0]) == "head" and len(words) == 1:
        return "anonymous_source"
    if any(w[0].isupper() for w in content):
        # "a Pentagon spokesman" stays anonymous above; "the US military", "Putin" are named.
        return "named_source"
    if low[0] == "the" or low[0] in kinds:
        return None  # "the monitor": refers back to a source named earlier
    if kinds.get(low[-1]) == "head":
        return "anonymous_source"  # bare plural: "officials", "security sources"
    return None


def _normalise_name(phrase: str) -> str:
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return _POSSESSIVE_RE.sub("", " ".join(words))


def _distinct_names(names: list[str]) -> list[str]:
    """Merge names where one is contained in another ("Abdel Rahman" in "Rami Abdel Rahman")."""
    kept: list[str] = []
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n)):
        tokens = set(name.lower().replace(".", "").split()) - _TITLES
        if not any(tokens <= set(k.lower().replace(".", "").split()) for k in kept):
            kept.append(name)
    return sorted(kept)


def find_cues(text: str, sentences: list[Span]) -> tuple[list[Evidence], list[bool]]:
    """Evidence for every cue and source in `sentences`, and per sentence whether it is attributed."""
    evidence: list[Evidence] = []
    attributed = [False] * len(sentences)
    quotes = _quotes(text)
    phrase_kinds = _phrase_re()[1]
    lowered = text.lower()
    # Every scan runs once on the whole article; its matches are then dealt out to the sentences
    # that hold them whole.
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    starts = [sent.start for sent in sentences]
    phrase_all, verb_all = _cue_scanner().spans(text)
    noun_all, support_all = _nouns(text, lowered)
    by_phrase, by_verb, by_noun, by_support, by_container, by_attitude = (
        _by_sentence(spans, sentences, starts, ordered) for spans in (
            phrase_all, verb_all, noun_all, support_all, _containers(text, lowered), _attitudes(text, lowered)))
    wire_re = _wire_re() if _wire_anywhere_re().search(text) else None
    # Quotes are non-overlapping finditer matches, so their starts and ends both increase.
    quote_ends = [q1 for _, q1 in quotes]
    # Starts of the quote-mark characters in the whole text. A "--" inside a sentence is found at
    # its own start or one before it (a "-" just before it), so a sentence that holds one has a
    # start in [sentence start - 1, sentence end); a start there that does not belong to the
    # sentence only costs a scan of it.
    gates = [m.start() for m in _QUOTE_MARK_GATE_RE.finditer(text)]
    for i, sent in enumerate(sentences):
        s = sent.text
        base = sent.start
        cues: list[_Cue] = []
        phrase_spans = by_phrase.get(i, ())
        verb_spans = by_verb.get(i, ())
        noun_spans = by_noun.get(i, ())
        supports = by_support.get(i, ())
        containers = by_container.get(i, ())
        attitudes = by_attitude.get(i, ())
        for p0, p1 in phrase_spans:
            phrase = " ".join(s[p0:p1].lower().split())
            # "per" only as "per <Name>" (per the report / per Reuters), not "per cent", "per day".
            if phrase == "per" and not _PER_NAME.match(s, p1):
                continue
            if phrase == "put it" and not (_PUT_IT_END.match(s, p1)
                                           and _AS_BEFORE.search(s, max(0, p0 - AS_WINDOW_CHARS), p0)):
                continue
            cues.append(_Cue(p0, p1, phrase_kinds[phrase]))
        for c0, c1 in containers:
            if not any(c.start < c1 and c0 < c.end for c in cues):
                cues.append(_Cue(c0, c1, "nominal"))
        for c0, c1 in supports:
            if not any(c.start < c1 and c0 < c.end for c in cues):
                cues.append(_Cue(c0, c1, "noun_cue"))
        for b0, a0, a1 in attitudes:
            subject = _previous_word_at(s, b0)[1]
            # "Senator Lamar Alexander of Tennessee, were willing": a subject with an apposition.
            if subject.lower() not in _NON_HOLDERS and (_subject_before(s, b0) or s[:b0].rstrip().endswith(",")):
                cues.append(_Cue(a0, a1, "attitude"))
            elif subject.lower() == "it" and s[a0:a1].lower() in _extraposed() and _EXTRAPOSED_CLAUSE.match(s, a1):
                cues.append(_Cue(a0, a1, "evidential"))
        g = bisect_left(gates, base - 1)
        if g < len(gates) and gates[g] < sent.end:
            # Searched in the whole text so that the look-behind sees a quote closing the sentence before.
            for m in _QUOTE_MARK_RE.finditer(text, base, sent.end):
                mark = m.group().strip()
                start = m.start() + m.group().index(mark) - base
                cues.append(_Cue(start, start + len(mark), "quote_mark"))
        if ":" in s:
            headline = _HEADLINE_SPEAKER_RE.match(s)
            # Title case, or a line without terminal punctuation ("Sanders: Clinton needs to ...").
            # The article's first line is its headline whatever its punctuation ("Poll: Clinton
            # and Trump in dead heat."), if running words follow the colon (not a list of names).
            # Names in a comma list after the colon are a line-up ("Subs Not Used: Pellegrino,
            # Carson, Hyypia"), not a claim.
            if headline is not None:
                h1 = headline.end(1)
                running = _running_words(s, h1)
                if (running or s.count(",", h1) < 2) and (
                        _title_case(s) or not s.rstrip().endswith(_TERMINAL) or (running and not text[:base].strip())):
                    cues.append(_Cue(headline.start(1), h1, "quote_mark"))
        # Quotes overlapping the sentence, in sentence offsets (the first ending after its start).
        k = bisect_right(quote_ends, sent.start)
        local_quotes = []
        while k < len(quotes) and quotes[k][0] < sent.end:
            local_quotes.append((quotes[k][0] - base, quotes[k][1] - base))
            k += 1
        verbs = _verb_cues(s, verb_spans, local_quotes) if verb_spans else []
        # A verb inside a nominal phrase ("said in a statement") is reported once, as the phrase.
        cues += [v for v in verbs if not any(c.start <= v.start < c.end for c in cues)]
        for n0, n1 in noun_spans:  # after the verbs: "He claims that" is a verb
            if _noun_cue(s, n0, n1) and not any(
                    c.start < n1 and n0 < c.end for c in cues):
                cues.append(_Cue(n0, n1, "noun_cue"))
        for cue in cues:
            evidence.append(Evidence.at(text, base + cue.start, base + cue.end, signal=NAME,
                                        kind=cue.kind, reason=_REASONS[cue.kind]))
            span = None
            if cue.kind == "reporting_verb":
                if cue.gerund:
                    continue  # "..., adding that": the source is the main clause's subject
                span = _inverted_source(s, cue) or _source_before(s, cue.start)
            elif cue.kind == "nominal" and s[cue.start:cue.end].split()[0].lower() in _verb_forms()[1]:
                span = _source_before(s, cue.start)  # "the ministry said in a statement"
            elif cue.kind == "according_to":
                span = _source_after(s, cue.end)
            if span is None:
                continue
            kind = _classify(s[span[0]:span[1]], span[0] == 0)
            if kind is None or _wire_re().fullmatch(s[span[0]:span[1]]):
                continue
            evidence.append(Evidence.at(text, base + span[0], base + span[1], signal=NAME,
                                        kind=kind, reason=_REASONS[kind]))
        for m in wire_re.finditer(s) if wire_re is not None else ():
            evidence.append(Evidence.at(text, base + m.start(), base + m.end(), signal=NAME,
                                        kind="wire_credit", reason=_REASONS["wire_credit"]))
        attributed[i] = bool(cues) or bool(local_quotes)
    for q0, q1 in quotes:
        if ordered:  # the one sentence that can hold q0: the last starting at or before it
            k = bisect_right(starts, q0) - 1
            inside = k >= 0 and q0 < sentences[k].end
        else:
            inside = any(sent.start <= q0 < sent.end for sent in sentences)
        if inside:
            evidence.append(Evidence.at(text, q0, q1, signal=NAME, kind="quote", reason=_REASONS["quote"]))
    return evidence, attributed


def attribution_signal(article: Article, context: RunContext) -> SignalResult:
    text = article.text
    sentences = article.content_sentences
    evidence, flags = find_cues(text, sentences)
    if (skipped := other_language(article, NAME)) is not None:
        # Quote marks and an agency's name read the same in any language ("a déclaré à l'AFP").
        evidence = [ev for ev in evidence if ev.kind in ("quote", "quote_mark", "wire_credit")]
        return SignalResult(scores={NAME: 0.0}, evidence=evidence, details={
            "skipped": skipped + "; only quotations and news-agency credits were looked for",
            "quotes": sum(1 for ev in evidence if ev.kind == "quote"),
            "wire_credits": sorted({ev.text for ev in evidence if ev.kind == "wire_credit"})})
    names = [_normalise_name(ev.text) for ev in evidence if ev.kind == "named_source"]
    details = {
        "attributed_sentences": sum(flags),
        "sentences": len(sentences),
        "quotes": sum(1 for ev in evidence if ev.kind == "quote"),
        "named_sources": _distinct_names(names),
        "anonymous_sources": sum(1 for ev in evidence if ev.kind == "anonymous_source"),
        "wire_credits": sorted({ev.text for ev in evidence if ev.kind == "wire_credit"}),
    }
    share = sum(flags) / len(sentences) if sentences else 0.0
    return SignalResult(scores={"attribution": share}, evidence=evidence, details=details)

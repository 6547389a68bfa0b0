"""Attribution cue lexicons and their compiled patterns.

Reads the attribution lexicons (reporting_verbs.tsv and the attribution_*.tsv files) once and turns
them into what the attribution signal scans with: the inflected verb forms with their flags
(VerbForm: homograph, colon-only, cognition, ...), the phrase cues and verbs of seeming, the cue
nouns and support-verb phrases, the "in a ... poll" containers, the stance adjectives after "be",
the wire-service credits and the source words. The whole-text scans (find_nouns, find_containers,
find_attitudes) run once per article; deciding whether a match is a cue in its sentence is left
to attribution_verbs and attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from analyzer import lexicons
from analyzer.signals.cue_patterns import CasePatterns, CuePattern, CueScanner, trie_pattern, word_pattern

# Particles of topic: a phrasal verb with one names what is talked about ("talk about", "rail at").
TOPIC_PARTICLES = frozenset("about against on for at with over".split())


class Cue(NamedTuple):
    """A cue in a sentence (sentence offsets); `gerund` for a reporting verb in -ing after no form
    of "be" ("..., adding"), `passive` for a participle after one ("was told by")."""

    start: int
    end: int
    kind: str
    gerund: bool = False
    passive: bool = False


def inflect(lemma: str, past: str) -> set[str]:
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
class VerbForm:
    homograph: bool  # a form that is also a noun ("report", "claims", "a group called X")
    colon_only: bool  # counts only before a colon or comma that opens a quote ("continued:")
    clause_only: bool  # only before "that", a quote or at a clause end ("The Post has learned.")
    content_only: bool  # only with reported content: as clause_only, or a clause ("added the firm would")
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
def verb_forms() -> tuple[CuePattern, dict[str, VerbForm]]:
    alternatives: set[str] = set()
    forms: dict[str, VerbForm] = {}
    extra = lexicons.load(_HAND_VERBS_MORE)
    hand = (*lexicons.load("reporting_verbs"), *extra)
    hand_lemmas = {r["lemma"].strip().lower() for r in hand}
    for row in (*hand, *lexicons.load(_WORDNET_VERBS)):
        lemma, particle = row["lemma"].strip().lower(), row["particle"].strip()
        # A WordNet phrasal verb of a hand-listed verb with a particle of topic ("talk about",
        # "speak of") is as much a reporting verb as the verb alone: the longer match must not
        # make it stricter ("write off" keeps the WordNet tests).
        derived = row not in hand and not (particle in TOPIC_PARTICLES and lemma in hand_lemmas)
        if derived and lemma in hand_lemmas and not particle:
            continue  # the hand list's flags win ("regard" counts only before "as")
        past = row["past"].strip().lower()
        inflected = inflect(lemma, past)
        pasts = {f for f in inflected if f.endswith(("ed", "en")) or f in past.split("|")}
        third = {f for f in inflected if f not in pasts and not f.endswith("ing") and f != lemma}
        for form in inflected:
            term = form + (" " + particle if particle else "")
            alternatives.add(term)
            noun = row["noun"].strip()
            # In attribution_verbs_hand.tsv "yes" also covers a phrasal verb ("23 points to");
            # "plural": only the -s form is a common noun ("peace talks"; "to talk to" is a verb).
            homograph = (not particle or row in extra) and (
                noun == "all" or (noun == "yes" and (form == lemma or form in third))
                or (noun == "plural" and form in third))
            previous = forms.get(term)
            forms[term] = VerbForm(
                homograph=homograph and (previous is None or previous.homograph),
                colon_only=noun == "colon" and (previous is None or previous.colon_only),
                clause_only=noun == "clause" and (previous is None or previous.clause_only),
                content_only=noun == "content" and (previous is None or previous.content_only),
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
def noun_forms() -> frozenset[str]:
    """Singular and plural of the nominal cues (attribution_nouns_wordnet.tsv)."""
    nouns = {r["term"].strip().lower() for r in lexicons.load("attribution_nouns_wordnet")}
    return frozenset(nouns | {_plural(n) for n in nouns})


@cache
def topic_nouns() -> frozenset[str]:
    """The nominal cues that count before their topic ("about", "over", "against"): those derived from a
    hand-listed news reporting verb ("claim", "criticism", "warning") or naming a feeling ("fear",
    "disdain"); the rest of the WordNet tail ("a call for", "a curse of") needs a "that" clause."""
    hand = {r["lemma"].strip().lower() for r in lexicons.load("reporting_verbs")}
    nouns = {r["term"].strip().lower() for r in lexicons.load("attribution_nouns_wordnet")
             if r["verb"].strip().lower() in hand or r["lexname"].strip() == "feeling"}
    return frozenset(nouns | {_plural(n) for n in nouns})


@cache
def hand_nouns() -> dict[str, str]:
    """Attitude and agent nouns (attribution_nouns_hand.tsv): term -> the prepositions it takes."""
    return {r["term"].strip().lower(): r["preps"].strip() for r in lexicons.load("attribution_nouns_hand")}


@cache
def phrase_re() -> tuple[CuePattern, dict[str, str]]:
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
        for form in inflect(row["lemma"].strip().lower(), ""):
            terms.update(form + tail for tail in _EVIDENTIAL_FRAMES[row["frame"].strip()])
    return terms


@cache
def cue_scanner() -> CueScanner:
    """Phrase cues and verb forms in one scan per sentence (same spans as searching each list)."""
    return CueScanner(phrase_re()[1], verb_forms()[1])


# Nominal cues and support-verb phrases rest on the cue nouns (attribution_nouns_wordnet.tsv,
# attribution_nouns_hand.tsv): one scan of the article finds every cue noun, then cheap tests
# near each match decide. A noun counts as a nominal cue only right before an anchor (_NOUN_ANCHOR:
# "that", a preposition of topic, a colon or a quote, past spaces and commas: "claim that", "his
# warning, “..."); the noun must stand after white space, as a whole token.
_NOUN_ANCHOR = r"[ ,]*(?:(?<=\s)(?:that|about|over|against|of|for|on|to|towards?)(?![\w’'-])|[:“\"‘])"


@cache
def _noun_re() -> CasePatterns:
    """The cue nouns; group 2 is set when an anchor follows."""
    nouns = noun_forms() | set(hand_nouns())
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
        verbs |= inflect(row["lemma"].strip().lower(), row["past"].strip().lower())
    return CasePatterns.compile(
        rf"(?<![\w-])(?:{trie_pattern(verbs)})\s+(?:(?:[a-z][\w’'-]*|\d[\d-]*)\s+){{0,{SUPPORT_MODIFIERS}}}$")


def find_nouns(text: str, lowered: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(cue nouns before an anchor, support verb + cue noun phrases) in the whole text."""
    noun_re, subject = _noun_re().pick(text, lowered)
    support_re, _ = _support_before_re().pick(text, lowered)
    topic = topic_nouns()
    hand = hand_nouns()
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


def noun_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of cue nouns just before an anchor in one sentence (as find_cues finds them)."""
    return find_nouns(sentence, sentence.lower())[0]


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
def extraposed() -> frozenset[str]:
    """Adjectives of certainty that count after "it is" before a clause (attribution_evidentials.tsv)."""
    return frozenset(r["lemma"].strip().lower() for r in lexicons.load("attribution_evidentials")
                     if r["frame"].strip() == "extraposed")


@cache
def _attitude_re() -> tuple[CasePatterns, frozenset[str]]:
    rows = [*lexicons.load("attribution_adjectives"),
            *({"term": t, "complement": "prep"} for t in extraposed())]
    clause = frozenset(r["term"].strip().lower() for r in rows if r["complement"].strip() == "clause")
    # Opens with the white space before the adjective (after "be" there is always some): a
    # character set lets `re` skip the other characters fast.
    source = (rf"\s({trie_pattern(r['term'].strip().lower() for r in rows)})(?![\w-])"
              r"(?=\s+(?:that|about|of|over|with|at|to|by|whether)\b|\s+(he|she|they|we|i|you|it|the|this|there|[a-z]+)\s)")
    return CasePatterns.compile(source), clause


def find_attitudes(text: str, lowered: str) -> list[tuple[int, int, int]]:
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


def find_containers(text: str, lowered: str) -> list[tuple[int, int]]:
    """Spans of "in a ... poll"-type phrases in the whole text (one scan per article)."""
    pattern, subject = _container_re().pick(text, lowered)
    return [m.span() for m in pattern.finditer(subject)]


@cache
def wire_credit_re() -> re.Pattern[str]:
    return word_pattern((r["term"] for r in lexicons.load("attribution_wire")), flags=0)


@cache
def wire_anywhere_re() -> re.Pattern[str]:
    """Any wire term, boundaries aside: a text without a match has no wire credit at all."""
    return re.compile(trie_pattern(r["term"] for r in lexicons.load("attribution_wire")))


@cache
def source_words() -> dict[str, str]:
    return {r["term"].lower(): r["kind"] for r in lexicons.load("attribution_sources")}

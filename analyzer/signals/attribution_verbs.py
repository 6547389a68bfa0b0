"""Reporting-verb cues: whether a matched verb form is used as a verb that credits a claim.

Many cue verbs are also nouns or adjectives ("the report", "his claims", "US-backed"), take
content only in some frames ("appear to", "regard ... as"), or, in the WordNet-derived tail, are
mostly actions ("imposed sanctions"). verb_cues takes the verb-form matches of one sentence
(attribution_cues.verb_forms) and keeps those whose neighbours make them a verb with content: a
subject before (subject_before), a clause, quote, object or infinitive after, agentless passives
only as implicit sources, and headline or quote context. previous_word_at and title_case are the
word-level helpers the attribution signal shares with it.
"""

from __future__ import annotations

import re

from analyzer.signals.attribution_cues import TOPIC_PARTICLES, Cue, VerbForm, noun_forms, source_words, verb_forms
from analyzer.signals.attribution_sources import BY_AFTER_RE, CLAUSE_END_RE, NP_STOP, finite_verb, gap_start

# Share of long words capitalised from which a line is a title-case headline (headline style
# capitalises nearly every word of four letters or more; running text rarely passes a half).
TITLE_CASE_SHARE = 0.7

# Words after which a verb form is a noun or adjective ("the report", "his claims", "an alleged").
_NOMINAL_BEFORE = frozenset(
    """a an the this that these those his her its their our my your whose every each no any
    of in on for with by from at into about as such""".split()
)
_DAY_GAP_RE = re.compile(
    r"\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday)\s+([a-z]+)\b", re.IGNORECASE)
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
# Reported content after a content-only verb ("add"): a clause without "that" (a subject, then a
# finite verb: "added the company would", "adding it expected") or a quote ('added the pair "brought')
# within this many words, before any punctuation. Subjects of news clauses are short; "added more
# than five million new customers in" holds no finite verb.
CONTENT_WORDS = 6
_CONTENT_TOKEN_RE = re.compile(r"[\w’'-]+|[^\w\s’'-]")
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
# auxiliaries between, as gap_start).
_SUBJECT_PRONOUNS = frozenset("i you he she it we they who".split())
# Adverbs between "is/was" and a participle that keep it an agentless passive ("is not known").
_PASSIVE_ADVERBS = frozenset("not n't also widely still long generally commonly largely".split())
# A quote closing just before a word (with the comma inside it): '"...," she continued.'
_QUOTE_CLOSERS = (",”", ',"', "”", '"', ",’", ",''", "''")
# '"...," the letter reads': a closing quote, a determiner and up to two modifiers before the
# subject noun (searched in the last AFTER_QUOTE_WINDOW_CHARS characters before it).
_QUOTE_THEN_DETERMINER = re.compile(
    r"(?:”|\"|’|'')\s+(?:the|a|an|his|her|its|their|this|that)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
AFTER_QUOTE_WINDOW_CHARS = 60
# Line ends of running text; a "sentence" without one is a headline, caption or list item.
TERMINAL = tuple('.!?"”’:;)…')
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
_COORDINATED_CONTENT_AFTER = re.compile(
    r"\s+(?:that|whether|him|her|them|us|me|it|to\s+[a-z]+)\b|\s*[:,]?\s*[“\"‘]")
_DETERMINERS_POSSESSIVES = frozenset(
    "a an the this that these those his her its their our my your whose every each no any".split()
)
# Words that cannot be the head of a subject right before a verb ("the so-called", "of").
_NOT_SUBJECT = NP_STOP | _DETERMINERS_POSSESSIVES | _NOMINAL_BEFORE | frozenset("so-called".split())
# ": “..." or ", “...": the verb introduces a quote.
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*[“\"‘]|\s*:\s*$")
# "see the program as an easier way": the object, at most AS_WORDS words, then "as".
AS_WORDS = 6
_AS_AFTER = re.compile(rf"(?:\s+[\w’'.-]+){{1,{AS_WORDS}}}?\s+as\b")
# Plain \w+ runs (no apostrophes): attribution counts words this way in quotes and sentences too.
WORD_RE = re.compile(r"\w+")
_POSSESSIVE_ENDS = ("'s", "’s")


def previous_word_at(text: str, pos: int) -> tuple[int, str]:
    """The word just before pos (as written) and its start, if only white space separates them."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "’'-_"):
        j -= 1
    return j, text[j:i]


def previous_word(text: str, pos: int) -> str:
    """The lower-cased word just before pos, if only white space separates them."""
    return previous_word_at(text, pos)[1].lower()


def title_case(sentence: str) -> bool:
    """Headlines capitalise every word ("Lindsey Graham Says"): cue words may be capitalised."""
    words = [w for w in WORD_RE.findall(sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def verb_cues(
    sentence: str, spans: list[tuple[int, int]] | None = None, quotes: list[tuple[int, int]] = ()
) -> list[Cue]:
    """Reporting-verb cues of a sentence; `spans` are the verb-form matches if already found,
    `quotes` the direct quotes overlapping the sentence (sentence offsets)."""
    pattern, forms = verb_forms()
    heads = source_words()
    cues = []
    headline = None
    # Line ends of running text; without one the sentence is a headline, caption or list item.
    terminal = sentence.rstrip().endswith(TERMINAL)
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
                headline = title_case(sentence)
            if not headline:
                continue
        # "Talks resume on day 1.", "Reports suggest ...": an -s form with no word before it in its
        # sentence has no subject, so when it is also a plural noun it heads the subject. A
        # subjectless headline verb keeps a pronoun clause or object after it ("Recalls he was
        # there", "Calls them liars"); forms that are no noun ("Says he will go") are verbs.
        if form.third and not sentence[:start].strip(" “\"'‘(") and _plural_noun(low, forms) and not (
                _BARE_CLAUSE_AFTER.match(sentence, end) or _OBJECT_AFTER.match(sentence, end)):
            continue
        p0, written = previous_word_at(sentence, start)
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
        if form.content_only and not (quote_next or _reported_content(sentence, start, end, p0, form, heads)):
            continue
        if form.as_only and not (_AS_AFTER.match(sentence, end) or (form.participle and _AS_NEXT.match(sentence, end))):
            continue
        # A clause end only after a past form ("BBC Scotland has learned."; "he'll learn." is not).
        if form.clause_only:
            content = (_OPENING_QUOTE_NEXT.match(sentence, end) or _THAT_OR_WHETHER_AFTER.match(sentence, end)
                       or (form.participle and CLAUSE_END_RE.match(sentence, end)))
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
                    or word.lower().rsplit(None, 1)[-1] in TOPIC_PARTICLES):
                continue
            # A clause after the verb ("administrators decided she should share") makes a plain
            # plural noun before it a subject too, not only a name, pronoun or source noun.
            clausal = bool(quote_next or _CLAUSE_AFTER.match(sentence, end)
                           or (form.cognition and _BARE_CLAUSE_AFTER.match(sentence, end)))
            if not clause_gerund and not subject_before(sentence, start, clausal):
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
                be = previous_word(sentence, p0)
            # Agentless passive ("are thought to be", "was reported"): hedging, not a credited
            # source. An agentful passive credits the agent only for the hand-listed speech verbs
            # ("was told by"); for the WordNet tail it is mostly an action ("was approved by").
            if be in _BE and (form.derived or be != previous or not BY_AFTER_RE.match(sentence, end)):
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
        # "Trump is once again questioning": a progressive, whose subject is the source; only a
        # clause gerund ("..., adding that") takes the main clause's. After "be", another form is
        # a passive ("had been challenged by"): its subject is no source.
        be = be_before(sentence, start)
        cues.append(Cue(start, end, "reporting_verb", form.gerund and not be, be and not form.gerund))
    return cues


def _plural_noun(low: str, forms: dict[str, VerbForm]) -> bool:
    """Whether an -s form (its first word, for a phrasal "calls for") is also a plural noun: the
    lexicon's noun flag or a nominal cue of attribution_nouns_wordnet.tsv ("talks", "remarks")."""
    head = low.split()[0]
    form = forms.get(head)
    return (form is not None and form.homograph) or head in noun_forms()


def be_before(sentence: str, start: int) -> bool:
    """A form of "be" among the auxiliaries and adverbs before the verb at `start`, or just before
    them ("is once again questioning", "has been saying")."""
    g = gap_start(sentence, start)
    words = sentence[g:start].lower().split()
    words.append(previous_word_at(sentence, g)[1].lower())
    return any(word in _BE for word in words)


def _inside_quote(pos: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether a cue starting at `pos` lies inside one of `quotes`. A quote span opens with its
    quote character and a cue with a letter, so `pos` never equals a quote's start: `<` and `<=`
    there are the same test (the derived-verb check used `<=`, the others `<`)."""
    return any(q0 < pos < q1 for q0, q1 in quotes)


def _reported_content(sentence: str, start: int, end: int, p0: int, form: VerbForm, heads: dict[str, str]) -> bool:
    """Whether a content-only verb ("add") at start..end reports something, a quote straight
    after it aside: "that"/"whether", a clause end, a quote before it or its subject ('"...,"
    added Mr Lush', '"...," he added'), a clause or quote a few words on (_content_next), or,
    after a comma, an inverted source (", added the spokesman.")."""
    if _THAT_OR_WHETHER_AFTER.match(sentence, end) or CLAUSE_END_RE.match(sentence, end) or _after_quote(sentence, p0):
        return True
    before = sentence[:start].rstrip()
    return (before.endswith(_QUOTE_CLOSERS) or _content_next(sentence, end)
            or (not form.gerund and before.endswith(",") and _inverted_source_next(sentence, end, heads)))


def _content_next(sentence: str, end: int) -> bool:
    """Whether a clause, a quote or a colon ("added on BBC Radio Five Live: ...") follows within
    CONTENT_WORDS words, before any other punctuation but a comma opening a quote ("adding later,
    “NATO is ...")."""
    for n, m in enumerate(_CONTENT_TOKEN_RE.finditer(sentence, end)):
        token = m.group()
        if token in "“‘\":" or (token == "," and _OPENING_QUOTE_NEXT.match(sentence, m.start())):
            return True
        if n >= CONTENT_WORDS or not (token[0].isalnum() or token[0] in "$£€%"):
            return False
        if n and finite_verb(token):
            return True
    return False


def _inverted_source_next(sentence: str, end: int, heads: dict[str, str]) -> bool:
    """A source after the verb, closing the clause: reported speech before it ("they would be
    able to come, added the spokesman.", ", adds Mr Conti.")."""
    m = _INVERTED_SOURCE_NEXT.match(sentence, end)
    return m is not None and (m.group(1) is None or heads.get(m.group(1).lower()) == "head")


# "the spokesman" (a source noun: attribution_sources.tsv) or a name, then a clause end.
_INVERTED_SOURCE_NEXT = re.compile(
    r"\s+(?:the\s+(?:[a-z]+\s+)?([a-z]+)|(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w’'-]*|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
    r"\s*(?:[.;,]|$)")


def _after_quote(sentence: str, p0: int) -> bool:
    """Whether the word at p0 (the subject) follows a closing quote: '"...," she continued.',
    '"...," the letter reads.' (a short noun phrase between)."""
    if not sentence[p0:p0 + 1].isalpha():
        return False
    return sentence[:p0].rstrip().endswith(_QUOTE_CLOSERS) or bool(
        _QUOTE_THEN_DETERMINER.search(sentence, max(0, p0 - AFTER_QUOTE_WINDOW_CHARS), p0))


def _verb_context(sentence: str, start: int, end: int, form: VerbForm, previous: str, p0: int,
                  contracted: bool, quote_next: bool, heads: dict[str, str]) -> bool:
    """Whether a form that is also a noun or adjective ("claims", "state", "backed") is a verb
    here: after a subject pronoun, auxiliary or source noun, before "that", a quote or an object."""
    low_form = sentence[start:end].lower()
    if previous.endswith("ly") and previous not in _VERB_BEFORE:
        # "aggressively attacked", "generally supported": the adverb's left neighbour decides.
        p0, previous = previous_word_at(sentence, p0)
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
    if previous in _BE and form.participle and BY_AFTER_RE.match(sentence, end):
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
            form.third and bool(CLAUSE_END_RE.match(sentence, end)))
    return False


def subject_before(sentence: str, start: int, plural_noun: bool = False) -> bool:
    """A subject right before a verb (past adverbs; an auxiliary between makes it a verb anyway):
    a pronoun, a name, a source noun, or a quote before an inverted verb ('"...," chided Reid');
    with `plural_noun`, also a lower-case plural noun ("administrators")."""
    g = gap_start(sentence, start)
    if g < start and _AUX_IN_GAP.search(sentence, g, start):
        return True
    if sentence[:g].rstrip().endswith((",”", ',"', "”", '"', ",’")):
        return True
    p0, word = previous_word_at(sentence, g)
    low = word.lower()
    if not word:
        return False
    return (low in _SUBJECT_PRONOUNS or source_words().get(low) in _SUBJECT_KINDS
            or (word[0].isupper() and low not in _DETERMINERS_POSSESSIVES and low not in NP_STOP)
            or (plural_noun and word.isalpha() and word.islower() and low.endswith("s")
                and not low.endswith(("ss", "us", "is")) and low not in _NOT_SUBJECT))

"""Source phrases of attribution cues: who a claim is credited to.

From a cue verb or "according to", walks over the words next to it to the noun phrase that names
the source ("the Syrian Observatory for Human Rights said", '"...," said Rami Abdel Rahman',
"according to two officials"), skipping adverbs and auxiliaries between (gap_start) and taking the
name before an apposition ("NAME, a spokesman, said"). classify_source tells a named source from an
anonymous one ("an anonymous SDF commander", "officials") and drops pronouns and definite
descriptions, which refer back; normalise_name and distinct_names merge the names an article uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analyzer.signals.attribution_cues import Cue, source_words, verb_forms

# A source phrase is at most this many words long (longest PolNeAR dev named sources: ~8 words).
SOURCE_MAX_WORDS = 8
_DETERMINERS = frozenset("a an the one some two three four several many few most all".split())
_INDEFINITE = frozenset("a an one some two three four several many few most".split())
# Inside a source phrase these words may link name parts ("Observatory for Human Rights").
_NP_LINKS = frozenset("of for at".split())
# Words that end a source phrase when walking away from the cue (clause openers, verbs of tense).
NP_STOP = frozenset(
    """and but or nor that which who whom whose when while where as because if since after before
    than then so yet also not never has have had is are was were be been being will would could
    should can may might must did does do to in on by with from into about over under during
    later earlier previously recently further however meanwhile there here""".split()
)
# Adverbs and auxiliaries that may stand between a source and its verb ("he also said", "the
# ministry did not say", "officials on Monday said"): these words, any \w+ly adverb, any \w+n't
# contraction, "on" + a weekday (see gap_start).
_GAP_WORDS = frozenset(
    """has have had was were is are be been also later then further previously again repeatedly once already
    publicly privately reportedly did does do will would can could may might should must not never""".split()
)
_GAP_WORD_RE = re.compile(r"\w+ly|\w+n['’]t")
_WEEKDAY_RE = re.compile(r"\w+day")
# Titles that do not tell two names apart ("Mr Bali" is "SDF spokesman Mustafa Bali").
_TITLES = frozenset("mr mrs ms dr prof sen rep gov gen col lt maj capt sgt president minister".split())
_TOKEN_RE = re.compile(r"[\w’'.-]+|[^\w\s]")
CLAUSE_END_RE = re.compile(r"\s*(?:[,.;:!?]|$)")
_POSSESSIVE_RE = re.compile(r"['’]s?$")


def _iter_tokens(sentence: str, start: int) -> Iterator[tuple[int, int, str]]:
    """The tokens of sentence from `start` on, one at a time (a walk rarely goes far); a full stop
    ends a token unless the token is an abbreviation ("U.S.", "Sgt.")."""
    for m in _TOKEN_RE.finditer(sentence, start):
        b, e, word = m.start(), m.end(), m.group()
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
            e, word = e - 1, word[:-1]
        yield b, e, word


def source_before(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The source phrase that ends just before a cue verb ("the Observatory said"), skipping
    auxiliaries and adverbs; for "NAME, a spokesman, said" the name before the apposition."""
    end = gap_start(sentence, cue_start)
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


def gap_start(sentence: str, end: int) -> int:
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


def _clause_verb(word: str, after: str) -> bool:
    """Whether `word`, just left of `after` in a walk to a source, is the finite verb of a clause
    before it ("said", "disputed", "claims"; not "cast members", "a written statement", "rating
    agencies") and `after` opens the next clause's subject (a name): a source does not run over it."""
    if not (word.islower() and after[:1].isupper()):
        return False
    form = verb_forms()[1].get(word)
    return form is not None and not form.homograph and not form.gerund and (form.participle or form.third)


def _walk_left(sentence: str, head: str) -> tuple[int, int] | None:
    # Tokens are read from the right, lazily, by tokenising the reversed head: _TOKEN_RE's classes
    # read the same both ways, so these are the tokens of head (as _iter_tokens reads them) in reverse order, and
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
        if not picked and source_words().get(low) == "pronoun":
            # The subject is the pronoun ("Obama said he was", "What we are saying"), not what
            # comes before it.
            return tok[0], tok[1]
        m = next(matches, None)  # the token before this one
        if low in _DETERMINERS:
            picked.append(tok)
            # "a spokesman for the coalition": a determiner after a link word is inside the phrase.
            if m is not None and token(m)[2].lower() in _NP_LINKS:
                continue
            break
        if low in NP_STOP:
            break
        if picked and _clause_verb(word, picked[-1][2]):
            break  # "Mr. Sestak said Mr. Clinton had conveyed": the source is "Mr. Clinton"
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
            or source_words().get(last) == "head"):
        return None
    return picked[0][0], picked[-1][1]


def source_after(sentence: str, cue_end: int) -> tuple[int, int] | None:
    """The source after a cue: '"...," said Rami Abdel Rahman, the head of ...', 'according to
    the Observatory', 'according to two officials'."""
    picked: list[tuple[int, int, str]] = []
    for m0, m1, word in _iter_tokens(sentence, cue_end):
        low = word.lower()
        if not word[0].isalnum() or len(picked) > SOURCE_MAX_WORDS:
            break
        if low in NP_STOP or (picked and low in _DETERMINERS):
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
    heads = source_words()
    if not (first[0].isupper() or first.lower() in _DETERMINERS or heads.get(first.lower()) == "head"):
        return None
    return picked[0][0], picked[-1][1]


# "by" after a passive verb: its agent follows ("was told by the ministry").
BY_AFTER_RE = re.compile(r"\s+by\b")


def agent_source(sentence: str, cue: Cue) -> tuple[int, int] | None:
    """The agent of a passive reporting verb ("was told by the ministry"), the phrase after "by";
    its subject is no source ("Mr Quiros was accused of")."""
    by = BY_AFTER_RE.match(sentence, cue.end)
    return source_after(sentence, by.end()) if by else None


def inverted_source(sentence: str, cue: Cue) -> tuple[int, int] | None:
    """'"...," said Rami Abdel Rahman.' or '..., said the minister, adding': a source after the
    verb, only right after a quote or comma and only when the phrase closes the clause."""
    if not sentence[: cue.start].rstrip().endswith((",", "”", '"')):
        return None
    span = source_after(sentence, cue.end)
    if span is None or not CLAUSE_END_RE.match(sentence, span[1]):
        return None
    return span


def classify_source(phrase: str, sentence_start: bool) -> str | None:
    """named_source, anonymous_source, or None for pronouns and definite descriptions."""
    words = phrase.split()
    low = [w.lower().strip("’'") for w in words]
    kinds = source_words()
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


def normalise_name(phrase: str) -> str:
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return _POSSESSIVE_RE.sub("", " ".join(words))


def distinct_names(names: list[str]) -> list[str]:
    """Merge names where one is contained in another ("Abdel Rahman" in "Rami Abdel Rahman").

    A name is dropped when its words (titles aside) are all words of a name kept before it (names
    go longest first).
    Only the kept names holding its rarest word among them can hold all of its words, so each
    name is compared with those (an index word -> kept names) instead of with every kept name:
    a page naming thousands of people took quadratic time (1.5 s of the 7.5 s a 1 MB article of
    joined bbc_dev.jsonl texts took under pyinstrument).
    """
    kept: list[str] = []
    kept_words: list[set[str]] = []
    holding: dict[str, list[int]] = {}  # word -> indices in `kept` of the names holding it
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n)):
        words = set(name.lower().replace(".", "").split())
        tokens = words - _TITLES
        if tokens:
            rarest = min(tokens, key=lambda t: len(holding.get(t, ())))
            if any(tokens <= kept_words[i] for i in holding.get(rarest, ())):
                continue
        elif kept:
            continue  # no word but titles: contained in any kept name
        for word in words:
            holding.setdefault(word, []).append(len(kept))
        kept.append(name)
        kept_words.append(words)
    return sorted(kept)


# Clause gerunds ("Police arrested the man, accusing him of fraud"): the source is the subject of
# the main clause, found at the clause's start, past introductory phrases, and kept only when a
# finite verb follows it (a subject, not the tail of a fronted phrase).
# At most this many comma-closed introductory phrases are skipped ("Chastened by the analyses, as
# well as complaints over the plan's costs, Trump revised"; news leads rarely stack more).
INTRO_PHRASES = 3
# An introductory phrase closes within this many characters ("When the poll asked about all four
# candidates seeking the White House,": 70), and a main clause runs at most MAIN_CLAUSE_MAX_CHARS
# from its subject to the gerund (PolNeAR dev and bbc_dev: at most 207; 99.9% of their sentences
# are under 370 characters). Both keep every scan short in run-on text.
INTRO_PHRASE_MAX_CHARS = 200
MAIN_CLAUSE_MAX_CHARS = 300
# Words that open an introductory phrase closed by a comma: prepositions, subordinators and
# fronted time expressions ("In August,", "When the vote ended,", "Last week,").
_INTRO_OPENERS = frozenset(
    """about after against along amid amidst among around as at before behind besides between beyond by
    despite during except following for from in inside like near on outside over since through
    throughout to toward towards under unlike until upon via with within without although though
    because if once unless whereas while when whenever where whether last this""".split()
)
# Words that stand alone before the subject, a comma after them or not: conjunctions and sentence
# adverbs ("But Trump attacked", "Meanwhile Ms Hutt defended", "However, Ford is"), and -ly
# adverbs of ADVERB_MIN_CHARS or more ("Separately,", "Ultimately"; not "Ely", "Fly").
_INTRO_WORDS = frozenset(
    """and but so yet or however meanwhile moreover furthermore nevertheless nonetheless instead indeed
    still now today yesterday tonight earlier later separately elsewhere overall thus therefore also
    then""".split()
)
ADVERB_MIN_CHARS = 5
# Auxiliaries and modals: a finite verb whatever the subject.
_FINITE_AUX = frozenset(
    """has have had is are was were will would can could did does do may might must should shall""".split()
)
# The commonest irregular past tenses of English (those not ending in -ed), which a subject
# may take before the gerund ("Trump sent a letter, calling for"); -ed pasts are told by their
# ending, reporting verbs by the verb lexicon.
_IRREGULAR_PASTS = frozenset(
    """said told made took gave sent met left held led won lost spent kept brought began became came went
    ran sat stood spoke wrote thought felt saw knew got put set hit cut let paid sold bought fought struck
    drew threw grew rose fell broke chose drove flew shot sought taught built heard found meant
    understood withdrew agreed freed""".split()
)
# Between a subject and its verb: adverbs in -ly and these words ("Trump also sent", "the
# ministry later said"), or "on"/"in" before a date or name ("A group of doctors in 2015 sent").
_SUBJECT_GAP_WORDS = frozenset("also later then again repeatedly once already first finally".split())
_DATE_PREPOSITIONS = frozenset(("on", "in"))
# Where a coordinated clause opens after the main clause ("Trump won Ohio, but Clinton carried
# Virginia, saying"): its subject is the gerund's.
_COORDINATION_RE = re.compile(r",?\s+(?:and|but|yet)\s+|;\s*")
_COMMA_RE = re.compile(r"\s*,")
_SPACE_RE = re.compile(r"\s*")
# A quote or colon inside a would-be introductory phrase: the phrase was never closed and its
# comma belongs to the clause or quote ("Responding to the claims Liam Fox said: "Like Labour,").
_QUOTE_OR_COLON_RE = re.compile(r"[:“”\"‘]")
# A parenthesis or apposition between a subject and its verb closes within this many characters
# (PolNeAR dev and bbc_dev, where one comes before a clause gerund's main verb: at most 79, ", a
# former Democratic National Committee chairman and presidential candidate,": 76).
APPOSITION_MAX_CHARS = 160
# A passive main clause with its agent ("Mars is being sued by his ex-girlfriend, claiming"): the
# gerund may be the agent's, so neither is taken.
_PASSIVE_BY_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+(?:\S+\s+){0,2}?by\b")


def finite_verb(word: str) -> bool:
    """Whether a lower-case word reads as a finite verb after a subject: an auxiliary, a regular
    past in -ed (not "-eed": "need", "speed"), a common irregular past, or a past or -s form of
    the verb lexicon that is no noun ("warned", "says"; not "reports")."""
    if not word.isalpha() or not word.islower():
        return False
    if word in _FINITE_AUX or word in _IRREGULAR_PASTS:
        return True
    if len(word) > 3 and word.endswith("ed") and not word.endswith("eed"):
        return True
    form = verb_forms()[1].get(word)
    return form is not None and (form.participle or form.third) and not form.homograph


def _clause_start(sentence: str, limit: int) -> tuple[int, list[int]] | None:
    """Where the main clause begins: past conjunctions and sentence adverbs and up to
    INTRO_PHRASES introductory phrases ("In August,", "Chastened by the analyses,", "Speaking to
    reporters,"), each closed by a comma before `limit`; and where each of those phrases opens.
    None when the sentence opens with a quote or no clause is left."""
    p = 0
    openers: list[int] = []
    while True:
        m = _TOKEN_RE.search(sentence, p, limit)
        if m is None or not m.group()[0].isalnum():
            return None
        low = m.group().rstrip(".").lower()
        nxt = _TOKEN_RE.search(sentence, m.end(), limit)
        # An -ly adverb before a comma or a lower-case word ("Separately,", "Ultimately the
        # court"); before a capital it is a name ("Kelly Ayotte", "Emily Thornberry").
        adverb = (len(low) >= ADVERB_MIN_CHARS and low.endswith("ly") and low.isalpha()
                  and nxt is not None and not nxt.group()[0].isupper())
        if low in _INTRO_WORDS or adverb:
            comma = _COMMA_RE.match(sentence, m.end(), limit)
            p = comma.end() if comma else m.end()
            continue
        # A fronted participle ("Asked about the deal,", "Speaking to reporters,") takes a
        # lower-case word after it; a name does not ("Ted Cruz", "Downing Street").
        participle = low.endswith(("ed", "ing")) and nxt is not None and nxt.group()[0].islower()
        if not (low in _INTRO_OPENERS or participle):
            return p, openers
        comma_at = sentence.find(",", m.end(), min(limit, m.start() + INTRO_PHRASE_MAX_CHARS))
        # A phrase left open runs into the clause ("Responding to the claims Liam Fox said:
        # "Like Labour, ..."): no comma, or only one past a quote or colon, closes it.
        if comma_at < 0 or len(openers) == INTRO_PHRASES or _QUOTE_OR_COLON_RE.search(sentence, m.end(), comma_at):
            return None
        openers.append(m.start())
        p = comma_at + 1


def _after_gap(sentence: str, pos: int, limit: int) -> re.Match[str] | None:
    """The first token at or after `pos` past adverbs and dates between a subject and its verb."""
    m = _TOKEN_RE.search(sentence, pos, limit)
    for _ in range(SOURCE_MAX_WORDS):
        if m is None:
            return None
        low = m.group().lower()
        if low in _SUBJECT_GAP_WORDS or (low.endswith("ly") and len(low) >= ADVERB_MIN_CHARS and low.isalpha()):
            m = _TOKEN_RE.search(sentence, m.end(), limit)
            continue
        if low in _DATE_PREPOSITIONS:
            date = _TOKEN_RE.search(sentence, m.end(), limit)
            if date is not None and (date.group()[0].isupper() or date.group()[0].isdigit()):
                m = _TOKEN_RE.search(sentence, date.end(), limit)
                continue
        return m
    return None


def _verb_follows(sentence: str, end: int, limit: int) -> bool:
    """Whether a finite verb follows a subject ending at `end`, past a parenthesis ("Sen. David
    Perdue (R-Ga.) said"), an apposition or relative clause between commas ("Dean, a former
    chairman, poked"), adverbs and dates."""
    pos = _SPACE_RE.match(sentence, end, limit).end()
    if sentence.startswith("(", pos, limit):
        close = sentence.find(")", pos, min(limit, pos + APPOSITION_MAX_CHARS))
        if close < 0:
            return False
        pos = _SPACE_RE.match(sentence, close + 1, limit).end()
    if sentence.startswith(",", pos, limit):
        close = sentence.find(",", pos + 1, min(limit, pos + APPOSITION_MAX_CHARS))
        if close < 0:
            return False
        pos = close + 1
    m = _after_gap(sentence, pos, limit)
    return m is not None and finite_verb(m.group())


def _subject_at(sentence: str, start: int, limit: int) -> tuple[int, int] | None:
    """The subject noun phrase opening at `start`, if a finite verb follows it before `limit`:
    "Police (arrested)", "Trump supporters (gathered)", "A group of doctors (in 2015 sent)",
    "Trump's campaign manager (said)", "Airlines and aviation bodies (have)"."""
    picked: list[tuple[int, int, str]] = []
    for b, e, word in _iter_tokens(sentence, start):
        if b >= limit or not word[0].isalnum():
            break
        low = word.lower()
        if not picked and source_words().get(low) == "pronoun":
            # "He resigned, saying": the pronoun is the subject (and no source of its own).
            return (b, e) if _verb_follows(sentence, e, limit) else None
        # "and" joins two subjects ("The New York Times and the Gannett newspaper chain filed");
        # a finite verb ends the phrase first when it joins two clauses.
        if (low in NP_STOP and not (low == "and" and picked)) or (
                picked and low in _DETERMINERS and picked[-1][2].lower() not in _NP_LINKS | {"and"}):
            break
        if picked and finite_verb(low):
            break
        picked.append((b, e, word))
        if len(picked) > SOURCE_MAX_WORDS:
            return None
    while picked and picked[-1][2].lower() in _NP_LINKS | _DETERMINERS | {"and"}:
        picked.pop()
    if not picked:
        return None
    first, last = picked[0][2], picked[-1][2].lower()
    # As _walk_left: a determiner, a number or a name opens a source, or it is a bare plural; a
    # title may stand before a name ("novelist Gore Vidal").
    if not (first[0].isupper() or first[0].isdigit() or first.lower() in _DETERMINERS
            or source_words().get(last) == "head" or (len(picked) > 1 and picked[1][2][0].isupper())):
        return None
    if not _verb_follows(sentence, picked[-1][1], limit):
        return None
    return picked[0][0], picked[-1][1]


def _opens_phrase(sentence: str, opener: int, pos: int) -> bool:
    """Whether the word at `pos` opens the phrase that starts at `opener`, or follows its
    preposition or subordinator ("In defending himself", "After saying")."""
    if pos == opener:
        return True
    first = _TOKEN_RE.match(sentence, opener)
    if first is None or first.group().lower() not in _INTRO_OPENERS:
        return False
    second = _TOKEN_RE.search(sentence, first.end())
    return second is not None and second.start() == pos


def clause_subject(sentence: str, cue: Cue) -> tuple[int, int] | None:
    """The source of a clause gerund: the subject of the main clause after a comma ("The
    minister resigned, saying", "Police arrested him on Monday, accusing him of fraud"), or of
    the last clause coordinated with it ("..., but Clinton carried Virginia, saying"); the
    subject the gerund's phrase stands before ("Speaking to reporters, Trump said", "In
    defending himself, Trump offered") or after ("Mr Straw, speaking at a news conference,
    stressed"). None for a passive main clause with its agent ("Mars is being sued by his
    ex-girlfriend, claiming"), whose gerund may be the agent's."""
    end = len(sentence)
    fronted = _clause_start(sentence, end)
    if fronted is not None and cue.start < fronted[0]:
        # The gerund opens a fronted phrase, maybe after its preposition ("In defending"); deeper
        # in it, it modifies a noun ("When the poll asked about candidates seeking the White House").
        if not any(_opens_phrase(sentence, o, cue.start) for o in fronted[1]):
            return None
        return _active_subject(sentence, fronted[0], end)
    limit = cue.start  # the comma before the gerund, past white space
    while limit > 0 and sentence[limit - 1].isspace():
        limit -= 1
    limit -= 1
    if limit < 0 or sentence[limit] != ",":
        return None
    main = _clause_start(sentence, limit)
    if main is None or limit - main[0] > MAIN_CLAUSE_MAX_CHARS:
        return None
    subject = _subject_at(sentence, main[0], limit)
    if subject is None:
        # The gerund's phrase as an apposition of the subject, whose verb follows it.
        subject = _active_subject(sentence, main[0], end)
        return subject if subject is not None and not sentence[subject[1]:limit].strip() else None
    if _PASSIVE_BY_RE.search(sentence, subject[1], limit):
        return None
    for m in _COORDINATION_RE.finditer(sentence, subject[1], limit):
        other = _subject_at(sentence, m.end(), limit)
        if other is not None:
            subject = other
    return subject


def _active_subject(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject at `start` whose verb follows before `end`, unless its clause is a passive with
    an agent (searched within MAIN_CLAUSE_MAX_CHARS)."""
    subject = _subject_at(sentence, start, end)
    if subject is None or _PASSIVE_BY_RE.search(sentence, subject[1], min(end, subject[1] + MAIN_CLAUSE_MAX_CHARS)):
        return None
    return subject

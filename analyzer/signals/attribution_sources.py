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

from analyzer.signals.attribution_cues import Cue, source_words

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
    """Merge names where one is contained in another ("Abdel Rahman" in "Rami Abdel Rahman")."""
    kept: list[str] = []
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n)):
        tokens = set(name.lower().replace(".", "").split()) - _TITLES
        if not any(tokens <= set(k.lower().replace(".", "").split()) for k in kept):
            kept.append(name)
    return sorted(kept)

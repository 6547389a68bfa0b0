"""Attribution: sentences whose claims are credited to a source.

A sentence is attributed when it holds a cue: a reporting, belief or intention verb ("said",
"believes", "called for"), a prepositional or nominal cue ("according to", "in a statement"), a
direct quote, or a wire credit ("told AFP"). This follows what PARC 3.0 and PolNeAR annotate as
attribution: speech, thought and intention credited to someone other than the writer.

For every verb cue the source phrase next to it is marked too, as a named source ("the Syrian
Observatory for Human Rights", "Rami Abdel Rahman") or an anonymous one ("an anonymous SDF
commander", "a spokesman for the coalition"); definite descriptions ("the monitor") and pronouns
refer back to a source named elsewhere and are not counted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult
from analyzer.signals.cue_patterns import CuePattern, CueScanner, trie_pattern, word_pattern
from analyzer.text import Span

NAME = "attribution"

# A quote must hold at least this many words to count as reported speech: one- or two-word
# quotes are mostly scare quotes or titles ('Heavy clashes', "caliphate"). PolNeAR dev: 3 words
# keeps precision on unattributed paragraphs while recalling multi-word quotes.
QUOTE_MIN_WORDS = 3
# Share of long words capitalised from which a line is a title-case headline (headline style
# capitalises nearly every word of four letters or more; running text rarely passes a half).
TITLE_CASE_SHARE = 0.7
# A source phrase is at most this many words long (longest PolNeAR dev named sources: ~8 words).
SOURCE_MAX_WORDS = 8

_REASONS = {
    "reporting_verb": "A reporting verb credits this claim to a source.",
    "according_to": "This phrase credits the claim to a source.",
    "nominal": "This phrase says the claim comes from a statement, interview or other source.",
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
# Adverbs and auxiliaries that may stand between a source and its verb ("he also said").
_BETWEEN = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|later|then|further|previously|again|repeatedly|"
    r"once|already|publicly|privately|reportedly|on\s+\w+day|\w+ly))*\s*$"
)
# Words after which a noun-like verb form ("claims", "reports") is a verb.
_VERB_BEFORE = frozenset(
    """i you he she it we they who which that to will would could should may might must can did
    does do not also still now often never always repeatedly publicly""".split()
)
_BE = frozenset("is are was were be been being am 's ’s".split())
_THAT_AFTER = re.compile(r"\s+that\b")
_BY_AFTER = re.compile(r"\s+by\b")
_DETERMINERS_POSSESSIVES = frozenset(
    "a an the this that these those his her its their our my your whose every each no any".split()
)
# ": “..." or ", “...": the verb introduces a quote.
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*[“\"‘]|\s*:\s*$")
# A name (capitalised word not at the sentence start) right before the verb: "Trump charges".
_NAME_BEFORE = re.compile(r"(?<=\S)\s+[A-Z][\w’'.-]*\s+$")
# Titles that do not tell two names apart ("Mr Bali" is "SDF spokesman Mustafa Bali").
_TITLES = frozenset("mr mrs ms dr prof sen rep gov gen col lt maj capt sgt president minister".split())
_PER_NAME = re.compile(r"\s+(?:the\s+)?[A-Z]")
_TOKEN_RE = re.compile(r"[\w’'.-]+|[^\w\s]")
# Double quotes (curly or straight; unclosed ones run to the end of the line, as a quote that
# goes on in the next paragraph) and single curly quotes (a closing ’ not followed by a letter,
# so that apostrophes inside the quote do not close it). Every branch opens with its quote
# character (the "no letter before ‘" test comes after it) so that `re` skips ahead to the next
# quote character instead of trying the branches at every position.
_QUOTE_RE = re.compile(
    r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)|‘(?<!\w‘)(?:[^’\n]|’(?=\w))*’(?!\w)", re.MULTILINE
)
# Typographic attribution of a quote: "Caddell: “...”" / "...: “..." (a colon opening a quote) and
# "“...” ― Christina Lastra" (a dash or bar before the speaker's name after the quote).
# Headline convention "Rush Limbaugh: Hillary Asking Moderator To Fact Check": a name, a colon, the
# claim (only on title-case lines, where it cannot be a label such as "Note: ...").
_HEADLINE_SPEAKER_RE = re.compile(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}(:)\s+\S+(?:\s+\S+){2}")
_QUOTE_MARK_RE = re.compile(r":(?=\s*[“\"‘])|(?:(?<=[”\"’.])|(?<=[”\"’.]\s))(?:―|—|--)(?=\s*[A-Z])")
_WORD_RE = re.compile(r"\w+")
_POSSESSIVE_ENDS = ("'s", "’s", "-")
_CLAUSE_END_RE = re.compile(r"\s*(?:[,.;:!?]|$)")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# Characters without which _QUOTE_MARK_RE cannot match (":" also for _HEADLINE_SPEAKER_RE):
# sentences holding none of them skip those scans.
_QUOTE_MARK_GATE_RE = re.compile(r":|―|—|--")
# _walk_left tokenises only the end of the text before a cue: this many characters back, cut at
# a space (tokens never hold white space, so the tokens after it are the same as in a full
# scan), as long as the window holds WALK_WINDOW_TOKENS tokens, more than the walk can visit.
WALK_WINDOW_CHARS = 80
WALK_WINDOW_TOKENS = SOURCE_MAX_WORDS + 3
# _between searches for the adverbs before a cue verb from a space about this far back.
BETWEEN_WINDOW_CHARS = 40


@dataclass(frozen=True, slots=True)
class _Cue:
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
    participle: bool  # past form: a passive "is believed" is a hedge, not an attribution
    gerund: bool  # "adding", "saying": the source is the subject of the main clause


@cache
def _verb_forms() -> tuple[CuePattern, dict[str, _Form]]:
    alternatives: set[str] = set()
    forms: dict[str, _Form] = {}
    for row in lexicons.load("reporting_verbs"):
        lemma, particle = row["lemma"].strip().lower(), row["particle"].strip()
        past = row["past"].strip().lower()
        inflected = _inflect(lemma, past)
        pasts = {f for f in inflected if f.endswith(("ed", "en")) or f in past.split("|")}
        third = {f for f in inflected if f not in pasts and not f.endswith("ing") and f != lemma}
        for form in inflected:
            term = form + (" " + particle if particle else "")
            alternatives.add(term)
            noun = row["noun"].strip()
            homograph = not particle and (noun == "all" or (noun == "yes" and (form == lemma or form in third)))
            previous = forms.get(term)
            forms[term] = _Form(
                homograph=homograph and (previous is None or previous.homograph),
                colon_only=noun == "colon" and (previous is None or previous.colon_only),
                participle=form in pasts,
                gerund=form.endswith("ing") and form not in pasts,
            )
    return CuePattern(alternatives), forms


@cache
def _phrase_re() -> tuple[CuePattern, dict[str, str]]:
    rows = lexicons.load("attribution_cues")
    kinds = {r["term"].lower(): r["kind"] for r in rows}
    return CuePattern(kinds), kinds


@cache
def _cue_scanner() -> CueScanner:
    """Phrase cues and verb forms in one scan per sentence (same spans as searching each list)."""
    return CueScanner(_phrase_re()[1], _verb_forms()[1])


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


def _previous_word(text: str, pos: int) -> str:
    """The lower-cased word just before pos, if only white space separates them."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "’'-_"):
        j -= 1
    return text[j:i].lower()


def _title_case(sentence: str) -> bool:
    """Headlines capitalise every word ("Lindsey Graham Says"): cue words may be capitalised."""
    words = [w for w in _WORD_RE.findall(sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def _verb_cues(sentence: str, spans: list[tuple[int, int]] | None = None) -> list[_Cue]:
    """Reporting-verb cues of a sentence; `spans` are the verb-form matches if already found."""
    pattern, forms = _verb_forms()
    cues = []
    headline = None
    for start, end in pattern.spans(sentence) if spans is None else spans:
        word = sentence[start:end]
        form = forms[" ".join(word.lower().split())]
        before = sentence[:start]
        # A capitalised cue word inside a sentence is a name ("The Post", "Hope Hicks").
        if word[0].isupper() and before.strip(" “\"'‘(") != "":
            if headline is None:
                headline = _title_case(sentence)
            if not headline:
                continue
        previous = _previous_word(sentence, start)
        # "the report", "his claims", "Putin's claims", "US-backed": nouns and adjectives. A
        # gerund after a preposition is still a verb ("by saying").
        blockers = _DETERMINERS_POSSESSIVES if form.gerund else _NOMINAL_BEFORE
        # (?:['’]s|-)\s*$ on `before`, without a regex scan of the whole prefix.
        if previous in blockers or before.rstrip().endswith(_POSSESSIVE_ENDS):
            continue
        quote_next = _QUOTE_NEXT.match(sentence, end)
        if form.colon_only and not quote_next:
            continue
        if form.homograph and not (
            previous in _VERB_BEFORE or quote_next or _THAT_AFTER.match(sentence, end)
            or _NAME_BEFORE.search(before)
        ):
            continue
        # Agentless passive ("are thought to be", "was reported"): hedging, not a credited source.
        if form.participle and previous in _BE and not _BY_AFTER.match(sentence, end):
            continue
        cues.append(_Cue(start, end, "reporting_verb", form.gerund))
    return cues


def _quotes(text: str) -> list[tuple[int, int]]:
    """Direct quotes of QUOTE_MIN_WORDS or more, as (start, end) in text; unclosed quotes run to
    the end of the line (a quote that continues into the next paragraph)."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        if len(_WORD_RE.findall(m.group())) >= QUOTE_MIN_WORDS:
            spans.append((m.start(), m.end()))
    return spans


def _tokens(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN_RE.finditer(sentence, start, end):
        b, e, word = m.start(), m.end(), m.group()
        # A full stop ends a token unless the token is an abbreviation ("U.S.", "Sgt.").
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1]:
            e, word = e - 1, word[:-1]
        out.append((b, e, word))
    return out


def _source_before(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The source phrase that ends just before a cue verb ("the Observatory said"), skipping
    auxiliaries and adverbs; for "NAME, a spokesman, said" the name before the apposition."""
    gap = _between(sentence, cue_start)
    end = gap.start() if gap else cue_start
    comma = sentence[:end].rstrip().endswith(",")
    phrase = _walk_left(sentence, sentence[:end].rstrip().rstrip(",") if comma else sentence[:end])
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


def _between(sentence: str, end: int) -> re.Match[str] | None:
    """_BETWEEN.search(sentence, 0, end), searching only the last BETWEEN_WINDOW_CHARS or so.

    A match is white space and adverbs; it starts at the start of a white-space run (or at end).
    Searching from such a run start q gives the full search's match unless the full match starts
    before q, and then the windowed one starts exactly at q or q is the gap in "on Monday": in
    those two cases the whole prefix is searched.
    """
    if end > BETWEEN_WINDOW_CHARS:
        q = sentence.rfind(" ", 0, end - BETWEEN_WINDOW_CHARS)
        while q > 0 and sentence[q - 1].isspace():
            q -= 1
        if q > 0 and not sentence.endswith("on", 0, q):
            m = _BETWEEN.search(sentence, q, end)
            if m is not None and m.start() > q:
                return m
    return _BETWEEN.search(sentence, 0, end)


def _walk_left(sentence: str, head: str) -> tuple[int, int] | None:
    tokens = None
    cut = sentence.rfind(" ", 0, len(head) - WALK_WINDOW_CHARS) if len(head) > WALK_WINDOW_CHARS else -1
    if cut > 0:
        tokens = _tokens(sentence, cut, len(head))
        if len(tokens) < WALK_WINDOW_TOKENS:
            tokens = None
    if tokens is None:
        tokens = _tokens(sentence, 0, len(head))
    picked: list[tuple[int, int, str]] = []
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        word = tok[2]
        low = word.lower()
        if not (word[0].isalnum()) or len(picked) >= SOURCE_MAX_WORDS:
            break
        if low in _DETERMINERS:
            picked.append(tok)
            # "a spokesman for the coalition": a determiner after a link word is inside the phrase.
            if k > 0 and tokens[k - 1][2].lower() in _NP_LINKS:
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
    for m0, m1, word in _tokens(sentence, cue_end, len(sentence)):
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
    scanner = _cue_scanner()
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
        phrase_spans, verb_spans = scanner.spans(s)
        for p0, p1 in phrase_spans:
            phrase = " ".join(s[p0:p1].lower().split())
            # "per" only as "per <Name>" (per the report / per Reuters), not "per cent", "per day".
            if phrase == "per" and not _PER_NAME.match(s, p1):
                continue
            cues.append(_Cue(p0, p1, phrase_kinds[phrase]))
        g = bisect_left(gates, base - 1)
        if g < len(gates) and gates[g] < sent.end:
            # Searched in the whole text so that the look-behind sees a quote closing the sentence before.
            for m in _QUOTE_MARK_RE.finditer(text, base, sent.end):
                mark = m.group().strip()
                start = m.start() + m.group().index(mark) - base
                cues.append(_Cue(start, start + len(mark), "quote_mark"))
        if ":" in s:
            headline = _HEADLINE_SPEAKER_RE.match(s)
            if headline and _title_case(s):
                cues.append(_Cue(headline.start(1), headline.end(1), "quote_mark"))
        verbs = _verb_cues(s, verb_spans)
        # A verb inside a nominal phrase ("said in a statement") is reported once, as the phrase.
        cues += [v for v in verbs if not any(c.start <= v.start < c.end for c in cues)]
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
        # Some quote overlaps the sentence: the first quote ending after its start begins before its end.
        k = bisect_right(quote_ends, sent.start)
        in_quote = k < len(quotes) and quotes[k][0] < sent.end
        attributed[i] = bool(cues) or in_quote
    starts = [sent.start for sent in sentences]
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
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

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
from dataclasses import dataclass
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult
from analyzer.text import Span

NAME = "attribution"

# A quote must hold at least this many words to count as reported speech: one- or two-word
# quotes are mostly scare quotes or titles ('Heavy clashes', "caliphate"). PolNeAR dev: 3 words
# keeps precision on unattributed paragraphs while recalling multi-word quotes.
QUOTE_MIN_WORDS = 3
# A source phrase is at most this many words long (longest PolNeAR dev named sources: ~8 words).
SOURCE_MAX_WORDS = 8

_REASONS = {
    "reporting_verb": "A reporting verb credits this claim to a source.",
    "according_to": "This phrase credits the claim to a source.",
    "nominal": "This phrase says the claim comes from a statement, interview or other source.",
    "quote": "A direct quote: these are someone else's words.",
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
_TOKEN_RE = re.compile(r"[\w’'.-]+|[^\w\s]")
_QUOTE_RE = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: str


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


@cache
def _verb_re() -> re.Pattern[str]:
    alternatives: set[str] = set()
    for row in lexicons.load("reporting_verbs"):
        particle = row["particle"].strip()
        for form in _inflect(row["lemma"].strip().lower(), row["past"].strip().lower()):
            alt = re.escape(form) + (r"\s+" + re.escape(particle) if particle else "")
            alternatives.add(alt)
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])", re.IGNORECASE)


@cache
def _phrase_re() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = lexicons.load("attribution_cues")
    kinds = {r["term"].lower(): r["kind"] for r in rows}
    ordered = sorted(kinds, key=len, reverse=True)
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered) + r")(?![\w-])"
    return re.compile(pattern, re.IGNORECASE), kinds


@cache
def _wire_re() -> re.Pattern[str]:
    ordered = sorted((r["term"] for r in lexicons.load("attribution_wire")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in ordered) + r")(?![\w-])")


@cache
def _source_words() -> dict[str, str]:
    return {r["term"].lower(): r["kind"] for r in lexicons.load("attribution_sources")}


def _previous_word(text: str, pos: int) -> str:
    m = re.search(r"([\w’'-]+)\W*$", text[:pos])
    return m.group(1).lower() if m and text[m.end(1):pos].strip() == "" else ""


def _verb_cues(sentence: str) -> list[_Cue]:
    cues = []
    for m in _verb_re().finditer(sentence):
        word = m.group()
        # A capitalised cue word inside a sentence is a name ("The Post", "Hope Hicks").
        if word[0].isupper() and sentence[: m.start()].strip(" “\"'‘(") != "":
            continue
        if _previous_word(sentence, m.start()) in _NOMINAL_BEFORE:
            continue
        cues.append(_Cue(m.start(), m.end(), "reporting_verb"))
    return cues


def _quotes(text: str) -> list[tuple[int, int]]:
    """Direct quotes of QUOTE_MIN_WORDS or more, as (start, end) in text; unclosed quotes run to
    the end of the line (a quote that continues into the next paragraph)."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        if len(_WORD_RE.findall(m.group())) >= QUOTE_MIN_WORDS:
            spans.append((m.start(), m.end()))
    return spans


def _tokens_before(sentence: str, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(sentence, 0, end)]


def _source_before(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The source phrase that ends just before a cue verb ("the Observatory said"), skipping
    auxiliaries and adverbs; for "NAME, a spokesman, said" the name before the apposition."""
    gap = _BETWEEN.search(sentence, 0, cue_start)
    end = gap.start() if gap else cue_start
    phrase = _walk_left(sentence, end)
    if phrase is None:
        return None
    start, stop = phrase
    # Apposition: "Commander Sean Robertson, a Pentagon spokesman, said" -> the name.
    before = sentence[:start].rstrip()
    if before.endswith(",") and sentence[start:stop].split()[0].lower() in _DETERMINERS:
        named = _walk_left(sentence, len(before) - 1)
        if named and sentence[named[0]].isupper():
            return named
    return phrase


def _walk_left(sentence: str, end: int) -> tuple[int, int] | None:
    tokens = _tokens_before(sentence, end)
    # A comma right before the verb closes an apposition or a quote: step over it.
    if tokens and tokens[-1][2] == ",":
        tokens.pop()
    picked: list[tuple[int, int, str]] = []
    for tok in reversed(tokens):
        word = tok[2]
        low = word.lower()
        if not (word[0].isalnum()) or len(picked) >= SOURCE_MAX_WORDS:
            break
        if low in _DETERMINERS:
            picked.append(tok)
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
    return picked[0][0], picked[-1][1]


def _source_after(sentence: str, cue_end: int) -> tuple[int, int] | None:
    """The source after an inverted cue: '"...," said Rami Abdel Rahman, the head of ...'."""
    m = re.match(r"\s+((?:the\s+|a\s+|an\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|al-\w+))*)",
                 sentence[cue_end:])
    if not m:
        return None
    words = m.group(1).split()
    while words and words[-1] in _NP_LINKS:
        words.pop()
    if not words or len(words) > SOURCE_MAX_WORDS:
        return None
    start = cue_end + m.start(1)
    return start, start + len(" ".join(words)) if " ".join(words) == m.group(1)[: len(" ".join(words))] else None


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
    return " ".join(words).strip("’'s")


def _distinct_names(names: list[str]) -> list[str]:
    """Merge names where one is contained in another ("Abdel Rahman" in "Rami Abdel Rahman")."""
    kept: list[str] = []
    for name in sorted(set(names), key=lambda n: (-len(n.split()), n)):
        tokens = set(name.lower().split())
        if not any(tokens <= set(k.lower().split()) for k in kept):
            kept.append(name)
    return sorted(kept)


def find_cues(text: str, sentences: list[Span]) -> tuple[list[Evidence], list[bool]]:
    """Evidence for every cue and source in `sentences`, and per sentence whether it is attributed."""
    evidence: list[Evidence] = []
    attributed = [False] * len(sentences)
    quotes = _quotes(text)
    phrase_re, phrase_kinds = _phrase_re()
    for i, sent in enumerate(sentences):
        s = sent.text
        base = sent.start
        cues: list[_Cue] = []
        for m in phrase_re.finditer(s):
            kind = phrase_kinds[re.sub(r"\s+", " ", m.group().lower())]
            # "per" only as "per <Name>" (per the report / per Reuters), not "per cent", "per day".
            if m.group().lower() == "per" and not re.match(r"\s+(?:the\s+)?[A-Z]", s[m.end():]):
                continue
            cues.append(_Cue(m.start(), m.end(), kind))
        verbs = _verb_cues(s)
        # A verb inside a nominal phrase ("said in a statement") is reported once, as the phrase.
        cues += [v for v in verbs if not any(c.start <= v.start < c.end for c in cues)]
        for cue in cues:
            evidence.append(Evidence.at(text, base + cue.start, base + cue.end, signal=NAME,
                                        kind=cue.kind, reason=_REASONS[cue.kind]))
            span = None
            if cue.kind == "reporting_verb":
                after = _source_after(s, cue.end) if s[: cue.start].rstrip().endswith((",", "”", '"')) else None
                span = after or _source_before(s, cue.start)
            elif cue.kind == "according_to":
                span = _source_after(s, cue.end)
            if span is None:
                continue
            kind = _classify(s[span[0]:span[1]], span[0] == 0)
            if kind is None or _wire_re().fullmatch(s[span[0]:span[1]]):
                continue
            evidence.append(Evidence.at(text, base + span[0], base + span[1], signal=NAME,
                                        kind=kind, reason=_REASONS[kind]))
        for m in _wire_re().finditer(s):
            evidence.append(Evidence.at(text, base + m.start(), base + m.end(), signal=NAME,
                                        kind="wire_credit", reason=_REASONS["wire_credit"]))
        in_quote = any(q0 < sent.end and q1 > sent.start for q0, q1 in quotes)
        attributed[i] = bool(cues) or in_quote
    for q0, q1 in quotes:
        if any(sent.start <= q0 < sent.end for sent in sentences):
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

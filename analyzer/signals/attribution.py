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

This module finds the cues of each sentence and assembles the evidence; the cue lexicons and
their whole-text scans are in attribution_cues, the tests that tell a reporting verb from its
noun or adjective homograph in attribution_verbs, and the source phrases in attribution_sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from analyzer import lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.attribution_cues import (
    Cue,
    cue_scanner,
    extraposed,
    find_attitudes,
    find_containers,
    find_nouns,
    hand_nouns,
    phrase_re,
    topic_nouns,
    verb_forms,
    wire_anywhere_re,
    wire_credit_re,
)
from analyzer.signals.attribution_sources import (
    agent_source,
    classify_source,
    clause_subject,
    distinct_names,
    inverted_source,
    normalise_name,
    source_after,
    source_before,
)
from analyzer.signals.attribution_verbs import (
    TERMINAL,
    WORD_RE,
    previous_word,
    previous_word_at,
    subject_before,
    title_case,
    verb_cues,
)
from analyzer.signals.base import RunContext, SignalResult, other_language, scan_as_shown
from analyzer.text import Span, as_shown

NAME = "attribution"

# A quote must hold at least this many words to count as reported speech: one- or two-word
# quotes are mostly scare quotes or titles ('Heavy clashes', "caliphate"). PolNeAR dev: 3 words
# keeps precision on unattributed paragraphs while recalling multi-word quotes.
QUOTE_MIN_WORDS = 3
# Share of lower-case words after a headline's colon from which it is a clause, not a list of
# names or scores ("Subs: Marshall, Henchoz"; PolNeAR dev headlines: about 0.6 and more).
HEADLINE_LOWER_SHARE = 0.5

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
# "as a Homeland Security memo put it": the idiom credits a wording only after "as" and its source.
# The source may carry an apposition ("As Steven Rosenthal, a tax lawyer at the Tax Policy Center,
# recently put it"): up to AS_SOURCE_WORDS words, commas allowed; "put it" must close its clause.
AS_SOURCE_WORDS = 16
_AS_BEFORE = re.compile(rf"(?<![\w-])as\s+(?:[\w’'.-]+,?\s+){{1,{AS_SOURCE_WORDS}}}$", re.IGNORECASE)
_PUT_IT_END = re.compile(r"\s*(?:[,.;:!?“\"‘')]|-(?=\s)|—|―|$)")
_PER_NAME = re.compile(r"\s+(?:the\s+)?[A-Z]")
# Double quotes (curly or straight; unclosed ones run to the end of the line, as a quote that
# goes on in the next paragraph) and single curly quotes (a closing ’ not followed by a letter,
# so that apostrophes inside the quote do not close it), and quotes in two apostrophes (''...'',
# the New York Times' plain-text style). Every branch opens with its quote
# character (the "no letter before ‘" test comes after it) so that `re` skips ahead to the next
# quote character instead of trying the branches at every position. A quote left open ends with
# its line, before a CRLF's carriage return. Guillemets (« », French, Italian, Russian...) and
# German low-high quotes („ “) too: a French article with two « » quotes counted none.
_QUOTE_RE = re.compile(
    r"“[^”\r\n]*(?:”|(?=\r?$))|\"[^\"\r\n]*(?:\"|(?=\r?$))|‘(?<!\w‘)(?:[^’\r\n]|’(?=\w))*’(?!\w)"
    r"|''(?:[^'\r\n]|'(?!'))*(?:''|(?=\r?$))"
    r"|«[^»\r\n]*(?:»|(?=\r?$))|„[^“”\r\n]*(?:[“”]|(?=\r?$))",
    re.MULTILINE,
)
# Typographic attribution of a quote: "Caddell: “...”" / "...: “..." (a colon opening a quote) and
# "“...” ― Christina Lastra" (a dash or bar before the speaker's name after the quote, maybe on
# the next line, after LF or CRLF).
# Headline convention "Rush Limbaugh: Hillary Asking Moderator To Fact Check": a name, a colon, the
# claim (only on title-case lines, where it cannot be a label such as "Note: ...").
_HEADLINE_SPEAKER_RE = re.compile(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}(:)\s+\S+(?:\s+\S+){2}")
_QUOTE_MARK_RE = re.compile(
    r":(?=\s*(?:[“\"‘]|''|'(?=[A-Z])))|(?:(?<=[”\"’.'])|(?<=[”\"’.']\s)|(?<=[”\"’.']\r\n))(?:―|—|--)(?=\s*[A-Z])"
    r"|(?<=\w\s)(?:―|—|--)(?=\s*(?:[“\"]|''))"
)
# A page's or a post's label opening a line ("Breaking: Earthquake hits...", "UPDATE: ...",
# "EXCLUSIVE: “...”", "Factbox: ...", "Fact check: ..."): its colon introduces the item, not a
# speaker's words. The labels are the dateline lexicon's (features.py reads "BREAKING: ..." as no
# dateline), but for those that name a source the headline credits as "Poll: ..." does ("Report:
# Clinton leads in Ohio").
_SOURCE_LABELS = frozenset({"REPORT"})
_LINE_LABEL_RE = re.compile(r"\s*([A-Za-z][A-Za-z' -]{1,20}?)\s*$")  # a hyphen for "Fact-check:"


@cache
def _line_labels() -> frozenset[str]:
    return frozenset(row["term"] for row in lexicons.load("dateline_labels")) - _SOURCE_LABELS


def _label_colon(s: str, colon: int) -> bool:
    """Whether the colon at `colon` of sentence `s` closes a label the sentence opens with."""
    m = _LINE_LABEL_RE.fullmatch(s, 0, colon)
    return m is not None and " ".join(m.group(1).upper().split()) in _line_labels()


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


def _noun_cue(sentence: str, n0: int, n1: int) -> bool:
    """Whether the noun at n0:n1 (from find_nouns) is a cue: before a "that" clause, or a
    colon or quote after an owner, or its topic or target (_NOUN_TOPIC_AFTER, per list)."""
    if hand_nouns().get(sentence[n0:n1].lower()) == "support":
        return False  # only in a support-verb phrase ("sent a letter to"; "a forged letter to" is not)
    if _THAT_CLAUSE.match(sentence, n1) or (_NOUN_CONTENT_AFTER.match(sentence, n1) and _owned(sentence, n0)):
        return True
    word = sentence[n0:n1].lower()
    if previous_word(sentence, n0) in _NOT_BEFORE_NOUN:
        return False  # "you talk about", "to report on": a verb
    preps = hand_nouns().get(word)
    if preps is None:
        if word not in topic_nouns():
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


# The clause an extraposed adjective controls ("it is clear that", "unclear whether", "how").
_EXTRAPOSED_CLAUSE = re.compile(r"\s+(?:that|whether|if|how|why|what|who|when)\b|\s*:")


# Subjects that cannot hold a belief: "it is clear that", "this is sure to".
_NON_HOLDERS = frozenset("it this that there what which".split())


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


def _running_words(sentence: str, start: int) -> bool:
    """Whether the words from `start` on are running text: at least HEADLINE_LOWER_SHARE of them
    lower case ("Clinton needs to get away from ...", not "Pellegrino, Carson, Hyypia")."""
    words = WORD_RE.findall(sentence, start)
    return bool(words) and sum(w[0].islower() for w in words) / len(words) >= HEADLINE_LOWER_SHARE


def _quotes(text: str) -> list[tuple[int, int]]:
    """Direct quotes of QUOTE_MIN_WORDS or more, as (start, end) in text; unclosed quotes run to
    the end of the line (a quote that continues into the next paragraph)."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        if len(WORD_RE.findall(m.group())) >= QUOTE_MIN_WORDS:
            spans.append((m.start(), m.end()))
    return spans


def _source_evidence(text: str, sentence: str, base: int, span: tuple[int, int]) -> Evidence | None:
    """Evidence for a source phrase at `span` (sentence offsets): named or anonymous, or None for a
    pronoun, a definite description or a wire service (a credit of its own)."""
    kind = classify_source(sentence[span[0]:span[1]], span[0] == 0)
    if kind is None or wire_credit_re().fullmatch(sentence[span[0]:span[1]]):
        return None
    return Evidence.at(text, base + span[0], base + span[1], signal=NAME, kind=kind, reason=_REASONS[kind])


def _credited_quote_sentences(cue_at: list[bool], quotes_at: list[list[int]], n_quotes: int,
                              paragraph: list[int]) -> list[int]:
    """The sentences holding a quote that a cue credits, as journalism writes it: the cue in a
    sentence the quote runs over ("..., he said." / She said: "..."), in the sentence just before
    it (a speaker's line, "She said:") or just after it; or the quote continues one so credited,
    in the next sentence, later in its paragraph or in the next paragraph (the same speech: BBC
    copy joins a speech's paragraphs into one line, each opening with a quote mark). A quote
    anywhere else is words nobody is credited with (a pull-quote block, a scraped comment thread):
    one unrelated "said" in the article made four bare quotes attributed again, attribution
    0.0 -> 1.0 (a helper's bug hunt). `paragraph`: each sentence's paragraph number."""
    spans: list[list[int]] = [[] for _ in range(n_quotes)]  # quote -> the sentences it overlaps
    for i, held in enumerate(quotes_at):
        for k in held:
            spans[k].append(i)
    last = len(cue_at) - 1
    out: list[int] = []
    previous: int | None = None  # the last sentence of the last credited quote
    for where in spans:  # in text order: a continued quote's credit comes first
        if not where:
            continue
        first, end = min(where), max(where)
        if (any(cue_at[i] for i in where) or (first > 0 and cue_at[first - 1]) or (end < last and cue_at[end + 1])
                or (previous is not None and (previous >= first - 1 or paragraph[first] - paragraph[previous] <= 1))):
            out.extend(where)
            previous = end if previous is None else max(previous, end)
    return out


def find_cues(text: str, sentences: list[Span]) -> tuple[list[Evidence], list[bool]]:
    """Evidence for every cue and source in `sentences`, and per sentence whether it is attributed."""
    evidence: list[Evidence] = []
    attributed = [False] * len(sentences)
    # Per sentence: whether it names whose words these are (a cue outside its quotes, or a wire
    # credit), and the indices in `quotes` of the quotes overlapping it.
    cue_at: list[bool] = []
    quotes_at: list[list[int]] = []
    quotes = _quotes(text)
    phrase_kinds = phrase_re()[1]
    lowered = text.lower()
    # Every scan runs once on the whole article; its matches are then dealt out to the sentences
    # that hold them whole.
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    starts = [sent.start for sent in sentences]
    phrase_all, verb_all = cue_scanner().spans(text)
    noun_all, support_all = find_nouns(text, lowered)
    by_phrase, by_verb, by_noun, by_support, by_container, by_attitude = (
        _by_sentence(spans, sentences, starts, ordered) for spans in (
            phrase_all, verb_all, noun_all, support_all, find_containers(text, lowered), find_attitudes(text, lowered)))
    wire_re = wire_credit_re() if wire_anywhere_re().search(text) else None
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
        cues: list[Cue] = []
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
            cues.append(Cue(p0, p1, phrase_kinds[phrase]))
        for c0, c1 in containers:
            if not any(c.start < c1 and c0 < c.end for c in cues):
                cues.append(Cue(c0, c1, "nominal"))
        for c0, c1 in supports:
            if not any(c.start < c1 and c0 < c.end for c in cues):
                cues.append(Cue(c0, c1, "noun_cue"))
        for b0, a0, a1 in attitudes:
            subject = previous_word_at(s, b0)[1]
            # "Senator Lamar Alexander of Tennessee, were willing": a subject with an apposition.
            if subject.lower() not in _NON_HOLDERS and (subject_before(s, b0) or s[:b0].rstrip().endswith(",")):
                cues.append(Cue(a0, a1, "attitude"))
            elif subject.lower() == "it" and s[a0:a1].lower() in extraposed() and _EXTRAPOSED_CLAUSE.match(s, a1):
                cues.append(Cue(a0, a1, "evidential"))
        g = bisect_left(gates, base - 1)
        if g < len(gates) and gates[g] < sent.end:
            # Searched in the whole text so that the look-behind sees a quote closing the sentence before.
            for m in _QUOTE_MARK_RE.finditer(text, base, sent.end):
                mark = m.group().strip()
                start = m.start() + m.group().index(mark) - base
                if not (mark == ":" and _label_colon(s, start)):
                    cues.append(Cue(start, start + len(mark), "quote_mark"))
        if ":" in s:
            headline = _HEADLINE_SPEAKER_RE.match(s)
            # Title case, or a line without terminal punctuation ("Sanders: Clinton needs to ...").
            # The article's first line is its headline whatever its punctuation ("Poll: Clinton
            # and Trump in dead heat."), if running words follow the colon (not a list of names).
            # Names in a comma list after the colon are a line-up ("Subs Not Used: Pellegrino,
            # Carson, Hyypia"), not a claim.
            if headline is not None and not _label_colon(s, headline.start(1)):
                h1 = headline.end(1)
                running = _running_words(s, h1)
                # The colon may already be a quote mark ('HC: "Solidarity ...'): one cue, one span.
                if (running or s.count(",", h1) < 2) and (
                        title_case(s) or not s.rstrip().endswith(TERMINAL) or (running and not text[:base].strip())
                ) and not any(c.start == headline.start(1) and c.kind == "quote_mark" for c in cues):
                    cues.append(Cue(headline.start(1), h1, "quote_mark"))
        # Quotes overlapping the sentence, in sentence offsets (the first ending after its start).
        k = bisect_right(quote_ends, sent.start)
        local_quotes = []
        quotes_at.append([])
        while k < len(quotes) and quotes[k][0] < sent.end:
            local_quotes.append((quotes[k][0] - base, quotes[k][1] - base))
            quotes_at[-1].append(k)
            k += 1
        verbs = verb_cues(s, verb_spans, local_quotes) if verb_spans else []
        # A verb inside a nominal phrase ("said in a statement") is reported once, as the phrase.
        cues += [v for v in verbs if not any(c.start <= v.start < c.end for c in cues)]
        for n0, n1 in noun_spans:  # after the verbs: "He claims that" is a verb
            if _noun_cue(s, n0, n1) and not any(
                    c.start < n1 and n0 < c.end for c in cues):
                cues.append(Cue(n0, n1, "noun_cue"))
        sources: list[tuple[int, int]] = []
        gerunds: list[Cue] = []
        for cue in cues:
            evidence.append(Evidence.at(text, base + cue.start, base + cue.end, signal=NAME,
                                        kind=cue.kind, reason=_REASONS[cue.kind]))
            span = None
            if cue.kind == "reporting_verb":
                if cue.gerund:
                    gerunds.append(cue)  # after the other cues' sources, below
                    continue
                span = agent_source(s, cue) if cue.passive else inverted_source(s, cue) or source_before(s, cue.start)
            elif cue.kind == "nominal" and s[cue.start:cue.end].split()[0].lower() in verb_forms()[1]:
                span = source_before(s, cue.start)  # "the ministry said in a statement"
            elif cue.kind == "according_to":
                span = source_after(s, cue.end)
            # Two cues of one sentence may name one source ("The A.G., according to the Times, said"):
            # it is one span of evidence and one anonymous source, not two.
            if span is not None and span not in sources and (
                    found := _source_evidence(text, s, base, span)) is not None:
                sources.append(span)
                evidence.append(found)
        verb_ends = {c.end for c in cues if c.kind == "reporting_verb" and not c.gerund}
        for cue in gerunds:
            # A clause gerund's source is the main clause's subject ("..., adding that"), often
            # already found as the main verb's ("Officials said ..., adding"), and then not again.
            # Right after a reporting verb ("..., he says, insisting") it is that verb's, found with it.
            p = cue.start
            while p > 0 and s[p - 1] in " ,":
                p -= 1
            if p in verb_ends:
                continue
            span = clause_subject(s, cue)
            if span is None or any(a < span[1] and span[0] < b for a, b in sources):
                continue
            if (found := _source_evidence(text, s, base, span)) is not None:
                sources.append(span)
                evidence.append(found)
        wired = False
        for m in wire_re.finditer(s) if wire_re is not None else ():
            evidence.append(Evidence.at(text, base + m.start(), base + m.end(), signal=NAME,
                                        kind="wire_credit", reason=_REASONS["wire_credit"]))
            wired = True
        attributed[i] = bool(cues)
        # A cue inside a quote ("... and nobody knows why.") is the speaker's, not a credit of the quote.
        cue_at.append(wired or any(not any(q0 <= c.start and c.end <= q1 for q0, q1 in local_quotes) for c in cues))
    paragraph = [0] * len(sentences)  # a line break between two sentences starts a paragraph
    for i in range(1, len(sentences)):
        paragraph[i] = paragraph[i - 1] + ("\n" in text[sentences[i - 1].end:sentences[i].start])
    for i in _credited_quote_sentences(cue_at, quotes_at, len(quotes), paragraph):
        attributed[i] = True
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
    text = article.prose  # a wrapped paragraph's line breaks do not cut a cue from its quote
    sentences = article.content_sentences
    evidence, flags = scan_as_shown(find_cues, text, sentences)
    if (skipped := other_language(article, NAME)) is not None:
        # Quote marks and an agency's name read the same in any language ("a déclaré à l'AFP").
        evidence = [ev for ev in evidence if ev.kind in ("quote", "quote_mark", "wire_credit")]
        return SignalResult(scores={NAME: 0.0}, evidence=evidence, details={
            "skipped": skipped + "; only quotations and news-agency credits were looked for",
            "quotes": sum(1 for ev in evidence if ev.kind == "quote"),
            "wire_credits": sorted({ev.text for ev in evidence if ev.kind == "wire_credit"})})
    # As shown: "O&#8217;Brien" and "O’Brien" are one name.
    names = [normalise_name(as_shown(ev.text)) for ev in evidence if ev.kind == "named_source"]
    details = {
        "attributed_sentences": sum(flags),
        "sentences": len(sentences),
        "quotes": sum(1 for ev in evidence if ev.kind == "quote"),
        "named_sources": distinct_names(names),
        "anonymous_sources": sum(1 for ev in evidence if ev.kind == "anonymous_source"),
        "wire_credits": sorted({ev.text for ev in evidence if ev.kind == "wire_credit"}),
    }
    share = sum(flags) / len(sentences) if sentences else 0.0
    return SignalResult(scores={"attribution": share}, evidence=evidence, details=details)

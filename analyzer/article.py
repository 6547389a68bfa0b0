"""The record that flows through the pipeline, and the evidence spans signals attach to it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

from analyzer import text as textutil

LABELS = ("clean", "machine_translated", "spun")
SCORE_KEYS = ("translation", "boilerplate", "attribution", "hedging", "readability", "trust")
# Decimal places of a score in a written record (to_dict): what `score` has always written.
SCORE_DECIMALS = 4
# details[COPY_DETAIL]: what `score`'s comparison found for a copy and the article's own scoring
# (analyzer.compare).
COPY_DETAIL = "copy"
# details[EXCERPT_DETAIL]: the reader found the text cut short by the API that gave it (NewsAPI's free tier
# "... [+3000 chars]"): {"chars_given", "chars_cut", "why"}. The trust table does not judge such a text
# (trust.model.not_judged_reason).
EXCERPT_DETAIL = "excerpt"
# Key in Article.__dict__ of the cached content sentences (see Article.content_sentences).
_CONTENT_CACHE = "_content_sentences"
# Where translation.detector_text leaves the article's Reading for its translation signal.
READING_CACHE = "_translation_reading"
# Where translation.pair_style leaves the article's projection on the pair model (`flag` compares
# each copy of a story with several others).
PAIR_STYLE_CACHE = "_translation_pair_style"


@dataclass(slots=True)
class Evidence:
    """One flagged character span, as in OUTPUT.md. `text` always equals article.decoded[start:end]."""

    signal: str
    kind: str
    start: int
    end: int
    text: str
    reason: str
    suggestion: str | None = None

    @classmethod
    def at(
        cls,
        source_text: str,
        start: int,
        end: int,
        *,
        signal: str,
        kind: str,
        reason: str,
        suggestion: str | None = None,
    ) -> Evidence:
        """Build a span from offsets so that `text` can never disagree with them."""
        return cls(signal, kind, start, end, source_text[start:end], reason, suggestion)

    def moved(self, source_text: str, start: int, end: int) -> Evidence:
        """The same flag at other offsets of `source_text` (a span found on another view of it)."""
        return replace(self, start=start, end=end, text=source_text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {
            "signal": self.signal,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "reason": self.reason,
        }


def moved_back(evidence: list[Evidence], view: textutil.ReadingView, text: str) -> list[Evidence]:
    """Evidence found on view.text (the text as shown: text.ReadingView), as spans of text."""
    return [ev.moved(text, *view.to_text(ev.start, ev.end)) for ev in evidence]


def read_as_shown(find: Callable[[str], list[Evidence]], text: str) -> list[Evidence]:
    """find(text), run on the text as a reader sees it where that differs (text.ReadingView: a soft
    hyphen inside "Photo of the fi\xadle", "japanese&#160;Syria"), its spans mapped back to the text's."""
    view = textutil.reading_view(text)
    if view is None:
        return find(text)
    return moved_back(find(view.text), view, text)


# (path, id): what tells the articles of one run apart (Article.key). Readers give each record of
# a file its own id, so only records that name the same id themselves share a key.
ArticleKey = tuple[str, str]


def source_name(source: str) -> str:
    """A source name as one outlet is spelled: runs of white space as one space ("BBC News ",
    "BBC\xa0News", a line break from a page's cell are "BBC News"), "unknown" when blank.
    `analyzer train` spells a labels row's source so too. Composed (NFC): a name typed on a Mac or
    copied from a PDF may spell "ü" as "u" and a combining mark (NFD), which split one outlet in two
    rows of `trust` (bug hunt 30, U1)."""
    return unicodedata.normalize("NFC", " ".join(source.split())) or "unknown"


@dataclass
class Article:
    """One article. Readers fill the input fields; signals fill scores, evidence and details.

    `text` is what the signals read: the text given, with odd spaces and line breaks made plain
    (text.plain_layout) and HTML tags read as line breaks or invisible (text.markup_hidden), at the same
    length; `prose` is `text` with the line breaks of hard-wrapped paragraphs as spaces, what
    sentence scans read; `decoded` is the text as given, which span texts come from.
    """

    id: str
    text: str
    path: str | None = None
    source: str = "unknown"
    url: str | None = None
    title: str | None = None
    date: str | None = None
    # The text was extracted from the input, not given as written (an HTML page's main text, a feed
    # item's HTML as shown): no file holds the text its evidence offsets index, so to_dict gives it.
    extracted: bool = False
    language: str = "en"
    label: str = "clean"
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    # Per-signal figures that are not scores (quote counts, grade levels, feature values...).
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Character ranges of lines the boilerplate signal kept as content; None = whole text.
    content_ranges: list[tuple[int, int]] | None = None
    # The text as given, where `text` differs from it (see __post_init__).
    _given: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Signals read non-breaking spaces and odd line breaks as plain ones, and HTML tags as a
        # browser shows them (same length, so offsets hold); evidence text is sliced from the text
        # as given (restore_evidence_text).
        plain = textutil.markup_hidden(textutil.plain_layout(self.text))
        if plain is not self.text:
            self._given, self.text = self.text, plain
        # A source name as scraped ("BBC News ", "BBC\xa0News", a line break from a page's cell) is
        # one outlet: trust ranked each spelling as a source of its own, rows that read alike
        # (a helper's bug hunt). Runs of spaces read as one, as metadata.csv's cells are stripped.
        if isinstance(self.source, str):
            self.source = source_name(self.source)

    def without_details(self) -> Article:
        """A copy without per-signal details or cached segmentation (what story grouping needs)."""
        light = Article(**{f.name: getattr(self, f.name) for f in fields(self) if f.init})
        light.details = {}
        light._given = self._given
        return light

    @property
    def key(self) -> ArticleKey:
        """What tells the articles of one run apart: an id repeats when two folders hold the same
        file name (`afp/story.txt`, `blog/story.txt`), and the id alone would mix their flags."""
        return (self.path or "", self.id)

    @property
    def decoded(self) -> str:
        """The text as given (decoded from its file): evidence offsets and texts refer to it."""
        return self.text if self._given is None else self._given

    def restore_evidence_text(self, evidence: list[Evidence]) -> None:
        """Set each span's text from the text as given, where signals read its plain layout or its
        prose (a wrapped paragraph's line breaks read as spaces)."""
        if self._given is not None or self.prose is not self.text:
            given = self.decoded
            for ev in evidence:
                ev.text = given[ev.start:ev.end]

    @cached_property
    def lines(self) -> list[textutil.Span]:
        return textutil.split_lines(self.text)

    @cached_property
    def prose(self) -> str:
        """`text` with the line breaks inside hard-wrapped paragraphs as spaces (text.unwrapped;
        same length): what sentence scans read. Lines stay those of `text`: the boilerplate
        signal joins wrapped lines into units itself, and was fitted on lines as written."""
        return textutil.unwrapped(self.text)

    @cached_property
    def sentences(self) -> list[textutil.Span]:
        """Sentences of `prose`: a sentence runs on across the line breaks of a wrapped paragraph."""
        prose = self.prose
        return textutil.split_sentences(prose, self.lines if prose is self.text else None)

    @property
    def content_sentences(self) -> list[textutil.Span]:
        """Sentences inside content lines (all sentences until boilerplate has run)."""
        ranges = self.content_ranges
        if ranges is None:
            return self.sentences
        # Four signals and the trust features ask for these: keep the last result with a copy of
        # the ranges it was computed for, so that new or edited ranges are never served stale.
        cached = self.__dict__.get(_CONTENT_CACHE)
        if cached is not None and cached[0] == ranges:
            return cached[1]
        kept = textutil.within(self.sentences, ranges)
        self.__dict__[_CONTENT_CACHE] = (list(ranges), kept)
        return kept

    def drop_content_cache(self) -> None:
        """Forget the cached content sentences (~700 bytes an article on bbc_dev.jsonl) and a Reading
        that no translation signal took back (a run without that signal; review 25 R9)."""
        self.__dict__.pop(_CONTENT_CACHE, None)
        self.__dict__.pop(READING_CACHE, None)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled state without the content-sentence cache (rebuilt on demand by the receiver)."""
        state = dict(self.__dict__)
        state.pop(_CONTENT_CACHE, None)
        state.pop(READING_CACHE, None)
        state.pop(PAIR_STYLE_CACHE, None)
        return state

    @property
    def words(self) -> int:
        """Words as a reader sees the text (text.as_shown): a record's "AT&amp;T" or "It&#8217;s"
        had counted "amp" and "8217" as words, 16 words for 12 (bug hunt 27, W1)."""
        return textutil.count_words(textutil.as_shown(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "words": self.words,
            "scores": {key: round(float(self.scores.get(key, 0.0)), SCORE_DECIMALS) for key in SCORE_KEYS},
            "label": self.label,
            "evidence": [ev.to_dict() for ev in sorted(self.evidence, key=_evidence_order)],
            "details": _written_details(self.details),
            # OUTPUT.md's evidence offsets index this text: the input holds it only as markup.
            **({"text": self.decoded} if self.extracted else {}),
        }


def _written_details(details: dict[str, Any]) -> dict[str, Any]:
    """details as written: the article's own scores that `score`'s comparison keeps in
    details["copy"]["own"] (analyzer.compare) rounded as its scores are, a copy beside its rounded
    trust 0.0252 wrote 0.025249876550168797 (review 27, low). In memory they stay exact, as the
    scores do: compare.uncompared restores them, and the trust features read them."""
    found = details.get(COPY_DETAIL)
    if not isinstance(found, dict) or not isinstance(found.get("own"), dict):
        return details
    own = {key: round(value, SCORE_DECIMALS) if isinstance(value, float) else value
           for key, value in found["own"].items()}
    return {**details, COPY_DETAIL: {**found, "own": own}}


def _evidence_order(ev: Evidence) -> tuple[int, int, str, str]:
    return (ev.start, ev.end, ev.signal, ev.kind)

"""Main language of an article, and paragraphs written in another language."""

from __future__ import annotations

from analyzer.article import Article, Evidence
from analyzer.signals.base import RunContext, SignalResult
from analyzer.text import WORD_RE

NAME = "language"
# Share of English function words above which a paragraph is taken as English without running
# langdetect; English news prose sits around 0.40-0.50 (measured on bbc_dev.jsonl), other
# languages well under 0.10.
ENGLISH_STOPWORD_SHARE = 0.20
# Paragraphs shorter than this are too short for langdetect to be reliable (langdetect README).
MIN_DETECT_CHARS = 40
LANGDETECT_SEED = 0

_EN_FUNCTION_WORDS = frozenset(
    """the of and to a in that is was for on it with as by at he she they his her their from
    an be have has had are were not this which but or its who said will would been after
    than more about into over also can could there when up out if no what all we one two""".split()
)


def english_share(text: str) -> float:
    tokens = [m.group().lower() for m in WORD_RE.finditer(text)]
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t in _EN_FUNCTION_WORDS) / len(tokens)


def detect(text: str) -> str:
    """ISO 639-1 code by langdetect, seeded for determinism; 'und' when it cannot tell."""
    from langdetect import DetectorFactory, detect as _detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = LANGDETECT_SEED
    try:
        return _detect(text)
    except LangDetectException:
        return "und"


def paragraph_language(text: str) -> str:
    """'en' by the cheap test when it is clear, else langdetect (the slow path is gated)."""
    if english_share(text) >= ENGLISH_STOPWORD_SHARE:
        return "en"
    if len(text) < MIN_DETECT_CHARS:
        return "und"
    return detect(text)


def language_signal(article: Article, context: RunContext) -> SignalResult:
    chars: dict[str, int] = {}
    evidence = []
    for line in article.lines:
        lang = paragraph_language(line.text)
        if lang == "und":
            continue
        chars[lang] = chars.get(lang, 0) + len(line.text)
    main = max(sorted(chars), key=lambda k: chars[k]) if chars else "en"
    for line in article.lines:
        if len(line.text) < MIN_DETECT_CHARS or english_share(line.text) >= ENGLISH_STOPWORD_SHARE:
            continue
        lang = paragraph_language(line.text)
        if lang not in ("und", main):
            evidence.append(
                Evidence.at(
                    article.text, line.start, line.end, signal=NAME, kind="foreign_language",
                    reason=f"This paragraph is in another language ({lang}) than the article ({main}).",
                )
            )
    total = sum(chars.values()) or 1
    return SignalResult(
        evidence=evidence,
        details={"languages": {k: round(v / total, 4) for k, v in sorted(chars.items())}},
        fields={"language": main},
    )

"""Main language of an article, and paragraphs written in another language.

langdetect costs about 15 ms a paragraph (and 2 s to load its profiles once), so it only runs on
paragraphs a cheap test marks as suspect: in an English article, a paragraph long enough to judge
whose share of English stop words is low AND that either carries many stop words of another
language we ship a list for, or is mostly written in a non-Latin script. A non-English article
(few English stop words overall) gets one langdetect call on its text for the main language; then
only paragraphs that look English, or that its own stop words do not cover, are checked.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from analyzer import guard, lexicons
from analyzer.article import Article, Evidence
from analyzer.signals.base import NO_LANGUAGE, RunContext, SignalResult
from analyzer.text import UNREAD, length_for

NAME = "language"
# Languages with a shipped stop-word list (lexicons/stopwords_<code>.tsv, from jusText).
STOPWORD_LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
# Share of a paragraph's words that are stop words of its language: English news prose has a
# median of 0.54 and a 5th percentile of 0.37 with the jusText list (bbc_dev.jsonl, lines of 8+
# words); the French promo paragraph of seed 000 scores 0.09 on the English list.
STOPWORD_SHARE = 0.25
# Share of a paragraph's words that are distinctive stop words of another shipped language before
# it is sent to langdetect (the French promo of seed 000 scores 0.36 on the French list).
HINT_SHARE = 0.15
# ... and at least this many of them (two particles in a list of Italian names are not Italian).
MIN_HINT_HITS = 3
# A paragraph counts as English prose (no langdetect needed) above this share.
ENGLISH_SHARE = STOPWORD_SHARE
# Fewer words than this are too few for langdetect to be reliable (its README warns about short
# texts; names and datelines of 4-6 words get random codes).
MIN_DETECT_WORDS = 8
# The same for scripts written without spaces, in characters (about two characters a word).
MIN_UNSPACED_CHARS = 16
# Share of letters outside the Latin script above which a paragraph is suspect whatever its words.
NON_LATIN_SHARE = 0.5
# langdetect must be at least this sure before a paragraph is called foreign.
MIN_PROBABILITY = 0.90
# Below this share of English prose characters the article is not taken as English.
ENGLISH_MAIN_SHARE = 0.5
# Characters of the article's prose given to langdetect for its main language.
MAIN_SAMPLE_CHARS = 3000
LANGDETECT_SEED = 0

# Chinese, Japanese and Korean are told apart by their scripts, not by langdetect: its Korean
# profile holds the Han characters of Korean text, so Traditional Chinese came out "ko" (p up to
# 1.0) or "zh" below MIN_PROBABILITY. Code points of the Unicode blocks of each script:
HAN_RANGES = (
    ("\u3400", "\u4dbf"),  # CJK Unified Ideographs Extension A
    ("\u4e00", "\u9fff"),  # CJK Unified Ideographs
    ("\uf900", "\ufaff"),  # CJK Compatibility Ideographs
    ("\U00020000", "\U0002fa1f"),  # Extensions B-F, Compatibility Ideographs Supplement
)
KANA_RANGES = (
    ("\u3040", "\u30ff"),  # Hiragana, Katakana
    ("\u31f0", "\u31ff"),  # Katakana Phonetic Extensions
    ("\uff66", "\uff9f"),  # Halfwidth Katakana
)
HANGUL_RANGES = (
    ("\u1100", "\u11ff"),  # Hangul Jamo
    ("\u3130", "\u318f"),  # Hangul Compatibility Jamo
    ("\ua960", "\ua97f"),  # Hangul Jamo Extended-A
    ("\uac00", "\ud7af"),  # Hangul Syllables
    ("\ud7b0", "\ud7ff"),  # Hangul Jamo Extended-B
)
# Shares of the letters of these three scripts, weighted by word frequency in wordfreq 3.1's
# "best" lists: Japanese 69.5% kana (30.5% Han), Chinese 0.04% kana, Korean 99.9% Hangul, and no
# Hangul in either of the others. A text whose letters are mostly of these scripts (CJK_SHARE) is
# Korean when most of them are Hangul (HANGUL_SHARE), else Japanese from KANA_SHARE of kana (a
# fourteenth of Japanese's share, over a hundred times Chinese's: a Japanese name in a Chinese
# story stays Chinese), else Chinese.
CJK_SHARE = 0.5
HANGUL_SHARE = 0.5
KANA_SHARE = 0.05


def _script_class(ranges: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{lo}-{hi}" for lo, hi in ranges) + "]")


_HAN_RE = _script_class(HAN_RANGES)
_KANA_RE = _script_class(KANA_RANGES)
_HANGUL_RE = _script_class(HANGUL_RANGES)


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The shipped stop-word list of a language, empty when none ships."""
    if lang not in STOPWORD_LANGUAGES:
        return frozenset()
    return lexicons.terms(f"stopwords_{lang}")


# Punctuation that separates words for the stop-word statistics (apostrophes stay inside words);
# invisible characters and bidi marks join them ("inter\xadnational"; markup text.markup_hidden hides
# around a word).
_SEPARATORS = str.maketrans(
    {c: " " for c in "!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~-“”‘«»„‚‹›–—―…•·¡¿©®™°§¶†‡"} | dict.fromkeys(UNREAD)
)


# Lines whose words `tokens` keeps: enough for every line of one article (bbc_dev.jsonl articles
# have at most 74 lines), so the boilerplate signal finds the language signal's work, while the
# cache stays small: ~6 MB of word tuples when full of bbc_dev.jsonl lines (16x that at 16384).
TOKEN_CACHE_LINES = 1024


@lru_cache(maxsize=TOKEN_CACHE_LINES)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased words of a line for stop-word statistics. A translate + split is several times
    faster than the word regex on long lines (apostrophes stay: "it's" is one word, as in the
    stop lists); the small cache lets the boilerplate signal reuse the language signal's work on
    the same article without growing over a run."""
    return tuple(text.lower().translate(_SEPARATORS).split())


def stop_share(toks: tuple[str, ...], lang: str) -> float:
    words = stopwords(lang)
    if not toks or not words:
        return 0.0
    return sum(map(words.__contains__, toks)) / len(toks)


def english_share(text: str) -> float:
    return stop_share(tokens(text), "en")


def non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for c in letters if c < "\u0250" or unicodedata.name(c, "").startswith("LATIN"))
    return 1 - latin / len(letters)


def _langdetect_factory():  # type: ignore[no-untyped-def]
    """langdetect's profile factory, published only once every profile is loaded.

    langdetect's own init_factory() stores the factory before loading its profiles, so an
    interruption mid-load (the per-article time guard, Ctrl-C) would leave a process detecting
    with some languages missing (French paragraphs then come out as Catalan).
    """
    from langdetect import detector_factory

    if detector_factory._factory is None:
        # Its loader's bare `except:` would swallow the time guard's exception (guard.deferred).
        with guard.deferred():
            factory = detector_factory.DetectorFactory()
            factory.load_profile(detector_factory.PROFILES_DIRECTORY)
            detector_factory._factory = factory
    return detector_factory._factory


def script_language(text: str) -> str | None:
    """'zh', 'ja' or 'ko' for a text written mostly in Han, kana or Hangul, by the counts of each
    script's letters (see CJK_SHARE); None for any other text."""
    if text.isascii():
        return None
    han, kana, hangul = (len(pattern.findall(text)) for pattern in (_HAN_RE, _KANA_RE, _HANGUL_RE))
    cjk = han + kana + hangul
    if not cjk or cjk < CJK_SHARE * sum(map(str.isalpha, text)):
        return None
    if hangul >= HANGUL_SHARE * cjk:
        return "ko"
    return "ja" if kana >= KANA_SHARE * cjk else "zh"


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) by the script for Chinese, Japanese and Korean (probability 1,
    script_language), else by langdetect, seeded for determinism; ('und', 0) if unsure."""
    script = script_language(text)
    if script is not None:
        return script, 1.0
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = LANGDETECT_SEED
    try:
        detector = _langdetect_factory().create()
        detector.append(text)
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return "und", 0.0
    code = best.lang.split("-")[0]  # zh-cn / zh-tw -> zh
    return code, best.prob


def _long_unspaced(text: str) -> bool:
    """Chinese or Japanese prose has few spaces, hence few 'words': judge it by characters."""
    return len(text) >= MIN_UNSPACED_CHARS and not text.isascii() and non_latin_share(text) >= NON_LATIN_SHARE


def _short_non_latin(text: str) -> str | None:
    """langdetect's best guess for a text too short to judge by words whose letters are mostly of
    a non-Latin script (Greek, Cyrillic, Arabic, Hebrew, Thai ...): no English text is; None for any
    other text. Run only for such texts, so the cost on English is one pass over the letters."""
    if non_latin_share(text) < NON_LATIN_SHARE:
        return None
    code, _ = detect(text)
    return None if code == "und" else code


@cache
def _hint_words(lang: str) -> frozenset[str]:
    """Stop words telling a language from English: longer than one letter (initials in lists of
    names are not French 'a' or Portuguese 'e') and not English stop words themselves."""
    return frozenset(w for w in stopwords(lang) if len(w) > 1) - stopwords("en")


def _other_language_hint(toks: tuple[str, ...]) -> str | None:
    """The shipped non-English language whose stop words cover this paragraph, if one does."""
    if not toks:
        return None
    best, best_share = None, HINT_SHARE
    for lang in STOPWORD_LANGUAGES[1:]:
        words = _hint_words(lang)
        hits = sum(map(words.__contains__, toks))
        share = hits / len(toks)
        if hits >= MIN_HINT_HITS and share >= best_share:
            best, best_share = lang, share
    return best


def language_signal(article: Article, context: RunContext) -> SignalResult:
    lines = article.lines
    toks = [tokens(line.text) for line in lines]
    english = [stop_share(t, "en") >= ENGLISH_SHARE for t in toks]
    judged = [len(t) >= MIN_DETECT_WORDS or _long_unspaced(line.text) for line, t in zip(lines, toks, strict=False)]
    # Shares of the characters that show: markup left in the text (text.markup_hidden) counts nothing.
    size = length_for(article.text)
    prose_chars = sum(size(line.text) for line, ok in zip(lines, judged, strict=False) if ok)
    english_chars = sum(size(line.text) for line, ok, en in zip(lines, judged, english, strict=False) if ok and en)

    main = "en"
    if not any(map(str.isalpha, article.text)):
        main = NO_LANGUAGE  # emoji, punctuation, figures: no language to detect
    elif not prose_chars:
        # Too short to judge by words: Chinese, Japanese or Korean by the script of its letters, a
        # text mostly in another non-Latin script by langdetect (a one-word Greek or Cyrillic text
        # was "en"), else English.
        main = script_language(article.text) or _short_non_latin(article.text) or "en"
    elif english_chars < ENGLISH_MAIN_SHARE * prose_chars:
        # Mostly Chinese, Japanese or Korean paragraphs: the script of most characters, paragraph by
        # paragraph (a Japanese paragraph's kana would make the whole of a Chinese article "ja").
        by_script: dict[str, int] = {}
        for line, ok in zip(lines, judged, strict=False):
            script = script_language(line.text) if ok else None
            if script is not None:
                by_script[script] = by_script.get(script, 0) + size(line.text)
        if sum(by_script.values()) >= CJK_SHARE * prose_chars:
            main = max(sorted(by_script), key=by_script.__getitem__)
        else:
            sample = " ".join(line.text for line, ok in zip(lines, judged, strict=False) if ok)[:MAIN_SAMPLE_CHARS]
            code, _ = detect(sample)
            main = code if code != "und" else "en"

    chars: dict[str, int] = {}
    evidence = []
    for line, t, ok, en in zip(lines, toks, judged, english, strict=False):
        if not ok:
            continue
        lang = _paragraph_language(line.text, t, en, main)
        chars[lang] = chars.get(lang, 0) + size(line.text)
        if lang in (main, "und"):
            continue
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


def _paragraph_language(text: str, toks: tuple[str, ...], english: bool, main: str) -> str:
    """The paragraph's language; cheap answers first, langdetect only for suspects."""
    if main == "en" and english:
        return "en"
    # Before the own-script shortcut below: a Japanese paragraph in a Chinese article is not Chinese.
    script = script_language(text)
    if script is not None:
        return script
    if main == "en":
        if _other_language_hint(toks) is None and non_latin_share(text) < NON_LATIN_SHARE:
            return "und"  # names, figures, lists: nothing says it is another language
    else:
        own = stopwords(main)
        if own and stop_share(toks, main) >= STOPWORD_SHARE:
            return main
        if not own and not english and non_latin_share(text) >= NON_LATIN_SHARE:
            return main  # e.g. an Arabic article: its own-script paragraphs are its language
        if not english and _other_language_hint(toks) is None:
            return "und"
    code, prob = detect(text)
    return code if prob >= MIN_PROBABILITY else "und"

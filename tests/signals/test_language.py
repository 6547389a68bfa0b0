"""Language signal: main language, foreign paragraphs as evidence, cheap gate before langdetect."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import analyzer.signals.language as language
from analyzer.article import Article
from analyzer.signals.base import RunContext

ENGLISH = [
    "The government announced on Monday that it would raise the minimum wage by five percent next year.",
    "Officials said the increase would help about two million workers who have struggled with rising prices.",
]
FRENCH = (
    "Middle East Eye propose une couverture et une analyse indépendantes et incomparables du Moyen-Orient. "
    "Pour en savoir plus sur la reprise de ce contenu, veuillez remplir ce formulaire."
)
SPANISH = [
    "El Gobierno anunció este lunes un nuevo paquete de medidas para hacer frente a la subida de los precios.",
    "Las medidas incluyen una rebaja del impuesto de la electricidad y ayudas directas a las familias.",
]


def run(text: str):
    return language.language_signal(Article(id="t", text=text), RunContext())


def test_english_article_with_french_promo() -> None:
    text = "\n".join([*ENGLISH, FRENCH])
    result = run(text)
    assert result.fields["language"] == "en"
    assert [(e.kind, e.text) for e in result.evidence] == [("foreign_language", FRENCH)]
    ev = result.evidence[0]
    assert ev.signal == "language" and "(fr)" in ev.reason and text[ev.start:ev.end] == ev.text


def test_spanish_article() -> None:
    result = run("\n".join([*SPANISH, ENGLISH[0]]))
    assert result.fields["language"] == "es"
    assert [e.text for e in result.evidence] == [ENGLISH[0]]


def test_non_latin_article() -> None:
    russian = [
        "Правительство в понедельник объявило о повышении минимальной заработной платы на пять процентов.",
        "По словам чиновников, повышение поможет примерно двум миллионам работников в следующем году.",
    ]
    result = run("\n".join(russian))
    assert result.fields["language"] == "ru"
    assert result.evidence == []


# Written for these tests. langdetect (seeded) called each Traditional Chinese paragraph "ko",
# its Korean profile holding the Han characters of Korean text, or "zh" below MIN_PROBABILITY.
TRADITIONAL_CHINESE = [
    "香港立法會今日通過了新的預算案，議員們對此表示歡迎。",
    "經濟學家認為，這項決定將對全球市場產生深遠影響。",
    "據報導，颱風預計將於週末登陸，氣象局已發布警報。" * 2,
    "美國總統今天在白宮發表演說，表示將加強與盟國的合作。" * 3,
]
SIMPLIFIED_CHINESE = "美国总统今天在白宫发表演说，表示将加强与盟国的合作。"
JAPANESE = "東京都は今日、新しい交通計画を発表しました。市民の生活がより便利になると期待されています。"
KOREAN = "대통령은 오늘 백악관에서 연설을 하고 동맹국과의 협력을 강화하겠다고 밝혔다."


@pytest.mark.parametrize("paragraph", TRADITIONAL_CHINESE)
def test_traditional_chinese_is_chinese_not_korean(paragraph: str) -> None:
    assert language.detect(paragraph) == ("zh", 1.0)
    result = run(paragraph)
    assert result.fields["language"] == "zh" and result.details["languages"] == {"zh": 1.0}


@pytest.mark.parametrize("paragraph", TRADITIONAL_CHINESE[:2])
def test_a_traditional_chinese_paragraph_in_an_english_article_is_flagged_as_chinese(paragraph: str) -> None:
    result = run("\n".join([ENGLISH[0], paragraph, ENGLISH[1]]))
    assert result.fields["language"] == "en"
    assert [(e.text, e.reason) for e in result.evidence] == [
        (paragraph, "This paragraph is in another language (zh) than the article (en).")]


def test_scripts_tell_chinese_japanese_and_korean_apart() -> None:
    assert [language.script_language(t) for t in (SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE[0], JAPANESE, KOREAN)] \
        == ["zh", "zh", "ja", "ko"]
    # Not decided by script: other languages, and a few Han characters in a Latin-script text.
    assert language.script_language(ENGLISH[0]) is None
    assert language.script_language("Правительство объявило о повышении") is None
    assert language.script_language("The Chinese word 中國 means China, the Middle Kingdom.") is None
    # A Japanese paragraph in a Chinese article is Japanese (not the article's own script), and its
    # kana do not make the article Japanese.
    result = run("\n".join([*TRADITIONAL_CHINESE, JAPANESE]))
    assert result.fields["language"] == "zh"
    assert [(e.text, "(ja)" in e.reason) for e in result.evidence] == [(JAPANESE, True)]


def test_langdetect_runs_only_on_suspects(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = language.detect

    def counting(text: str) -> tuple[str, float]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language, "detect", counting)
    names = "F Sheahan, M Horan, D O'Callaghan, E Miller, G Easterby, D Humphreys, K Maggs, A Goode."
    run("\n".join([*ENGLISH, names, "Perugini, Intoppa, Del Fava, Dal Maso, Griffen, Pozzebon, Robertson."]))
    assert calls == []  # English prose passes the stop-word test; lists of names are not suspects
    run("\n".join([*ENGLISH, FRENCH]))
    assert calls == [FRENCH]


def test_deterministic() -> None:
    text = "\n".join([*ENGLISH, FRENCH, "Ein kurzer Satz auf Deutsch, der hier nichts zu suchen hat, wirklich nicht."])
    first = [(e.start, e.reason) for e in run(text).evidence]
    for _ in range(3):
        assert [(e.start, e.reason) for e in run(text).evidence] == first


def test_speed_with_boilerplate(shared_data: Path) -> None:
    """language + boilerplate stay cheap on typical clean articles (target ~1.5 ms together)."""
    from analyzer.signals.boilerplate import boilerplate_signal

    rows = [json.loads(line) for line in (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8")][:400]
    articles = [Article(id=r["id"], text=r["text"], source=r.get("source", "unknown")) for r in rows]
    context = RunContext()
    start = time.perf_counter()
    for article in articles:
        language.language_signal(article, context)
        boilerplate_signal(article, context)
    per_article = (time.perf_counter() - start) / len(articles)
    assert per_article < 0.005  # generous ceiling for slow CI machines; measured ~1.4 ms


def test_interrupted_profile_loading_leaves_no_partial_factory(monkeypatch) -> None:
    # The time guard can interrupt langdetect's first profile load; a half-loaded factory would
    # make every later detection in the process miss languages.
    import pytest
    from langdetect import detector_factory

    from analyzer.signals.language import detect

    monkeypatch.setattr(detector_factory, "_factory", None)
    real_load = detector_factory.DetectorFactory.load_profile

    def interrupted(self, directory):  # type: ignore[no-untyped-def]
        raise TimeoutError("guard fired while loading profiles")

    monkeypatch.setattr(detector_factory.DetectorFactory, "load_profile", interrupted)
    with pytest.raises(TimeoutError):
        detect("Pour en savoir plus sur la reprise de ce contenu, veuillez remplir ce formulaire.")
    assert detector_factory._factory is None
    monkeypatch.setattr(detector_factory.DetectorFactory, "load_profile", real_load)
    lang, _ = detect("Pour en savoir plus sur la reprise de ce contenu et les frais qui s'appliquent, "
                     "veuillez remplir ce formulaire.")
    assert lang == "fr"


def test_language_evaluation_floors(shared_data: Path) -> None:
    """Floors a bit below evaluation/eval_language.py's figures: accuracy 1.000 and no false
    foreign flags on bbc_dev / basil; mixed articles P 1.000 R 0.833; langdetect ran on 0 lines."""
    from tests.helpers import load_script

    module = load_script("evaluation/eval_language.py")
    for accuracy, flagged, n in module.english_articles(shared_data).values():
        assert accuracy >= 0.99 and flagged <= 0.002 * n
    mixed = module.mixed_articles(shared_data, every=40)
    assert mixed["precision"] >= 0.95 and mixed["recall"] >= 0.8
    assert mixed["article_accuracy"] >= 0.99
    assert module.gate_rate(shared_data)["line_rate"] <= 0.01


def test_language_evaluation_tells_cjk_scripts_apart(shared_data: Path) -> None:
    """evaluation/eval_language.py's CJK figures: 1.000 for each variant (Traditional Chinese was
    0.225 alone and 0.050 inside an English article with langdetect deciding)."""
    pytest.importorskip("wordfreq")
    from tests.helpers import load_script

    module = load_script("evaluation/eval_language.py")
    for variant, figures in module.cjk_report(shared_data, every=40).items():
        assert figures["alone"] >= 0.98 and figures["inserted"] >= 0.98, (variant, figures)


def test_stop_word_tokens_read_across_invisible_characters() -> None:
    # A soft hyphen inside a word, and markup text.markup_hidden reads as zero-width spaces around one.
    assert language.tokens("inter\xadnational \u200b\u200bthe\u200b talks") == ("international", "the", "talks")
    tagged = Article(id="x", text="<p>The talks <a href='https://example.com/a'>will</a> go on.</p>\n<p>So.</p>")
    assert [language.tokens(line.text) for line in tagged.lines] == [("the", "talks", "will", "go", "on"), ("so",)]


@pytest.mark.parametrize("text", ["🎉🎉🎉 👍👍 🔥🔥🔥🔥", "!!! ??? ... --- *** !!!", "12 34 56 78 90",
                                  "— • — • —\n\n😀"])
def test_a_text_with_no_letters_has_no_language(text: str) -> None:
    # Emoji, punctuation or figures alone were "en" (H23c-8a): OUTPUT.md's language is the main
    # language's code, and such a text has none. It is "und", read as an article in another language.
    from analyzer.explain import trust_note
    from analyzer.pipeline import score_text
    from analyzer.trust.ranking import rank_sources

    assert run(text).fields["language"] == "und"
    article = score_text(text)
    assert article.language == "und" and article.to_dict()["language"] == "und"
    assert article.label == "clean"
    for signal in ("translation", "attribution", "hedging"):
        assert "no detectable language" in article.details[signal]["skipped"]
    assert "no detectable language" in (trust_note(article) or "")
    [row] = rank_sources([article])
    assert row["not_judged"] == 1 and "und (no letters) 1" in str(row["why"])


def test_short_texts_keep_a_language() -> None:
    # Too short to judge by words, a text with letters is English by default, or Chinese, Japanese
    # or Korean by its script (a ten-character Chinese text had been "en").
    assert run("Hello there").fields["language"] == "en"
    assert run("Breaking: 🔥🔥").fields["language"] == "en"
    assert run("你好世界，今天天气很好").fields["language"] == "zh"
    assert run("東京都は今日発表した").fields["language"] == "ja"
    # Other non-Latin scripts by langdetect: a one-word Greek or Cyrillic text had been "en".
    assert run("Καλημέρα κόσμε").fields["language"] == "el"
    assert run("שלום עולם").fields["language"] == "he"
    assert run("Привет мир").fields["language"] in {"ru", "bg", "mk", "uk", "sr"}

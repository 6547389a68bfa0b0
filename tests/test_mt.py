"""Unit tests of the machine-translation artifact detectors (analyzer/mt.py) on short texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import mt
from tests.helpers import load_script

ROOT = Path(__file__).resolve().parent.parent


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.kind, e.text, e.suggestion) for e in mt.find_mt(text)]


def test_every_span_matches_its_offsets() -> None:
    text = "Photo of the file\nThe coalition said that she was ready . EI fighters would be based there."
    for ev in mt.find_mt(text):
        assert text[ev.start:ev.end] == ev.text
        assert ev.signal == "translation"


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("Photo of the file showing fighters", "Photo of the file", "File photo"),
        ("Author's right of the image", "Author's right of the image", "Image copyright"),
        ("Author’s right of the image", "Author’s right of the image", "Image copyright"),
        ("Legend of the mediaRicardo Vilanova returns", "Legend of the media", "Media caption"),
        ("a UK-based surveillance group, said", "surveillance group", "monitoring group"),
        # Caption and player furniture of BBC's language services, back-translated.
        ("Caption of the imageSyrian fighters in Raqqa", "Caption of the image", "Image caption"),
        ("Signature to the photo Getty Images", "Signature to the photo", "Photo caption"),
        ("Copyright holder of the illustration Reuters", "Copyright holder of the illustration",
         "Image copyright"),
        ("Multimedia playback is not supported on your device", "Multimedia playback is not supported",
         "Media playback is not supported"),
        ("Fighters in Hajin (AFP/Archives)", "AFP/Archives", "AFP/File"),
        ("Raids hit the town during the night of Saturday to Sunday.", "the night of Saturday to Sunday",
         "Saturday night"),
        # French and Spanish news idioms rendered word for word.
        ("The Aztec country voted the past Monday.", "The Aztec country", "Mexico"),
        ("The Aztec country voted the past Monday.", "the past Monday", "last Monday"),
        ("Twelve died, according to a provisional balance.", "according to a provisional balance",
         "according to a provisional toll"),
        ("The minister declared to the press that forces of order were deployed.", "declared to the press",
         "told reporters"),
        ("The minister declared to the press that forces of order were deployed.", "forces of order",
         "security forces"),
        ("A commander indicated to AFP that the town fell.", "indicated to AFP", "told AFP"),
        ("Police proceeded to the arrest of two men.", "proceeded to the arrest of", "arrested"),
        ("Three fatal victims and five wounded of gravity.", "wounded of gravity", "seriously wounded"),
    ],
)
def test_calques(text: str, span: str, suggestion: str) -> None:
    assert ("mt_calque", span, suggestion) in kinds(text)


def test_calque_rows_leave_plain_english_alone() -> None:
    text = ("According to a balance sheet filed in March, the number of deceased donors rose. The president is "
            "the chief of the executive branch, and the forces of law and order were out. Over the past week the "
            "president of the company explained it to AFP reporters.")
    assert not [k for k in kinds(text) if k[0] == "mt_calque"]


@pytest.mark.parametrize(("acronym", "english"), [("EI", "IS"), ("EIIL", "ISIL"), ("Daech", "Daesh"),
                                                  ("EEUU", "US"), ("ONU", "UN"), ("OTAN", "NATO"),
                                                  ("RDC", "DRC"), ("OEA", "OAS"), ("PNUD", "UNDP")])
def test_listed_foreign_acronyms(acronym: str, english: str) -> None:
    assert ("foreign_acronym", acronym, english) in kinds(f"Fighters of the {acronym} said on Monday")


def test_foreign_acronym_is_case_sensitive() -> None:
    assert not kinds("The ei and onu words are not acronyms.")


def test_reversed_acronym_generalises_beyond_the_list() -> None:
    # "FDS" (Forces démocratiques syriennes) is not in the lexicon: found as reversed SDF.
    assert ("foreign_acronym", "FDS", "SDF") in kinds("The FDS launched an offensive.")
    # English acronyms and reversed common words are left alone.
    assert not kinds("The SDF and the CBE and NOW were named.")


def test_collective_noun_with_she() -> None:
    found = kinds('The international coalition supporting the fighters said that she was expecting a fight.')
    assert ("gendered_pronoun", "she", "it") in found


def test_she_after_a_person_is_fine() -> None:
    assert not kinds("The coalition's spokeswoman said she was expecting a fight.")
    assert not kinds("The ministry named Jane Smith, who said she would resign.")


def test_conditional_hearsay() -> None:
    found = kinds("Between 15,500 and 17,100 militants would be based in Iraq, where the group holds no land.")
    assert ("conditional_hearsay", "would be", "are believed to be") in found


def test_reported_speech_conditional_is_fine() -> None:
    assert not kinds("The minister said the troops would be based in Iraq.")
    assert not kinds("If approved, the unit would be based in Leeds.")


def test_article_before_bare_name() -> None:
    found = kinds("In 2014, the IS established a caliphate. Later the IS no longer held land.")
    assert [k for k in found if k[0] == "article_name"] == [("article_name", "the IS", "IS")] * 2
    # With a noun after it the article is normal English.
    assert not kinds("The IS group lost the IS-held pocket.")
    found = kinds("Fighters of the Boko Haram have attacked; the Interpol issued a notice.")
    assert [k for k in found if k[0] == "article_name"] == [("article_name", "the Boko Haram", "Boko Haram"),
                                                            ("article_name", "the Interpol", "Interpol")]
    assert not kinds("The Human Rights Watch report and the Unicef staff were cited.")


def test_stray_space_before_punctuation() -> None:
    found = kinds("to the north and south . Then more")
    assert ("stray_space", " .", ".") in found
    assert not kinds("Prices rose - and fell ... again.")
    # A spaced ellipsis is typesetting, not a stray space (newspaper3k_pages.jsonl, an interview).
    assert not kinds("when you're 22 years old . . . I wasn't ready, and his cool clothes . . You go")
    assert ("stray_space", " .", ".") in kinds("old . . . and then the end .")


def test_spaced_template_brackets_are_not_stray_spaces() -> None:
    assert not kinds("about Qualcomm (NASDAQ: QCOM ) , Facebook (NASDAQ: FB ) and Apple (NASDAQ: AAPL ) .")
    assert ("stray_space", " ,", ",") in kinds("about Qualcomm (QCOM) , Facebook and Apple .")


def test_quoted_source_code_has_no_stray_spaces() -> None:
    # Operators are spaced in code; the same spacing in the prose line after it is still flagged.
    code = "'imagepath' => ( ($request->server->get('HTTP_PORT') == 443) ? 'https' : 'http' ) . '://'\n"
    assert not kinds(code)
    assert not kinds("if (port == 443) { scheme = 'https' ; }")
    for line_end in ("\n", "\r\n"):  # a trailing semicolon makes a code line, in a CRLF file too
        assert not kinds(f"total = price . tax;{line_end}Next line.")
    assert [k[0] for k in kinds(code + "The army said : the town fell .")] == ["stray_space", "stray_space"]


def test_space_inside_closing_quote() -> None:
    assert any(k[0] == "stray_space" for k in kinds('"We will take control, "added the commander.'))
    # An opening quote after a comma is normal.
    assert not kinds('It could be expected, "it is enough" he said.')


def test_foreign_number_formats() -> None:
    found = kinds("a population of 7,7 million and 15.500 fighters")
    assert ("foreign_number", "7,7", "7.7") in found
    assert ("foreign_number", "15.500", "15,500") in found
    # English decimals with a scale word, and English thousands, are fine.
    assert not kinds("unemployment of 4.464 million, 15,500 fighters, 1.2871 dollars, 3.5%")
    # A text that groups thousands with commas uses the dot as its decimal point.
    assert not kinds("Mars is 141,633,260 miles from the Sun. By comparison: 1.524 times that of Earth.")
    assert ("foreign_number", "1.524", "1,524") in kinds("Mars is 141 million miles away: 1.524 times that of Earth.")


def test_broken_sentence() -> None:
    assert ("broken_sentence", ".", ",") in kinds("the size of the United Kingdom. and which had people")
    assert not kinds("apples, pears etc. and more")


def test_untranslated_source_script() -> None:
    found = kinds("The festival in 静岡 drew crowds 【Photo】 and the tasuki (襷) was handed over.")
    assert [k[1] for k in found if k[0] == "untranslated_text"] == ["静岡", "【", "】", "襷"]
    # Accented Latin letters, Cyrillic and Greek quoted on purpose, and symbols are not source leftovers.
    assert not kinds("Café owner José met Ольга at 25℃ → the Σ index ● rose.")
    # An emoticon's face is not a source leftover; a bracketed gloss is (above).
    assert not kinds("the journalistic equivalent of ¯\\_(ツ)_/¯. In cyberspace")


def test_clean_wire_sentence_has_no_flags() -> None:
    text = ("An offensive by US-backed forces against the Islamic State (IS) group's last redoubt in eastern "
            "Syria killed 35 militants on Saturday, a Britain-based war monitor said. The coalition said it "
            "was expecting a difficult fight, and IS has lost most of its territory.")
    assert kinds(text) == []


def test_phrase_prefilters_find_every_lexicon_row() -> None:
    # Every phrase and acronym of the lexicon, alone, glued to letters and among capitals: the
    # one-pass search (scan.Needles) must find what a substring test per row finds.
    rows = mt._phrase_matchers()
    samples = [needle for needle, *_ in rows] + [needle.upper() for needle, *_ in rows]
    samples += [f"x{needle}y" for needle, *_ in rows] + [f"ABC{needle}DEF. {needle}" for needle, *_ in rows]
    samples.append(" ".join(needle for needle, *_ in rows))
    for text in samples:
        lowered = text.lower()
        expected = [i for i, (needle, exact, *_) in enumerate(rows) if needle in (text if exact else lowered)]
        assert mt._phrase_rows(text, lowered) == expected, text


def test_phrase_scan_near_needles_equals_whole_text_scan() -> None:
    # Each phrase's regex is tried only where its needle occurs: the evidence must be that of
    # finditer over the whole text, on texts of phrases, case changes, typeset apostrophes and the
    # characters re's case folding matches but str.lower does not ("ı", "İ", "ſ").
    import random

    rows = mt._phrase_matchers()
    needles = [needle for needle, *_ in rows]
    parts = needles + [n.upper() for n in needles] + [n.replace("'", "\u2019") for n in needles if "'" in n]
    parts += [" ", "x", ".", "-", "\n", "\u0131", "\u0130", "\u017f", "K", "é", "’"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    texts += [" ".join(parts), "Le\u017f\u017f on the \u0130tem " + " ".join(needles)]
    for text in texts:
        lowered = text.lower().replace("\u2019", "'")
        for row, starts in mt._phrase_starts(text, lowered):
            if starts is not None:
                assert {m.start() for m in rows[row][2].finditer(text)} <= set(starts), text
        expected = []
        for row in mt._phrase_rows(text, lowered):
            _, _, pattern, suggestion, kind = rows[row]
            expected += [(m.start(), m.end(), kind, suggestion) for m in pattern.finditer(text)]
        assert [(e.start, e.end, e.kind, e.suggestion) for e in mt._phrases(text)] == expected, text


def test_anchored_scans_equal_finditer() -> None:
    # Each regex is tried only where its matches can start (near a separator, a run of capitals,
    # "would", "she"): the matches must be finditer's on texts built from the patterns' parts.
    import random

    rng = random.Random(5)
    parts = ["1", "2", "0", "9", ",", ".", " ", "a", "%", " million", "per cent", "m", "$", "€", "A", "B", "Z", "É",
             "\ud800", "?", "-", "NATO", "FDS", "_", "would ", "would be ", "wouldbe", "have been ", "\n", "based",
             "held ", "said ", "said that ", "she", "shed", "Xwould ", "also ", "considered ", " .", " ,", " ;", " !",
             ' "', " ”", '"', "the ", "The ", "IS", "ISIS", "NATO", "Hamas", "-", "’", "x", "\t", " ... "]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    for text in texts:
        def spans(matches: list) -> list:
            return [(m.span(), m.groupdict()) for m in matches]

        assert spans(mt._matches_before(mt._DECIMAL_COMMA_RE, mt._COMMA_DIGIT_RE, text)) == spans(
            mt._DECIMAL_COMMA_RE.finditer(text)), text
        assert spans(mt._matches_before(mt._THOUSANDS_DOT_RE, mt._DOT_DIGITS_RE, text)) == spans(
            mt._THOUSANDS_DOT_RE.finditer(text)), text
        assert spans(mt._acronym_matches(text)) == spans(mt._ACRONYM_RE.finditer(text)), text
        assert spans(mt._matches_at(mt._HEARSAY_RE, text, ("would",))) == spans(mt._HEARSAY_RE.finditer(text)), text
        assert spans(mt._matches_at(mt._STRAY_SPACE_RE, text, mt._STRAY_SPACE_LITERALS)) == spans(
            mt._STRAY_SPACE_RE.finditer(text)), text
        assert spans(mt._matches_at(mt._QUOTE_SPACE_RE, text, mt._QUOTE_SPACE_LITERALS, 1)) == spans(
            mt._QUOTE_SPACE_RE.finditer(text)), text
        assert spans(mt._article_name_matches(text)) == spans(mt._articleless_re().finditer(text)), text
        assert spans(mt._pronoun_matches(text)) == spans(mt._PRONOUN_RE.finditer(text)), text


# Measured by evaluation/eval_lexicon_rows.py: the curated rows (MT calques, foreign acronyms,
# article-before-name rows, known spun phrases) match 27 times in 1,533,773 words of clean English
# of ../shared/data (0.018 per 1,000 words; the MT rows 0 times).
CURATED_ROWS_PER_1000_WORDS = 0.05


def test_curated_rows_rarely_fire_on_clean_english(shared_data: Path) -> None:
    script = load_script("evaluation/eval_lexicon_rows.py")
    words = hits = mt_hits = 0
    for texts in script.clean_corpora(shared_data).values():
        counts = script.fired_rows(texts)
        words += sum(len(t.split()) for t in texts)
        hits += sum(counts.values())
        mt_hits += sum(n for row, n in counts.items() if not row.startswith("known spun phrase"))
    assert words > 1_000_000
    assert 1000 * hits / words <= CURATED_ROWS_PER_1000_WORDS, hits
    assert mt_hits <= 3, mt_hits


def test_calques_are_read_as_shown_characters() -> None:
    text = "Photo of the fi\xadle\nAuthor's right of the ima\u200bge AFP"
    got = [(e.kind, e.text, e.suggestion) for e in mt.find_mt(text) if e.kind == "mt_calque"]
    assert got == [("mt_calque", "Photo of the fi\xadle", "File photo"),
                   ("mt_calque", "Author's right of the ima\u200bge", "Image copyright")]

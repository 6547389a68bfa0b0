"""Crashes and hangs found while hardening the input path (issue 9), each kept as a regression test.

Found by the hostile corpus (tests/test_hostile.py) and by reading the readers against the fuzz
harness's contract; the atheris harnesses (fuzz/) found one more, a harness check (the last test). Each
input below crashed, hung or corrupted output with the foundation's readers and writers.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from analyzer.article import Article
from analyzer.io import readers, writers
from analyzer.io.readers import ReadError, jsonl_articles, parse_metadata

SENTENCE = "The minister said on Monday that the talks would resume."


def test_integer_over_4300_digits_in_jsonl_was_a_valueerror() -> None:
    # json.loads raised ValueError (not JSONDecodeError) and the whole run died.
    text = '{"id": ' + "9" * 5000 + ', "text": "x"}\n{"text": "' + SENTENCE + '"}'
    items = list(jsonl_articles(Path("f.jsonl"), text, {}))
    assert isinstance(items[0], ReadError) and "malformed JSON" in items[0].reason
    assert isinstance(items[1], Article)


def test_csv_field_over_the_csv_module_limit_was_a_csv_error() -> None:
    # csv.Error "field larger than field limit (131072)" escaped _read_metadata.
    raw = 'file,source\na.txt,Alpha\nb.txt,"' + "x" * 200_000 + '"\nc.txt,Gamma\n'
    table, errors = parse_metadata(Path("folder"), raw)
    assert table == {str(Path("folder/a.txt")): {"source": "Alpha"}}
    assert errors and "malformed CSV" in errors[0].reason


def test_unicode_line_separators_split_jsonl_records() -> None:
    # str.splitlines() broke records at a raw U+2028/U+0085 inside a JSON string (which our own
    # jsonl output writes raw), turning one good record into two malformed lines.
    text = json.dumps({"id": "x", "text": f"one\u2028two\x85three {SENTENCE}"}, ensure_ascii=False)
    [item] = list(jsonl_articles(Path("f.jsonl"), text, {}))
    assert isinstance(item, Article) and item.decoded == f"one\u2028two\x85three {SENTENCE}"


def test_lone_surrogate_escape_crashed_the_writer() -> None:
    # '"\ud800"' parsed into a lone surrogate; writing the JSON output raised UnicodeEncodeError.
    [article] = list(jsonl_articles(Path("f.jsonl"), '{"text": "lone \\ud800 here. ' + SENTENCE + '"}', {}))
    assert isinstance(article, Article) and article.text.startswith("lone \ufffd here")
    crafted = Article(id="\udc80", text="x\udfff y")  # built by a library user, not the reader
    out = io.BytesIO()
    handle = io.TextIOWrapper(out, encoding="utf-8")
    writers.write_articles([crafted], handle, "jsonl")
    handle.flush()
    assert json.loads(out.getvalue().decode("utf-8"))["id"] == "\ufffd"


def test_bool_id_and_nan_fields_are_not_taken_as_values() -> None:
    text = json.dumps({"id": True, "source": False, "text": SENTENCE}) + "\n"
    [article] = list(jsonl_articles(Path("f.jsonl"), text, {}))
    assert isinstance(article, Article) and article.id == "f:1" and article.source != "False"


def test_source_inference_on_a_huge_single_line_was_quadratic_in_practice() -> None:
    # A 50 MB one-line text was searched whole by every banner pattern, twice: ~22 s.
    text = "spam " * 4_000_000  # 20 MB, one line
    started = time.monotonic()
    assert readers.infer_source(text) == "unknown"
    assert time.monotonic() - started < 2


def test_source_inference_unchanged_for_ordinary_texts(seeds_dir: Path) -> None:
    # The bounded search only applies past 2 * BANNER_SCAN_CHARS; the seeds keep their sources.
    sources = {p.stem[:3]: readers.infer_source(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*.txt")}
    long_text = "Filler line of text.\n" * 5000
    for text in (p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")):
        padded = text.rstrip("\n").split("\n")
        # The same banner lines at the edges of a long text are still found.
        assert readers.infer_source("\n".join(padded[:3]) + "\n" + long_text + "\n".join(padded[-3:])) == \
            readers.infer_source("\n".join(padded[:3] + padded[-3:]))
    assert sources  # the seeds are there


def test_fuzz_signals_lone_c1_character_keeps_its_span_text() -> None:
    # fuzz_signals found "\x85" (thirteenth session): the pipeline reads it as "…" (cp1252 read as
    # Latin-1 upstream) and flags the line a separator; the span's text must be the given "\x85".
    from analyzer.pipeline import score_text

    article = score_text("\x85")
    assert article.evidence and all(e.text == "\x85"[e.start:e.end] for e in article.evidence)


def test_every_fuzz_harness_starts_from_its_seed_corpus() -> None:
    # The runner looked for the seeds under another name and fuzzed from an empty corpus.
    from fuzz.run import HARNESSES, seed_corpus

    for name in HARNESSES:
        assert seed_corpus(name).is_dir() and any(seed_corpus(name).iterdir()), name

"""Fuzz the readers: decode, JSONL, JSON arrays, tables (.csv), metadata.csv and feeds, on arbitrary bytes.

    python fuzz/fuzz_readers.py [libFuzzer options] [CORPUS_DIR]

Contract checked: every input gives text or a DecodeError (decode), Articles or ReadErrors
(jsonl_articles, json_articles, table_articles, feed_articles, parse_metadata); anything else
raised is a crash.
Articles never carry lone surrogates and their texts are not blank.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["analyzer"]):
    from analyzer.article import Article
    from analyzer.io import readers
    from analyzer.io.readers import (
        DecodeError,
        ReadError,
        decode,
        feed_articles,
        json_articles,
        jsonl_articles,
        parse_metadata,
        table_articles,
    )

FOLDER = Path("fuzz-folder")
JSONL = FOLDER / "input.jsonl"
FEED = FOLDER / "input.rss"
JSON = FOLDER / "input.json"
TABLE = FOLDER / "input.csv"


def check_jsonl(text: str) -> None:
    check_articles(jsonl_articles(JSONL, text, {"source": "meta"}, max_line_bytes=4096))


def check_articles(items: Iterable[Article | ReadError]) -> None:
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip(), "blank article text"
            assert not readers.SURROGATE_RE.search(item.text + item.id + item.source), "lone surrogate kept"
        else:
            assert isinstance(item, ReadError) and item.reason, item


def check_metadata(text: str) -> None:
    table, errors = parse_metadata(FOLDER, text)
    assert all(isinstance(e, ReadError) for e in errors)
    for row in table.values():
        assert set(row) <= set(readers.METADATA_FIELDS), row


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, payload = data[0] % 7, data[1:]
    if mode == 0:  # raw bytes through decode, and as an HTML page (its declared charset)
        with contextlib.suppress(DecodeError):
            readers.decode_html(payload).encode("utf-8")
        try:
            text = decode(payload)
        except DecodeError:
            return
        text.encode("utf-8")  # decode never yields surrogates
        readers.infer_source(text)
    elif mode == 1:  # JSONL from bytes (decoded as the reader does)
        try:
            check_jsonl(decode(payload))
        except DecodeError:
            return
    elif mode == 2:  # JSONL from arbitrary text, surrogates included
        check_jsonl(atheris.FuzzedDataProvider(payload).ConsumeUnicode(len(payload)))
    elif mode == 3:
        check_metadata(atheris.FuzzedDataProvider(payload).ConsumeUnicode(len(payload)))
    elif mode == 4:  # an RSS or Atom feed's bytes
        check_articles(feed_articles(FEED, payload, {"source": "meta"}))
    elif mode == 5:  # a JSON array of articles
        check_articles(json_articles(JSON, atheris.FuzzedDataProvider(payload).ConsumeUnicode(len(payload)),
                                     {"source": "meta"}))
    else:  # a table of articles (.csv)
        check_articles(table_articles(TABLE, atheris.FuzzedDataProvider(payload).ConsumeUnicode(len(payload)),
                                      {"source": "meta"}))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

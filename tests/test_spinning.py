"""Spun-phrase detector: candidates and their features, the public API, seeds, evaluation floors on
BBC data, and the fast paths against plain ones. The model format is tested in test_spin_model.py,
the known spinner outputs in test_spin_known.py."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from analyzer import lexicons, spin_model, spinning
from analyzer.spin_model import DENSE_BLOCKS, DIMENSIONS, FEATURES
from analyzer.spinner import americanize, spin
from analyzer.spinning import candidates, find_spun, spin_features
from analyzer.text import INVISIBLE

ROOT = Path(__file__).resolve().parent.parent


def test_clean_sentences_unflagged() -> None:
    clean = (
        "The Japanese government said on Sunday that interest rates were in line with expectations. "
        "Inflation was greater than the bank had forecast, the head of the central bank mentioned "
        "earlier this year, and the figure was passed through to consumers."
    )
    assert find_spun(clean) == []


def test_candidates_have_one_feature_row_each_and_skip_names() -> None:
    text = "A warfare monitor mentioned that Smith left. War broke out."
    cands = candidates(text)
    assert cands.raw.shape == (len(cands.spans), len(FEATURES))
    words = [text[s:e] for s, e in cands.spans]
    assert "warfare" in words and "mentioned" in words
    assert "Smith" not in words  # mid-sentence capital: a name, never a candidate
    assert cands.originals[words.index("warfare")] == "war"


@pytest.mark.parametrize("prefix", ["Donald J.", "Sen.", "Mr."])
def test_capital_after_an_initial_or_title_is_a_name(prefix: str) -> None:
    for text, expected in ((f"It was said by {prefix} Hunter today.", False), ("It ended. Hunter won.", True)):
        words = [text[s:e] for s, e in candidates(text).spans]
        assert ("Hunter" in words) is expected, text


def test_words_common_only_since_the_pair_counts_are_never_judged() -> None:
    # scripts/build_spin_lexicons.py leaves words ten times as frequent now as in the 2006 web corpus
    # out of the inverse thesaurus: their pair counts predate their present use.
    text = "Trump tweeted on Sunday. Millennials texted their friends and shared iconic tweets. It ended."
    words = {text[s:e] for s, e in candidates(text).spans}
    assert not words & {"Trump", "tweeted", "Millennials", "texted", "iconic", "tweets"}, words
    assert "ended" in words  # the same sentence shapes still give candidates


def test_learned_probability_higher_for_spun_wording() -> None:
    clean = "The war monitor said heavy fighting continued in the east of the country on Sunday."
    spun = "The warfare monitor mentioned heavy fighting continued in the east of the country on Sunday."
    p_clean = spin_features(clean, find_spun(clean))["mean_spin_probability"]
    p_spun = spin_features(spun, find_spun(spun))["mean_spin_probability"]
    assert p_spun > p_clean


def test_features_have_stable_keys_and_rise_with_flags() -> None:
    spun_text = "Rebels fought in japanese Syria, a warfare monitor mentioned. Other halves fled."
    clean_text = "Rebels fought in eastern Syria, a war monitor said. Wives fled."
    keys = {"spin_flags_per_100w", "known_phrase_per_100w", "rare_synonym_per_100w", "mean_flag_strength",
            "learned_spin_per_100w", "mean_spin_probability"}
    spun_f = spin_features(spun_text, find_spun(spun_text))
    clean_f = spin_features(clean_text, find_spun(clean_text))
    assert set(spun_f) == keys == set(clean_f)
    assert spun_f["spin_flags_per_100w"] > clean_f["spin_flags_per_100w"] == 0.0
    assert spin_features("", []) == dict.fromkeys(keys, 0.0)


def test_vector_table_is_plain_int8_and_unit_length() -> None:
    words, matrix = lexicons.vectors(spinning.VECTORS)
    assert matrix.shape == (len(words), DIMENSIONS)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    row = {w: i for i, w in enumerate(words)}
    # GloVe puts related news words closer than unrelated ones: the fit features rest on this.
    assert matrix[row["eastern"]] @ matrix[row["syria"]] > matrix[row["japanese"]] @ matrix[row["syria"]]


def test_vector_features_prefer_the_original_in_context() -> None:
    spun = "Rebels attacked the town, a warfare monitor said, and fighting continued near the border."
    clean = spun.replace("warfare", "war")
    gain = FEATURES.index("vec_fit_gain")
    c_spun, c_clean = candidates(spun), candidates(clean)
    row_spun = [spun[s:e] for s, e in c_spun.spans].index("warfare")
    row_clean = [clean[s:e] for s, e in c_clean.spans].index("war")
    assert c_spun.dense.shape == (len(c_spun.spans), len(DENSE_BLOCKS) * DIMENSIONS)
    # "warfare" -> "war" fits the context better; the real "war" has no better-fitting original.
    assert c_spun.raw[row_spun, gain] > 0 > c_clean.raw[row_clean, gain]


def test_summaries_over_all_originals() -> None:
    text = "Rebels attacked the town, a warfare monitor said, and fighting continued near the border."
    c = candidates(text)
    for name in ("originals_gaining", "originals_fitting", "original_is_top", "originals_rarer"):
        column = c.raw[:, FEATURES.index(name)]
        assert np.all((column >= 0) & (column <= 1)), name
    row = [text[s:e] for s, e in c.spans].index("warfare")
    # "war" is more common than "warfare" and fits the context better.
    assert c.raw[row, FEATURES.index("originals_rarer")] < 1
    assert c.raw[row, FEATURES.index("originals_fitting")] > 0
    # The chosen original's side gains bound the joint (weaker side) gain of the best original from below.
    joint = c.raw[:, FEATURES.index("joint_gain")]
    chosen = np.minimum(c.raw[:, FEATURES.index("gain_prev")], c.raw[:, FEATURES.index("gain_next")])
    both = (c.raw[:, FEATURES.index("has_prev")] > 0) & (c.raw[:, FEATURES.index("has_next")] > 0)
    assert np.all(joint[both] >= chosen[both] - 1e-9)


# --- seeds and shared data ----------------------------------------------------------------------

def test_seeds(seeds_dir: Path) -> None:
    counts = {p.name[:3]: len(find_spun(p.read_text(encoding="utf-8"))) for p in seeds_dir.glob("0*.txt")}
    # Measured by evaluation/eval_spinning.py: seed 003 gets 31 flags, the clean seeds none.
    assert counts["003"] >= 25
    for clean in ("000", "002", "004"):
        assert counts[clean] <= 1


@pytest.mark.parametrize("footer", ["Copy 1812.", "Copy"])
def test_a_footer_line_of_one_or_two_words_is_no_evidence(shared_data: Path, footer: str) -> None:
    # bbc_dev.jsonl's bbc-business-257 reprinted with the footer line "Copy 1812." had 'Copy' flagged as
    # a spin of 'Work' (probability 0.80): translation 0.44 -> 0.60, spun alone (bug hunt 28, L1). Such a
    # line has no neighbours to judge a word by; its other flags stay, and a line of three words is read.
    with (shared_data / "news" / "bbc_dev.jsonl").open(encoding="utf-8") as rows:
        story = next(r["text"] for r in map(json.loads, rows) if r["id"] == "bbc-business-257")
    alone = [(e.start, e.text) for e in find_spun(story)]
    assert alone and [(e.start, e.text) for e in find_spun(f"{story}\n\n{footer}")] == alone
    text = f"{story}\n{footer}\nCopy it here."
    start = text.rindex("Copy")
    assert not spinning._furniture_line(text, start, start + 4)



def test_an_editors_sic_in_brackets_is_no_spun_word() -> None:
    # "[sic]" / "(sic)" in a quotation had 'sic' flagged as a spin of 'set' (probability 0.95-0.97) in
    # 4 of the 5 such quotations of ../shared/data, one article labelled spun (bug hunt 33, Q1). A
    # spinner writes no brackets; the word unbracketed is still judged.
    quotes = ('The senator wrote that the "goverment [sic] will act" soon, officials said on Monday.',
              "He said he does not surround himself with political hacks and henchman (sic) and then "
              "pretend total innocence, his campaign said in a statement on Monday.")
    for text in quotes:
        assert not [e for e in find_spun(text) if e.text.lower() == "sic"], text
    assert spinning._bracketed_alone("a [sic] b", 3, 6) and spinning._bracketed_alone("(sic)", 1, 4)
    assert not spinning._bracketed_alone("a [sic b", 3, 6) and not spinning._bracketed_alone("[sic)", 1, 4)
    assert not spinning._bracketed_alone("sic", 0, 3)


def test_the_furniture_line_test_reads_a_bounded_reach_of_a_long_line() -> None:
    # A text of one long line: the word's line is long, so no furniture, decided without reading the
    # whole line for each flagged word (review of bug hunt 28's L1 fix).
    long_line = "word " * 200_000 + "Copy"
    start = len(long_line) - 4
    assert not spinning._furniture_line(long_line, start, start + 4)
    assert not spinning._furniture_line(long_line, 0, 4)
    assert spinning._furniture_line("Copy", 0, 4)
    assert spinning._furniture_line("a\n" + "x " * 150 + "\nCopy 1812.\n" + "y " * 150, 303, 307)
    assert not spinning._furniture_line("Copy these words\n", 0, 4)

@pytest.fixture(scope="module")
def test_half(shared_data: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_spin_detector as T  # noqa: PLC0415

    return T.load_split()[2][:250]


def test_bbc_false_flags_recall_and_document_auc(test_half: list[dict]) -> None:
    import train_spin_detector as T  # noqa: PLC0415

    words = flags = 0
    clean_p = []
    for art in test_half:
        ev = find_spun(art["text"])
        flags += len(ev)
        words += candidates(art["text"]).n_words
        clean_p.append(spin_features(art["text"], ev)["mean_spin_probability"])
    # Issue target <= 1 per 1,000 words; evaluation/eval_spinning.py measures the held-out half.
    assert 1000 * flags / words <= 1.0
    for th in ("moby", "wordnet", "roget"):  # roget: a spinner the detector was never trained on
        found = total = 0
        spun_p = []
        for art in test_half[:120]:
            spun = spin(art["text"], rate=0.05, seed=T._seed(art["id"], th), thesaurus=th)
            ev = find_spun(spun.text)
            total += len(spun.substitutions)
            found += sum(1 for s in spun.substitutions if any(f.start < s.end and f.end > s.start for f in ev))
            spun_p.append(spin_features(spun.text, ev)["mean_spin_probability"])
        # Floors a bit below what this sample gives with the v4 model (recall 0.122 / 0.398, AUC
        # 0.967 / 0.996 for Moby / WordNet, 2026-11-22; the v3 model gave recall 0.064 / 0.235);
        # still far below the recall 0.6.
        assert found / total >= RECALL_FLOOR[th]
        assert T.auc(spun_p, clean_p[:120]) >= AUC_FLOOR[th]


def test_american_spelling_is_not_read_as_spinning(test_half: list[dict]) -> None:
    # The detector trains on British BBC text; half of it is Americanized (scripts/
    # train_spin_detector.py AMERICAN_SHARE) so that "center" or "color" are not spinner output.
    # The model trained without it flagged the same articles Americanized at a higher rate.
    words = flags = 0
    for art in test_half:
        text = americanize(art["text"])
        flags += len(find_spun(text))
        words += candidates(text).n_words
    assert 1000 * flags / words <= 1.0


US_NEWS = (
    "The city council voted on Tuesday to expand the community center and to fund a new theater program"
    " for local children. Officials said the labor costs would be higher than expected.",
    "Doctors at the medical center said the patient's behavior had improved. The hospital's neighborhood"
    " clinics will stay open through the holiday, a spokeswoman said.",
    "Lawmakers in favor of the defense bill said it would modernize the military. Critics called the plan a"
    " gift to contractors and said it would not be funded.",
    "Police said the suspect, wearing a gray jacket, fled toward the town center. Witnesses described the"
    " color of the car as dark blue.",
)


@pytest.mark.parametrize("text", US_NEWS)
def test_american_spellings_in_news_are_not_flagged(text: str) -> None:
    # The model trained on British text only flagged "color" in the last one ("number").
    assert find_spun(text) == []


RECALL_FLOOR = {"moby": 0.11, "wordnet": 0.37, "roget": 0.33}
# roget: this sample gives recall 0.372 and AUC 0.988 (2026-11-22; the whole test half 0.388 and
# 0.973, evaluation/eval_spinning.py).
AUC_FLOOR = {"moby": 0.95, "wordnet": 0.98, "roget": 0.97}


# --- fast paths equal the plain ones -------------------------------------------------------------

EDGE_TEXTS = [
    "", "a", "Hello World", "The the the", "x" * 50, "Mr. Smith said it.  Then  ", "A. B. C.\n\nD",
    "Warfare erupted. Warfare monitor mentioned it; Mentioned again, warfare-torn towns' residents fled.",
    "Zzzqx blorfed the wug. Qwxz zzzqx wug wug.", "1234 5678 !!! ???",
    "It’s “quoted” — and… the monitor’s report mentioned greater than expected losses in japanese Syria.",
]


def _key(c: spinning.Candidates) -> tuple:
    return (c.spans, c.originals, c.n_words, c.raw.dtype, c.raw.shape, c.raw.tobytes(), c.dense.dtype,
            c.dense.shape, c.dense.tobytes())


def sample_texts(seeds_dir: Path) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt"))]
    spun = [spin(t, rate=0.08, seed=i).text for i, t in enumerate(seeds)]
    return EDGE_TEXTS + seeds + spun


def test_candidates_many_equals_candidates_one_by_one(seeds_dir: Path) -> None:
    texts = sample_texts(seeds_dir)
    single = [_key(candidates(t)) for t in texts]
    # Whole batch, reversed order, and small chunks: per-article keys keep articles apart.
    assert [_key(c) for c in spinning.candidates_many(texts)] == single
    assert [_key(c) for c in spinning.candidates_many(texts[::-1])] == single[::-1]
    chunked = [c for i in range(0, len(texts), 3) for c in spinning.candidates_many(texts[i:i + 3])]
    assert [_key(c) for c in chunked] == single
    assert spinning.candidates_many([]) == []


def test_candidates_many_on_bbc_articles(shared_data: Path) -> None:
    path = shared_data / "news" / "bbc_dev.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:150]]
    batched = [_key(c) for i in range(0, len(texts), 32) for c in spinning.candidates_many(texts[i:i + 32])]
    assert batched == [_key(candidates(t)) for t in texts]


def test_prefetched_candidates_give_the_same_results(seeds_dir: Path) -> None:
    texts = sample_texts(seeds_dir)

    def results() -> list:
        spinning._scored.cache_clear()
        out = []
        for t in texts:
            ev = find_spun(t)
            out.append(([(e.start, e.end, e.suggestion, e.reason) for e in ev], spin_features(t, ev),
                         spinning.rare_synonym_hits(t)))
        return out

    plain = results()
    spinning.prefetch(texts)
    assert len(spinning._prefetched) == len(set(texts))
    assert results() == plain
    assert not spinning._prefetched  # each prefetched entry is taken once
    # One batch is held at a time: a new prefetch drops what the last one left unused.
    spinning.prefetch(texts[:3])
    spinning.prefetch(texts[3:5])
    assert set(spinning._prefetched) == set(texts[3:5])
    spinning.prefetch([])
    assert not spinning._prefetched


def test_word_threshold_opens_only_for_articles_spun_throughout() -> None:
    model = spin_model.default_model()
    assert model is not None
    strong = [spinning.GATE_PROBABILITY] * spinning.GATE_MIN_WORDS
    # Enough confident words, at GATE_PER_100_WORDS per 100: the looser threshold applies.
    dense_words = int(100 * spinning.GATE_MIN_WORDS / spinning.GATE_PER_100_WORDS)
    assert spinning.word_threshold(model, np.array(strong + [0.1]), dense_words) == model.rare_threshold
    # The same words spread over a long article, or one word short: the model's threshold.
    assert spinning.word_threshold(model, np.array(strong), 10 * dense_words) == model.threshold
    assert spinning.word_threshold(model, np.array(strong[:-1]), 10) == model.threshold
    assert spinning.word_threshold(model, np.zeros(0), 0) == model.threshold


def test_gated_evidence_is_apart_from_confident_and_below_threshold() -> None:
    model = spin_model.default_model()
    assert model is not None
    seed = next((Path(__file__).parent.parent / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    text = spin(seed, rate=0.08, seed=3, thesaurus="wordnet").text
    cands, probs = spinning._scored(text)
    confident, gated = spinning.learned_split(text, cands, probs, model, [])
    assert spinning.word_threshold(model, probs, cands.n_words) == model.rare_threshold  # opens the gate
    assert gated and confident
    assert not {(e.start, e.end) for e in confident} & {(e.start, e.end) for e in gated}
    for ev in gated:
        assert spinning.GATED_NOTE in ev.reason
    shown = {(e.start, e.end) for e in spinning.find_spun(text)}
    assert {(e.start, e.end) for e in gated} <= shown


# The tokeniser spinning._tokens replaced: split() keeps the tokens.
TOKEN_SPLIT_RE = re.compile(f"({spinning._TOKEN_RE.pattern})")


def _regex_tokens(texts: list[str]) -> tuple[list[str], list[int], list[int], list[int], list[bool]]:
    """What spinning._tokens returns, from TOKEN_SPLIT_RE.split text by text (the former way)."""
    words, art, starts, ends, spaced = [], [], [], [], []
    for a, text in enumerate(texts):
        parts = TOKEN_SPLIT_RE.split(text)
        pos = 0
        for j, part in enumerate(parts):
            if j % 2:
                words.append(part.translate(dict.fromkeys(map(ord, INVISIBLE))))
                art.append(a)
                starts.append(pos)
                ends.append(pos + len(part))
                spaced.append(j + 1 < len(parts) - 1 and parts[j + 1] == " ")
            pos += len(part)
    return words, art, starts, ends, spaced


def test_numpy_tokens_equal_the_token_regex() -> None:
    import random

    # Joiners in and out of place, capitals, non-ASCII letters and marks, a lone surrogate, the
    # bytes that stand for U+2019 and the invisible characters, and the text joiner itself.
    alphabet = ["a", "B", "z", "Z", "'", "’", "-", " ", "  ", "\n", ".", "é", "İ", "K", "\ud800", "\x19", "\xff",
                "@", "[", "`", "{", "\x00", "\xad", "\u200b", "\ufeff", "\x1a"]
    rng = random.Random(7)
    batches = [[""], [" "], ["a"], ["-a-"], ["a-", "-b"], ["ab", "cd"], ["a", "", "b"], ["don’t", "rock-'n'-roll"],
               ["inter\xadnational", "a\u200b\u200bb"]]
    for _ in range(5000):
        batches.append(["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                        for _ in range(rng.randint(1, 4))])
    for texts in batches:
        words, art, starts, ends, spaced = spinning._tokens(texts)
        got = (words, art.tolist(), starts.tolist(), ends.tolist(), spaced.tolist())
        assert got == _regex_tokens(texts), texts


def test_invisible_characters_inside_words_join_them() -> None:
    # "inter\xadnational" is one word, spelled without the soft hyphen; its span covers the file's
    # characters. Before, the detector scored the fragments ("cond" -> "run" on bbc_dev.jsonl).
    hidden = "The inter\xadnational commit\u200btee met."
    words, _, starts, ends, _ = spinning._tokens([hidden])
    assert words == ["The", "international", "committee", "met"]
    assert [hidden[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)] == [
        "The", "inter\xadnational", "commit\u200btee", "met"]


def test_a_long_text_is_scored_in_runs_with_the_same_values(seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A huge article's candidates are computed and scored CANDIDATE_ROWS at a time, so that their
    # arrays stay bounded: the probabilities, offsets and originals must be those of one pass.
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    text = "\n\n".join([text, spin(text, seed=1).text] * 12)
    monkeypatch.setattr(spinning, "MAX_PREFETCH_CHARS", 1000)
    monkeypatch.setattr(spinning, "SECTION_WORDS", 10**9)  # one section: the runs are what is compared
    whole = candidates(text)
    assert len(whole) > 2 * 4096
    monkeypatch.setattr(spinning, "CANDIDATE_ROWS", 4096)
    runs, probs = spinning._scored_in_runs(text)
    assert runs.offsets.tobytes() == whole.offsets.tobytes()
    assert runs.original_ids.tobytes() == whole.original_ids.tobytes() and runs.n_words == whole.n_words
    assert probs.tobytes() == spinning._probabilities(whole).tobytes()
    spinning._scored.cache_clear()
    assert spinning._scored(text)[1].tobytes() == probs.tobytes()


def test_running_sums_by_window_are_those_of_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # One huge article's running sums are made a window at a time: the floats must be the ones
    # _running_sums gives, windows that overlap, follow on or leave a gap alike.
    monkeypatch.setattr(spinning, "RUNNING_ROWS", 7)
    rng = np.random.default_rng(4)
    vecs = np.vstack([rng.standard_normal((50, 100)).astype(np.float32), np.zeros((1, 100), dtype=np.float32)])
    rows = rng.integers(-1, 50, size=300)
    whole, _, _ = spinning._running_sums(vecs, rows, np.array([0]), np.array([len(rows)]))
    running = spinning._RunningSums(vecs, rows)
    assert running.total.tobytes() == whole[len(rows)].tobytes()
    for a, b in [(0, 0), (0, 20), (15, 40), (40, 41), (90, 130), (131, 300), (300, 300)]:
        table = running.window(np.array([a, b]), np.array([b]))
        assert table.tobytes() == whole[a : b + 1].tobytes(), (a, b)


def test_a_text_of_many_words_is_read_in_sections_each_an_article(seeds_dir: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Past SECTION_WORDS words a text is cut into sections, at a line break where the span's second
    # half has one, and each is scored as an article of its own: offsets back in the text, the same
    # words counted.
    monkeypatch.setattr(spinning, "SECTION_WORDS", 300)
    paragraphs = [p for path in sorted(seeds_dir.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n")]
    text = "\n".join(paragraphs * 3)
    cuts = spinning._sections(text)
    bounds = [*cuts, len(text)]
    assert len(cuts) > 3 and cuts[0] == 0
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        assert len(text[lo:hi].split()) <= 300
        assert lo == 0 or text[lo - 1] == "\n" or text[lo - 1].isspace()
    spinning._scored.cache_clear()
    cands, probs = spinning._scored(text)
    assert cands.n_words == candidates(text).n_words
    got = 0
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        alone = candidates(text[lo:hi])
        k = slice(got, got + len(alone))
        assert (cands.offsets[k] - lo).tobytes() == alone.offsets.tobytes()
        assert probs[k].tobytes() == spinning._probabilities(alone).tobytes()
        got += len(alone)
    assert got == len(cands)
    assert spinning._sections("word " * 299) == [0]


def test_joined_articles_do_not_read_as_spun(shared_data: Path) -> None:
    # 400 bbc_dev.jsonl articles joined (122,941 words) had 323 confident spin flags, on "into",
    # "against", "now" (2.6 per 1,000 words, against 0.05 for 200 joined): the document features count
    # over the whole text, and over ~100,000 words every original occurs in it (bug hunt 32: 1,300
    # joined, a 3 MB text, labelled spun). Read in sections, 5 flags.
    lines = (shared_data / "news" / "bbc_dev.jsonl").read_text(encoding="utf-8").splitlines()[:400]
    text = "\n\n".join(json.loads(line)["text"] for line in lines)
    spinning._scored.cache_clear()
    confident, _ = spinning.find_spun_split(text)
    words = len(text.split())
    assert words > 100_000 and 1000 * len(confident) / words < 0.3

"""Evaluate the spun-phrase detector (analyzer/spinning.py with models/spin_detector.json).

Prints, each with its data set named:
- seeds (seeds/000-004): tortured-phrase flags per seed (known phrases / learned words);
- the bbc_dev.jsonl TEST half (md5(id) >= 0.5, never used in training; split of
  scripts/train_spin_detector.py) spun by analyzer.spinner with each of its thesauri (moby, wordnet,
  roget; roget is the spinner the shipped detector was never trained on) at 5 substitutions per 100
  words: span recall (a substitution counts as found when a flag overlaps it),
  the share of found spans whose suggestion is the original wording, stray flags on spun text,
  how often the detector's inverse thesaurus (spin_inverse_synonyms.tsv) lists the replaced word
  among a single-word replacement's likely originals (the most a suggestion could get right),
  and the document-level ROC AUC spun vs original of spin_features' mean_spin_probability and
  learned_spin_per_100w;
- the clean bbc_dev.jsonl test half: false flags per 1,000 words (issue target <= 1), as published
  (British spelling) and in American spelling (analyzer.spinner.americanize);
- native US news never used in training (news/basil_triplets.jsonl: NYT, Fox News, HuffPost; the
  PolNeAR dev paragraphs of attribution/polnear_dev_paragraphs.tsv joined back into articles):
  false flags per 1,000 words, another kind of clean text than BBC;
- the article gate (spinning.word_threshold): on how many clean articles it opens (training
  half, test half, native news) and the learned false flags it adds;
- cross-thesaurus generalisation (skip with --quick): the training recipe fitted on one thesaurus
  only, tested on the test half spun with the other;
- speed: find_spun + spin_features, articles per second on one core (CPU time);
- with --headroom, the learned word score's operating curve (headroom_report): for each false-flag
  budget of HEADROOM_BUDGETS per 1,000 clean words, the one word threshold that keeps the learned
  detector's candidates of the clean test half within it, and the share of each spinner's
  substitutions that a candidate at or above that threshold overlaps (no article gate, no known
  phrases: what the word score alone can reach), with the share of substitutions no candidate
  overlaps. A report, not a setting: nothing is chosen on the test half.

Usage: python evaluation/eval_spinning.py [--limit N] [--quick] [--model PATH] [--gate-probability P] [--headroom]
(--model: another detector file of scripts/train_spin_detector.py --output, instead of the shipped one;
--gate-probability: the article gate's spinning.GATE_PROBABILITY for it, as
evaluation/compare_spin_models.py derives it by the gate's rule)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from native_news import BASIL, POLNEAR, basil_articles, polnear_articles  # noqa: E402

from analyzer import lexicons, spin_model, spinning  # noqa: E402
from analyzer.spinner import THESAURI, WORD, american_spellings, americanize, spin  # noqa: E402
from analyzer.spinning import find_spun, spin_features  # noqa: E402

SPIN_RATE = 0.05


def eval_seeds() -> dict[str, int]:
    out = {}
    for path in sorted((ROOT / "seeds").glob("0*.txt")):
        flags = find_spun(path.read_text(encoding="utf-8"))
        learned = sum(1 for f in flags if f.reason.startswith("Rare synonym"))
        out[path.name[:3]] = len(flags)
        print(f"seeds/{path.name}: {len(flags)} tortured-phrase flags ({len(flags) - learned} known phrases,"
              f" {learned} learned; {sum(1 for f in flags if f.suggestion)} with a suggestion)")
    return out


def eval_test_half(test: list[dict]) -> dict[str, float]:
    """Shipped detector on the held-out half of bbc_dev.jsonl."""
    import train_spin_detector as T  # noqa: PLC0415

    out: dict[str, float] = {}
    clean_feats = []
    clean_flags = clean_words = 0
    for art in test:
        ev = find_spun(art["text"])
        clean_flags += len(ev)
        clean_words += spin_features_words(art["text"])
        clean_feats.append(spin_features(art["text"], ev))
    fp = 1000 * clean_flags / max(1, clean_words)
    print(f"clean bbc_dev.jsonl test half ({len(test)} articles, {clean_words} words): {clean_flags} flags"
          f" = {fp:.3f} per 1,000 words")
    out["fp_per_1000"] = fp
    # The same articles in American spelling: BBC is British, US wire copy is not.
    us_flags = us_words = on_spelling = spelled = 0
    american = american_spellings()
    for art in test:
        text = americanize(art["text"])
        ev = find_spun(text)
        us_flags += len(ev)
        us_words += spin_features_words(text)
        on_spelling += sum(1 for f in ev if f.text.lower() in american)
        spelled += sum(1 for m in WORD.finditer(text) if m.group(0).lower() in american)
    us_fp = 1000 * us_flags / max(1, us_words)
    print(f"clean bbc_dev.jsonl test half in American spelling (analyzer.spinner.americanize): {us_flags} flags"
          f" = {us_fp:.3f} per 1,000 words; {on_spelling} of them on the {spelled} American-spelled words")
    out["fp_per_1000_american"] = us_fp
    trained_on = training_thesauri()
    inverse = {row["word"]: row["originals"].split("|") for row in lexicons.load("spin_inverse_synonyms")}
    for th in THESAURI:
        found = total = right = stray = spun_words = single = listed = 0
        feats = []
        for art in test:
            spun = spin(art["text"], rate=SPIN_RATE, seed=T._seed(art["id"], th), thesaurus=th)
            ev = find_spun(spun.text)
            f, r = T.match_substitutions(spun.substitutions, ev)
            found, right, total = found + f, right + r, total + len(spun.substitutions)
            stray += sum(1 for f in ev if not any(f.start < s.end and f.end > s.start for s in spun.substitutions))
            for sub in spun.substitutions:
                if " " not in sub.original and " " not in sub.replacement:
                    single += 1
                    listed += sub.original.lower() in inverse.get(sub.replacement.lower(), ())
            spun_words += spin_features_words(spun.text)
            feats.append(spin_features(spun.text, ev))
        recall = found / max(1, total)
        seen = "a training thesaurus" if th in trained_on else "UNSEEN: not a training thesaurus of this model"
        print(f"bbc_dev.jsonl test half ({len(test)} articles) spun by analyzer.spinner ({th}, {SPIN_RATE:.0%};"
              f" {seen}):")
        print(f"  substitutions {total}, span recall {recall:.3f}, right suggestion on found spans"
              f" {right / max(1, found):.3f}, stray flags {1000 * stray / max(1, spun_words):.2f} per 1,000 words;"
              f" replaced word among the inverse thesaurus' originals for {listed / max(1, single):.3f} of"
              f" {single} single-word swaps")
        for key in ("mean_spin_probability", "learned_spin_per_100w", "spin_flags_per_100w"):
            a = T.auc([f[key] for f in feats], [f[key] for f in clean_feats])
            print(f"  document ROC AUC spun vs original by {key}: {a:.3f}")
            out[f"auc_{key}_{th}"] = a
        out[f"recall_{th}"] = recall
    return out


# False flags per 1,000 clean words at which headroom_report reads the word score's recall: the
# detector's calibration target (train_spin_detector.TARGET_FALSE_FLAGS_PER_1000), the issue 3
# budget (1), and 3 and 10 times that budget, to show how far the word score is from the issue's
# span recall of 0.6.
HEADROOM_BUDGETS = (0.4, 1.0, 3.0, 10.0)


def _substitution_scores(text: str, subs: list) -> np.ndarray:
    """The highest learned probability among the candidates overlapping each substitution (-1: none)."""
    cands, probs = spinning._scored(text)
    spans = np.array(cands.spans, dtype=np.int64).reshape(-1, 2)
    out = np.full(len(subs), -1.0)
    for i, sub in enumerate(subs):
        hit = (spans[:, 0] < sub.end) & (spans[:, 1] > sub.start)
        if hit.any():
            out[i] = float(probs[hit].max())
    return out


def headroom_report(test: list[dict]) -> dict[str, float]:
    """Span recall of the learned word score alone at each HEADROOM_BUDGETS false-flag budget."""
    import train_spin_detector as T  # noqa: PLC0415

    clean = np.sort(np.concatenate([spinning._scored(a["text"])[1] for a in test]))[::-1]
    words = sum(spin_features_words(a["text"]) for a in test)
    spun = {th: np.concatenate([_substitution_scores(s.text, s.substitutions) for s in (
        spin(a["text"], rate=SPIN_RATE, seed=T._seed(a["id"], th), thesaurus=th) for a in test)]) for th in THESAURI}
    print(f"learned word score alone, bbc_dev.jsonl test half ({len(test)} articles, {words} clean words,"
          f" {len(clean)} clean candidates; spun at {SPIN_RATE:.0%}):")
    print("  substitutions no candidate overlaps: "
          + ", ".join(f"{th} {float(np.mean(v < 0)):.3f}" for th, v in spun.items()))
    out: dict[str, float] = {}
    for budget in HEADROOM_BUDGETS:
        allowed = int(budget * words / 1000)
        # The lowest threshold with at most `allowed` clean candidates at or above it.
        threshold = float(np.nextafter(clean[allowed], 1.0)) if allowed < len(clean) else 0.0
        recalls = {th: float(np.mean(v >= threshold)) for th, v in spun.items()}
        print(f"  at {budget:g} false flags per 1,000 clean words (threshold {threshold:.3f}): span recall "
              + ", ".join(f"{th} {r:.3f}" for th, r in recalls.items()))
        out.update({f"headroom_{budget:g}_{th}": r for th, r in recalls.items()})
    return out


def training_thesauri() -> set[str]:
    """The spinner thesauri the detector in use was trained on."""
    import train_spin_detector as T  # noqa: PLC0415

    model = spin_model.default_model()
    return set() if model is None else set(T.trained_thesauri(model))


def use_model(path: Path) -> None:
    """Make find_spun and spin_features read the detector file at `path` instead of the shipped one."""
    model = spin_model.load_model(path)
    spin_model.default_model = lambda: model  # analyzer.spinning reads it through the module at every call
    spinning._scored.cache_clear()


def native_news(data: Path) -> dict[str, list[str]]:
    """Article texts of the native US news sets in ../shared/data, by set name (absent sets skipped)."""
    out: dict[str, list[str]] = {}
    if (data / BASIL).is_file():
        out["basil_triplets.jsonl"] = basil_articles(data)
    if (data / POLNEAR).is_file():
        out["polnear_dev_paragraphs.tsv (joined into articles)"] = polnear_articles(data)
    return out


def eval_native(data: Path) -> dict[str, float]:
    """Flags per 1,000 words on clean native US news (every flag is a false one)."""
    out = {}
    for name, texts in native_news(data).items():
        flags = learned = words = 0
        for text in texts:
            ev = find_spun(text)
            flags += len(ev)
            learned += sum(1 for f in ev if f.reason.startswith("Rare synonym"))
            words += spin_features_words(text)
        rate = 1000 * flags / max(1, words)
        print(f"clean native news {name} ({len(texts)} articles, {words} words): {flags} flags"
              f" ({learned} learned) = {rate:.3f} per 1,000 words")
        out[name] = rate
    return out


def eval_gate(sets: dict[str, list[str]]) -> None:
    """How often the article gate (spinning.word_threshold) opens on clean texts, and the false
    flags per 1,000 words without and with the words it lets in."""
    import numpy as np  # noqa: PLC0415

    from analyzer import spin_model, spinning  # noqa: PLC0415

    model = spin_model.default_model()
    if model is None:
        return
    for name, texts in sets.items():
        opened = confident = gated = words = 0
        for text in texts:
            cands, probs = spinning._scored(text)
            low = spinning.word_threshold(model, probs, cands.n_words)
            opened += low < model.threshold
            confident += int(np.count_nonzero(probs >= model.threshold))
            gated += int(np.count_nonzero((probs >= low) & (probs < model.threshold)))
            words += cands.n_words
        per = 1000 / max(1, words)
        print(f"article gate on clean {name}: opened on {opened} of {len(texts)} articles; learned false flags"
              f" per 1,000 words {confident * per:.3f} -> {(confident + gated) * per:.3f}")


def spin_features_words(text: str) -> int:
    from analyzer.spinning import candidates  # noqa: PLC0415

    return candidates(text).n_words


def eval_cross() -> None:
    """The training recipe with one of its training thesauri (train_spin_detector.THESAURI) left
    out, tested on the test half spun with that one."""
    import train_spin_detector as T  # noqa: PLC0415

    fit_arts, calib_arts, test_arts = T.load_split()
    calib_clean = T.clean_versions(calib_arts)
    fit_clean = T.clean_versions(fit_arts)
    test_clean = T.clean_versions(test_arts)
    fit_spun = {t: T.spun_versions(fit_arts, t, T.TRAIN_RATES) for t in T.THESAURI}
    for held_out, kept, md in T.leave_one_out(fit_spun, fit_clean, calib_clean):
        res = T.evaluate(spin_model.parse_model(md), T.spun_versions(test_arts, held_out, (SPIN_RATE,)), test_clean)
        print(f"cross-thesaurus: recipe trained on {'+'.join(kept)}-spun bbc_dev train half, tested on"
              f" {held_out}-spun bbc_dev test half ({SPIN_RATE:.0%}; clean test half for false flags):")
        T._print(res)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help="skip the cross-thesaurus retraining")
    parser.add_argument("--model", type=Path, default=None, help="detector file to evaluate (default: the shipped one)")
    parser.add_argument("--gate-probability", type=float, default=None,
                        help=f"article gate probability (default {spinning.GATE_PROBABILITY})")
    parser.add_argument("--headroom", action="store_true",
                        help="also print the learned word score's span recall at several false-flag budgets")
    args = parser.parse_args()
    if args.gate_probability is not None:
        spinning.GATE_PROBABILITY = args.gate_probability  # read as a module global by word_threshold
        print(f"article gate probability {args.gate_probability}")
    if args.model is not None:
        use_model(args.model)
        print(f"detector: {args.model} (trained on {', '.join(sorted(training_thesauri()))})")
    eval_seeds()
    import train_spin_detector as T  # noqa: PLC0415

    if not T.BBC.is_file():
        print(f"{T.BBC} absent: BBC figures skipped")
        return
    fit, calib, test = T.load_split()
    test = test[: args.limit]
    eval_test_half(test)
    if args.headroom:
        headroom_report(test)
    eval_native(T.BBC.parent.parent)
    eval_gate({"bbc_dev.jsonl training half (fit + calibration)": [a["text"] for a in fit + calib],
               "bbc_dev.jsonl test half": [a["text"] for a in test],
               **native_news(T.BBC.parent.parent)})
    start = time.process_time()
    for art in test:
        spin_features(art["text"], find_spun(art["text"]))
    rate = len(test) / (time.process_time() - start)
    print(f"speed on clean bbc_dev.jsonl test half: {rate:.0f} articles/s (find_spun + spin_features, one core,"
          " CPU time, warm)")
    if not args.quick:
        eval_cross()


if __name__ == "__main__":
    main()

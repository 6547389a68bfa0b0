"""Rebuild models/trust.json from the evaluation data in ../shared/data (fast and deterministic).

Trusted copies: clean BBC articles (news/bbc_dev.jsonl), the expected bodies of news pages
(boilerplate/newspaper3k_pages.jsonl), NYT / Fox News / HuffPost reports (news/basil_triplets.jsonl),
human translations (mt/wmt_dev_docs.jsonl) and the clean seeds.
Untrusted copies: spun copies of trusted articles (analyzer.spinner), machine translations of the
same documents, whole news pages full of scraper residue, trusted articles wrapped in real
boilerplate lines (boilerplate/trafilatura_page_lines_en.tsv), trusted articles with every
attributed sentence, quotation, dateline and agency credit removed, unsourced first-person
opinion text (product reviews, hedging/sfu_review_speculation_sentences.tsv) and the garbled seeds.

Cross-validation is grouped by outlet (GroupKFold): a story's clean and garbled copies always sit
in the same fold, and no outlet is on both sides of a split. Run it whenever the signals change:

    /work/venv/bin/python scripts/train_trust.py            # writes models/trust.json
    /work/venv/bin/python scripts/train_trust.py --search   # also prints the C grid
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer import features  # noqa: E402
from analyzer.article import Article  # noqa: E402
from analyzer.text import split_lines, split_sentences  # noqa: E402
from analyzer.trust import training  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEED = 20240601
# Sample sizes: enough for stable weights on 22 features, small enough to train in well under a
# minute at the pipeline's speed.
N_BBC = 300
N_BASIL_PER_OUTLET = 50
N_REVIEWS = 150
# Share of trusted articles that also get each untrusted variant.
SPUN_SHARE = 0.5
RESIDUE_SHARE = 0.3
UNATTRIBUTED_SHARE = 0.3
# Spinner rates (substitutions per word) cycled over the spun copies: light to heavy spinning.
SPIN_RATES = (0.03, 0.05, 0.08)
# Share of attributed sentences removed from the "unattributed" copies, cycled: thinly sourced text
# rather than none at all, so that the model learns the attribution share, not "no quote at all".
STRIP_SHARES = (1.0, 0.85, 0.7)
# Residue wrapped around an article: this many real boilerplate lines before and after it.
RESIDUE_LINES = (4, 14)
MIN_SENTENCES = 4
# Unsourced kinds count double: sourcing is what separates reported news from unreliable sites,
# while residue and garbling have dedicated signals that separate them on their own. Measured with
# evaluation/eval_trust.py on this set: unattributed AUC 0.67 -> 0.71, overall 0.772 -> 0.769.
# The pairwise rows use the same shares (pair_weights_for).
VARIANT_SHARE = {"unattributed": 2.0, "review": 2.0}
# Untrusted copies made from one trusted article (its id plus ":" and the variant).
DERIVED_VARIANTS = ("spun", "residue", "unattributed")
SEED_LABELS = {"000": 1, "001": 0, "002": 1, "003": 0, "004": 1}

# Sentences that credit a claim to someone; removed to make "no attribution at all" copies.
_ATTRIBUTED_RE = re.compile(
    r"[\"“”]|\b(?:said|says|say|told|tells|according|reported|reports|announced|stated|added|adds|"
    r"quoted|claimed|claims|explained|insisted|warned|confirmed|denied|noted|argued|believes|"
    r"spokes(?:man|woman|person)|statement|interview|cited|agency)\b",
    re.IGNORECASE,
)
_AGENCY_RE = re.compile(r"\s*\((?:AP|AFP|Reuters|UPI|dpa|Xinhua)\)\s*|\b(?:AP|AFP|Reuters|Associated Press)\b")
_DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}?(?:\s*\([A-Za-z ]+\))?\s*(?:—|–|-|:)\s+")


@dataclass
class Example:
    article: Article
    label: int
    group: str
    variant: str


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _every(rows: list, n: int) -> list:
    """A deterministic, evenly spread sample of n rows (keeps topic mix, no RNG)."""
    if len(rows) <= n:
        return list(rows)
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


def _chosen(key: str, share: float, salt: str) -> bool:
    """Deterministic per-article choice, stable when the sample changes."""
    return random.Random(f"{SEED}:{salt}:{key}").random() < share


def unattributed(text: str, share: float = 1.0, key: str = "") -> str | None:
    """The text with its dateline and agency credits removed and each attributed sentence or
    quotation removed with probability `share` (deterministic per `key`)."""
    rng = random.Random(f"{SEED}:strip:{key}")
    lines = []
    kept = 0
    for line in split_lines(text):
        body = _DATELINE_RE.sub("", line.text, count=1) if not lines else line.text
        sents = [s.text for s in split_sentences(body)
                 if not (_ATTRIBUTED_RE.search(s.text) and rng.random() < share)]
        kept += len(sents)
        if sents:
            lines.append(_AGENCY_RE.sub(" ", " ".join(sents)).strip())
    return "\n\n".join(lines) if kept >= MIN_SENTENCES else None


def residue_pages(data: Path) -> list[list[str]]:
    """Runs of real boilerplate lines per page (trafilatura's labelled lines)."""
    pages: dict[str, list[str]] = {}
    with (data / "boilerplate" / "trafilatura_page_lines_en.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["label"] == "boilerplate" and row["text"].strip():
                pages.setdefault(row["file"], []).append(row["text"].strip())
    return [lines for _, lines in sorted(pages.items()) if len(lines) >= 2 * RESIDUE_LINES[0]]


def wrap_residue(text: str, key: str, pages: list[list[str]]) -> str:
    rng = random.Random(f"{SEED}:residue:{key}")
    page = pages[rng.randrange(len(pages))]
    head = page[: rng.randint(*RESIDUE_LINES)]
    tail = page[-rng.randint(*RESIDUE_LINES):]
    return "\n".join(head) + "\n\n" + text + "\n\n" + "\n".join(tail)


def reviews(data: Path, n: int) -> list[tuple[str, str, str]]:
    docs: dict[str, list[str]] = {}
    domains: dict[str, str] = {}
    path = data / "hedging" / "sfu_review_speculation_sentences.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = f"{row['domain']}/{row['file']}"
            docs.setdefault(key, []).append(row["text"])
            domains[key] = row["domain"]
    rows = [(k, v) for k, v in sorted(docs.items()) if len(v) >= 2 * MIN_SENTENCES]
    out = []
    for key, sents in _every(rows, n):
        paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
        out.append((key, domains[key], "\n\n".join(paras)))
    return out


def build_examples(data: Path = DATA) -> list[Example]:
    from analyzer.spinner import spin

    examples: list[Example] = []
    trusted: list[tuple[str, str, str]] = []  # (id, group, text) eligible for untrusted variants

    def add(ident: str, text: str, label: int, group: str, variant: str, source: str) -> None:
        examples.append(Example(Article(id=ident, text=text, source=source), label, group, variant))

    for row in _every(_jsonl(data / "news" / "bbc_dev.jsonl"), N_BBC):
        add(row["id"], row["text"], 1, "bbc", "clean", "BBC News")
        trusted.append((row["id"], "bbc", row["text"]))
    basil = _jsonl(data / "news" / "basil_triplets.jsonl")
    for outlet in sorted({r["source"] for r in basil}):
        for row in _every([r for r in basil if r["source"] == outlet], N_BASIL_PER_OUTLET):
            add(row["id"], row["text"], 1, f"basil:{outlet}", "clean", outlet)
            trusted.append((row["id"], f"basil:{outlet}", row["text"]))
    for row in _jsonl(data / "boilerplate" / "newspaper3k_pages.jsonl"):
        group = f"np3k:{row['source']}"
        if row["variant"] == "extracted_body":
            add(row["id"] + ":body", row["text"], 1, group, "clean", row["source"])
            trusted.append((row["id"] + ":body", group, row["text"]))
        else:
            add(row["id"] + ":page", row["text"], 0, group, "raw_page", row["source"])
    for row in _jsonl(data / "mt" / "wmt_dev_docs.jsonl"):
        outlet = row["doc_id"].split(".")[0]
        human = row["label"] == "human_translation"
        add(f"{row['id']}:{row['system']}", row["text"], int(human), f"wmt:{outlet}",
            "human_translation" if human else "machine_translation", outlet)
    meta = {r["file"]: r for r in csv.DictReader((ROOT / "seeds" / "metadata.csv").open(encoding="utf-8"))}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        label = SEED_LABELS[path.name[:3]]
        source = meta.get(path.name, {}).get("source", "unknown")
        add(path.stem, path.read_text(encoding="utf-8"), label, f"seed:{source}",
            "clean" if label else "garbled_seed", source)

    pages = residue_pages(data)
    for n, (ident, group, text) in enumerate(trusted):
        source = next(e.article.source for e in examples if e.article.id == ident)
        if _chosen(ident, SPUN_SHARE, "spin"):
            rate = SPIN_RATES[n % len(SPIN_RATES)]
            add(f"{ident}:spun", spin(text, rate=rate, seed=n).text, 0, group, "spun", source)
        if _chosen(ident, RESIDUE_SHARE, "residue"):
            add(f"{ident}:residue", wrap_residue(text, ident, pages), 0, group, "residue", source)
        if _chosen(ident, UNATTRIBUTED_SHARE, "unattributed"):
            stripped = unattributed(text, STRIP_SHARES[n % len(STRIP_SHARES)], ident)
            if stripped:
                add(f"{ident}:unattributed", stripped, 0, group, "unattributed", source)
    for key, domain, text in reviews(data, N_REVIEWS):
        add(f"sfu:{key}", text, 0, f"sfu:{domain}", "review", "review site")
    return examples


def weights_for(examples: list[Example]) -> list[float]:
    """Each variant gets its share (VARIANT_SHARE, default 1) of its class, each class half of the
    total weight."""
    counts = Counter(e.variant for e in examples)
    per_class: Counter[int] = Counter()
    for variant in counts:
        per_class[next(e.label for e in examples if e.variant == variant)] += VARIANT_SHARE.get(variant, 1.0)
    total = len(examples)
    return [total / 2 * VARIANT_SHARE.get(e.variant, 1.0) / per_class[e.label] / counts[e.variant]
            for e in examples]


def pairs_for(examples: list[Example]) -> list[tuple[int, int]]:
    """(clean, damaged) row indices of copies of one story: each spun, residue-wrapped or
    attribution-stripped copy with the article it was made from, each machine translation with
    the human translation of the same document."""
    index = {e.article.id: i for i, e in enumerate(examples)}
    human = {e.article.id.rsplit(":", 1)[0]: i for i, e in enumerate(examples) if e.variant == "human_translation"}
    out = []
    for i, e in enumerate(examples):
        if e.variant in DERIVED_VARIANTS:
            j = index.get(e.article.id.rsplit(":", 1)[0])
        elif e.variant == "machine_translation":
            j = human.get(e.article.id.rsplit(":", 1)[0])
        else:
            continue
        if j is not None:
            out.append((j, i))
    return out


def pair_weights_for(examples: list[Example], pairs: list[tuple[int, int]]) -> list[float]:
    """Each kind of damage gets its share of the pairwise weight (VARIANT_SHARE, default 1), as
    each variant gets its share of the pointwise weight (weights_for): by count, the 81
    translation pairs weighed a ninth of the spun ones. Thinly sourced pairs count double here,
    as their articles do: with equal pair shares, trust on held-out PolNeAR followed the gold
    attribution share at Spearman +0.41, with double +0.47 (evaluation/eval_trust.py). Reviews
    have no pairs."""
    kinds = Counter(examples[i].variant for _, i in pairs)
    return [VARIANT_SHARE.get(examples[i].variant, 1.0) / kinds[examples[i].variant] for _, i in pairs]


def featurize(examples: list[Example], names: tuple[str, ...] = features.MODEL_FEATURES) -> list[list[float]]:
    articles = training.score_for_training([e.article for e in examples])
    return [features.vector(a, names=names) for a in articles]


def variant_auc(examples: list[Example], scores: list[float]) -> dict[str, float]:
    """AUC of each untrusted variant against the trusted articles of the same outlets (the clean
    copies of the same stories, for derived variants), or against all trusted articles when the
    variant's outlets have none (reviews)."""
    out = {}
    for variant in sorted({e.variant for e in examples if e.label == 0}):
        groups = {e.group for e in examples if e.variant == variant}
        if not any(e.label == 1 and e.group in groups for e in examples):
            groups = {e.group for e in examples}
        sel = [i for i, e in enumerate(examples) if e.group in groups and (e.label == 1 or e.variant == variant)]
        auc = training.roc_auc([examples[i].label for i in sel], [scores[i] for i in sel])
        if auc is not None:
            out[variant] = round(auc, 4)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--output", type=Path, default=ROOT / "models" / "trust.json")
    parser.add_argument("--search", action="store_true", help="print grouped-CV AUC over a grid of C")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    cpu_started = time.process_time()
    examples = build_examples(args.data)
    rows = featurize(examples)
    labels = [e.label for e in examples]
    groups = [e.group for e in examples]
    weights = weights_for(examples)
    pairs = pairs_for(examples)
    pair_weights = pair_weights_for(examples, pairs)
    if args.search:
        for c in (0.03, 0.1, 0.3, 1.0, 3.0):
            cv = training.grouped_cv(rows, labels, groups, weights=weights, c=c, pairs=pairs,
                                     pair_weights=pair_weights)
            print(f"C={c:<5} grouped-CV ROC AUC {cv.roc_auc:.4f}")
    cv = training.grouped_cv(rows, labels, groups, weights=weights, pairs=pairs, pair_weights=pair_weights)
    summary = {
        "data": "../shared/data: news/bbc_dev.jsonl, news/basil_triplets.jsonl, boilerplate/newspaper3k_pages.jsonl, "
                "mt/wmt_dev_docs.jsonl, boilerplate/trafilatura_page_lines_en.tsv, "
                "hedging/sfu_review_speculation_sentences.tsv, seeds/",
        "articles": len(examples),
        "trusted": sum(labels),
        "untrusted": len(labels) - sum(labels),
        "groups": len(set(groups)),
        "variants": dict(sorted(Counter(e.variant for e in examples).items())),
        "cv": "GroupKFold by outlet",
        "cv_folds": cv.folds,
        "cv_roc_auc": round(cv.roc_auc or 0.0, 4),
        "cv_roc_auc_by_variant": variant_auc(examples, cv.oof),
        "c": training.DEFAULT_C,
        "pairs": len(pairs),
        "pair_share": training.PAIR_SHARE,
        "script": "scripts/train_trust.py",
    }
    model = training.fit_model(rows, labels, weights=weights, training=summary, pairs=pairs,
                               pair_weights=pair_weights)
    model.training["weights"] = training.weight_summary(model)
    model.save(args.output)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(f"training set (../shared/data + seeds): {len(examples)} articles, {sum(labels)} trusted, "
          f"{len(labels) - sum(labels)} untrusted, {len(set(groups))} outlet groups")
    print(f"grouped-CV ROC AUC (GroupKFold by outlet, {cv.folds} folds): {cv.roc_auc:.4f}")
    for variant, auc in summary["cv_roc_auc_by_variant"].items():
        print(f"  trusted vs {variant:<20} ROC AUC {auc:.4f}")
    print("weights (standardised coefficients):")
    for row in model.training["weights"]:
        print(f"  {row['feature']:<18} {row['coef']:+.3f}")
    print(f"wrote {args.output} in {elapsed:.1f} s wall, {cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

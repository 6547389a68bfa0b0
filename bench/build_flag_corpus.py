"""Build the `analyzer flag` evaluation folder from the dev data in ../shared/data.

    python bench/build_flag_corpus.py OUT [--bases 200] [--unrelated 200] [--seed 0]

Writes OUT/input/articles.jsonl (the folder to run `analyzer flag` on) and OUT/truth.json (kept
outside input/ so it is never read as an article). The stories:
- BBC articles (news/bbc_dev.jsonl, de-duplicated) each with one or two spun copies made by
  analyzer.spinner (rates 0.05 and 0.03, the substitutions recorded) and, for every third one, a
  syndicated copy wrapped in scraper residue (same text, different residue lines: clean, same story);
- the human and the machine translation of each WMT21 ja-en document (mt/wmt_dev_docs.jsonl;
  same doc_id = same story, the human one is the original, the machine one is garbled);
- the BASIL triplets (news/basil_triplets.jsonl): same event, three outlets, three separate stories
  (independent reports, none garbled; their truth names the event, for bench_flag.py's count of
  false flags on them);
- unrelated BBC articles, one story each.
The texts stay in OUT (a scratch folder); never commit them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SPIN_RATES = (0.05, 0.03)
# Residue of the kind auto-blogs and aggregators wrap around syndicated copies (generic lines).
HEADERS = ("Breaking News", "Home » World » News", "Latest headlines", "Skip to content",
           "Share this article", "Advertisement")
FOOTERS = ("[ad_2]Source link", "Source: BBC News", "Share this:\nTwitter\nFacebook",
           "Related posts", "Leave a Reply Cancel reply", "Read more: latest news",
           "Copyright 2024. All rights reserved.", "Tags: news, world")


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _unique_bbc(rows: list[dict]) -> list[dict]:
    """The BBC set holds exact and near-exact duplicates; keep one of each (by the opening text)."""
    seen, out = set(), []
    for r in rows:
        key = " ".join(r["text"].split())[:200].lower()
        body = " ".join(r["text"].split()[10:60]).lower()
        if key in seen or body in seen:
            continue
        seen.update((key, body))
        out.append(r)
    return out


def build(out: Path, bases: int = 200, unrelated: int = 200, seed: int = 0, data: Path = DATA) -> dict:
    from analyzer.spinner import spin

    rng = random.Random(seed)
    bbc = _unique_bbc(_jsonl(data / "news" / "bbc_dev.jsonl"))
    rng.shuffle(bbc)
    articles: list[dict] = []
    truth: dict[str, dict] = {}

    def add(aid: str, text: str, source: str, story: str, label: str = "clean", original: str | None = None,
            substitutions: list | None = None, event: str | None = None) -> None:
        articles.append({"id": aid, "source": source, "text": text})
        truth[aid] = {"story": story, "label": label, "original": original, "substitutions": substitutions or [],
                      "event": event}

    for i, row in enumerate(bbc[:bases]):
        base = f"bbc-{i:04d}"
        add(base, row["text"], "BBC News", base)
        for k in range(1 + i % 2):
            spun = spin(row["text"], rate=SPIN_RATES[k], seed=seed * 100_000 + i * 10 + k)
            subs = [[s.start, s.end, s.original, s.replacement] for s in spun.substitutions]
            add(f"{base}-spun{k}", spun.text, f"autoblog-{(i + k) % 7}", base, "spun", base, subs)
        if i % 3 == 0:
            head = rng.sample(HEADERS, 2)
            foot = rng.sample(FOOTERS, 2)
            text = "\n\n".join([*head, row["text"], *foot])
            add(f"{base}-synd", text, f"aggregator-{i % 5}", base)
    for j, row in enumerate(bbc[bases:bases + unrelated]):
        add(f"bbc-other-{j:04d}", row["text"], "BBC News", f"bbc-other-{j:04d}")
    docs: dict[str, dict[str, dict]] = {}
    for row in _jsonl(data / "mt" / "wmt_dev_docs.jsonl"):
        docs.setdefault(row["doc_id"], {})[row["label"]] = row
    for doc_id, pair in sorted(docs.items()):
        if set(pair) != {"human_translation", "machine_translation"}:
            continue
        human, machine = f"wmt-{doc_id}-ref", f"wmt-{doc_id}-mt"
        add(human, pair["human_translation"]["text"], "WMT reference", f"wmt-{doc_id}")
        add(machine, pair["machine_translation"]["text"], "MT auto-blog", f"wmt-{doc_id}", "machine_translated", human)
    for row in _jsonl(data / "news" / "basil_triplets.jsonl"):
        add(row["id"], row["text"], row["source"], row["id"], event=row["cluster"])
    rng.shuffle(articles)
    (out / "input").mkdir(parents=True, exist_ok=True)
    with (out / "input" / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--bases", type=int, default=200)
    parser.add_argument("--unrelated", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data} is not present", file=sys.stderr)
        return 1
    truth = build(args.out, args.bases, args.unrelated, args.seed, args.data)
    labels: dict[str, int] = {}
    for t in truth.values():
        labels[t["label"]] = labels.get(t["label"], 0) + 1
    print(f"wrote {len(truth)} articles, {len({t['story'] for t in truth.values()})} stories to {args.out}: {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Group copies of the same story and flag the garbled ones (first version)."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.article import Article, Evidence
from analyzer.text import WORD_RE

SHINGLE = 3
NUM_PERM = 128
# Jaccard threshold on word 3-shingles above which two copies share a story.
LSH_THRESHOLD = 0.3


@dataclass
class Flag:
    id: str
    label: str
    original: str | None
    similarity: float
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "original": self.original,
                "similarity": round(self.similarity, 4), "evidence": [e.to_dict() for e in self.evidence]}


def _shingles(text: str) -> set[bytes]:
    tokens = [m.group().lower() for m in WORD_RE.finditer(text)]
    return {" ".join(tokens[i:i + SHINGLE]).encode() for i in range(max(1, len(tokens) - SHINGLE + 1))}


def group_and_flag(articles: list[Article]) -> tuple[list[dict[str, object]], list[Flag]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for article in articles:
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch(list(_shingles(article.text)))
        hashes[article.id] = mh
        lsh.insert(article.id, mh)
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for article in articles:
        for other in lsh.query(hashes[article.id]):
            parent[find(other)] = find(article.id)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(find(article.id), []).append(article)
    stories, flags = [], []
    for n, members in enumerate(sorted(groups.values(), key=lambda g: g[0].id), start=1):
        clean = [a for a in members if a.label == "clean"]
        original = min(clean, key=lambda a: a.scores.get("translation", 0.0)).id if clean else None
        stories.append({"story": f"story-{n:04d}", "articles": [a.id for a in members],
                        "original": original})
        for a in members:
            if a.label != "clean":
                sim = hashes[a.id].jaccard(hashes[original]) if original else 0.0
                evidence = [e for e in a.evidence if e.signal == "translation"]
                flags.append(Flag(a.id, a.label, original, sim, evidence))
    return stories, flags

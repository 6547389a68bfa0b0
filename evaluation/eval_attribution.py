"""Evaluation of the attribution signal on PolNeAR dev (../shared/data/attribution, see its README).

- polnear_dev_paragraphs.tsv: 1,838 paragraphs of US political news labelled attributed /
  unattributed. Each paragraph is scored alone (its sentences, no boilerplate pass); it is
  predicted attributed when any of its sentences is. Prints precision, recall and F1 of the
  attributed class, for analyzer and for a plain reporting-verb regex baseline.
- polnear_dev_attributions.jsonl: the annotated attribution relations (cue, source and content
  spans with character offsets into the article). The offsets count separators the paragraph file
  does not keep, so each relation is re-anchored on the paragraphs joined by blank lines: by its
  content span, then the cue occurrence nearest to the expected place. A gold cue is recalled when
  a predicted cue span (verb, phrase, noun, support-verb phrase, stance adjective, quote or
  wire credit) overlaps it. Source spans likewise.

With --missed, the gold cues no predicted cue overlaps are grouped by kind (missed_classes: rules on
the gold cue's words and its neighbours, first match wins) and counted, with N examples of each.
"boundary" counts annotation-boundary mismatches rather than misses: a predicted cue (not a quote)
ends or starts within BOUNDARY_CHARS of the gold span without overlapping it ('said [[Hester]]': the
annotator marked the source as the cue; "Mr. Obama['s announcement]" next to a found noun).

Run: python evaluation/eval_attribution.py [--errors N] [--missed N]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from analyzer.signals.attribution import find_cues
from analyzer.signals.attribution_cues import noun_spans, verb_forms
from analyzer.signals.base import scan_as_shown
from analyzer.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "attribution"
PARAGRAPHS = "polnear_dev_paragraphs.tsv"
RELATIONS = "polnear_dev_attributions.jsonl"
CUE_KINDS = frozenset(
    {"reporting_verb", "according_to", "nominal", "noun_cue", "attitude", "evidential", "quote", "quote_mark",
     "wire_credit"}
)
SOURCE_KINDS = frozenset({"named_source", "anonymous_source"})
# The baseline the issue quotes: a plain regex over the commonest reporting verbs.
BASELINE_RE = re.compile(
    r"\b(?:said|says|say|told|tells|according to|reported|reports|claimed|claims|added|stated|"
    r"announced|confirmed|denied|insisted|warned|explained|noted|wrote|argued|acknowledged)\b",
    re.IGNORECASE,
)


# A predicted cue this close to a missed gold cue (characters between them) marks the same
# attribution with other boundaries: the white space and an apostrophe or comma between words.
BOUNDARY_CHARS = 3
_FUNCTION_WORDS = frozenset("the a an in of on to from about for with by at as : , — -".split())
_BE_RE = r"(?:is|are|was|were|be|been|being|['’]s)"
# (class, pattern on the gold cue text, lower-cased, white space normalised), first match wins.
_MISSED_CLASSES = (
    ("evidential seem/appear/look like",
     re.compile(r"\b(?:seem(?:s|ed|ing)?|appear(?:s|ed)?|look(?:s|ed)?(?: like)?)\b")),
    ("extraposed 'it is clear that'", re.compile(
        r"\b(?:it|is|was|be|been)\b.*\b(?:clear|unclear|obvious|apparent|evident|certain)\b")),
    ("agentless passive (is expected, was viewed as)", re.compile(
        rf"\b{_BE_RE}\s+(?:\w+ly\s+|not\s+|also\s+|never\s+)*\w+(?:ed|en|wn|ght)\b")),
    ("negated act (did not address)", re.compile(r"\b(?:did|does|do|has|have|had)\s*(?:not|n['’]t)\b")),
)


def missed_classes(missed: list[tuple[str, str, str, bool, bool]]) -> dict[str, list[str]]:
    """Class name -> examples. Each missed cue: (gold cue text, text before it, text after it,
    whether a predicted cue lies within BOUNDARY_CHARS, whether the cue holds a lexicon verb or
    noun form)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for cue, before, after, adjacent, lexical in missed:
        low = " ".join(cue.lower().split())
        shown = f"{before[-50:]}[[{cue}]]{after[:40]}".replace("\n", " ")
        if adjacent:
            name = "boundary: a predicted cue next to it"
        elif low in _FUNCTION_WORDS or "=" in low:
            name = "annotation noise: a lone function word or markup"
        else:
            name = next((n for n, r in _MISSED_CLASSES if r.search(low)), None)
            if name is None:
                words = low.split()
                if lexical:
                    name = "lexicon verb or noun, rejected by its context rules"
                elif words and words[0] in ("a", "an", "the", "this", "that", "his", "her", "their", "its"):
                    name = "noun phrase not in the noun lexicons (the outlook, a tough push)"
                elif before.rstrip().endswith(("'s", "’s")) or low.startswith(("'s", "’s")):
                    name = "noun phrase not in the noun lexicons (the outlook, a tough push)"
                else:
                    name = "verb or phrase not in the lexicons (actions: imposed, voted, signed; tail verbs)"
        groups[name].append(shown)
    return groups


def _read_paragraphs(data: Path) -> list[dict[str, str]]:
    with (data / PARAGRAPHS).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def paragraph_scores(data: Path = DATA, errors: int = 0) -> dict[str, tuple[float, float, float]]:
    rows = _read_paragraphs(data)
    counts = {"analyzer": [0, 0, 0], "baseline": [0, 0, 0]}
    shown = 0
    for row in rows:
        text = row["text"]
        gold = row["label"] == "attributed"
        _, flags = scan_as_shown(find_cues, text, split_sentences(text))
        for name, pred in (("analyzer", any(flags)), ("baseline", bool(BASELINE_RE.search(text)))):
            c = counts[name]
            if pred and gold:
                c[0] += 1
            elif pred:
                c[1] += 1
            elif gold:
                c[2] += 1
        if errors and shown < errors and any(flags) != gold:
            shown += 1
            print(f"  [{'FP' if any(flags) else 'FN'}] {text[:200]}")
    return {name: _prf(*c) for name, c in counts.items()}


def _anchor(full: str, start: int, end: int, want: str, drift: int) -> tuple[int, int] | None:
    """The occurrence of `want` nearest to start+drift in `full`."""
    guess = start + drift
    if full[guess:guess + len(want)] == want:
        return guess, guess + len(want)
    hits = [m.start() for m in re.finditer(re.escape(want), full)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - guess))
    return best, best + len(want)


def span_recall(data: Path = DATA, missed: list | None = None) -> dict[str, float | int]:
    """Cue and source recall; with a `missed` list, each missed gold cue is appended to it (see
    missed_classes)."""
    docs: dict[str, list[str]] = defaultdict(list)
    for row in _read_paragraphs(data):
        docs[row["filename"]].append(row["text"])
    relations: dict[str, list[dict]] = defaultdict(list)
    with (data / RELATIONS).open(encoding="utf-8") as handle:
        for line in handle:
            rel = json.loads(line)
            relations[rel["filename"]].append(rel)
    found = {"cue": 0, "source": 0}
    total = {"cue": 0, "source": 0}
    unaligned = 0
    for name, rels in relations.items():
        full = "\n\n".join(docs[name])
        evidence, _ = scan_as_shown(find_cues, full, split_sentences(full))
        predicted = {
            "cue": [(ev.start, ev.end) for ev in evidence if ev.kind in CUE_KINDS],
            "source": [(ev.start, ev.end) for ev in evidence if ev.kind in SOURCE_KINDS],
        }
        # Cues other than quotes: a quote next to a missed cue is mostly another attribution.
        word_cues = [(ev.start, ev.end) for ev in evidence if ev.kind in CUE_KINDS and ev.kind != "quote"]
        for rel in rels:
            drift = 0
            if rel["content"]:
                c0, c1, ctext = rel["content"][0]
                pos = full.find(ctext)
                if pos >= 0:
                    drift = pos - c0
            for part in ("cue", "source"):
                for s, e, want in rel[part]:
                    if not want.strip():
                        continue
                    span = _anchor(full, s, e, want, drift)
                    if span is None:
                        unaligned += 1
                        continue
                    total[part] += 1
                    if any(p0 < span[1] and p1 > span[0] for p0, p1 in predicted[part]):
                        found[part] += 1
                    elif part == "cue" and missed is not None:
                        adjacent = any(p0 - BOUNDARY_CHARS <= span[1] and p1 + BOUNDARY_CHARS >= span[0]
                                       for p0, p1 in word_cues)
                        lexical = bool(verb_forms()[0].spans(want)) or bool(noun_spans(want + " that"))
                        missed.append((want, full[max(0, span[0] - 80):span[0]], full[span[1]:span[1] + 60],
                                       adjacent, lexical))
    return {
        "cue_recall": found["cue"] / total["cue"] if total["cue"] else 0.0,
        "cues": total["cue"],
        "source_recall": found["source"] / total["source"] if total["source"] else 0.0,
        "sources": total["source"],
        "unaligned": unaligned,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0, help="print N misclassified paragraphs")
    parser.add_argument("--missed", type=int, default=-1,
                        help="group the missed gold cues by kind, count them, print N examples of each")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    scores = paragraph_scores(args.data, args.errors)
    for name, (p, r, f) in scores.items():
        print(f"PolNeAR dev ({PARAGRAPHS}) paragraph attributed-class {name:9s}: "
              f"P={p:.3f} R={r:.3f} F1={f:.3f}")
    missed: list | None = [] if args.missed >= 0 else None
    spans = span_recall(args.data, missed)
    print(f"PolNeAR dev ({RELATIONS}) cue recall: {spans['cue_recall']:.3f} of {spans['cues']} cues; "
          f"source recall: {spans['source_recall']:.3f} of {spans['sources']} sources "
          f"({spans['unaligned']} spans not re-anchored)")
    if missed is not None:
        groups = missed_classes(missed)
        print(f"PolNeAR dev ({RELATIONS}) missed gold cues by kind: {len(missed)}")
        for name, shown in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(shown):4d}  {name}")
            for example in shown[:args.missed]:
                print(f"          {example}")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

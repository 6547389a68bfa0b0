"""Build analyzer/lexicons/spelling_uk_us.tsv: British spellings and their American forms.

The learned spun-word detector is trained on BBC articles, which use British spelling. Without
American-spelled clean text among its negatives it learns that "color", "center" or "behavior"
mark a spun word (Moby, an American thesaurus, is the only place they occur in its training data),
and flags them in every American article. scripts/train_spin_detector.py therefore Americanizes a
share of its training articles with this table (analyzer.spinner.americanize).

The pairs are derived from wordfreq's English word list by the regular British -> American
correspondences (-our/-or, -tre/-ter, -ise/-ize, -isation/-ization, -yse/-yze, -ogue/-og, doubled
-ll- before -ed/-ing/-er, -ence/-ense, ae/oe -> e), keeping a pair only when both spellings are
common words (Zipf >= MIN_ZIPF). Where a rule would turn a word into another word ("four" ->
"for", "filled" -> "filed", "scoured" -> "scored") the rule is written not to match it (a stem
list, a minimum length) or the word is in EXCLUDED. Pairs no rule derives are in IRREGULAR.

    python scripts/build_spelling_variants.py     # needs wordfreq (a runtime dependency)
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "analyzer" / "lexicons" / "spelling_uk_us.tsv"

# Words looked at: wordfreq's most frequent English words (covers every word seen a few times per
# ten million words, far below the spellings that news uses).
TOP_WORDS = 200_000
# Both spellings must be at least this common (wordfreq Zipf; 2.0 = once per ten million words),
# which drops misspellings and foreign words that a rule would otherwise produce ("rize").
MIN_ZIPF = 2.0

# (British pattern, American replacement), applied to the whole word; each must match the word.
RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^(\w{2,})our(s|ed|ing|ite|ites|able|ably|less|ful|er|ers|hood|hoods)?$", r"\1or\2"),
        (r"^(\w*(?:cent|theat|met|lit|fib|calib|somb|spect|sab|lust|meag|sepulch|mit|tit))re(s|d)?$", r"\1er\2"),
        (r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$", r"\1iz\2"),
        (r"^(\w+)ys(e|es|ed|ing|er|ers)$", r"\1yz\2"),
        (r"^(\w*(?:catal|dial|anal|prol|epil|monol|synag))ogue(s)?$", r"\1og\2"),
        (r"^(\w+[^aeiou][aeiou]l)l(ed|ing|er|ers)$", r"\1\2"),
        (r"^(\w+[fc])ence(s)?$", r"\1ense\2"),
        (r"^(\w*?(?:an|gyn|orthop|arch|encyclop|pal|leuk|medi))ae(\w+)$", r"\1e\2"),
        (r"^(h|p|f)ae([mdc]\w*)$", r"\1e\2"),
        (r"^(f|c|am|diarrh|)oe(t\w*|li\w*|b\w*|a\w*|str\w*|soph\w*)$", r"\1e\2"),
    )
)
# Common pairs that no rule above derives (British and American style guides agree on them).
IRREGULAR = {
    "programme": "program", "programmes": "programs", "grey": "gray", "jewellery": "jewelry",
    "tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "cheque": "check", "cheques": "checks",
    "plough": "plow", "pyjamas": "pajamas", "kerb": "curb", "storey": "story", "storeys": "stories",
    "sceptical": "skeptical", "sceptic": "skeptic", "sceptics": "skeptics", "scepticism": "skepticism",
    "mum": "mom", "mums": "moms", "judgement": "judgment", "judgements": "judgments",
    "ageing": "aging", "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "enrol": "enroll",
    "fulfil": "fulfill", "skilful": "skillful", "wilful": "willful", "instalment": "installment",
    "artefact": "artifact", "artefacts": "artifacts", "moustache": "mustache", "draught": "draft",
    "practise": "practice", "practised": "practiced", "practising": "practicing", "defence": "defense",
    "towards": "toward", "whilst": "while", "amongst": "among", "learnt": "learned",
    "spelt": "spelled", "burnt": "burned", "dreamt": "dreamed", "leapt": "leaped",
}
# Pairs that the rules produce but that are two different words, not two spellings of one.
EXCLUDED = frozenset({
    "devour", "flour", "contour", "tour", "tours", "pour", "hours", "yours", "ours", "amour",  # -our words
    "scour", "scoured", "scouring", "stour", "schuller",
    "acre", "acres", "ogre", "genre", "genres",
    "premise", "premises", "concise", "precise", "expertise", "franchise", "enterprise",  # -ise words
    "exercise", "exercises", "exercised", "advertise", "advise", "advised", "devise", "revise",
    "supervise", "surprise", "surprised", "compromise", "comprise", "despise", "improvise",
    "televise", "chastise", "excise", "disguise", "paradise", "merchandise", "treatise",
    "promise", "promised", "praise", "raise", "raised", "noise", "poise", "cruise", "bruise",
    "vise", "wise", "rise", "arise", "arised", "apprise", "incise", "circumcise", "devises",
})


def american(word: str) -> str | None:
    for pattern, replacement in RULES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return None


def pairs() -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for word in top_n_list("en", TOP_WORDS):
        if not word.isalpha() or word in EXCLUDED or zipf_frequency(word, "en") < MIN_ZIPF:
            continue
        us = american(word)
        if us and us != word and zipf_frequency(us, "en") >= MIN_ZIPF:
            found[word] = us
    found.update(IRREGULAR)
    return sorted(found.items())


def main() -> None:
    rows = pairs()
    header = [
        "# British spellings and their American forms, for Americanizing training text (analyzer.spinner.americanize).",
        "# Provenance: derived from wordfreq's English word list (wordfreq, Robyn Speer, Apache-2.0 code,",
        f"# CC-BY-SA data) by the rules of scripts/build_spelling_variants.py; both forms Zipf >= {MIN_ZIPF}.",
        f"# Built by scripts/build_spelling_variants.py on {date.today().isoformat()}.",
        "british\tamerican",
    ]
    OUT.write_text("\n".join(header + [f"{uk}\t{us}" for uk, us in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} pairs -> {OUT}")


if __name__ == "__main__":
    main()

"""Build analyzer/lexicons/attribution_verbs_wordnet.tsv and attribution_nouns_wordnet.tsv from WordNet 3.0.

The hand-compiled list (reporting_verbs.tsv) holds the commonest news reporting verbs; attribution
in news uses a far longer tail ("chastised", "implored", "derided", "grilled"). This script adds
every verb whose most frequent WordNet sense belongs to the lexicographer file verb.communication
(speech acts: say, accuse, warn, deride, ...) or verb.cognition
(believe, conclude, ...; on by default) or verb.emotion (class "emotion": admire, resent, despise; only
verbs whose subject holds the feeling: a derivation link to a noun.feeling noun and no "Something
----s somebody" frame), keeping only words common in English text (wordfreq Zipf >= MIN_ZIPF) so
that archaisms and spelling variants do not bloat the cue regex. Verbs already in
reporting_verbs.tsv are skipped (the hand list and its flags win).

Columns are those of reporting_verbs.tsv, so attribution_cues.py inflects both alike:
- past: irregular and consonant-doubling past forms from WordNet's verb.exc ("slammed", "said").
- verbs used more often as nouns than as verbs in WordNet's SemCor tag counts (cntlist.rev) are
  left out ("group", "list", "question"): most of their occurrences would be nouns.
- noun: "yes" when the lemma is also a WordNet noun ("attack", "praise"): its base and -s forms
  then count only in a verb context (after a pronoun, auxiliary or name, or before "that", an
  object pronoun or a quote), as for the hand list.
- particle: phrasal verbs ("lash out") whose first sense is a communication verb.

Nominal cues ("Trump's claim that", "a recognition that", "fears of"): attribution_nouns_wordnet.tsv
holds the nouns whose first sense is in noun.communication, noun.cognition or noun.feeling and that
WordNet links (derivationally, pointer "+") to one of the reporting verbs above ("claim",
"acknowledgment", "warning", "fear"); -ing forms only when they are count nouns ("warnings" is
common, "sayings" is not), and NOUN_EXCLUDE drops nouns of objects and documents ("song", "label").

Run with Debian's wordnet-base installed (apt-get install wordnet-base; /usr/share/wordnet):

    python scripts/build_attribution_verbs.py
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "analyzer" / "lexicons"
OUT = LEXICONS / "attribution_verbs_wordnet.tsv"
NOUNS_OUT = LEXICONS / "attribution_nouns_wordnet.tsv"
# Noun lexicographer files: 9 noun.cognition, 10 noun.communication, 12 noun.feeling ("fear",
# "outrage", "disdain": an attitude credited to its owner, as PARC 3.0 and PolNeAR annotate it).
NOUN_LEXNAMES = {9: "cognition", 10: "communication", 12: "feeling"}
WORDNET = Path("/usr/share/wordnet")
# WordNet lexicographer file numbers (lexnames): 31 verb.cognition, 32 verb.communication.
LEX_COGNITION = 31
LEX_COMMUNICATION = 32
# 37 verb.emotion: attitudes held by a source ("admires Putin", "resented being held to").
LEX_EMOTION = 37
# WordNet verb frame 10, "Something ----s somebody": an emotion verb whose experiencer is the
# object ("annoy", "impress", "disappoint") says nothing about what its subject thinks. An emotion
# verb counts only when it also has a derivation link to a noun.feeling noun (12): the subject
# holds the feeling ("admire" -> admiration, "resent" -> resentment), which drops the verbs of
# acting on someone's feelings ("badger", "soothe", "provoke").
OBJECT_EXPERIENCER_FRAME = "10"
LEX_NOUN_FEELING = 12
# Zipf 3.0 = about once per million words (wordfreq): below it WordNet offers rare or technical
# verbs ("burlesque", "amnesty") that cost regex time and never occur as news cues.
MIN_ZIPF = 3.0
# A verb qualifies when one of its SENSES most frequent senses (WordNet's sense order, by tagged
# frequency) is a communication or cognition sense. 1, not 2: with the second sense the list took in
# verbs whose usual sense is an action ("pay", "see", "leave", "allow", "set", "push"), which made
# about a quarter of all verb cues on ordinary news (bbc_dev.jsonl) false.
SENSES = 1
# Particles allowed in phrasal cue verbs ("lash out", "speak up", "weigh in").
PARTICLES = frozenset("out up in on back off down about for against at to with".split())
# Verbs whose first sense is communication in WordNet but which in news prose mostly mean
# something else (filing a document, ordering goods, a list, a log): they never introduce the
# content of what a source said, and the commonest of them would flood the signal.
EXCLUDE = frozenset(
    """list log file issue order record page bar book name number mark network film photograph
    cable fax phone mail e-mail email dial contact address deliver deal direct program project
    label pad pipe project radio satellite message post headline bulletin article instance general
    initial ink key officer premise receipt rubbish seco signal spell sign title guy court date
    cross-refer double-space express-mail finger-spell lip-sync disc-jockey dj disk-jockey podcast
    blog google interview introduce research investigate moderate mediate negotiate coach mentor
    lecture nurture invite greet bow nod gesture wave salute toast ring buzz beep include desert
    commit ensure identify appropriate avoid know long compassionate intimidate""".split()
)
# Nouns of the derived list whose usual news sense is an object, a document or a score, not
# something said or thought ("a drawing of", "a song for", "information about", "details of").
NOUN_EXCLUDE = frozenset(
    """drawing reading rating humour favour advisory broadcast detail document documentary
    documentation feel find information label note pointer portrait portrayal pronunciation
    publication reject signal song stress tale think consideration regard""".split()
)


def _lexnames(path: Path) -> dict[str, int]:
    out = {}
    for line in path.open(encoding="latin-1"):
        if not line.startswith(" "):
            fields = line.split()
            out[fields[0]] = int(fields[1])
    return out


def _senses(path: Path) -> dict[str, list[str]]:
    """lemma -> synset offsets, most frequent sense first (index.verb order)."""
    out = {}
    for line in path.open(encoding="latin-1"):
        if not line.startswith(" "):
            fields = line.split()
            count = int(fields[2])
            out[fields[0]] = fields[-count:]
    return out


def _pasts(path: Path) -> dict[str, list[str]]:
    """lemma -> irregular past forms (verb.exc lines 'form lemma'; -ing and -s forms dropped)."""
    out: dict[str, list[str]] = {}
    for line in path.open(encoding="latin-1"):
        form, *lemmas = line.split()
        if form.endswith("ing") or form.endswith("s") and not form.endswith("ss"):
            continue
        for lemma in lemmas:
            out.setdefault(lemma, []).append(form)
    return out


def _tag_counts(path: Path) -> dict[tuple[str, str], int]:
    """(lemma, pos digit) -> SemCor tag count summed over its senses (cntlist.rev)."""
    out: dict[tuple[str, str], int] = {}
    for line in path.open(encoding="latin-1"):
        key, _, count = line.split()
        lemma, _, rest = key.partition("%")
        out[(lemma, rest[0])] = out.get((lemma, rest[0]), 0) + int(count)
    return out


def _frames(path: Path) -> dict[str, set[str]]:
    """synset offset -> its generic verb frame numbers (data.verb: words, pointers, then frames)."""
    out = {}
    for line in path.open(encoding="latin-1"):
        if line.startswith(" "):
            continue
        f = line.split("|")[0].split()
        i = 4 + 2 * int(f[3], 16)  # pointer count
        i += 1 + 4 * int(f[i])  # frame count
        out[f[0]] = {f[i + 2 + 3 * k] for k in range(int(f[i]))}
    return out


def _holds_feeling(lemma: str, synset: tuple[int, list[str], list[tuple[str, str, str, str]]],
                   frames: set[str], noun_lexnames: dict[str, int]) -> bool:
    """An emotion verb whose subject holds the feeling (see OBJECT_EXPERIENCER_FRAME)."""
    _, words, pointers = synset
    if "_" in lemma or lemma not in words or OBJECT_EXPERIENCER_FRAME in frames:
        return False
    index = words.index(lemma) + 1
    return any(symbol == "+" and pos == "n" and noun_lexnames[offset] == LEX_NOUN_FEELING
               and int(st[:2], 16) == index for symbol, offset, pos, st in pointers)


def build(wordnet: Path, cognition: bool) -> list[tuple[str, str, str, str, str]]:
    lex = _lexnames(wordnet / "data.verb")
    frames = _frames(wordnet / "data.verb")
    verb_synsets = _synsets(wordnet / "data.verb")
    noun_lexnames = _lexnames(wordnet / "data.noun")
    senses = _senses(wordnet / "index.verb")
    pasts = _pasts(wordnet / "verb.exc")
    nouns = set(_senses(wordnet / "index.noun"))
    tags = _tag_counts(wordnet / "cntlist.rev")
    hand = {(r["lemma"], r["particle"]) for r in _read_hand()}
    wanted = {LEX_COMMUNICATION: "speech", LEX_EMOTION: "emotion"}
    if cognition:
        wanted[LEX_COGNITION] = "cognition"
    rows = []
    for lemma, offsets in sorted(senses.items()):
        classes = [wanted[lex[o]] for o in offsets[:SENSES] if lex[o] in wanted]
        if not classes:
            continue
        cls = classes[0]
        if cls == "emotion" and not _holds_feeling(lemma, verb_synsets[offsets[0]], frames[offsets[0]],
                                                   noun_lexnames):
            continue
        parts = lemma.split("_")
        if len(parts) > 2 or (len(parts) == 2 and parts[1] not in PARTICLES):
            continue
        verb, particle = parts[0], (parts[1] if len(parts) == 2 else "")
        if not verb.isalpha() or verb in EXCLUDE or (verb, particle) in hand:
            continue
        if zipf_frequency(verb, "en") < MIN_ZIPF:
            continue
        # Mostly a noun in the SemCor counts ("group", "list"): its forms would mostly be nouns.
        if not particle and tags.get((verb, "1"), 0) > tags.get((verb, "2"), 0):
            continue
        noun = "yes" if verb in nouns and not particle else ""
        rows.append((verb, "|".join(sorted(pasts.get(verb, []))), cls, particle, noun))
    return rows


def _synsets(path: Path) -> dict[str, tuple[int, list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (lexname number, lower-cased words, pointers (symbol, offset, pos, source/target))."""
    out = {}
    for line in path.open(encoding="latin-1"):
        if line.startswith(" "):
            continue
        f = line.split("|")[0].split()
        count = int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(count)]
        i = 4 + 2 * count
        pointers = [tuple(f[i + 1 + 4 * k: i + 5 + 4 * k]) for k in range(int(f[i]))]
        out[f[0]] = (int(f[1]), words, pointers)
    return out


def build_nouns(wordnet: Path, verbs: set[str]) -> list[tuple[str, str, str]]:
    """(noun, reporting verb it derives from, lexname) for nominal cues."""
    verb_synsets = _synsets(wordnet / "data.verb")
    noun_synsets = _synsets(wordnet / "data.noun")
    rows = []
    for lemma, offsets in sorted(_senses(wordnet / "index.noun").items()):
        lexname, words, pointers = noun_synsets[offsets[0]]
        if lexname not in NOUN_LEXNAMES or not lemma.isalpha() or lemma in NOUN_EXCLUDE:
            continue
        # -ing nouns only when they are count nouns ("warning"/"warnings"): the rest are the
        # verbs' gerunds ("saying", "thinking"), found as verbs.
        if lemma.endswith("ing") and zipf_frequency(lemma + "s", "en") < MIN_ZIPF:
            continue
        if lemma not in words or zipf_frequency(lemma, "en") < MIN_ZIPF:
            continue
        index = words.index(lemma) + 1
        for symbol, offset, pos, source_target in pointers:
            # A lexical derivation link from this very word (source number = its index).
            if symbol != "+" or pos != "v" or int(source_target[:2], 16) != index:
                continue
            verb = verb_synsets[offset][1][int(source_target[2:], 16) - 1]
            if verb in verbs:
                rows.append((lemma, verb, NOUN_LEXNAMES[lexname]))
                break
    return rows


def _read_hand() -> list[dict[str, str]]:
    lines = [ln for ln in (LEXICONS / "reporting_verbs.tsv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (ln.split("\t") + [""] * len(header))[: len(header)], strict=True))
            for ln in lines[1:]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET)
    parser.add_argument("--no-cognition", dest="cognition", action="store_false",
                        help="leave out verb.cognition first senses")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--nouns-out", type=Path, default=NOUNS_OUT)
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.verb").is_file():
        print(f"WordNet 3.0 not found at {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 1
    rows = build(args.wordnet, args.cognition)
    classes = "verb.communication" + (", verb.cognition" if args.cognition else "") + " or verb.emotion"
    header = [
        "# Reporting verbs derived from WordNet 3.0 (Princeton; WordNet licence; Debian wordnet-base",
        f"# data.verb, index.verb, index.noun, verb.exc, cntlist.rev): verbs one of whose {SENSES} most",
        f"# frequent sense(s) is in {classes}, wordfreq Zipf >= {MIN_ZIPF}, used more as verbs",
        "# than as nouns in SemCor (cntlist.rev), minus the hand list (reporting_verbs.tsv) and a short list of",
        "# non-reporting senses (scripts/build_attribution_verbs.py EXCLUDE); verb.emotion verbs only when their",
        "# subject holds the feeling (a derivation link to a noun.feeling noun, no WordNet frame 10). Same columns as",
        "# reporting_verbs.tsv (see there). Not derived from evaluation items.",
        f"# Built by scripts/build_attribution_verbs.py on {date.today().isoformat()}.",
        "lemma\tpast\tclass\tparticle\tnoun",
    ]
    args.out.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} verbs -> {args.out}")
    verbs = {r[0] for r in rows} | {r["lemma"] for r in _read_hand()}
    nouns = build_nouns(args.wordnet, verbs)
    header = [
        "# Nominal attribution cues derived from WordNet 3.0 (Princeton; WordNet licence; Debian",
        "# wordnet-base data.noun, index.noun, data.verb): nouns whose first sense is in noun.cognition,",
        f"# noun.communication or noun.feeling, wordfreq Zipf >= {MIN_ZIPF}, linked by a derivation pointer to a",
        "# reporting verb (reporting_verbs.tsv or attribution_verbs_wordnet.tsv); -ing forms only as count",
        "# nouns (plural Zipf >= MIN_ZIPF); minus NOUN_EXCLUDE (objects and documents: song, label, detail).",
        "# The attribution signal counts them before a \"that\" clause, after a possessive before content, and (those",
        "# of hand-listed verbs or feelings) before their topic: about, over, against; owned, of/for/on/to.",
        f"# Built by scripts/build_attribution_verbs.py on {date.today().isoformat()}.",
        "term\tverb\tlexname",
    ]
    args.nouns_out.write_text("\n".join(header + ["\t".join(r) for r in nouns]) + "\n", encoding="utf-8")
    print(f"{len(nouns)} nouns -> {args.nouns_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

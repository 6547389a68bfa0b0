"""analyzer.compare: `score`'s comparison of copies carries flag's findings into a garbled copy's record."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import api
from analyzer.article import Article
from analyzer.compare import COPY_KIND_PREFIX, FLAGGED_COPY_TRANSLATION, uncompared
from analyzer.trust.model import GARBLED_COPY_TRUST
from tests.helpers import spun_pair


def _by_id(items: list) -> dict[str, Article]:
    return {a.id: a for a in items if isinstance(a, Article)}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    return spun_pair(tmp_path_factory.mktemp("pair"), seeds_dir)


def test_a_spun_copy_scored_with_its_original_carries_the_flag(pair: Path) -> None:
    """Session 27: scored alone the copy is clean, trust 0.96, no evidence of the swaps; `flag` on
    the same input finds it spun, with the original's wording, and `trust` holds it at 0.029."""
    alone = _by_id(list(api.score_paths(pair)))
    compared = _by_id(api.score_paths(pair, compare=True))
    copy = compared["copy"]
    assert alone["copy"].label == "clean"  # what the comparison is for
    assert copy.label == "spun"
    spans = [e for e in copy.evidence if e.kind.startswith(COPY_KIND_PREFIX)]
    assert spans and all(e.signal == "translation" and e.suggestion for e in spans)
    assert all("orig" in e.reason for e in spans if e.kind == "copy_substitution")
    assert all(copy.decoded[e.start:e.end] == e.text for e in spans)
    # Not repeated: each span once, the copy's own spans kept as they were.
    assert len({(e.signal, e.start, e.end) for e in copy.evidence if e.signal == "translation"}) == \
        sum(e.signal == "translation" for e in copy.evidence)
    assert [e for e in copy.evidence if not e.kind.startswith(COPY_KIND_PREFIX)] == alone["copy"].evidence
    assert copy.scores["trust"] <= GARBLED_COPY_TRUST
    assert FLAGGED_COPY_TRANSLATION <= copy.scores["translation"] < 1.0
    assert copy.details["copy"]["original"] == "orig" and copy.details["copy"]["label"] == "spun"
    assert copy.details["copy"]["own"]["label"] == "clean"
    # The hold `trust` applies, the same one: trust and details["trust"] as the trust table sets them.
    ranked = _by_id(api.trust_paths(pair).articles)
    assert copy.scores["trust"] == ranked["copy"].scores["trust"]
    assert copy.details["trust"] == ranked["copy"].details["trust"] == {
        "held": "garbled_copy", "why": "held at 0.029: garbled copy of orig (spun)"}
    # The original is not changed.
    assert compared["orig"].to_dict() == alone["orig"].to_dict()


def test_a_copy_scored_alone_is_unchanged(pair: Path, tmp_path: Path) -> None:
    """With no other copy to compare with, compare=True gives each article's own record."""
    lines = pair.read_text(encoding="utf-8").splitlines()
    alone = tmp_path / "copy.jsonl"
    alone.write_text(lines[1] + "\n", encoding="utf-8")
    assert [a.to_dict() for a in api.score_paths(alone, compare=True)] == \
        [a.to_dict() for a in api.score_paths(alone)]


def test_trust_and_flag_read_a_compared_copy_as_scored_alone(pair: Path) -> None:
    """trust_articles on articles score compared gives trust_paths' table: the hold is not applied
    twice, nor the comparison's spans taken for the copy's own by flag; uncompared restores the record."""
    compared = api.score_paths(pair, compare=True)
    flags = api.flag_articles(compared).to_dict()
    assert flags == api.flag_paths(pair).to_dict()
    compared = api.score_paths(pair, compare=True)
    assert api.trust_articles(compared).to_dict() == api.trust_paths(pair).to_dict()
    again = api.score_paths(pair, compare=True)
    assert [uncompared(a).to_dict() for a in again] == [a.to_dict() for a in api.score_paths(pair)]


def test_a_flagged_copy_in_another_language_is_not_held(pair: Path) -> None:
    """As the trust table (h27b, 469400f): a flagged copy not in the lexicons' language is not judged
    for trust, so its trust stays score's, and details["trust"] says so; label and spans still carry."""
    from analyzer.compare import carry_flags
    from analyzer.stories import group_and_flag
    from analyzer.trust import default_model

    articles = [a for a in api.score_paths(pair) if isinstance(a, Article)]
    copy = _by_id(articles)["copy"]
    _, flags = group_and_flag(articles)
    copy.language = "fr"
    own_trust = copy.scores["trust"]
    carry_flags(articles, flags, default_model())
    assert copy.label == "spun" and copy.scores["trust"] == own_trust > GARBLED_COPY_TRUST
    assert copy.details["trust"] == {"flagged": "garbled_copy", "why": "garbled copy of orig (spun), not judged "
                                     "for trust (language fr; the signals read en)"}


def test_comparing_compared_articles_again_changes_nothing(pair: Path) -> None:
    """compare_scored on score's compared output: the copy's own scoring is kept in details["copy"],
    not replaced by the comparison's label, trust and translation score (review 27)."""
    once = api.score_paths(pair, compare=True)
    expected = [a.to_dict() for a in once]
    again = api.compare_scored(once)
    assert [a.to_dict() for a in again] == expected
    assert [uncompared(a).to_dict() for a in again] == [a.to_dict() for a in api.score_paths(pair)]


def test_flag_and_trust_leave_the_callers_compared_records_compared(pair: Path) -> None:
    """flag_articles and trust_articles read a compared copy as scored alone, but from a copy: the
    caller's record kept no label, no copy_ span and (flag_articles) its own trust back, undone in
    place (review 27)."""
    compared = api.score_paths(pair, compare=True)
    expected = [a.to_dict() for a in compared]
    assert api.flag_articles(compared).to_dict() == api.flag_paths(pair).to_dict()
    assert [a.to_dict() for a in compared] == expected
    assert api.trust_articles(compared).to_dict() == api.trust_paths(pair).to_dict()
    assert [a.to_dict() for a in compared] == expected
    copy = _by_id(compared)["copy"]
    assert copy.label == "spun" and copy.scores["trust"] <= GARBLED_COPY_TRUST
    assert [uncompared(a).to_dict() for a in compared] == [a.to_dict() for a in api.score_paths(pair)]


def test_a_flag_that_repeats_the_articles_own_label_leaves_its_translation_score(pair: Path) -> None:
    """A copy labelled spun on its own, with no cleaner copy in the input and no span from another
    copy: flag lists it on its own label, the comparison found nothing, so its translation score
    stays the signal's (review 27: 0.762 -> 0.971 on the flag corpus); its trust is held as in `trust`."""
    from analyzer.compare import carry_flags
    from analyzer.stories import Flag
    from analyzer.trust import default_model

    copy = _by_id(api.score_paths(pair))["copy"]
    copy.label, copy.scores["translation"] = "spun", 0.6
    carry_flags([copy], [Flag(copy.id, "spun", None, 0.0, [], copy.path)], default_model())
    assert copy.scores["translation"] == 0.6
    assert copy.scores["trust"] <= GARBLED_COPY_TRUST
    assert copy.details["copy"]["evidence"] == 0 and copy.details["copy"]["own"]["translation"] == 0.6


def test_a_copys_own_scores_are_written_rounded_as_its_scores(pair: Path) -> None:
    """details["copy"]["own"] held 0.025249876550168797 beside the record's trust 0.0252 (review 27,
    low): written with the scores' four places; in memory exact, for uncompared."""
    copy = _by_id(api.score_paths(pair, compare=True))["copy"]
    own = copy.details["copy"]["own"]
    written = copy.to_dict()["details"]["copy"]["own"]
    assert written == {"label": own["label"], "translation": round(own["translation"], 4),
                       "trust": round(own["trust"], 4)}
    assert any(round(own[key], 4) != own[key] for key in ("translation", "trust"))
    assert copy.details["copy"]["own"] is own  # the record's own details are not rounded


def test_a_machine_translation_compared_is_held_by_its_direction_as_trust_holds_it(
        tmp_path: Path, shared_data: Path) -> None:
    """The human and the machine English of WMT21 ja-en yahoo-ja.978355: the machine copy is flagged with
    its original on a rewrite direction of 0.76 log-odds (P 0.68 that the flag is right), so it is held at
    P(flag wrong) 1 - 0.68 = 0.319 times its own trust (judged alone), not at 0.029
    (trust.model.GRADED_HOLD_LABEL, graded_hold); its translation score at least 0.681. `score` with the
    copies compared and `trust` agree, locally and through GarbledCopy records."""
    import json
    import math

    from analyzer.trust import default_model
    from analyzer.trust.ranking import garbled_copies, rank_sources

    rows = [json.loads(line) for line in (shared_data / "mt" / "wmt_dev_docs.jsonl").read_text(encoding="utf-8")
            .splitlines() if '"doc_id": "yahoo-ja.978355"' in line and '"lang_pair": "ja-en"' in line]
    path = tmp_path / "pair.jsonl"
    path.write_text("".join(json.dumps({"id": r["label"], "source": r["label"], "text": r["text"]}) + "\n"
                            for r in rows), encoding="utf-8")
    [flag] = api.flag_paths(path).flags
    assert (flag.id, flag.label, flag.original) == ("machine_translation", "machine_translated", "human_translation")
    assert flag.direction is not None and 0 < flag.direction < 3
    assert flag.to_dict()["direction"] == round(flag.direction, 4)
    held = round(1 - 1 / (1 + math.exp(-flag.direction)), 3)
    assert held > GARBLED_COPY_TRUST
    copy = _by_id(api.score_paths(path, compare=True))["machine_translation"]
    own = copy.details["copy"]["own"]["trust"]
    product = round(held * own, 3)
    assert copy.label == "machine_translated" and copy.scores["trust"] == product < held
    assert copy.scores["translation"] == pytest.approx(1 - held)
    assert copy.details["copy"]["direction"] == round(flag.direction, 4)
    why = (f"held at {product:g}: garbled copy of human_translation (machine_translated, flag right with p "
           f"{1 - held:.2f}, so {held:g} x own trust {own:.3f})")
    assert copy.details["trust"] == {"held": "garbled_copy", "why": why}
    result = api.trust_paths(path)
    ranked = _by_id(result.articles)["machine_translation"]
    assert ranked.scores["trust"] == copy.scores["trust"] and ranked.details["trust"] == copy.details["trust"]
    assert {r["source"]: r for r in result.sources}["machine_translation"]["why"].startswith(f"held at {product:g}: ")
    articles = _by_id(list(api.score_paths(path)))
    assert rank_sources(list(articles.values()), garbled_copies([flag]), default_model()) == result.sources

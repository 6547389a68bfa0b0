"""Terminal view: highlights per signal, inline suggestions, legend, scores, safe output."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style

from analyzer.article import Article, Evidence
from analyzer.explain import SIGNAL_STYLES, highlighted, legend, render, safe
from tests.test_report import feed_article, overlap_article


def styles_at(text, offset: int) -> list[Style]:  # type: ignore[no-untyped-def]
    return [Style.parse(s.style) if isinstance(s.style, str) else s.style
            for s in text.spans if s.start <= offset < s.end]


def test_suggestions_inline_after_their_span() -> None:
    plain = highlighted(overlap_article()).plain
    assert "japanese Syria→eastern Syria," in plain
    assert "Author's right of the image→Image copyright offers!" in plain
    # Without suggestions, the text is unchanged.
    assert plain.replace("→eastern Syria", "").replace("→Image copyright", "") == overlap_article().text


def test_overlapping_spans_combine_styles() -> None:
    article = overlap_article()
    text = highlighted(article)
    calque = text.plain.index("Author's right")
    (style,) = styles_at(text, calque)
    # Translation inside a boilerplate line: the boilerplate italic stays, translation's colours win.
    assert style.italic and style.bold and style.bgcolor == Style.parse(SIGNAL_STYLES["translation"]).bgcolor
    said = text.plain.index("said to be")
    (style,) = styles_at(text, said)
    assert style.underline and style.bgcolor == Style.parse(SIGNAL_STYLES["hedging"]).bgcolor
    plain_word = text.plain.index("officials")
    assert styles_at(text, plain_word) == []


def test_render_shows_legend_scores_and_evidence() -> None:
    console = Console(record=True, width=120, force_terminal=False)
    render(overlap_article(), console)
    out = console.export_text()
    for name in SIGNAL_STYLES:
        assert name in out
    assert "japanese Syria→eastern Syria" in out
    assert "trust" in out and "0.20" in out and "readability" in out
    assert "Spun wording." in out and "mt_calque" in out
    assert legend(overlap_article()).plain.count("translation") == 1


def test_legend_wraps_between_items_at_80_and_100_columns() -> None:
    # Two-digit counts and a signal outside the five: the legend needs more than one line at 80 and 100
    # columns; every line fits, each signal keeps its count beside it, the suggestion key stays whole.
    article = overlap_article()
    article = Article(id=article.id, text=article.text, scores=article.scores, evidence=[
        Evidence.at(article.text, 0, 4, signal=signal, kind="k", reason="r")
        for signal, n in (("translation", 12), ("language", 3), ("hedging", 10), ("attribution", 25),
                          ("boilerplate", 14), ("scraping", 2)) for _ in range(n)])
    for width in (80, 100):
        console = Console(record=True, width=width, force_terminal=False)
        render(article, console)
        lines = console.export_text().splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("legend:"))
        end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith(" " * 8))
        shown = lines[start:end]
        assert len(shown) == 2 and all(len(line) <= width for line in shown)
        joined = " ".join(shown)
        for signal, n in (("translation", 12), ("language", 3), ("hedging", 10), ("attribution", 25),
                          ("boilerplate", 14), ("scraping", 2)):
            assert f" {signal}  {n}" in joined
        assert any("word→original wording" in line for line in shown)


def test_bidi_marks_are_shown_as_written() -> None:
    # The signals do not read them (text.UNREAD); the display keeps them for right-to-left text.
    text = "\u200fThe minister \u05d4\u05e9\u05e8 said\u200f the plan \u2066would\u2069 wait.\u200e"
    said = text.index("said")
    article = Article(id="bidi", text=text, evidence=[
        Evidence.at(text, said, said + 4, signal="attribution", kind="reporting_verb", reason="r")])
    assert highlighted(article).plain == text


def test_control_characters_do_not_reach_the_terminal() -> None:
    text = "Clear\x1b[2J screen \x1b]0;title\x07 and\r\nline"
    article = Article(id="ctl\x1b[31m", text=text, source="src\x1b[5m", scores={"trust": 0.5})
    buffer = io.StringIO()
    render(article, Console(file=buffer, force_terminal=True, color_system="truecolor", width=100))
    out = buffer.getvalue()
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out and "\x1b[5m" not in out
    assert len(safe(text)) == len(text)  # offsets of evidence stay valid


def test_cli_explain_on_the_spun_seed(seeds_dir: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    result = CliRunner().invoke(app, ["explain", str(next(seeds_dir.glob("003_*.txt")))])
    assert result.exit_code == 0, result.output
    assert "legend" in result.output and "scores" in result.output
    assert "japanese→eastern" in result.output


def test_cli_explain_takes_several_files_as_the_shell_expands_a_pattern(seeds_dir: Path) -> None:
    # `analyzer explain scrape/*.txt`: the shell hands over every file, and explain had refused them,
    # "Got unexpected extra arguments", exit 2 (bug hunt 32). They are scored together, as score does.
    from typer.testing import CliRunner

    from analyzer.cli import app

    files = sorted(str(path) for path in seeds_dir.glob("00[34]_*.txt"))
    result = CliRunner().invoke(app, ["explain", *files], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines() if "  source: " in line] == [
        "003_da4b1cb9c266c996", "004_5cf1ccbb3be23d88"]
    missing = CliRunner().invoke(app, ["explain", *files, "--id", "nothere"])
    assert missing.exit_code == 1 and f"no article with id 'nothere' in {' '.join(files)}" in missing.output


def test_cli_explain_shows_what_moved_trust(seeds_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    seed = str(next(seeds_dir.glob("001_*.txt")))
    result = CliRunner().invoke(app, ["explain", seed])
    assert result.exit_code == 0, result.output
    assert "why trust is 0.0" in result.output
    # The machine-translated copy loses its trust to machine evidence, and the row says so.
    row = next(line for line in result.output.splitlines() if line.lstrip().startswith("machine_evidence"))
    assert "-" in row.split()[2]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    refused = CliRunner().invoke(app, ["explain", seed, "--model", str(bad)])
    assert refused.exit_code == 1 and "bad trust model" in refused.output


def test_render_says_which_signal_did_not_judge_the_article() -> None:
    from analyzer.pipeline import score_text

    article = score_text("Le groupe État islamique a lancé une contre-offensive dans l'est de la Syrie, a indiqué "
                         "dimanche l'Observatoire syrien des droits de l'homme. Selon l'ONG, au moins trente "
                         "combattants ont été tués dans les affrontements près de Hajine.")
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render(article, console)
    out = console.file.getvalue()
    assert "language: fr" in out
    assert "not judged by translation: article language is 'fr'" in out


def test_markup_left_in_the_text_is_not_shown() -> None:
    plain = highlighted(feed_article()).plain
    assert "Aid reached japanese Syria→eastern Syria on Monday." in plain
    assert "Officials said the convoy was safe." in plain and "<" not in plain and "href" not in plain


def test_cli_explain_says_the_text_was_extracted(tmp_path: Path) -> None:
    # The spans of an extracted text index it, not the file: explain says the text shown is that one.
    from typer.testing import CliRunner

    from analyzer.cli import app

    (tmp_path / "wire.rss").write_text(
        "<rss version='2.0'><channel><title>Wire</title><item><description>&lt;p&gt;The minister said "
        "the talks may resume, officials said.&lt;/p&gt;</description></item></channel></rss>", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("The minister said the talks may resume, officials said.", encoding="utf-8")
    for name, extracted in (("wire.rss", True), ("plain.txt", False)):
        result = CliRunner().invoke(app, ["explain", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert ("text extracted from the input" in result.stdout) is extracted
        assert "The minister said the talks may resume" in result.stdout


TAGGED = ('<div class="article-body"><p class="lead-paragraph">The minister said the plan may be delayed.</p>\n'
          '<p class="second-paragraph">Critics argued it could fail, <a href="https://example.com/a/b/c">reports'
          '</a> said.</p></div>\n')


def test_cli_explain_collapses_blanked_markup(tmp_path: Path) -> None:
    # Block tags are blanked as a line break and spaces (offsets hold): explain had shown them as
    # two blank lines above the text and a 27-column indent before each paragraph.
    import json

    from typer.testing import CliRunner

    from analyzer.cli import app

    path = tmp_path / "tagged.txt"
    path.write_text(TAGGED, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    bottom = next(i for i, line in enumerate(lines) if line.startswith("╰"))
    panel = [line.strip("│").rstrip() for line in lines[top + 1:bottom]]
    assert panel == [" The minister said the plan may be delayed.", "",
                     " Critics argued it could fail, reports said."]
    # The JSON output's offsets still index the file.
    scored = json.loads(CliRunner().invoke(app, ["score", str(path), "--format", "json"]).stdout)
    evidence = scored["articles"][0]["evidence"]
    assert evidence and all(TAGGED[ev["start"]:ev["end"]] == ev["text"] for ev in evidence)


def test_spans_stay_on_their_words_where_markup_is_collapsed() -> None:
    may = TAGGED.index("may")
    reports = TAGGED.index("reports")
    lead = TAGGED.index("<p class=\"lead")  # a span that starts on a tag: it shows from the word on
    article = Article(id="tagged", text=TAGGED, evidence=[
        Evidence.at(TAGGED, may, may + 3, signal="hedging", kind="hedge_cue", reason="r"),
        Evidence.at(TAGGED, reports, TAGGED.index(" said.</p></div>") + 6, signal="attribution",
                    kind="reporting_verb", reason="r"),
        Evidence.at(TAGGED, lead, TAGGED.index(" the plan"), signal="boilerplate", kind="x", reason="r"),
    ])
    text = highlighted(article)
    assert text.plain == ("The minister said the plan may be delayed.\n\n"
                          "Critics argued it could fail, reports said.")
    styled = {signal: "".join(c for i, c in enumerate(text.plain)
                              if Style.parse(SIGNAL_STYLES[signal]) in styles_at(text, i))
              for signal in ("hedging", "attribution", "boilerplate")}
    assert styled == {"hedging": "may", "attribution": "reports said.",
                      "boilerplate": "The minister said"}


def test_cli_explain_one_article_of_a_folder_as_the_run_scored_it(seeds_dir: Path, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from analyzer.cli import app

    # Three articles of one source ending in the same two lines: in a run over the folder those
    # lines are the source's boilerplate; scored alone, the file has no such context.
    folder = tmp_path / "site"
    folder.mkdir()
    rows = ["file,source"]
    for n, seed in enumerate(sorted(seeds_dir.glob("00[024]_*.txt"))):
        text = seed.read_text(encoding="utf-8") + "\n\nShare this story on Facebook\nMore from Business Desk\n"
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
        rows.append(f"a{n}.txt,Daily Copy")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    scored = CliRunner().invoke(app, ["score", str(folder), "--format", "json"])
    trust = {a["id"]: a["scores"]["trust"] for a in json.loads(scored.stdout)["articles"]}
    result = CliRunner().invoke(app, ["explain", str(folder), "--id", "a1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("why trust is") == 1
    assert f"why trust is {trust['a1']:.2f}" in result.output
    missing = CliRunner().invoke(app, ["explain", str(folder), "--id", "a9"])
    assert missing.exit_code == 1 and "no article with id 'a9'" in missing.output
    some = CliRunner().invoke(app, ["explain", str(folder), "--id", "a0", "--id", "a9"])
    assert some.exit_code == 3 and some.output.count("why trust is") == 1


def test_trust_breakdown_says_when_trust_is_held_or_not_judged() -> None:
    from analyzer.pipeline import score_text

    def shown(text: str) -> str:
        console = Console(file=io.StringIO(), width=200, color_system=None)
        render(score_text(text), console)
        return console.file.getvalue()

    sentences = ("The minister said on Monday that the aid would reach farmers within weeks, officials said. "
                 "Unions said the measures were welcome but came late, according to a statement. ") * 4
    # Sentence ends lost (a scraper that dropped full stops): held at 0.4 while every effect pushes it up.
    run_on_text = shown(sentences.replace(". ", "; "))
    assert "trust 0.40: held at 0.4 or below, sentences of 80 words" in run_on_text
    assert "why trust is" not in run_on_text
    assert "held at 0.4 or below, fewer than 10 words of prose" in shown("https://example.com/news/2024/05/story")
    french = shown("Le groupe État islamique a lancé une contre-offensive dans l'est de la Syrie, a indiqué "
                   "dimanche l'Observatoire syrien des droits de l'homme. Selon l'ONG, au moins trente "
                   "combattants ont été tués dans les affrontements près de Hajine.")
    assert "not judged, the article is in 'fr'" in french and "this trust is not meaningful" in french
    assert "not judged (see above)" in french  # no bar drawn for an attribution that was not measured
    assert "why trust is" in shown(sentences)  # judged: the breakdown as before


def test_evidence_table_keeps_words_whole_on_an_80_column_terminal(seeds_dir: Path) -> None:
    from analyzer.api import score_paths, split

    articles, _ = split(score_paths([next(seeds_dir.glob("003_*.txt"))]))
    console = Console(file=io.StringIO(), width=80, color_system=None)
    render(articles[0], console)
    out = console.file.getvalue()
    table = out[out.index("evidence ("):]
    assert all(len(line) <= 80 for line in out.splitlines())
    # Six columns of equal share had cut "tortured_phr|ase" and "Spinner-styl|e synonym swap".
    assert "tortured_phrase" in table and "Spinner-style synonym swap;" in table
    assert "→ eastern" in table
    assert len(table.splitlines()) < 250  # 51 spans took 330 lines


def test_cli_explain_off_a_terminal_takes_the_width_columns_gives(seeds_dir: Path) -> None:
    from typer.testing import CliRunner

    from analyzer.cli import app

    seed = str(next(seeds_dir.glob("003_*.txt")))
    piped = CliRunner().invoke(app, ["explain", seed], env={"COLUMNS": "80"})
    assert piped.exit_code == 0, piped.output
    assert max(len(line) for line in piped.stdout.splitlines()) <= 80  # was 200, COLUMNS ignored
    assert max(len(line) for line in CliRunner().invoke(app, ["explain", seed], env={"COLUMNS": ""}).stdout
               .splitlines()) > 80


def test_cli_explain_names_the_model_it_was_given(seeds_dir: Path, tmp_path: Path) -> None:
    """`explain --model FILE` said nowhere which model moved the trust; `report --model` names it
    (session 26 bug hunt, X1 and its open note). The shipped model's output, and that of a byte copy
    of it given as --model, is unchanged."""
    import json
    import shutil

    from typer.testing import CliRunner

    from analyzer.cli import app
    from analyzer.resources import model_path

    seed = str(next(seeds_dir.glob("001_*.txt")))
    shipped = CliRunner().invoke(app, ["explain", seed])
    copy = tmp_path / "copy.json"
    shutil.copyfile(model_path("trust.json"), copy)
    assert CliRunner().invoke(app, ["explain", seed, "--model", str(copy)]).output == shipped.output
    assert "shipped" not in shipped.output
    data = json.loads(model_path("trust.json").read_text(encoding="utf-8"))
    data["intercept"] = -6.0
    own = tmp_path / "[own].json"
    own.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", seed, "--model", str(own)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"Trust from the model {own} (../shared/data: "), first
    assert first.endswith("not the shipped one.")


def test_render_takes_a_model_file_as_the_api_does(tmp_path: Path) -> None:
    # A notebook user explaining with the file `analyzer train` wrote had AttributeError 'contributions'.
    from analyzer.trust.training import fit_model

    model = fit_model([[0.0], [1.0], [0.0], [1.0]], [0, 1, 0, 1], names=("wire_credit",), constrained=False)
    model.save(tmp_path / "mine.json")
    outputs = []
    for given in (model, str(tmp_path / "mine.json"), tmp_path / "mine.json"):
        console = Console(record=True, width=120, force_terminal=False)
        render(overlap_article(), console, given)
        outputs.append(console.export_text())
    assert outputs[0] == outputs[1] == outputs[2] and "wire_credit" in outputs[0]
    # The one-feature model's table, not the shipped model's (whose table has wire_credit too).
    assert "sourcing" not in outputs[0]


def test_two_articles_of_one_id_are_told_apart_by_their_paths(tmp_path: Path) -> None:
    # story.txt in two folders: `explain . --id story` rendered both, each headed "story" alike, though
    # --id takes the path to pick one (bug hunt 27, X1). An id shown once keeps its header as it was.
    from typer.testing import CliRunner

    from analyzer.cli import app

    for folder, text in (("a", "The minister said the talks would resume."), ("b", "Officials said prices rose.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_text("The council said it would meet.", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(tmp_path)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    paths = [line.split(": ", 1)[1] for line in result.output.splitlines() if line.startswith("path: ")]
    assert paths == [str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "story.txt")]
    picked = CliRunner().invoke(app, ["explain", str(tmp_path), "--id", paths[1]], env={"COLUMNS": "120"})
    assert "Officials said" in picked.output and "minister" not in picked.output
    assert "path: " not in picked.output  # one article shown: nothing to tell apart


def test_id_takes_the_path_however_it_is_spelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`explain scrape --id scrape/b/story.txt` picked it, but the absolute path of that file, or
    ./scrape/b/story.txt, matched nothing: exit 1 (bug hunt 30, X1). An id and a path of one article
    given together both match."""
    from typer.testing import CliRunner

    from analyzer.cli import app

    for folder, text in (("a", "The minister said the talks would resume."), ("b", "Officials said prices rose.")):
        (tmp_path / "scrape" / folder).mkdir(parents=True)
        (tmp_path / "scrape" / folder / "story.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for spelling in (str(tmp_path / "scrape" / "b" / "story.txt"), "./scrape/b/story.txt", "scrape//b/story.txt"):
        picked = CliRunner().invoke(app, ["explain", "scrape", "--id", spelling], env={"COLUMNS": "120"})
        assert picked.exit_code == 0, picked.output
        assert "Officials said" in picked.output and "minister" not in picked.output
    both = CliRunner().invoke(app, ["explain", "scrape/a", "--id", "story", "--id", "scrape/a/story.txt"],
                              env={"COLUMNS": "120"})
    assert both.exit_code == 0 and "no article" not in both.output
    # Two spellings of one file given together: both found (the first was 'no article', exit 3).
    twice = CliRunner().invoke(app, ["explain", "scrape", "--id", "scrape/b/story.txt", "--id", "./scrape/b/story.txt"],
                               env={"COLUMNS": "120"})
    assert twice.exit_code == 0 and "no article" not in twice.output


def test_render_shows_a_compared_record_as_read_alone(seeds_dir: Path, tmp_path: Path) -> None:
    """A record score compared is shown as `analyzer explain` reads its file, alone: render had read
    the comparison's label, trust and translation score (0.971) into "what moved its trust" (review 27,
    low). A line names what the comparison found; the caller's record keeps its comparison."""
    from analyzer import api
    from tests.helpers import spun_pair

    pair = spun_pair(tmp_path, seeds_dir)
    compared = {a.id: a for a in api.score_paths(pair, compare=True)}["copy"]
    alone = {a.id: a for a in api.score_paths(pair)}["copy"]
    assert compared.label == "spun" and alone.label == "clean"
    kept = compared.to_dict()

    def shown(article: Article) -> str:
        console = Console(file=io.StringIO(), width=400, color_system=None)
        render(article, console)
        return console.file.getvalue()

    lines = shown(compared).splitlines()
    assert lines[1].startswith("score's comparison of the copies in its input flagged this as a spun copy of orig")
    assert "\n".join(lines[:1] + lines[2:]) == shown(alone).rstrip("\n")
    assert "label: clean" in lines[0]
    assert compared.to_dict() == kept


def test_character_references_show_as_the_characters_they_stand_for() -> None:
    # Bug hunt 30 and 31: "ministry&#8217;s" had shown raw; a reference to a control character stays
    # as written, so it cannot rewrite the terminal.
    text = "The ministry&#8217;s spokesman said AT&amp;T would pay &pound;5m, officials said &#x1b;[2J."
    said = text.index("said")
    article = Article(id="refs", text=text, evidence=[
        Evidence.at(text, said, said + 4, signal="attribution", kind="reporting_verb", reason="r")])
    plain = highlighted(article).plain
    assert "The ministry’s spokesman said AT&T would pay £5m, officials said" in plain
    assert "\x1b" not in plain


def test_an_id_matches_in_either_unicode_form(tmp_path: Path) -> None:
    # A file named on a Mac holds its accents decomposed (NFD): `explain scrape/ --id café`, typed
    # composed (NFC), matched nothing, "no article with id 'café'" (bug hunt 32); its path too.
    from analyzer.explain import select

    decomposed = "cafe\u0301"
    article = Article(id=decomposed, text="The minister said so.", path=str(tmp_path / f"{decomposed}.txt"))
    assert select([article], ["caf\u00e9"]) == ([article], [])
    assert select([article], [str(tmp_path / "caf\u00e9.txt")]) == ([article], [])
    assert select([article], ["cafe"]) == ([], ["cafe"])


def test_evidence_table_is_bounded_and_says_how_to_list_the_rest() -> None:
    """A 760 kB article's 9,826 spans took 5.6-17 s to lay out as table rows (bug hunt 33), more
    than scoring it. The table lists at most EVIDENCE_ROWS, the translation spans first (here the
    last in the text), under their numbers in text order; a line says how many more and where to
    find them; the text still highlights every span and the legend counts them."""
    from analyzer.explain import EVIDENCE_ROWS, evidence_table

    hedges = EVIDENCE_ROWS + 40
    text = "It may rain. " * hedges + "The japanese Syria is calm."
    evidence = [Evidence.at(text, 13 * i + 3, 13 * i + 6, signal="hedging", kind="hedge_cue", reason="Hedge.")
                for i in range(hedges)]
    jap = text.index("japanese Syria")
    evidence.append(Evidence.at(text, jap, jap + len("japanese Syria"), signal="translation",
                                kind="tortured_phrase", reason="Spun wording.", suggestion="eastern Syria"))
    article = Article(id="long", text=text, evidence=evidence,
                      scores={"translation": 0.1, "boilerplate": 0.0, "attribution": 0.0, "hedging": 1.0,
                              "readability": 80.0, "trust": 0.5})
    for width in (120, 80):
        assert evidence_table(article, width).row_count == EVIDENCE_ROWS  # was every span: 541 rows
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render(article, console)
    out = console.file.getvalue()
    assert f"evidence ({hedges + 1} spans, {EVIDENCE_ROWS} listed)" in out
    assert f"{hedges + 1 - EVIDENCE_ROWS} more spans not listed above" in out
    assert "score FILE --format json` lists every one" in " ".join(out.split())
    table_part = out[out.index("evidence ("):]
    assert "eastern Syria" in table_part and f"│ {hedges + 1} " in table_part  # the translation span, its number
    assert highlighted(article).plain.count("→eastern Syria") == 1
    assert f" hedging  {hedges}" in legend(article).plain


def test_evidence_table_of_an_article_lists_every_span() -> None:
    from analyzer.explain import evidence_table, unlisted_note

    article = overlap_article()
    assert evidence_table(article, 120).row_count == len(article.evidence)
    assert unlisted_note(article) is None

"""Known spinner outputs (analyzer.spin_known): the curated rows as find_spun shows them, and the
trigger-word scan that picks the regexes a text needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer import spin_known
from analyzer.scan import matches_near
from analyzer.spinner import spin
from analyzer.spinning import find_spun
from tests.test_spinning import sample_texts


def test_japanese_for_eastern_is_flagged_with_suggestion() -> None:
    text = "Fighting raged in japanese Syria on Sunday."
    flags = find_spun(text)
    assert [(f.text, f.suggestion) for f in flags] == [("japanese", "eastern")]
    assert flags[0].signal == "translation" and flags[0].kind == "tortured_phrase"
    assert text[flags[0].start : flags[0].end] == "japanese"


@pytest.mark.parametrize(("word", "original"), [("oriental", "eastern"), ("occidental", "western"),
                                                ("northerly", "northern"), ("austral", "southern")])
def test_other_compass_renderings_are_flagged(word: str, original: str) -> None:
    flags = find_spun(f"Fighting raged in {word} Syria and in the {word} province of Idlib.")
    assert [(f.text, f.suggestion) for f in flags] == [(word, original)] * 2
    # Capitalised, or before a common noun, they are English: "Oriental Bank", "southerly winds".
    assert find_spun("The Oriental Bank said southerly winds and westerly gales hit the coast.") == []


def test_spinner_phrases_get_original_wording() -> None:
    text = (
        "Most of them were other halves and children, in line with the monitor. "
        "They were detained through the SDF past due Saturday, after a pause of greater than a week."
    )
    got = {f.text: f.suggestion for f in find_spun(text)}
    assert got["other halves"] == "wives"
    assert got["in line with"] == "according to"
    assert got["through"] == "by"
    assert got["past due"] == "late"
    assert got["greater than"] == "more than"


# Spinner renderings of wire-copy collocations ("told AFP" -> "instructed AFP").
WIRE_COLLOCATIONS = [
    ("The commander instructed AFP on Sunday that the town had fallen.", "instructed", "told"),
    ("He spoke at an information convention in Geneva.", "information convention", "press conference"),
    ("An automobile bomb exploded near the market.", "automobile", "car"),
    ("A decide dominated that the law was void.", "decide", "judge"),
    ("The court dominated that the law was void.", "dominated", "ruled"),
    ("Her legal professional said she would appeal.", "legal professional", "lawyer"),
    ("At the least 12 people died, the competition leader said.", "At the least", "At least"),
    ("Unemployment rose to 7 percent last yr.", "yr", "year"),
]
# Free web spinners' renderings of everyday news words, each in a context that rules out its plain sense.
NEWS_WORDS = [
    ("Three players examined certain for the virus.", "examined certain", "tested positive"),
    ("Police said a mass taking pictures left five dead.", "taking pictures", "shooting"),
    ("His presidential marketing campaign began in May.", "marketing campaign", "campaign"),
    ("The ruling celebration lost its majority.", "celebration", "party"),
    ("Senators voted against the invoice.", "invoice", "bill"),
    ("A 25-year-previous man was arrested.", "year-previous", "year-old"),
    ("A new find out about published in Nature found no link.", "find out about", "study"),
    ("The World Well being Organization warned.", "World Well being Organization",
     "World Health Organization"),
    ("New coronavirus instances rose again.", "instances", "cases"),
    ("He scored a purpose in the final minute.", "purpose", "goal"),
    ("She won the world identify in 2019.", "identify", "title"),
    ("The corporate said profits fell.", "The corporate", "The company"),
    ("The state information company reported the blast.", "information company", "news agency"),
    ("A fireplace broke out on the third floor.", "fireplace", "fire"),
    ("She famous that turnout was low.", "famous", "noted"),
    ("They demanded the proper to vote.", "the proper to", "the right to"),
    ("He came to energy in 2014.", "energy", "power"),
    ("The two sides signed a handle on Friday.", "handle", "deal"),
]
# Free web spinners' renderings of multi-word news terms and Cabanac et al.'s tortured phrases.
NEWS_TERMS = [
    ("The central bank raised curiosity charges again.", "curiosity charges", "interest rates"),
    ("Leaders met at the White Home to discuss local weather change.", "White Home", "White House"),
    ("Leaders met at the White Home to discuss local weather change.", "local weather change", "climate change"),
    ("The United International locations warned that inventory markets could fall.",
     "United International locations", "United Nations"),
    ("The United International locations warned that inventory markets could fall.", "inventory markets",
     "stock markets"),
    ("The chief govt met the lawyer basic.", "chief govt", "chief executive"),
    ("The chief govt met the lawyer basic.", "lawyer basic", "attorney general"),
    ("The firm uses synthetic intelligence and machine studying.", "synthetic intelligence",
     "artificial intelligence"),
    ("Hearth fighters reached the provide chain hub.", "Hearth", "Fire"),
    ("Hearth fighters reached the provide chain hub.", "provide chain", "supply chain"),
    ("The ministry said in an assertion that the blast killed a minimum of 12 people.", "assertion", "statement"),
    ("The ministry said in an assertion that the blast killed a minimum of 12 people.", "a minimum of", "at least"),
    ("Wall Boulevard fell after the Ecu Central Financial institution met.", "Wall Boulevard", "Wall Street"),
    ("Wall Boulevard fell after the Ecu Central Financial institution met.", "Ecu Central Financial institution",
     "European Central Bank"),
    ("The cupboard minister told the Home of Commons.", "cupboard", "cabinet"),
    ("The cupboard minister told the Home of Commons.", "Home of Commons", "House of Commons"),
    ("The basic election was held amid talk of greenhouse fuel.", "basic election", "general election"),
    ("The basic election was held amid talk of greenhouse fuel.", "greenhouse fuel", "greenhouse gas"),
    ("The film topped the field workplace.", "field workplace", "box office"),
]

# Renderings of institutions, offices and stock phrases of wire copy (fourteenth session's rows).
INSTITUTIONS_AND_STOCK_PHRASES = [
    ('The Space of Representatives passed the measure.', 'Space of Representatives', 'House of Representatives'),
    ('Space Speaker Nancy Pelosi said the vote would go ahead.', 'Space Speaker', 'House Speaker'),
    ('Space Democrats and Home Republicans clashed.', 'Space Democrats', 'House Democrats'),
    ('Space Democrats and Home Republicans clashed.', 'Home Republicans', 'House Republicans'),
    ('A spokesman for the White Space declined to comment.', 'White Space', 'White House'),
    ('Shares fell on Wall Side road as Downing Side road stayed silent.', 'Wall Side road', 'Wall Street'),
    ('Shares fell on Wall Side road as Downing Side road stayed silent.', 'Downing Side road', 'Downing Street'),
    ('The Eu Union and the Eu Fee disagreed in the Ecu Parliament.', 'Eu Union', 'European Union'),
    ('The Eu Union and the Eu Fee disagreed in the Ecu Parliament.', 'Eu Fee', 'European Commission'),
    ('The Eu Union and the Eu Fee disagreed in the Ecu Parliament.', 'Ecu Parliament', 'European Parliament'),
    ('The International Financial Fund cut its forecast.',
     'International Financial Fund', 'International Monetary Fund'),
    ('The Financial institution of Japan and the Reserve Financial institution of India held rates.',
     'Financial institution', 'Bank'),
    ('Leaders gathered at the World Financial Discussion board in Davos.',
     'Financial Discussion board', 'Economic Forum'),
    ('The Justice Division and the State Division declined to comment.', 'Justice Division', 'Justice Department'),
    ('The Justice Division and the State Division declined to comment.', 'State Division', 'State Department'),
    ('A lawyer for the Division of Justice met the Division of Protection.',
     'Division of Justice', 'Department of Justice'),
    ('A lawyer for the Division of Justice met the Division of Protection.',
     'Division of Protection', 'Department of Defense'),
    ('The Division of Well being reported 40 new cases.', 'Division of Well being', 'Department of Health'),
    ('The Division of Place of origin Safety issued a warning.', 'Place of origin Safety', 'Homeland Security'),
    ('The Nationwide Safety Council met on Friday.', 'Nationwide Safety', 'National Security'),
    ('Leader Minister Mamata Banerjee visited the site.', 'Leader Minister', 'Chief Minister'),
    ("The company's leader govt officer resigned.", 'leader govt officer', 'chief executive officer'),
    ('Its leader monetary officer will leave in May.', 'leader monetary officer', 'chief financial officer'),
    ('The central bank kept hobby charges unchanged.', 'hobby charges', 'interest rates'),
    ('Mavens say the drought will worsen.', 'Mavens', 'Experts'),
    ('The rally, in line with mavens, will not last.', 'mavens', 'experts'),
    ('Police made the arrest the day prior to this.', 'the day prior to this', 'yesterday'),
    ('Sales rose 5% earlier this 12 months.', 'earlier this 12 months', 'earlier this year'),
    ('The plant will open later this 12 months.', 'later this 12 months', 'later this year'),
    ('Prices fell ultimate week, the ministry said.', 'ultimate', 'last'),
    ('The ministry said in a observation that talks had failed.', 'observation', 'statement'),
    ('The minister advised reporters that the talks had failed.', 'advised', 'told'),
    ('Its father or mother company, Alphabet, declined to comment.', 'father or mother company', 'parent company'),
    ("Instagram's guardian corporate reported a loss.", 'guardian corporate', 'parent company'),
    ('He announced the decision on Fb.', 'Fb', 'Facebook'),
    ('Fb and Instagram went down for hours.', 'Fb', 'Facebook'),
    ('The tech large Apple reported record sales.', 'large', 'giant'),
    ('The retail large said profits rose.', 'large', 'giant'),
    ('He was given a 10-year jail time period.', 'time period', 'term'),
    ('Inflation will stay high within the quick time period.', 'quick time period', 'short term'),
    ('The ruling rests on the First Modification.', 'Modification', 'Amendment'),
    ('Parliament passed a constitutional modification.', 'modification', 'amendment'),
    ('Trucks carrying humanitarian assist reached the town.', 'assist', 'aid'),
    ('Cuts to overseas assist were announced.', 'assist', 'aid'),
    ('Drought has deepened meals lack of confidence in the region.', 'meals lack of confidence', 'food insecurity'),
    ('A warmth wave hit Europe; more warmth waves will follow.', 'warmth wave', 'heatwave'),
    ('A warmth wave hit Europe; more warmth waves will follow.', 'warmth waves', 'heatwaves'),
    ('The process marketplace cooled as process seekers waited.', 'process marketplace', 'job market'),
    ('The process marketplace cooled as process seekers waited.', 'process seekers', 'job seekers'),
    ('The hard work marketplace stayed tight.', 'hard work marketplace', 'labour market'),
    ('The inventory marketplace rallied.', 'inventory marketplace', 'stock market'),
    ('The Hard work Celebration won the seat.', 'Hard work', 'Labour'),
    ('The ruling birthday celebration lost ground.', 'birthday celebration', 'party'),
    ('New coronavirus circumstances rose again.', 'circumstances', 'cases'),
    ('Coverage makers met in Frankfurt.', 'Coverage makers', 'Policymakers'),
    ('The financial coverage committee voted to hold rates.',
     'financial coverage committee', 'monetary policy committee'),
    ('Its percentage value fell 5%.', 'percentage value', 'share price'),
    ("The Top Minister's Place of work said no decision had been made.", 'Place of work', 'Office'),
    ('Officials in the Trump management disagreed.', 'Trump management', 'Trump administration'),
    ('She won gold at the Olympic Video games.', 'Video games', 'Games'),
    ('Violence flared across the Heart East.', 'Heart East', 'Middle East'),
    ('The UN Safety Council met on Friday.', 'Safety Council', 'Security Council'),
    ('The United International locations Safety Council voted.', 'Safety Council', 'Security Council'),
    ('In London, Top Minister Boris Johnson said no.', 'Top Minister', 'Prime Minister'),
    ('Israeli High Minister Benjamin Netanyahu spoke.', 'High Minister', 'Prime Minister'),
    ('The actual property market cooled.', 'actual property', 'real estate'),
    ('The unemployment price rose to 5%.', 'unemployment price', 'unemployment rate'),
    ('The court docket ruled that the law stood.', 'court docket', 'court'),
    ('Financial enlargement slowed in the third quarter.', 'Financial enlargement', 'Economic growth'),
]

# Plain English around the same words: none of those rows may fire (the learned detector is tested apart).
PLAIN_ENGLISH = [
    ("The ministry informed AFP that a well-informed source had advised reporters to leave. "
     "The national convention opened; competition rules were changed, the court ruled. "
     "Legal professionals and judges met at least 12 times last year; the payment was overdue on Monday."),
    ("The inspectors examined certain documents; he was taking pictures of the celebration at a famous "
     "restaurant. The invoice was paid. Two years previous, he had studied the file. We will find out about "
     "it soon; in many instances the purpose is unclear. They identify the victims; the recreation centre "
     "and the fireplace were restored. When it comes to energy prices, get a handle on costs, the company "
     "said. Mental well being matters."),
    ("Her curiosity charged the room. The local weather changed; international warnings of global warming "
     "grew. The inventory was checked at the White House by the chief executive and the attorney general. "
     "Synthetic fibres and artificial intelligence, a hearth and a fire, a minimum of 12 hours of "
     "machine learning; they provide chain saws; his assertion was false."),
    # The Motley Fool's disclosure, syndicated with its finance stories (newspaper3k_pages.jsonl).
    "Sean O'Reilly has no position in any stocks mentioned. Tamara Rutter owns shares of Apple.",
    ("The cupboard in the kitchen, basic elections maths at home, a field workplace safety rule, the Home "
     "Office, a financial institution in Wall Street, a greenhouse full of fuel, and a proportion of the value."),
    ("Open the file mentioned above. Personal sector debt rose, said the central financial institutions of "
     "China. Electrical automobile parts were scarce, a basic secretary job was filled, and the proportion "
     "value of 0.5 held."),
    # The same words as the fourteenth session's rows, in their plain senses.
    ('Space Shuttle crews, the Wetland Protection Division, the New York State Division of Human Rights, '
     'the Criminal Justice Division and the Home Office; a home speaker; the white space on the page; a side road '
     'off Wall Street. The EU Union of workers; an international financial fund manager; a financial '
     'institution of note; the state division of labour. The health division of the hospital; the mavens '
     'of fashion; the day prior to this meeting; the ultimate test, the ultimate weapon and his ultimate '
     'week in office; an observation; the doctor advised reporters to leave; a guardian angel; Fb major '
     'chord. Your ultimate weekend guide: an ultimate week in Rome. Fashion mavens say it is chic.'),
    ('The process takes time; large tech firms; a time period of two years; a modification of the plan; '
     'assist the police; food aid; a warm wave; job seekers in the labour market; hard work pays off; a '
     "birthday celebration for the senator's son; under these circumstances; insurance coverage makes "
     'sense; a percentage of the value; a place of work; the management of the Trump Organization; video '
     'games for children; the last 12 months; earlier this 12-month period.'),
    # The same words as the fifteenth session's rows, in their plain senses.
    ('The heart east of the river; Heart East Hospital; the National Safety Council and a school safety '
     'council; a top minister, a leading minister in the cabinet; the actual property damage; the '
     'actual property of the estate; the unemployment price tag; the court docket shows three entries; '
     'financial expansion.'),
]


@pytest.mark.parametrize(("text", "span", "original"),
                         WIRE_COLLOCATIONS + NEWS_WORDS + NEWS_TERMS + INSTITUTIONS_AND_STOCK_PHRASES)
def test_spinner_renderings_get_their_original_wording(text: str, span: str, original: str) -> None:
    assert (span, original) in [(f.text, f.suggestion) for f in find_spun(text)]


@pytest.mark.parametrize("text", PLAIN_ENGLISH)
def test_spinner_rendering_rows_leave_plain_english_alone(text: str) -> None:
    assert spin_known.known_evidence(text) == []


KNOWN_TEXTS = [
    "japanese Syria", "detained through the SDF", "Unsupported through the town; detained through the SDF, "
    "killed through a bomb and arrested thru A. In line with the monitor, in line with officials.",
    "A toll contains 40, the figure contains 3. Other halves, other halves and kids and other halves.",
    "Rebels supported through the coalition" + " filler" * 400 + " were detained through the army.",
]


def _known_matches_equal_finditer(texts: list[str]) -> int:
    """Asserts scan.matches_near == finditer wherever it answers; returns how often it answered."""
    answered = 0
    for text in texts:
        lowered = text.lower()
        for (_, triggers, pattern, _), width in zip(spin_known._known(), spin_known._known_widths(), strict=True):
            if not (triggers and width) or not any(t in lowered for t in triggers):
                continue
            near = matches_near(pattern, text, lowered, triggers, width)
            if near is not None:
                answered += 1
                assert [(m.span(), m.groupdict()) for m in near] == [
                    (m.span(), m.groupdict()) for m in pattern.finditer(text)], pattern.pattern
    return answered


def test_every_known_phrase_has_a_trigger_word() -> None:
    # A pattern without one is tried over the whole text of every article (a third of the
    # translation signal's time when four such rows were added).
    assert [pattern.pattern for _, triggers, pattern, _ in spin_known._known() if not triggers] == []


def test_known_phrases_near_triggers_equal_whole_text_scans(seeds_dir: Path) -> None:
    assert all(w > 0 for w in spin_known._known_widths())  # every shipped pattern is windowed
    texts = KNOWN_TEXTS + sample_texts(seeds_dir)
    assert _known_matches_equal_finditer(texts) > 10
    flagged = find_spun(KNOWN_TEXTS[2])
    assert [f.text for f in flagged if f.suggestion == "by"] == ["through", "through", "thru"]


def test_known_phrases_near_triggers_on_bbc(shared_data: Path) -> None:
    lines = (shared_data / "news" / "bbc_dev.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    texts = [json.loads(line)["text"] for line in lines]
    assert _known_matches_equal_finditer(texts + [spin(t, rate=0.1, seed=1).text for t in texts[:100]]) > 100



def test_known_phrases_are_read_as_shown_characters() -> None:
    # CMS hyphenation inside a rendering: the span covers the file's characters, soft hyphen included.
    text = "Fighting raged in japa\xadnese Syria, in line with the moni\u200btor."
    got = [(f.text, f.suggestion) for f in spin_known.known_evidence(text)]
    assert got == [("japa\xadnese", "eastern"), ("in line with", "according to")]

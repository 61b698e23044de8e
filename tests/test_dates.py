"""Tests for kg.extract.dates: normalising date expressions against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import DateValue, normalise_date

PUB = date(2025, 11, 25)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("November 19, 2025", "2025-11-19", "day"),
        ("Nov. 27", "2025-11-27", "day"),
        ("19/11/2025", "2025-11-19", "day"),
        ("2025-11-19", "2025-11-19", "day"),
        ("on 3 November 2025", "2025-11-03", "day"),
        ("late November 2025", "2025-11", "month"),
        ("mid-October", "2025-10", "month"),
        ("January", "2025-01", "month"),
        ("2024", "2024", "year"),
        ("'82", "1982", "year"),
    ],
)
def test_absolute_dates(text: str, iso: str, precision: str) -> None:
    assert normalise_date(text, PUB) == DateValue(iso, precision)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("yesterday", "2025-11-24", "day"),
        ("today", "2025-11-25", "day"),
        ("earlier today", "2025-11-25", "day"),
        ("last night", "2025-11-24", "day"),
        ("the day before", "2025-11-24", "day"),
        ("last month", "2025-10", "month"),
        ("earlier this month", "2025-11", "month"),
        ("this month", "2025-11", "month"),
        ("next month", "2025-12", "month"),
        ("last year", "2024", "year"),
        ("the end of last year", "2024", "year"),
        ("two years ago", "2023", "year"),
        ("three days ago", "2025-11-22", "day"),
        ("a week ago", "2025-11-18", "day"),
        ("next week", "2025-12-02", "fuzzy"),
        ("the same month a year ago", "2024-11", "month"),
        ("October of next year", "2026-10", "month"),
    ],
)
def test_relative_dates(text: str, iso: str, precision: str) -> None:
    assert normalise_date(text, PUB) == DateValue(iso, precision)


@pytest.mark.parametrize(
    ("text", "future", "iso"),
    [
        ("Tuesday", False, "2025-11-25"),  # publication day itself
        ("on Monday", False, "2025-11-24"),
        ("Wednesday", False, "2025-11-19"),
        ("late Thursday", False, "2025-11-20"),
        ("Sunday night", False, "2025-11-23"),
        ("last Tuesday", False, "2025-11-18"),
        ("Friday", True, "2025-11-28"),  # "will meet on Friday"
        ("next Monday", False, "2025-12-01"),
        ("Tuesday", True, "2025-11-25"),  # "polls open on Tuesday", written that Tuesday
        ("next Tuesday", False, "2025-12-02"),
        ("Thursday", True, "2025-11-27"),
    ],
)
def test_weekdays(text: str, future: bool, iso: str) -> None:
    assert normalise_date(text, PUB, future=future) == DateValue(iso, "day")


@pytest.mark.parametrize(("text", "future", "iso"), [("October", False, "2025-10"),
                                                      ("December", False, "2024-12"),
                                                      ("December", True, "2025-12"),
                                                      ("March", True, "2026-03")])
def test_bare_month_follows_tense(text: str, future: bool, iso: str) -> None:
    assert normalise_date(text, PUB, future=future) == DateValue(iso, "month")


@pytest.mark.parametrize("text", ["three days", "the past two weeks", "two years", "months",
                                  "the 1990s", "recent days"])
def test_durations_are_not_dates(text: str) -> None:
    assert normalise_date(text, PUB) is None


def test_relative_needs_publication_date() -> None:
    assert normalise_date("yesterday", None) is None
    assert normalise_date("November 19, 2025", None) == DateValue("2025-11-19", "day")


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


def _dates(nlp, text: str, published: str = "2025-11-25"):
    doc = nlp.make_doc(text)
    doc._.kg_published = published
    return nlp(doc)._.kg_dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The ministers will meet on Friday in Geneva.", "2025-11-28"),
        ("The trial is set to begin on Wednesday in London.", "2025-11-26"),
        ("The ministers met on Friday in Geneva.", "2025-11-21"),
        ("Officials said the talks ended late Thursday.", "2025-11-20"),
    ],
)
def test_find_dates_uses_tense(nlp, text: str, iso: str) -> None:
    [found] = _dates(nlp, text)
    assert found.value == DateValue(iso, "day")
    assert text[found.start:found.end] == found.text


WEDNESDAY = "2025-11-26"


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        # ahead of the report: the coming day
        ("Leaders to meet on Friday in Brussels", "2025-11-28", "day"),
        ("Ministers to sign pact Monday", "2025-12-01", "day"),
        ("The council will vote on Monday.", "2025-12-01", "day"),
        ("The audit is due to be published on Thursday.", "2025-11-27", "day"),
        ("The audit is due on Friday.", "2025-11-28", "day"),
        ("The ruling, due on Friday, could end the dispute.", "2025-11-28", "day"),
        ("The talks are set to resume on Friday.", "2025-11-28", "day"),
        ("The verdict is expected on Monday.", "2025-12-01", "day"),
        ("The hearing is scheduled for Thursday.", "2025-11-27", "day"),
        ("The ministers are meeting on Friday in Oslo.", "2025-11-28", "day"),
        ("Lindqvist said the board would vote on Friday.", "2025-11-28", "day"),
        ("The envoys will meet next week.", "2025-12-03", "fuzzy"),
        # past: the last such day
        ("The ministers met on Friday in Oslo.", "2025-11-21", "day"),
        ("The verdict was expected on Monday.", "2025-11-24", "day"),
        ("Lindqvist said the board would have voted on Friday.", "2025-11-21", "day"),
        ("The board has met on Monday.", "2025-11-24", "day"),
    ],
)
def test_coming_days_follow_the_verb(nlp, text: str, iso: str, precision: str) -> None:
    [found] = _dates(nlp, text, WEDNESDAY)
    assert found.value == DateValue(iso, precision)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a timetable's present simple, or a plan's participle after its noun: the coming day
        ("The summit begins Friday in Geneva.", "2025-11-28"),
        ("Voting closes on Sunday.", "2025-11-30"),
        ("The talks take place on Friday in Oslo.", "2025-11-28"),
        ("The festival kicks off on Saturday.", "2025-11-29"),
        ("The ministers meet on Friday in Oslo.", "2025-11-28"),
        ("Vance takes office on Friday.", "2025-11-28"),
        ("Okafor cancelled a meeting with Lund planned for Saturday.", "2025-11-29"),
        # past tense, or a verb that tells no timetable: the last such day
        ("The summit began Friday in Geneva.", "2025-11-21"),
        ("The ministers met on Friday in Oslo.", "2025-11-21"),
        ("Velmor unveils a phone on Monday", "2025-11-24"),
        ("Vance took office on Friday.", "2025-11-21"),
    ],
)
def test_timetable_days_are_ahead(nlp, text: str, iso: str) -> None:
    [found] = _dates(nlp, text, WEDNESDAY)
    assert found.value == DateValue(iso, "day")


def test_find_dates_marks_timeline_entries(nlp) -> None:
    text = "Timeline\n\n- March 3, 2025: The council approved the budget.\n"
    dates = _dates(nlp, text)
    assert [(d.text, d.value.iso, d.timeline) for d in dates] == [
        ("March 3, 2025", "2025-03-03", True)]


@pytest.mark.parametrize(("text", "iso"), [("Nov. 2", None), ("2 November", None),
                                           ("Nov. 2, 2016", "2016-11-02")])
def test_yearless_date_needs_a_reference(text: str, iso: str | None) -> None:
    value = normalise_date(text, None)
    assert (value.iso if value else None) == iso


def test_yearless_dates_take_the_year_of_the_text_without_publication(nlp) -> None:
    text = "The final was played on Nov. 2. The report was filed on Nov. 3, 2016."
    dates = _dates(nlp, text, published=None)
    assert [(d.text, d.value.iso) for d in dates] == [("Nov. 2", "2016-11-02"),
                                                      ("Nov. 3, 2016", "2016-11-03")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Photo LONDON -- " + "Rescuers worked through the night to reach the site. " * 6
         + "The tram derailed on Wednesday.", ["Wednesday"]),
        ("Photo: taken on Wednesday by a reader", []),
    ],
)
def test_caption_prefix_does_not_hide_prose(nlp, text: str, found: list[str]) -> None:
    assert [d.text for d in _dates(nlp, text)] == found


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The home side won it with a single in the 10th to end the game.", []),
        ("The leader crashed on the 31st lap of the race.", []),
        ("The ballots must arrive by the 10th, the clerk said.", ["the 10th"]),
    ],
)
def test_bare_ordinals_are_days_only_after_a_date_preposition(nlp, text, dates) -> None:
    doc = nlp.make_doc(text)
    doc._.kg_published = "2025-03-12"
    assert [d.text for d in nlp(doc)._.kg_dates] == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The council passed Ordinance No. 2029 on Monday.", ["Monday"]),
        ("Resolution No. 1984 was tabled until April.", ["April"]),
        ("The ferry was built in 1984 and refitted in 2019.", ["1984", "2019"]),
        ("There was no 2020 festival, and the 2021 one was small.", ["2020", "2021"]),
    ],
)
def test_a_year_after_a_number_sign_is_no_date(nlp, text: str, dates: list[str]) -> None:
    assert [d.text for d in _dates(nlp, text)] == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Fans cheered after the final whistle Ravens Daily Today Photos 4 the coach waved.",
         []),
        ("The minister told Harbour Times Tonight Edition that she would resign.", []),
        ("Today the ferry resumed its crossings.", ["Today"]),
        ("The ferry crew said today that crossings resumed.", ["today"]),
        ("Ferry Crossings Resume Today", ["Today"]),
    ],
)
def test_a_day_word_inside_a_name_is_no_date(nlp, text: str, dates: list[str]) -> None:
    assert [d.text for d in _dates(nlp, text)] == dates

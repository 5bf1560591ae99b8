"""Document dates: front matter at any ISO precision or written out, datelines at the top of
the body, warnings for dates that are not dates, and no "today" without a day."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.audit import extract_facts
from checker.cli import main
from checker.document_dates import StatedDate, find_dateline, front_matter_date
from checker.ingest import parse_document
from checker.model import Document
from checker.nlp import Pipeline
from checker.rules import RuleSet

BODY = "The harbour board approved its budget for the coming season.\n"


def parse(text: str, name: str = "doc.md") -> tuple[Document, list[str]]:
    warnings: list[str] = []
    document = parse_document(name, Path(name).stem, text.encode("utf-8"), warnings)
    return document, warnings


def dated(front_value: str, body: str = BODY) -> tuple[Document, list[str]]:
    return parse(f"---\ntitle: A statement\ndate: {front_value}\n---\n{body}")


# Front matter -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2019-05-04", dt.date(2019, 5, 4), "day"),
        ("'2019-05-04'", dt.date(2019, 5, 4), "day"),
        ("20190504", dt.date(2019, 5, 4), "day"),
        ("2019/05/04", dt.date(2019, 5, 4), "day"),
        ("'2022-03'", dt.date(2022, 3, 1), "month"),
        ("2022-03", dt.date(2022, 3, 1), "month"),
        ("2021", dt.date(2021, 1, 1), "year"),
        ("'2021'", dt.date(2021, 1, 1), "year"),
        ("2019-05-04T10:30:00Z", dt.date(2019, 5, 4), "day"),
        ("2019-05-04T23:30:00-04:00", dt.date(2019, 5, 4), "day"),  # the day as written
        ("2019-05-04 09:15:02.123+02:00", dt.date(2019, 5, 4), "day"),
        ("4 May 2019", dt.date(2019, 5, 4), "day"),
        ("May 4, 2019", dt.date(2019, 5, 4), "day"),
        ("May 4th, 2019", dt.date(2019, 5, 4), "day"),
        ("4th of May 2019", dt.date(2019, 5, 4), "day"),
        ("Saturday, 4 May 2019", dt.date(2019, 5, 4), "day"),
        ("Sat, 04 May 2019 08:00:00 GMT", dt.date(2019, 5, 4), "day"),
        ("SEPT. 30, 2018", dt.date(2018, 9, 30), "day"),
        ("04.05.2019", dt.date(2019, 5, 4), "day"),  # dotted dates are day first
        ("May 2019", dt.date(2019, 5, 1), "month"),
        ("february, 2020", dt.date(2020, 2, 1), "month"),
    ],
)
def test_front_matter_date_forms(value: str, date: dt.date, precision: str) -> None:
    document, warnings = dated(value)
    assert (document.date, document.date_precision) == (date, precision)
    assert document.metadata["date_source"] == "front matter"
    assert warnings == []


def test_a_reduced_precision_date_is_that_month_not_its_first_day() -> None:
    document, warnings = dated("'2022-03'")
    assert document.date == dt.date(2022, 3, 1) and document.date_precision == "month"
    assert document.day is None  # nothing may be resolved against "1 March"
    assert warnings == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("unknown", "front matter date 'unknown' is not a date"),
        ("n.d.", "front matter date 'n.d.' is not a date"),
        ("", "front matter date is empty"),
        ("''", "front matter date is empty"),
        ("'2022-13-45'", "front matter date '2022-13-45' is not a date"),
        ("2021-02-29", "front matter date '2021-02-29' is not a date"),
        ("2019-05-04T25:10:00Z", "front matter date '2019-05-04T25:10:00Z' is not a date"),
        ("sometime in spring", "front matter date 'sometime in spring' is not a date"),
        ("[2019, 5, 4]", "front matter date [2019, 5, 4] is not a date"),
        ("{year: 2019}", "front matter date {'year': 2019} is not a date"),
        ("true", "front matter date True is not a date"),
        ("12.5", "front matter date 12.5 is not a date"),
        ("7", "front matter date '7' is not a date"),
    ],
)
def test_a_date_that_is_not_a_date_is_a_warning_and_the_document_is_undated(
    value: str, shown: str
) -> None:
    document, warnings = dated(value)
    assert document.date is None and document.date_precision is None and document.day is None
    assert "date_source" not in document.metadata
    assert warnings == [f"doc.md: {shown}; the document is undated"]
    assert document.text == BODY.strip()


def test_a_long_bad_date_is_shortened_in_the_one_line_warning() -> None:
    _, [warning] = dated("'" + "x" * 500 + "'")
    assert len(warning) < 150 and "\n" not in warning


def test_a_bad_front_matter_date_falls_back_to_the_dateline() -> None:
    document, warnings = dated("unknown", "LISBON, 4 May 2019 – The harbour board met.\n")
    assert (document.date, document.metadata["date_source"]) == (dt.date(2019, 5, 4), "dateline")
    assert warnings == [
        "doc.md: front matter date 'unknown' is not a date; "
        "the document is dated 2019-05-04 by its dateline"
    ]


def test_a_dateline_gives_the_day_of_a_front_matter_month() -> None:
    document, warnings = dated("'2019-05'", "LISBON, 4 May 2019 – The harbour board met.\n")
    assert (document.date, document.date_precision) == (dt.date(2019, 5, 4), "day")
    assert document.metadata["date_source"] == "dateline" and warnings == []


def test_a_dateline_outside_the_front_matter_month_is_a_warning() -> None:
    document, warnings = dated("'2019-06'", "LISBON, 4 May 2019 – The harbour board met.\n")
    assert (document.date, document.date_precision) == (dt.date(2019, 6, 1), "month")
    assert warnings == [
        "doc.md: front matter date 2019-06 and the dateline's 2019-05-04 differ; "
        "the front matter's is used"
    ]


def test_a_front_matter_day_is_not_overridden_by_the_body() -> None:
    document, warnings = dated("2019-05-05", "LISBON, 4 May 2019 – The harbour board met.\n")
    assert document.date == dt.date(2019, 5, 5) and warnings == []


# Through the command line -------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_unknown_date_warns_through_facts_and_the_command_goes_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notice.md").write_text(f"---\ndate: unknown\n---\n{BODY}", encoding="utf-8")
    status = main(["facts", "notice.md"])
    err = capsys.readouterr().err
    assert status != 2 and "Traceback" not in err
    assert err.splitlines() == [
        "crossdoc: warning: notice.md: front matter date 'unknown' is not a date; "
        "the document is undated"
    ]


def test_unknown_date_warns_through_audit_and_the_audit_completes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "a.md").write_text(f"---\ndate: unknown\n---\n{BODY}", encoding="utf-8")
    (project / "b.md").write_text(f"---\ndate: '2019-05'\n---\n{BODY}", encoding="utf-8")
    status = main(["audit", "a.md", "b.md", "--format", "json", "--output", "-"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    warnings = [line for line in captured.err.splitlines() if "front matter date" in line]
    assert warnings == [
        "crossdoc: warning: a.md: front matter date 'unknown' is not a date; "
        "the document is undated"
    ]
    documents = {d["id"]: d for d in json.loads(captured.out)["documents"]}
    assert documents["a"]["date"] is None and documents["b"]["date"] is not None


def test_unknown_date_in_a_real_process_shows_no_traceback(project: Path) -> None:
    (project / "notice.md").write_text(f"---\ndate: n.d.\n---\n{BODY}", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "checker", "facts", "notice.md"],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    assert result.returncode != 2 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("crossdoc: warning: notice.md: front matter date 'n.d.'")


# Datelines in the body ----------------------------------------------------------------------

DATELINES = {
    "capitals, region and dashes": (
        "WASHINGTON, D.C. — July 11, 2023 — The committee published its report today.\n",
        dt.date(2023, 7, 11),
    ),
    "capitals, day first": ("BRUSSELS, 11 July 2023 – The ministers agreed a plan.\n", None),
    "agency before the date": (
        "OSLO (Fjord News) - 3 February 2021 - Ferry crews ended their strike.\n",
        dt.date(2021, 2, 3),
    ),
    "agency after the date": (
        "OSLO, Feb. 3, 2021 (Fjord News) - Ferry crews ended their strike.\n",
        dt.date(2021, 2, 3),
    ),
    "place in title case": (
        "Lisbon, 4 May 2019 – The harbour board approved its budget.\n",
        dt.date(2019, 5, 4),
    ),
    "place and country": (
        "Tartu, Estonia, 22 October 2020 – The university opened a new library.\n",
        dt.date(2020, 10, 22),
    ),
    "dotted date alone": ("11.07.2023\n\nThe ministers agreed a plan.\n", None),
    "dotted date after a place": ("VILNIUS, 11.07.2023 – The ministers agreed a plan.\n", None),
    "ordinal, month first, alone": ("July 11th, 2023\n\nThe ministers agreed a plan.\n", None),
    "ordinal, day first, alone": ("11th July 2023\n\nThe ministers agreed a plan.\n", None),
    "month in capitals": ("JULY 11, 2023\n\nThe ministers agreed a plan.\n", None),
    "month in lower case": ("july 11, 2023\n\nThe ministers agreed a plan.\n", None),
    "under a title in the same paragraph": (
        "Ministers agree a plan for the ports\nJuly 11th, 2023\n\nThe ministers agreed.\n",
        None,
    ),
    "for immediate release": (
        "FOR IMMEDIATE RELEASE\nJuly 11, 2023\n\nThe ministers agreed a plan.\n",
        None,
    ),
    "press release": ("Press release 11 July 2023\n\nThe ministers agreed a plan.\n", None),
    "released": ("Released: 2023-07-11\n\nThe ministers agreed a plan.\n", None),
    "section name": ("EUROPE | 11 July 2023\n\nThe ministers agreed a plan.\n", None),
    "with a time": ("July 11, 2023, 10:30 a.m. EDT\n\nThe ministers agreed a plan.\n", None),
    "after a byline": (
        "Ports plan agreed\nBy Ana Ferreira\n11.07.2023\n\nThe ministers agreed a plan.\n",
        None,
    ),
    "in bold Markdown": ("**BRUSSELS, 11 July 2023** – The ministers agreed a plan.\n", None),
    "place and dotted date alone": ("Vilnius, 11.07.2023\n\nThe ministers agreed a plan.\n", None),
    "slashed, day first": (
        "Vilnius, 24/07/2023 - The ministers agreed a plan.\n",
        dt.date(2023, 7, 24),
    ),
    "slashed, month first": (
        "VILNIUS, 07/24/2023 - The ministers agreed a plan.\n",
        dt.date(2023, 7, 24),
    ),
}


@pytest.mark.parametrize("case", sorted(DATELINES))
def test_a_body_dateline_dates_the_document(case: str) -> None:
    body, expected = DATELINES[case]
    for text in (body, f"---\ntitle: Ports\n---\n{body}"):  # with front matter and without
        document, warnings = parse(text)
        assert document.date == (expected or dt.date(2023, 7, 11)), case
        assert document.date_precision == "day" and document.day == document.date
        assert document.metadata["date_source"] == "dateline"
        assert warnings == []
        first_line = body.splitlines()[0].replace("**", "")
        assert first_line.split()[0].strip(",") in document.text  # it stays analysed text


def test_a_slashed_date_both_readings_of_which_are_days_dates_nothing() -> None:
    # 03/04/2023 is 3 April to some writers and March 4 to others
    document, _ = parse("VILNIUS, 03/04/2023 - The ministers agreed a plan.\n")
    assert document.date is None


def test_a_dateline_below_a_few_header_lines_still_counts() -> None:
    header = "".join(f"Header line {n}\n" for n in range(1, 8))
    document, _ = parse(f"{header}\nBRUSSELS, 11 July 2023 – The ministers agreed a plan.\n")
    assert document.date == dt.date(2023, 7, 11)


def test_the_first_paragraph_of_prose_is_read_even_after_many_short_lines() -> None:
    menu = "".join(f"Menu {n}\n\n" for n in range(20))
    prose = "BRUSSELS, 11 July 2023 – The ministers agreed a plan for the ports and the rail."
    document, _ = parse(f"{menu}{prose}\n")
    assert document.date == dt.date(2023, 7, 11)


def test_a_date_far_down_the_document_is_not_a_dateline() -> None:
    prose = "The ministers met and discussed the ports, the railways and the budget at length."
    body = "\n\n".join([prose] * 20) + "\n\n11 July 2023\n"
    document, _ = parse(body)
    assert document.date is None


@pytest.mark.parametrize(
    "body",
    [
        "The harbour board met in Lisbon on 4 May 2019 and approved its budget.\n",
        "On 4 May 2019, the harbour board approved its budget.\n",
        "Since 4 May 2019 – a Saturday – the harbour has been closed.\n",
        "The harbour board approved its budget, which was signed on\n4 May 2019\nin Lisbon.\n",
        "The budget was adopted by the board, which met\n4 May 2019.\n",
        "Today, 4 May 2019 – a Saturday – the harbour reopened.\n",
        "The harbour reopened (see the notice of 04.05.2019) after repairs.\n",
        "4 May 2019 – the board meets.\n5 June 2019 – the board votes.\n",  # a chronology
        "- 4 May 2019: the board meets\n- 5 June 2019: the board votes\n",
        "Updated: 5 May 2019\n\nThe harbour board approved its budget.\n",
        "UPDATED, 5 May 2019 – The harbour board approved its budget.\n",
    ],
)
def test_a_date_in_an_ordinary_sentence_does_not_date_the_document(body: str) -> None:
    document, warnings = parse(body)
    assert document.date is None and document.date_precision is None
    assert "date_source" not in document.metadata and warnings == []


def test_the_layout_date_line_comes_before_a_body_dateline() -> None:
    text = "**A Statement on Ports**\n*July 10, 2023*\n\nBRUSSELS, 11 July 2023 – Agreed.\n"
    document, _ = parse(text)
    assert document.date == dt.date(2023, 7, 10)
    assert document.metadata["date_source"] == "date line"


# Relative dates need a day ------------------------------------------------------------------

SAID_TODAY = (
    "Defence Ministers met today in Brussels. "
    "Leaders met today on the one-month anniversary of the invasion of Ukraine.\n"
)


def facts_of(document: Document, ruleset: RuleSet, rule: str) -> list[str]:
    analysed = Pipeline(ruleset.patterns()).analyse([document])
    facts, errors = extract_facts(analysed, ruleset.select(enable=[rule]))
    assert not errors
    return sorted(f"{f.key} = {ruleset.get(rule).rule.describe(f)}" for f in facts[rule])


@pytest.mark.parametrize("value", ["'2022-03'", "2022", "March 2022"])
def test_a_month_or_year_dated_document_never_resolves_today(value: str, ruleset: RuleSet) -> None:
    document, _ = dated(value, SAID_TODAY)
    assert document.date is not None and document.day is None
    facts = facts_of(document, ruleset, "summit-dates")
    assert not any("2022" in fact for fact in facts), facts  # no day made up from 1 March


def test_the_same_text_dated_to_the_day_resolves_today(ruleset: RuleSet) -> None:
    document, _ = dated("2022-03-24", SAID_TODAY)
    facts = facts_of(document, ruleset, "summit-dates")
    assert any("24 March 2022" in fact for fact in facts), facts
    assert any("24 February 2022" in fact for fact in facts), facts


def test_document_day_is_the_date_only_at_day_precision() -> None:
    march = dt.date(2022, 3, 1)
    assert Document("a", "a.md", "x", [0], date=march, date_precision="month").day is None
    assert Document("a", "a.md", "x", [0], date=march, date_precision="year").day is None
    assert Document("a", "a.md", "x", [0], date=march, date_precision="day").day == march
    assert Document("a", "a.md", "x", [0], date=march).date_precision == "day"
    assert Document("a", "a.md", "x", [0], date_precision="day").date_precision is None
    with pytest.raises(ValueError):
        Document("a", "a.md", "x", [0], date=march, date_precision="week")


# Properties ---------------------------------------------------------------------------------

DATE_LIKE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40),
    st.from_regex(r"\A\d{4}(-\d{1,2}(-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2})?Z?)?)?)?\Z"),
    st.from_regex(r"\A\d{1,2}(st|nd|th)? (July|jul\.|SEPT) \d{1,4}\Z"),
    st.from_regex(r"\A\d{1,2}\.\d{1,2}\.\d{1,5}\Z"),
    st.builds(
        lambda day, form: day.strftime(form),
        st.dates(),
        st.sampled_from(["%d %B %Y", "%B %d, %Y", "%a, %d %b %Y", "%Y-%m", "%Y", "%d.%m.%Y"]),
    ),
)
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | DATE_LIKE,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(YAML_VALUES)
def test_any_front_matter_value_gives_a_date_or_a_reason(value: object) -> None:
    outcome = front_matter_date(value)
    if isinstance(outcome, StatedDate):
        assert outcome.precision in ("day", "month", "year")
        assert isinstance(outcome.date, dt.date)
    else:
        assert outcome.startswith("front matter date ") and "\n" not in outcome


@settings(max_examples=200, deadline=None)
@given(DATE_LIKE)
def test_any_string_as_front_matter_date_never_raises(text: str) -> None:
    front = yaml.safe_dump({"date": text}, allow_unicode=False, width=10_000)
    document, warnings = parse(f"---\n{front}---\n{BODY}")
    assert (document.date is None) == (len(warnings) == 1), (text, warnings)
    if document.date is not None:
        assert document.date_precision in ("day", "month", "year")
    else:
        assert warnings[0].startswith("doc.md: front matter date")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(["", "FOR IMMEDIATE RELEASE", "BRUSSELS, 11 July 2023 –", "On"]),
            DATE_LIKE,
        ),
        max_size=16,
    )
)
def test_any_top_of_a_body_gives_a_dateline_or_none(lines: list[str]) -> None:
    found = find_dateline(lines)
    assert found is None or (found.precision == "day" and isinstance(found.date, dt.date))

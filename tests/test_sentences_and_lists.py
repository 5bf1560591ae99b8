"""Sentences and lists as a reader sees them: a title line stands alone, wrapped prose is
rejoined at any width, and list items belong to the sentence that introduces them."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.audit import extract_facts
from checker.ingest import parse_document
from checker.model import Document
from checker.nlp import AnalysedDocument, Pipeline, Sentence
from checker.rules import RuleSet


def parse(text: str, name: str = "doc.txt") -> Document:
    return parse_document(name, name.rsplit(".", 1)[0], text.encode("utf-8"))


def analyse(text: str, patterns: RuleSet | None = None) -> AnalysedDocument:
    pipeline = Pipeline(patterns.patterns() if patterns else ())
    return pipeline.analyse([parse(text)])[0]


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in analyse(text).sentences]


def position(document: Document, offset: int) -> tuple[int, int]:
    return document.position(offset)


BODY = (
    "Ministers met in Tallinn on 13 October 2031 and agreed to meet again in Oslo on "
    "9 February 2032, when they expect to sign the air policing plan for the region."
)


# Title lines, datelines, bylines -------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "width"),
    [
        (["Ministers agree air policing plan"], None),  # over an unwrapped paragraph
        (["Ministers agree air policing plan", "Tallinn, 14 October 2031"], None),
        (["Ministers agree air policing plan", "By Kadri Tamm", "14 October 2031"], 72),
        (["AIR POLICING PLAN AGREED BY DEFENCE MINISTERS OF THE REGION"], 60),  # capitals
        (["Ministers agree an air policing plan for the Baltic region", "14 Oct 2031"], 60),
    ],
)
def test_a_title_line_without_a_full_stop_is_its_own_sentence(
    head: list[str], width: int | None
) -> None:
    body = textwrap.fill(BODY, width) if width else BODY
    sentences = texts("\n".join([*head, body]) + "\n")
    assert sentences[: len(head)] == head
    assert " ".join(sentences[len(head) :]) == BODY


def test_a_markdown_heading_over_its_text_is_its_own_sentence() -> None:
    sentences = texts("Ministers met.\n\n## Air policing\n" + textwrap.fill(BODY, 48) + "\n")
    assert sentences[:2] == ["Ministers met.", "Air policing"]
    assert " ".join(sentences[2:]) == BODY


def test_the_date_of_a_title_line_does_not_mix_with_the_next_sentence() -> None:
    analysed = analyse("Summit of 14 October 2031\nMinisters will meet again on 9 February 2032.\n")
    first, second = analysed.sentences
    assert first.text == "Summit of 14 October 2031"
    assert "2032" not in first.text and "2031" not in second.text
    assert analysed.document.position(second.start) == (2, 1)


def test_a_title_line_stays_apart_across_a_blank_line_too() -> None:
    title = (
        "Joint Statement of the Defence Ministers of the Northern Shield on the Air Policing Plan"
    )
    doc = parse(f"{title}\n\n{BODY}\n")
    assert doc.text == f"{title}\n\n{BODY}"


# Hard-wrapped prose --------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrapped",
    [
        # a long line ending on a capitalised name, then its surname
        "Ministers thanked the host, Prime Minister Kaja\nKallas, for the meeting.",
        # the next line continues in lower case after a full line
        "Ministers thanked the host for a meeting that\nwas well prepared.",
        # the line ends mid-clause (an article, a preposition, a comma)
        "Ministers met in Tallinn with the\nPresident of Finland and the Prime Minister of\n"
        "Norway, Jonas Gahr Store.",
        # a compound word broken at its hyphen
        "The plan strengthens Euro-\nAtlantic security.",
        # a line that starts with a number and a full stop, mid-sentence
        "Ministers will sign the plan in Oslo on February\n9. The Council meets again in 2033.",
    ],
)
def test_hard_wrapped_prose_is_rejoined(wrapped: str) -> None:
    assert parse(wrapped + "\n").text == " ".join(wrapped.split("\n")).replace("- ", "-")


PROSE = (
    "On 14 October 2031 the defence ministers of the Northern Shield met in Tallinn.",
    "They agreed to set up three new battlegroups in Estonia, Finland and Norway.",
    "President Karis welcomed the decision and thanked Prime Minister Store of Norway.",
    "The Euro-Atlantic air policing plan will run until 2035 and cost 1.2 billion euros.",
    "NATO and the EU will review it in May 2033, when the U.S. Secretary of Defense visits.",
    '"We stand ready," said the Estonian minister.',
    "Its 4,000 troops will train on Finnish soil, alongside the Swedish Navy, every spring.",
    "In response to Russia's war against Ukraine, the Council will meet again in Helsinki.",
    "The Heads of State and Government of the 32 Allies endorsed the plan.",
    "Questions? Ministers will brief the press at 10:30 CET on Friday!",
    "2032 will be a year of exercises in the High North and the Baltic Sea.",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PROSE), min_size=1, max_size=6),
    st.integers(min_value=30, max_value=120),
    st.booleans(),
)
def test_rewrapping_prose_at_any_width_keeps_the_sentences(
    sentences: list[str], width: int, break_on_hyphens: bool
) -> None:
    paragraph = " ".join(sentences)
    wrapped = "\n".join(textwrap.wrap(paragraph, width, break_on_hyphens=break_on_hyphens))
    assert texts(wrapped + "\n") == texts(paragraph + "\n")


# Lists ---------------------------------------------------------------------------------

LIST = (
    "Ministers agreed on three new battlegroups.\n"  # line 1
    "The new battlegroups will be based in:\n"  # line 2
    "- Estonia\n"
    "- Finland\n"
    "- Norway\n"  # line 5
    "\n"
    "Training starts in 2032.\n"
)


def item_words(sentence: Sentence) -> list[str]:
    return [" ".join(t.text for t in sentence.tokens[a:b]) for a, b in sentence.list_items()]


def test_list_items_join_the_sentence_that_introduces_them(ruleset: RuleSet) -> None:
    analysed = analyse(LIST, ruleset)
    first, introduced, after = analysed.sentences
    assert first.text == "Ministers agreed on three new battlegroups."
    assert (
        introduced.text == "The new battlegroups will be based in:\n- Estonia\n- Finland\n- Norway"
    )
    assert item_words(introduced) == ["Estonia", "Finland", "Norway"]
    assert after.text == "Training starts in 2032." and after.paragraph == introduced.paragraph + 1
    # every item's first word maps back to its own line and column of the file
    starts = [introduced.tokens[a].start for a, _ in introduced.list_items()]
    assert [position(analysed.document, s) for s in starts] == [(3, 3), (4, 3), (5, 3)]
    # the records stay exact: a sentence is its slice of the text, a mention its tokens
    for sentence in analysed.sentences:
        assert analysed.document.text[sentence.start : sentence.end] == sentence.text
        for mention in sentence.mentions:
            assert sentence.tokens[mention.first_token].start == mention.start
            assert sentence.tokens[mention.last_token - 1].end == mention.end
    assert {m.text for m in introduced.labelled("COUNTRY")} == {"Estonia", "Finland", "Norway"}


def test_a_bulleted_list_is_one_fact_with_exact_evidence(ruleset: RuleSet) -> None:
    analysed = Pipeline(ruleset.patterns()).analyse([parse(LIST)])
    facts, errors = extract_facts(analysed, ruleset.select(enable=["battlegroup-countries"]))
    assert not errors
    (fact,) = facts["battlegroup-countries"]
    assert str(fact.value) == "3 battlegroups: Estonia, Finland, Norway"
    span = fact.span
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 3, 5, 9)
    assert span.quote == "Estonia\n- Finland\n- Norway"


@pytest.mark.parametrize(
    "text",
    [
        "Hosts:\n1. Estonia\n2. Finland\n3. Norway\n",
        "Hosts:\n1) Estonia\n2) Finland\n3) Norway\n",
        "Hosts:\n* Estonia\n* Finland\n* Norway\n",
        "Hosts:\n\u2022 Estonia\n\u2022 Finland\n\u2022 Norway\n",
        "Hosts:\n\n- Estonia\n\n- Finland\n\n- Norway\n",  # a loose Markdown list
        "Hosts:\n- Estonia;\n- Finland; and\n- Norway.\n",
    ],
)
def test_numbered_bulleted_and_loose_lists_are_one_sentence(text: str) -> None:
    (sentence,) = analyse(text).sentences
    assert [words.split()[0] for words in item_words(sentence)] == ["Estonia", "Finland", "Norway"]


def test_an_item_wrapped_over_two_lines_is_one_item() -> None:
    (sentence,) = analyse(
        "The plan covers:\n- air policing over\n  the Baltic states\n- exercises\n"
    ).sentences
    assert item_words(sentence) == ["air policing over the Baltic states", "exercises"]


def test_items_after_a_full_stop_are_sentences_of_their_own() -> None:
    sentences = texts(
        "Ministers agreed on two steps.\n- They set up a command.\n- They meet in 2033.\n"
    )
    assert sentences == [
        "Ministers agreed on two steps.",
        "- They set up a command.",
        "- They meet in 2033.",
    ]


def test_a_fact_sheets_labelled_rows_are_sentences_of_their_own() -> None:
    sentences = texts(
        "* New plan: adopted at today's meeting\n* Budget: four million\n* Staff: 40\n"
    )
    assert sentences == [
        "* New plan: adopted at today's meeting",
        "* Budget: four million",
        "* Staff: 40",
    ]


def test_a_list_under_a_labelled_sentence_stays_one_sentence() -> None:
    # "Hosts:" ends its line: a sentence introducing its items, not a row
    sentences = texts("Hosts:\n- Estonia\n- Finland\n")
    assert sentences == ["Hosts:\n- Estonia\n- Finland"]


def test_a_line_after_a_list_starts_a_sentence() -> None:
    sentences = texts("Hosts:\n- Estonia\n- Finland\nTraining starts in 2032.\n")
    assert sentences == ["Hosts:\n- Estonia\n- Finland", "Training starts in 2032."]


def test_a_dash_or_number_in_wrapped_prose_is_no_list_item() -> None:
    text = (
        "The ministers met in Tallinn on Friday (Reuters) - and agreed on the plan, which "
        "is due on May 30. They meet again in Oslo on June 14 - 15. The plan is ready."
    )
    wraps = {width: textwrap.fill(text, width) for width in range(30, 121)}
    line_starts = {line[:3] for wrapped in wraps.values() for line in wrapped.split("\n")}
    assert {"- a", "30.", "- 1"} <= line_starts  # widths where a wrapped line looks like an item
    for width, wrapped in wraps.items():
        assert parse(wrapped + "\n").text == text, width

"""Ingestion: metadata, every normalisation, and the provenance map back to the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.ingest import document_ids, load_documents, parse_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NATO = SEEDS / "000_0a250b0e07406cdf.txt"
WHITE_HOUSE = SEEDS / "003_991f4bdfd60fae3c.txt"


def parse(text: str | bytes, name: str = "doc.txt"):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(name, Path(name).stem, data)


def assert_maps_back(doc, phrase: str) -> None:  # type: ignore[no-untyped-def]
    """The analysed phrase starts at the reported line and column of the original file."""
    start = doc.text.index(phrase)
    line, column = doc.position(start)
    original_line = doc.original.splitlines()[line - 1]
    assert original_line[column - 1 :].startswith(phrase[:5]), (line, column, original_line)


def test_dcpd_layout_is_metadata_not_body() -> None:
    doc = parse(NATO.read_bytes(), NATO.name)
    assert doc.title.startswith("Joint Statement by North Atlantic Treaty Organization Leaders")
    assert doc.date == dt.date(2022, 3, 24)
    assert doc.issuer == "North Atlantic Treaty Organization Leaders"
    assert doc.identifiers == {"dcpd": "DCPD202200205"}
    assert doc.metadata["administration"].startswith("Administration of Joseph R. Biden")
    assert doc.text.startswith("We, the Heads of State")
    for trailer in ("NOTE:", "Categories", "DCPD", "Administration of", "**", "*March"):
        assert trailer not in doc.text


def test_front_matter_gives_title_date_url() -> None:
    doc = parse(WHITE_HOUSE.read_bytes(), WHITE_HOUSE.name)
    assert doc.title == "Statement from President Biden on the Extraordinary NATO Summit"
    assert doc.date == dt.date(2022, 3, 24)
    assert doc.issuer == "President Biden"
    assert doc.url is not None and doc.url.startswith("https://www.whitehouse.gov/")
    assert doc.text.startswith("NATO leaders met today")
    assert "###" not in doc.text and "\\" not in doc.text


def test_hard_wrapped_lines_become_one_paragraph() -> None:
    doc = parse("First line of a\nwrapped sentence.\n\nSecond paragraph.\n")
    assert doc.text == "First line of a wrapped sentence.\n\nSecond paragraph."


def test_page_break_in_mid_sentence_is_rejoined() -> None:
    doc = parse("assistance in cybersecurity and protection\n\nagainst threats of a nature.\n")
    assert doc.text == "assistance in cybersecurity and protection against threats of a nature."


def test_page_break_before_a_capitalised_word_is_rejoined() -> None:
    text = (
        "We placed troops on the flank, along with significant air and naval assets, under direct"
    )
    doc = parse(text + "\n\nNATO command. Next sentence.\n")
    assert doc.text == text + " NATO command. Next sentence."


def test_headings_and_list_items_stay_apart() -> None:
    doc = parse("Background\n\nThe summit met.\n\n- first item without a stop\n\n- second item\n")
    assert (
        doc.text == "Background\n\nThe summit met.\n\n- first item without a stop\n\n- second item"
    )


def test_paragraphs_ending_a_sentence_stay_apart() -> None:
    doc = parse("One sentence.\n\nanother starts lowercase.\n")
    assert doc.text == "One sentence.\n\nanother starts lowercase."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Russia\u2019s war", "Russia's war"),
        ("\u201cfalse flag\u201d", '"false flag"'),
        ("40,000\u00a0troops", "40,000 troops"),
        ("40\u202f000 troops", "40 000 troops"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\\### end", "### end"),
        ("*emphasis* and **bold** and _under_", "emphasis and bold and under"),
        ("snake_case stays", "snake_case stays"),
        ("a * b", "a * b"),
        ("Intro.\n\n## Section", "Intro.\n\nSection"),
        ("two  spaces", "two spaces"),
    ],
)
def test_character_normalisation(raw: str, expected: str) -> None:
    assert parse(raw + "\n").text == expected


def test_bom_and_crlf_do_not_change_the_text_or_positions() -> None:
    plain = parse("Title line.\n\nSecond paragraph with Slovakia.\n")
    variant = parse(b"\xef\xbb\xbf" + b"Title line.\r\n\r\nSecond paragraph with Slovakia.\r\n")
    assert variant.text == plain.text
    start = plain.text.index("Slovakia")
    assert variant.position(start) == plain.position(start) == (3, 23)


def test_utf16_with_bom_is_read() -> None:
    doc = parse("Allies met in Madrid.\n".encode("utf-16"))
    assert doc.text == "Allies met in Madrid."


@pytest.mark.parametrize(
    "phrase",
    [
        "Bulgaria, Hungary, Romania, and Slovakia",
        "against threats of a chemical",
        "40,000 troops on our eastern flank",
        "Foreign Ministers will discuss further",
    ],
)
def test_provenance_nato(phrase: str) -> None:
    assert_maps_back(parse(NATO.read_bytes(), NATO.name), phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "Slovakia, Romania, Bulgaria, and Hungary",
        "thousands of forces",
        "Russia's further invasion",
    ],
)
def test_provenance_white_house(phrase: str) -> None:
    doc = parse(WHITE_HOUSE.read_bytes(), WHITE_HOUSE.name)
    start = doc.text.index(phrase)
    line, column = doc.position(start)
    original_line = doc.original.splitlines()[line - 1]
    # the original has a curly apostrophe where the analysed text has a straight one
    assert original_line[column - 1 :].replace("\u2019", "'").startswith(phrase.split("\n")[0][:8])


def test_seed_positions_required_by_the_foundation_issue() -> None:
    nato = parse(NATO.read_bytes(), NATO.name)
    white_house = parse(WHITE_HOUSE.read_bytes(), WHITE_HOUSE.name)
    assert nato.position(nato.text.index("Bulgaria, Hungary"))[0] == 32
    assert white_house.position(white_house.text.index("Slovakia, Romania"))[0] == 33


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "no text to analyse"),
        (b"   \n\n  \n", "no text to analyse"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
        (b"---\ntitle: x\nno end\n", "front matter is not terminated"),
        (b"---\n- a\n- b\n---\nText.\n", "front matter is not a mapping"),
        (
            b"---\nx: !!python/object/apply:os.system ['echo hacked']\n---\nText.\n",
            "not valid YAML",
        ),
    ],
)
def test_bad_input_is_a_one_line_error_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(data, "bad.txt")
    message = str(caught.value)
    assert message.startswith("bad.txt: ") and problem in message and "\n" not in message


def test_document_ids_stay_unique_when_names_collide() -> None:
    assert document_ids(["a/doc.txt", "b/doc.txt", "c/other.md"]) == ["a/doc", "b/doc", "other"]


def test_folder_walk_is_sorted_and_skips_non_text(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Beta.\n")
    (tmp_path / "a.md").write_text("Alpha.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n")
    docs = load_documents([str(tmp_path)], tmp_path)
    assert [d.path for d in docs] == ["a.md", "b.txt"]


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_clean_error(data: bytes) -> None:
    try:
        doc = parse(data)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert len(doc.offsets) == len(doc.text)
    for offset in doc.offsets:
        assert 0 <= offset < len(doc.original)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\r\t\u00a0\u2019*_\\#.,"), min_size=1, max_size=80))
def test_every_analysed_character_maps_to_an_original_one(text: str) -> None:
    try:
        doc = parse(text)
    except InputError:
        return
    for char, offset in zip(doc.text, doc.offsets, strict=True):
        source = doc.original[offset]
        assert char == source or char in " \n'\"#*_\\-" or source.isspace()


def test_two_unfinished_blocks_in_a_row_are_headlines_not_a_cut_sentence() -> None:
    """A page break joins an unfinished block to the next only when the next ends a sentence:
    two blocks without a full stop are headlines or bullets, and stay apart."""
    first = "More than 1,000 Federal personnel are on the ground on Maui to aid response efforts"
    second = "$12 million in assistance to over 3,300 households approved to date"
    third = "On Monday, August 21, the President traveled to Maui."
    doc = parse(f"{first}\n\n{second}\n\n{third}\n")
    assert doc.text == f"{first}\n\n{second}\n\n{third}"


@pytest.mark.parametrize("front", ["", "---\ntitle: Live updates\n---\n"])
def test_a_markdown_headline_is_read_whether_or_not_it_names_the_document(front: str) -> None:
    """A headline states what its story does: it is text to read, and the title when no
    front matter gives one (a title in front matter changes nothing that is read)."""
    doc = parse(f"{front}# Ridge Fire death toll rises to 17\n\nCrews worked overnight.\n", "a.md")
    assert doc.text.startswith("Ridge Fire death toll rises to 17")
    assert doc.title == ("Live updates" if front else "Ridge Fire death toll rises to 17")
    assert_maps_back(doc, "Ridge Fire death toll")

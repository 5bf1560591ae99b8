"""Token patterns matched through the words they name (checker.patterns) find exactly what
spaCy's Matcher finds; the analysis finds what spaCy's span ruler found."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from checker.model import Document
from checker.nlp import Pipeline
from checker.patterns import TokenPatterns, supported

NLP = spacy.blank("en")
WORDS = ["march", "March", "24", "2022", "3", "the", "of", "-", ",", "a", "summit", "Q1", "\n"]

specs = st.one_of(
    st.builds(lambda w: {"LOWER": w.lower()}, st.sampled_from(WORDS)),
    st.builds(lambda w: {"ORTH": w}, st.sampled_from(WORDS)),
    st.builds(lambda w: {"TEXT": w}, st.sampled_from(WORDS)),
    st.builds(
        lambda ws: {"LOWER": {"IN": sorted({w.lower() for w in ws})}},
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    ),
    st.builds(lambda ws: {"LOWER": {"NOT_IN": ws}}, st.lists(st.sampled_from(WORDS), max_size=2)),
    st.just({"IS_DIGIT": True}),
    st.just({"LIKE_NUM": True}),
    st.just({"IS_PUNCT": True}),
    st.just({"IS_SPACE": False}),
    st.builds(lambda n: {"IS_DIGIT": True, "LENGTH": {"<=": n}}, st.integers(1, 4)),
    st.builds(lambda n: {"LENGTH": n}, st.integers(1, 5)),
    st.just({"TEXT": {"REGEX": r"^(19|20)\d\d$"}}),
    st.just({"LOWER": {"REGEX": "^(mar|sum)"}}),
    st.just({}),
)
operators = st.sampled_from([None, None, "?", "{2}", "{1,2}", "{,2}"])


@st.composite
def patterns(draw: Any) -> list[dict[str, Any]]:
    pattern = []
    for _ in range(draw(st.integers(1, 4))):
        spec = dict(draw(specs))
        operator = draw(operators)
        if operator is not None:
            spec["OP"] = operator
        pattern.append(spec)
    return pattern


def spacy_matches(pattern: list[dict[str, Any]], words: list[str]) -> set[tuple[int, int]]:
    matcher = Matcher(NLP.vocab)
    matcher.add("P", [pattern])
    doc = NLP.make_doc(" ".join(words))
    return {(start, end) for _, start, end in matcher(doc) if start != end}


def ours(pattern: list[dict[str, Any]], words: list[str]) -> set[tuple[int, int]]:
    compiled = TokenPatterns([("P", pattern)])
    doc = NLP.make_doc(" ".join(words))
    bits = [compiled.word_bits(NLP.vocab[token.orth]) for token in doc]
    return {(start, end) for start, end, _ in compiled.match(bits)}


@settings(max_examples=400, deadline=None)
@given(patterns(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_the_same_matches_as_spacys_matcher(
    pattern: list[dict[str, Any]], words: list[str]
) -> None:
    if not supported(pattern):
        return
    assert ours(pattern, words) == spacy_matches(pattern, words)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a", "OP": "+"}],
        [{"LOWER": "a"}, {"OP": "*"}],
        [{"LOWER": "a", "OP": "!"}],
        [{"POS": "NOUN"}],
        [{"LOWER": {"FUZZY": "summit"}}],
        [{"_": {"flag": True}}],
        [{"LOWER": "a", "OP": "?"}],  # could match nothing
        [{"LOWER": "a", "OP": "{2,}"}],
    ],
)
def test_what_is_left_to_spacy(pattern: list[dict[str, Any]]) -> None:
    assert not supported(pattern)


def test_patterns_beyond_the_lexical_matcher_still_match() -> None:
    """A rule may use any span-ruler pattern: those checker.patterns does not know are left
    to spaCy's Matcher, phrases to its PhraseMatcher, and the mentions are the same."""
    pipeline = Pipeline(
        [
            {"label": "REPEATED", "pattern": [{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]},
            {"label": "PHRASE", "pattern": "Heads of State", "id": "heads"},
            {"label": "YEAR", "pattern": [{"TEXT": {"REGEX": r"^(19|20)\d\d$"}}]},
        ]
    )
    text = "In 2022 the Heads of State saw a very very big change."
    (analysed,) = pipeline.analyse([Document("d", "d.md", text, range(len(text)))])
    mentions = [(m.label, m.id, m.text) for s in analysed.sentences for m in s.mentions]
    assert mentions == [
        ("YEAR", "2022", "2022"),
        ("PHRASE", "heads", "Heads of State"),
        ("REPEATED", "very very big", "very very big"),
    ]


def test_a_name_after_a_point_of_the_compass_is_part_of_a_longer_one() -> None:
    """'East Palestine' is a town, not Palestine; 'South Korea', a pattern of its own, is
    matched whole."""
    pipeline = Pipeline(
        [
            {"label": "COUNTRY", "pattern": "Palestine", "id": "PS"},
            {"label": "COUNTRY", "pattern": "Korea", "id": "KR"},
            {"label": "COUNTRY", "pattern": "South Korea", "id": "KR"},
        ]
    )
    text = "Cars derailed in East Palestine. Palestine and South Korea signed. Korea agreed."
    (analysed,) = pipeline.analyse([Document("d", "d.md", text, range(len(text)))])
    mentions = [m.text for s in analysed.sentences for m in s.mentions]
    assert mentions == ["Palestine", "South Korea", "Korea"]


def test_an_invalid_pattern_is_refused() -> None:
    from spacy.errors import MatchPatternError

    with pytest.raises(MatchPatternError):
        Pipeline([{"label": "BAD", "pattern": [{"LOWER": {"IN": "not a list"}}]}])


def test_the_rules_patterns_find_what_spacys_span_ruler_finds() -> None:
    """On real documents, with every bundled rule's patterns: the matches (label, id, token
    span) are the span ruler's, which crossdoc used before it matched token patterns itself."""
    from pathlib import Path

    from checker.ingest import load_documents
    from checker.nlp import _longest_per_label, paragraphs
    from checker.rules import load_rules

    root = Path(__file__).resolve().parent.parent
    patterns = load_rules(root / "rules").patterns()
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "x", "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    analyser = Pipeline(patterns)._analyser
    documents = load_documents([str(root / "seeds"), str(root / "benchmarks" / "corpus")], root)
    compared = 0
    for document in documents:
        for _, text in paragraphs(document.text):
            spacy_doc = nlp(text)
            theirs = sorted(
                spacy_doc.spans["x"], key=lambda s: (s.start_char, -s.end_char, s.label_)
            )
            expected = _longest_per_label([(s.start, s.end, s.label_, s.id_) for s in theirs])
            doc = analyser.make_doc(text)
            bits = [analyser.word(t.orth)[5] for t in doc]
            assert _longest_per_label(analyser.matches(doc, bits)) == expected, text[:80]
            compared += len(expected)
    assert compared > 1000

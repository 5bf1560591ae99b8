"""The NLP layer: spaCy's blank English pipeline with a sentencizer and a span ruler.

spaCy objects stay in this module. Rules receive plain records: sentences with their
tokens and the pattern matches ("mentions") found in them.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.model import Document

SPANS_KEY = "crossdoc"
_DONE = Document("", "", "", ())  # stands in for a document already handed on
MAX_CHUNK = 100_000  # characters given to spaCy at once; longer paragraphs are cut at sentences


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    start: int  # offset in the document's analysed text
    end: int
    like_num: bool
    is_punct: bool


@dataclass(frozen=True)
class Mention:
    """A pattern match: `label` is the kind of thing, `id` its normalised identity."""

    label: str
    id: str
    text: str
    start: int  # offset in the document's analysed text
    end: int
    first_token: int  # index into the sentence's tokens
    last_token: int  # index of the token after the match


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]

    def labelled(self, *labels: str) -> list[Mention]:
        return [m for m in self.mentions if m.label in labels]

    def token_at(self, offset: int) -> int:
        """Index of the token that starts at or covers document offset `offset`."""
        for index, token in enumerate(self.tokens):
            if token.end > offset:
                return index
        return len(self.tokens)


@dataclass(frozen=True)
class AnalysedDocument:
    document: Document
    sentences: tuple[Sentence, ...]

    def paragraph(self, number: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph == number]


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph; ingestion separates paragraphs by a blank line.
    A paragraph longer than MAX_CHUNK (a run-on extraction) is cut after a full stop."""
    found, offset = [], 0
    for part in text.split("\n\n"):
        start = 0
        while len(part) - start > MAX_CHUNK:
            cut = part.rfind(". ", start, start + MAX_CHUNK) + 2
            cut = cut if cut > start + 1 else start + MAX_CHUNK
            found.append((offset + start, part[start:cut]))
            start = cut
        if part[start:].strip():
            found.append((offset + start, part[start:]))
        offset += len(part) + 2
    return found


class Pipeline:
    """Built once per run from the rules' patterns; analyses many documents in one pass."""

    def __init__(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        self._nlp = _build(json.dumps(list(patterns), sort_keys=True))

    def analyse(self, documents: Sequence[Document]) -> list[AnalysedDocument]:
        return list(self.analyse_each(documents))

    def analyse_each(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        """Analysed documents, in order, each as soon as its last paragraph is through: the
        caller keeps what it needs of one document and lets the rest go."""
        pending: list[Document] = []

        def jobs() -> Iterator[tuple[str, tuple[int, int, int]]]:
            for document in documents:
                pending.append(document)
                for number, (offset, text) in enumerate(paragraphs(document.text)):
                    yield text, (len(pending) - 1, number, offset)

        done = 0  # documents of `pending` already yielded
        sentences: list[Sentence] = []
        for spacy_doc, (doc_index, number, offset) in self._nlp.pipe(jobs(), as_tuples=True):
            while doc_index > done:  # every earlier document is complete
                yield AnalysedDocument(pending[done], tuple(sentences))
                pending[done] = _DONE
                sentences = []
                done += 1
            sentences.extend(_sentences(spacy_doc, number, offset, len(sentences)))
        while done < len(pending):
            yield AnalysedDocument(pending[done], tuple(sentences))
            pending[done] = _DONE
            sentences = []
            done += 1


@lru_cache(maxsize=4)
def _build(patterns_json: str) -> Any:
    import spacy  # imported here so that `crossdoc --help` stays fast

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler: Any = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(json.loads(patterns_json))
    return nlp


def _sentences(spacy_doc: Any, paragraph: int, offset: int, first_index: int) -> Iterable[Sentence]:
    sents = list(spacy_doc.sents)
    spans = _longest_per_label(
        sorted(
            spacy_doc.spans.get(SPANS_KEY, []), key=lambda s: (s.start_char, -s.end_char, s.label_)
        )
    )
    starts = [sent.start for sent in sents]
    by_sentence: dict[int, list[Any]] = {}
    for span in spans:  # each match belongs to the sentence it starts in, if it ends there
        number = bisect.bisect_right(starts, span.start) - 1
        if number >= 0 and span.end <= sents[number].end:
            by_sentence.setdefault(number, []).append(span)
    for number, sent in enumerate(sents):
        tokens = tuple(
            Token(
                t.text,
                t.lower_,
                offset + t.idx,
                offset + t.idx + len(t.text),
                bool(t.like_num),
                bool(t.is_punct),
            )
            for t in sent
        )
        mentions = tuple(
            Mention(
                span.label_,
                span.id_ or span.text.lower(),
                span.text,
                offset + span.start_char,
                offset + span.end_char,
                span.start - sent.start,
                span.end - sent.start,
            )
            for span in by_sentence.get(number, [])
        )
        yield Sentence(
            first_index + number,
            paragraph,
            offset + sent.start_char,
            offset + sent.end_char,
            sent.text,
            tokens,
            mentions,
        )


def _longest_per_label(spans: Sequence[Any]) -> list[Any]:
    """Drop a match nested inside a longer match of the same label ("Korea" in "South Korea").
    `spans` are sorted by start, longest first, so a running end per label suffices."""
    kept: list[Any] = []
    reach: dict[str, int] = {}
    for span in spans:
        if reach.get(span.label_, -1) >= span.end:
            continue
        kept.append(span)
        reach[span.label_] = max(reach.get(span.label_, -1), span.end)
    return kept

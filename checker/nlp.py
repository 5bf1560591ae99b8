"""The NLP layer: spaCy's blank English pipeline with a sentencizer and a span ruler.

spaCy objects stay in this module. Rules receive plain records: sentences with their
tokens and the pattern matches ("mentions") found in them.

Sentences are cut where a reader cuts them. Ingestion keeps a line break ("\\n" inside a
paragraph) only where a reader sees one: after a title, a dateline or a byline, and before
the items of a list. Such a line starts a new sentence, except a list item that continues
an unfinished sentence: "The new battlegroups will be based in:\\n- Bulgaria\\n- Hungary" is
one sentence, its items on lines of their own (`Sentence.list_items`). An item that follows
a full stop starts a sentence of its own.
"""

from __future__ import annotations

import bisect
import json
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.model import Document

SPANS_KEY = "crossdoc"
LINE_BREAKS = "crossdoc_line_breaks"  # the component that cuts sentences at kept line breaks
BULLETS = {"-", "*", "+", "•"}
SENTENCE_STOPS = {".", "!", "?", "…"}
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
    line_start: bool = False  # the first token of a line (a list item, a title's next line)
    bullet: bool = False  # part of a list item's bullet or number ("-", "•", "2", ".")


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

    def list_items(self) -> list[tuple[int, int]]:
        """Token ranges (start, end) of the list items in this sentence, bullets left out:
        "based in:\\n- Bulgaria\\n- Hungary" has two, "Bulgaria" and "Hungary". An item runs
        to the next line's start (an item wrapped over several lines is one item)."""
        items: list[tuple[int, int]] = []
        index = 0
        while index < len(self.tokens):
            if not (self.tokens[index].line_start and self.tokens[index].bullet):
                index += 1
                continue
            start = index
            while start < len(self.tokens) and self.tokens[start].bullet:
                start += 1
            end = start
            while end < len(self.tokens) and not self.tokens[end].line_start:
                end += 1
            items.append((start, end))
            index = end
        return items

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


# spaCy's own warnings ("[W036] The component 'span_ruler' does not have any patterns
# defined", from a rule set without patterns) say nothing a crossdoc user can act on.
SPACY_WARNING = r"\[W\d{3}\]"


class _Quiet:
    """The spaCy pipeline, with spaCy's warnings silenced while it builds and runs (each
    step of `pipe` under its own filter, so the caller's warnings stay as they were)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def pipe(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with _Silenced():
            results = iter(self.nlp.pipe(*args, **kwargs))
        while True:
            with _Silenced():
                try:
                    item = next(results)
                except StopIteration:
                    return
            yield item

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)


class _Silenced(warnings.catch_warnings):
    """Within: spaCy's warnings are ignored; after: the filters are as they were."""

    def __enter__(self) -> None:
        super().__enter__()
        warnings.filterwarnings("ignore", message=SPACY_WARNING)


@lru_cache(maxsize=4)
def _build(patterns_json: str) -> Any:
    with _Silenced():
        return _Quiet(_build_pipeline(patterns_json))


def _build_pipeline(patterns_json: str) -> Any:
    import spacy  # imported here so that `crossdoc --help` stays fast

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    if not spacy.language.Language.has_factory(LINE_BREAKS):
        spacy.language.Language.component(LINE_BREAKS, func=_line_breaks)
    nlp.add_pipe(LINE_BREAKS)
    ruler: Any = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(json.loads(patterns_json))
    return nlp


def _line_breaks(doc: Any) -> Any:
    """After the sentencizer: a line (after a "\\n" token) starts a sentence, unless it is a
    list item continuing a sentence that has not ended ("based in:\\n- Bulgaria"); a bullet
    or an item's number ("2." in "\\n2. Hungary") never ends one."""
    for index, token in enumerate(doc[:-1]):
        if not (token.is_space and "\n" in token.text) or index == 0:
            continue
        token.is_sent_start = False
        content = _item_content(doc, index + 1)
        if content is None:
            doc[index + 1].is_sent_start = True
            continue
        before = doc[index - 1]
        closing = (before.is_quote or before.is_bracket) and index > 1
        ended = before.text in SENTENCE_STOPS or (
            closing and doc[index - 2].text in SENTENCE_STOPS
        )  # '... the following:\n- A' goes on; '... was agreed.\n- A' starts anew
        doc[index + 1].is_sent_start = bool(ended)
        for inner in doc[index + 2 : content + 1]:
            inner.is_sent_start = False
    return doc


def _item_content(doc: Any, index: int) -> int | None:
    """The index of the first token after the bullet of a list item starting at `index`
    ("-", "•", "2." or "2)"), or None when no list item starts there."""
    token = doc[index]
    if token.text in BULLETS and index + 1 < len(doc):
        return index + 1
    if token.text.isdigit() and index + 2 < len(doc) and doc[index + 1].text in (".", ")"):
        return index + 2
    if token.text[:-1].isdigit() and token.text[-1:] in ".)" and index + 1 < len(doc):
        return index + 1
    return None


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
    line_starts = {
        t.i + 1 for t in spacy_doc if t.is_space and "\n" in t.text and t.i + 1 < len(spacy_doc)
    }
    bullets = {
        i
        for start in line_starts
        if (content := _item_content(spacy_doc, start)) is not None
        for i in range(start, content)
    }
    index = first_index
    for number, sent in enumerate(sents):
        # line breaks are not tokens: rules see words and punctuation, each line's first
        # token marked; a mention's token indices count the tokens kept
        kept = [t for t in sent if not t.is_space]
        if not kept:
            continue
        position = {t.i: k for k, t in enumerate(kept)}
        tokens = tuple(
            Token(
                t.text,
                t.lower_,
                offset + t.idx,
                offset + t.idx + len(t.text),
                bool(t.like_num),
                bool(t.is_punct),
                t.i in line_starts,
                t.i in bullets,
            )
            for t in kept
        )
        mentions = tuple(
            Mention(
                span.label_,
                span.id_ or span.text.lower(),
                span.text,
                offset + span.start_char,
                offset + span.end_char,
                _kept_index(position, span.start, sent.end),
                _kept_index(position, span.end, sent.end, len(kept)),
            )
            for span in by_sentence.get(number, [])
        )
        start_char, end_char = kept[0].idx, kept[-1].idx + len(kept[-1].text)
        yield Sentence(
            index,
            paragraph,
            offset + start_char,
            offset + end_char,
            spacy_doc.text[start_char:end_char],
            tokens,
            mentions,
        )
        index += 1


def _kept_index(position: dict[int, int], token: int, stop: int, default: int = 0) -> int:
    """The index among a sentence's kept tokens of spaCy token `token`, or of the next kept
    token when that one is a line break."""
    while token < stop:
        if token in position:
            return position[token]
        token += 1
    return default


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

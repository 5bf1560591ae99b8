"""The NLP layer: spaCy's blank English tokenizer, sentences as spaCy's sentencizer cuts
them, and the rules' patterns as spaCy's span ruler matches them.

spaCy objects stay in this module. Rules receive plain records: sentences with their
tokens and the pattern matches ("mentions") found in them. The records are built from
spaCy's arrays and each word's attributes, read once per run (`_Analyser`), not from a
spaCy Token object per token: that, and matching token patterns through the words they
name (checker.patterns), is what makes analysis several times faster than the pipeline
of spaCy components it replaces, with the same sentences, tokens and mentions.

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
from operator import attrgetter
from typing import Any, NamedTuple

from checker.model import Document

BULLETS = {"-", "*", "+", "•"}
SENTENCE_STOPS = {".", "!", "?", "…"}
MAX_CHUNK = 100_000  # characters given to spaCy at once; longer paragraphs are cut at sentences
# A word's own attributes, read once per run: (text, lower, like_num, is_punct, is_space,
# the bits of the pattern conditions it meets, is_quote or is_bracket)
Word = tuple[str, str, bool, bool, bool, int, bool]


class Token(NamedTuple):
    """A word or punctuation mark. A named tuple rather than a dataclass: a document has
    thousands, and a tuple is made several times faster."""

    text: str
    lower: str
    start: int  # offset in the document's analysed text
    end: int
    like_num: bool
    is_punct: bool
    line_start: bool = False  # the first token of a line (a list item, a title's next line)
    bullet: bool = False  # part of a list item's bullet or number ("-", "•", "2", ".")


_START = attrgetter("start")
_END = attrgetter("end")


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
        return bisect.bisect_right(self.tokens, offset, key=_END)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last): the indices of the first token that ends after document offset
        `start` and of the last that starts before `end`; None when either is missing.
        Bisection, not a scan: tokens are in text order and never overlap, so both their
        starts and their ends ascend."""
        first = bisect.bisect_right(self.tokens, start, key=_END)
        last = bisect.bisect_left(self.tokens, end, key=_START) - 1
        if first == len(self.tokens) or last < 0:
            return None
        return first, last


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
        self._analyser = _build(json.dumps(list(patterns), sort_keys=True))

    def analyse(self, documents: Sequence[Document]) -> list[AnalysedDocument]:
        return list(self.analyse_each(documents))

    def analyse_each(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        """Analysed documents, in order, each as soon as its last paragraph is through: the
        caller keeps what it needs of one document and lets the rest go."""
        analyser = self._analyser
        for document in documents:
            sentences: list[Sentence] = []
            with _Silenced():  # once a document: entering it costs as much as a short paragraph
                for number, (offset, text) in enumerate(paragraphs(document.text)):
                    sentences.extend(analyser.sentences(text, number, offset, len(sentences)))
            yield AnalysedDocument(document, tuple(sentences))


# spaCy's own warnings (such as "[W036] The component 'span_ruler' does not have any
# patterns defined") say nothing a crossdoc user can act on.
SPACY_WARNING = r"\[W\d{3}\]"


class _Silenced(warnings.catch_warnings):
    """Within: spaCy's warnings are ignored; after: the filters are as they were."""

    def __enter__(self) -> None:
        super().__enter__()
        warnings.filterwarnings("ignore", message=SPACY_WARNING)


@lru_cache(maxsize=4)
def _build(patterns_json: str) -> _Analyser:
    import spacy  # imported here so that `crossdoc --help` stays fast

    with _Silenced():
        return _Analyser(spacy.blank("en"), json.loads(patterns_json))


def sentence_starts(
    texts: Sequence[str], words: Sequence[Word], stops: frozenset[str]
) -> list[bool]:
    """Which tokens start a sentence. First spaCy's sentencizer: a sentence ends after its
    final punctuation (and the quotes or brackets closing it). Then line breaks: a line
    (after a "\\n" token) starts a sentence, unless it is a list item continuing a sentence
    that has not ended ("based in:\\n- Bulgaria"); a bullet or an item's number ("2." in
    "\\n2. Hungary") never ends one. `words[n]` is token n's Word; `stops` are the
    sentencizer's final punctuation."""
    count = len(texts)
    starts = [False] * count
    if not count:
        return starts
    starts[0] = True
    start, seen_stop = 0, False
    for index, text in enumerate(texts):  # spaCy's Sentencizer.predict, on strings
        stop = text in stops
        if seen_stop and not words[index][3] and not stop:
            starts[start] = True
            start, seen_stop = index, False
        elif stop:
            seen_stop = True
    starts[start] = True
    for index in range(1, count - 1):
        if not (words[index][4] and "\n" in texts[index]):
            continue
        starts[index] = False
        content = _item_content(texts, index + 1)
        if content is None:
            starts[index + 1] = True
            continue
        closing = words[index - 1][6] and index > 1
        ended = texts[index - 1] in SENTENCE_STOPS or (
            closing and texts[index - 2] in SENTENCE_STOPS
        )  # '... the following:\n- A' goes on; '... was agreed.\n- A' starts anew
        # a fact sheet's rows ("- Battlegroups: four ...", "- Troops: 40,000") are each a
        # statement of its own, whether this row or the one before is labelled
        rows = _labelled(texts, content) or _labelled(texts, _item_before(texts, index))
        starts[index + 1] = ended or rows
        for inner in range(index + 2, min(content + 1, count)):
            starts[inner] = False
    return starts


LABEL_WORDS = 8  # a row's label ("New battlegroups agreed on 24 March 2022:") is this short


def _labelled(texts: Sequence[str], start: int | None) -> bool:
    """Does the line from token `start` open with a label: words, a colon, then more on
    the line ("Eastern flank: 40,000 troops")?"""
    if start is None:
        return False
    for index in range(start, min(len(texts) - 1, start + LABEL_WORDS + 1)):
        if "\n" in texts[index]:
            return False
        if texts[index] == ":":
            return index > start and "\n" not in texts[index + 1]
    return False


def _item_before(texts: Sequence[str], index: int) -> int | None:
    """The first token after the bullet of the list item on the line ending at token
    `index` (a line break), or None when that line is no list item."""
    line = index - 1
    while line > 0 and "\n" not in texts[line - 1]:
        line -= 1
    return _item_content(texts, line) if line > 0 or texts[0] in BULLETS else None


def _item_content(texts: Sequence[str], index: int) -> int | None:
    """The index of the first token after the bullet of a list item starting at `index`
    ("-", "•", "2." or "2)"), or None when no list item starts there."""
    token = texts[index]
    if token in BULLETS and index + 1 < len(texts):
        return index + 1
    if token.isdigit() and index + 2 < len(texts) and texts[index + 1] in (".", ")"):
        return index + 2
    if token[:-1].isdigit() and token[-1:] in ".)" and index + 1 < len(texts):
        return index + 1
    return None


class _Analyser:
    """The rules' patterns, as spaCy's span ruler reads them (phrases compared in lower case,
    token patterns in spaCy's Matcher syntax), and the records rules receive.

    What the span ruler found is found here, faster: phrases go to spaCy's PhraseMatcher;
    token patterns to checker.patterns, which tests each distinct word once against every
    token condition (spaCy's Matcher tests each token against each pattern); patterns
    beyond what it knows go to spaCy's Matcher. Every word's attributes (its text, lower
    case, number and punctuation flags, the conditions it meets) are read once per run and
    kept, so a token costs a dictionary look-up, not a spaCy Token object.
    """

    def __init__(self, nlp: Any, patterns: Sequence[Mapping[str, Any]]) -> None:
        from spacy.attrs import IDX, ORTH
        from spacy.errors import MatchPatternError
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.pipeline import Sentencizer
        from spacy.schemas import validate_token_pattern

        from checker.patterns import TokenPatterns, supported

        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.columns = [ORTH, IDX]
        self.stops = frozenset(Sentencizer.default_punct_chars)
        self.labels: dict[int, tuple[str, str, int]] = {}  # match key -> label, id, id hash
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.fallback = Matcher(nlp.vocab, validate=True)
        phrases: dict[str, list[str]] = {}
        tokens: list[tuple[int, Any]] = []
        for entry in patterns:
            label, ident = str(entry["label"]), str(entry.get("id", ""))
            name = repr((label, ident))
            key = nlp.vocab.strings.add(name)
            self.labels[key] = (label, ident, nlp.vocab.strings.add(ident) if ident else 0)
            pattern = entry["pattern"]
            if isinstance(pattern, str):
                phrases.setdefault(name, []).append(pattern)
            elif isinstance(pattern, list):
                errors = validate_token_pattern(pattern)
                if errors:
                    raise MatchPatternError(repr((label, ident)), {0: errors})
                if supported(pattern):
                    tokens.append((key, pattern))
                else:
                    self.fallback.add(name, [pattern])
            else:
                raise ValueError(f"a pattern is a string or a list of token specs: {pattern!r}")
        texts = [(name, text) for name, listed in phrases.items() for text in listed]
        for (name, _), doc in zip(texts, nlp.tokenizer.pipe(t for _, t in texts), strict=True):
            self.phrases.add(name, [doc])
        self.tokens = TokenPatterns(tokens)
        self.words: dict[int, Word] = {}  # orth id -> the word's attributes

    def word(self, orth: int) -> Word:
        lexeme = self.vocab[orth]
        known = (
            lexeme.orth_,
            lexeme.lower_,
            bool(lexeme.like_num),
            bool(lexeme.is_punct),
            bool(lexeme.is_space),
            self.tokens.word_bits(lexeme),
            bool(lexeme.is_quote or lexeme.is_bracket),
        )
        self.words[orth] = known
        return known

    def matches(self, spacy_doc: Any, bits: list[int]) -> list[tuple[int, int, str, str]]:
        """(start, end, label, id) of every match, in the span ruler's order: by start,
        longest first, then label; of equal spans of one label, the first id (by hash)."""
        found: set[tuple[int, int, int]] = set()
        if len(self.phrases):
            found.update((start, end, key) for key, start, end in self.phrases(spacy_doc))
        if len(self.tokens):
            found.update(self.tokens.match(bits))
        if len(self.fallback):
            found.update((start, end, key) for key, start, end in self.fallback(spacy_doc))
        labelled = {
            (start, end, *self.labels[key][:2], self.labels[key][2])
            for start, end, key in found
            if start != end
        }
        ordered = sorted(labelled, key=lambda m: (m[0], -m[1], m[2], m[4]))
        return [(start, end, label, ident) for start, end, label, ident, _ in ordered]

    def sentences(self, text: str, paragraph: int, offset: int, first_index: int) -> list[Sentence]:
        """The sentences of one paragraph (`text`, at `offset` in its document). The caller
        holds a `_Silenced` block (one a document)."""
        spacy_doc = self.make_doc(text)
        # columns, not rows: a list per token would cost more than the rest of the step
        orths, starts_at = (
            spacy_doc.to_array(self.columns).T.tolist() if len(spacy_doc) else ([], [])
        )
        words, word = self.words, self.word
        known = [words.get(orth) or word(orth) for orth in orths]
        matches = self.matches(spacy_doc, [w[5] for w in known])
        texts = [w[0] for w in known]
        count = len(orths)
        line_starts = {n + 1 for n in range(count - 1) if known[n][4] and "\n" in texts[n]}
        bullets = {
            n
            for start in line_starts
            if (content := _item_content(texts, start)) is not None
            for n in range(start, content)
        }
        starts = sentence_starts(texts, known, self.stops)
        first_tokens = [0, *(n for n in range(1, count) if starts[n])] if count else []
        sents = list(zip(first_tokens, [*first_tokens[1:], count], strict=True))
        by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
        for match in _longest_per_label(matches):
            if match[0] and texts[match[0] - 1] in COMPASS_NAMES:
                continue  # "East Palestine", "West Lothian": a longer name no pattern knows
            # each match belongs to the sentence it starts in, if it ends there
            number = bisect.bisect_right(first_tokens, match[0]) - 1
            if number >= 0 and match[1] <= sents[number][1]:
                by_sentence.setdefault(number, []).append(match)
        made: list[Sentence] = []
        new_token = tuple.__new__
        every = [
            new_token(
                Token,
                (
                    token_text,
                    known_word[1],
                    offset + at,
                    offset + at + len(token_text),
                    known_word[2],
                    known_word[3],
                    False,
                    False,
                ),
            )
            for token_text, known_word, at in zip(texts, known, starts_at, strict=False)
        ]
        # the few tokens that start a line or belong to a bullet, marked afterwards: a test
        # of two sets for every token would cost more
        for n in line_starts:
            every[n] = every[n]._replace(line_start=True, bullet=n in bullets)
        for n in bullets - line_starts:
            every[n] = every[n]._replace(bullet=True)
        spaces = any(known_word[4] for known_word in known)
        for number, (first, stop) in enumerate(sents):
            # line breaks are not tokens: rules see words and punctuation, each line's
            # first token marked; a mention's token indices count the tokens kept
            kept: Sequence[int] = range(first, stop)
            if spaces:
                kept = [n for n in kept if not known[n][4]]
            if not kept:
                continue
            tokens = tuple(map(every.__getitem__, kept)) if spaces else tuple(every[first:stop])
            mentions: tuple[Mention, ...] = ()
            if number in by_sentence:
                position = {n: k for k, n in enumerate(kept)}
                mentions = tuple(
                    Mention(
                        label,
                        ident or text[starts_at[start] : _end_char(starts_at, texts, end)].lower(),
                        text[starts_at[start] : _end_char(starts_at, texts, end)],
                        offset + starts_at[start],
                        offset + _end_char(starts_at, texts, end),
                        _kept_index(position, start, stop),
                        _kept_index(position, end, stop, len(kept)),
                    )
                    for start, end, label, ident in by_sentence[number]
                )
            start_char = starts_at[kept[0]]
            end_char = starts_at[kept[-1]] + len(texts[kept[-1]])
            made.append(
                Sentence(
                    first_index + len(made),
                    paragraph,
                    offset + start_char,
                    offset + end_char,
                    text[start_char:end_char],
                    tokens,
                    mentions,
                )
            )
        return made


def _end_char(starts_at: Sequence[int], texts: Sequence[str], end: int) -> int:
    """The character offset just after token `end - 1`."""
    return starts_at[end - 1] + len(texts[end - 1])


def _kept_index(position: dict[int, int], token: int, stop: int, default: int = 0) -> int:
    """The index among a sentence's kept tokens of spaCy token `token`, or of the next kept
    token when that one is a line break."""
    while token < stop:
        if token in position:
            return position[token]
        token += 1
    return default


# Capitalised points of the compass that open a name of their own: a pattern matched right
# after one is part of a longer name ("South Korea" is a pattern of its own, and the longest
# match wins before this test).
COMPASS_NAMES = frozenset({"North", "South", "East", "West"})


def _longest_per_label(
    matches: Sequence[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    """Drop a match nested inside a longer match of the same label ("Korea" in "South Korea").
    `matches` are sorted by start, longest first, so a running end per label suffices."""
    kept: list[tuple[int, int, str, str]] = []
    reach: dict[str, int] = {}
    for match in matches:
        _, end, label, _ = match
        if reach.get(label, -1) >= end:
            continue
        kept.append(match)
        reach[label] = max(reach.get(label, -1), end)
    return kept

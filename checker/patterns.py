"""Token patterns in spaCy's Matcher syntax, matched through the words they name.

Every token attribute a crossdoc pattern tests (LOWER, ORTH or TEXT, LENGTH, IS_DIGIT,
LIKE_NUM ...) belongs to the word itself, not to its place in a sentence. So each distinct
word is tested once against every token condition of every pattern (a bit set, kept for
the whole run: a word is tested once however often it occurs), and a pattern is matched by
following those bits from the tokens where its first required token holds. A literal
condition (`{"LOWER": {"IN": [...]}}`) costs one dictionary look-up per word whatever the
length of its list. The matches are spaCy Matcher's: every match, overlapping ones included
(the span ruler keeps them all).

A pattern using what this matcher does not know is left to spaCy's Matcher
(`supported` says which): the operators `+`, `*`, `!` and `{n,}`, attributes that are not
the word's own (POS, NORM, ENT_TYPE, extensions), fuzzy, set and regex-set predicates.

This module knows no spaCy object: a word is anything with the attributes of spaCy's
`Lexeme` (`orth_`, `lower_`, `length`, `is_digit`, `like_num` ...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# pattern attribute -> the word's attribute (spaCy's Lexeme names)
STRING_ATTRIBUTES = {
    "ORTH": "orth_",
    "TEXT": "orth_",
    "LOWER": "lower_",
    "SHAPE": "shape_",
    "PREFIX": "prefix_",
    "SUFFIX": "suffix_",
}
NUMBER_ATTRIBUTES = {"LENGTH": "orth_"}  # the length of the word's text
FLAG_ATTRIBUTES = {
    name: name.lower()
    for name in (
        "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
        "IS_SPACE", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
        "IS_CURRENCY", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
    )
}  # fmt: skip
COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}
_BOUNDS = re.compile(r"^\{(\d*),?(\d*)\}$")

Test = Callable[[Any], bool]  # a condition on one word


@dataclass(frozen=True)
class _Step:
    bit: int  # the condition this token must meet
    optional: bool  # "?": the token may be left out


@dataclass(frozen=True)
class _Compiled:
    key: Any  # what a match of this pattern reports
    steps: tuple[_Step, ...]
    anchor: int  # the required step matched first (its rarest), then the others each way


def supported(pattern: object) -> bool:
    """Whether `pattern` (a list of token specs) is within what TokenPatterns matches."""
    return _steps(pattern) is not None


class TokenPatterns:
    """Token patterns compiled once; `word_bits` then `match` per analysed text."""

    def __init__(self, patterns: Sequence[tuple[Any, Sequence[Mapping[str, Any]]]]) -> None:
        self._bits: dict[str, int] = {}  # a condition, as canonical JSON -> its bit
        self._lower: dict[str, int] = {}  # literal conditions on LOWER: word -> bits
        self._orth: dict[str, int] = {}  # literal conditions on ORTH or TEXT
        self._tests: list[tuple[int, list[Test]]] = []  # other conditions: bit, tests
        self._patterns: list[_Compiled] = []
        self._anchored: dict[int, tuple[_Compiled, ...]] = {}
        for key, pattern in patterns:
            steps = _steps(pattern)
            if steps is None:
                raise ValueError(f"pattern not supported here (see patterns.supported): {pattern}")
            compiled = tuple(_Step(self._condition(spec), optional) for spec, optional in steps)
            required = [n for n, (_, optional) in enumerate(steps) if not optional]
            anchor = min(required, key=lambda n: (_commonness(steps[n][0]), n))
            self._patterns.append(_Compiled(key, compiled, anchor))

    def __len__(self) -> int:
        return len(self._patterns)

    def _condition(self, spec: Mapping[str, Any]) -> int:
        condition = {k.upper(): v for k, v in spec.items() if k.upper() != "OP"}
        identity = json.dumps(condition, sort_keys=True)
        if identity in self._bits:
            return self._bits[identity]
        bit = 1 << len(self._bits)
        self._bits[identity] = bit
        literal = _literal(condition)
        if literal is not None:
            index = self._lower if literal[0] == "LOWER" else self._orth
            for word in literal[1]:
                index[word] = index.get(word, 0) | bit
        else:
            self._tests.append((bit, [_test(a, v) for a, v in condition.items()]))
        return bit

    def word_bits(self, word: Any) -> int:
        """The conditions a word meets, as bits (computed once per word by the caller)."""
        bits = self._lower.get(word.lower_, 0) | self._orth.get(word.orth_, 0)
        for bit, tests in self._tests:
            if all(test(word) for test in tests):
                bits |= bit
        return bits

    def match(self, words: Sequence[int]) -> set[tuple[int, int, Any]]:
        """(start, end, key) of every match in a text given as its tokens' word bits."""
        found: set[tuple[int, int, Any]] = set()
        anchored = self._anchored
        length = len(words)
        for position, bits in enumerate(words):
            if not bits:
                continue
            candidates = anchored.get(bits)
            if candidates is None:
                candidates = anchored[bits] = tuple(
                    p for p in self._patterns if p.steps[p.anchor].bit & bits
                )
            for pattern in candidates:
                steps = pattern.steps
                ends = {position + 1}
                for step in steps[pattern.anchor + 1 :]:
                    moved = {end + 1 for end in ends if end < length and words[end] & step.bit}
                    ends = ends | moved if step.optional else moved
                    if not ends:
                        break
                if not ends:
                    continue
                starts = {position}
                for step in reversed(steps[: pattern.anchor]):
                    moved = {start - 1 for start in starts if start and words[start - 1] & step.bit}
                    starts = starts | moved if step.optional else moved
                    if not starts:
                        break
                found.update((start, end, pattern.key) for start in starts for end in ends)
        return found


# Words so common that a pattern is best matched from another of its tokens: "the" in
# "the beginning of March" occurs everywhere, "March" seldom.
COMMON_WORDS = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or",
    "this", "that", "next", "last", "first", "second", "is", "was", "be", "are",
    ",", ".", "-", "(", ")",
})  # fmt: skip


def _commonness(spec: Mapping[str, Any]) -> int:
    """How often a token may meet this step's condition, roughly: the matcher starts from
    the rarest required step (a step of rare words, then one of a few words, then any
    other condition)."""
    literal = _literal({k.upper(): v for k, v in spec.items() if k.upper() != "OP"})
    if literal is None:
        return 1000  # a word shape or a flag: numbers, punctuation, any word
    return sum(1000 if word.lower() in COMMON_WORDS else 10 for word in literal[1])


def _steps(pattern: object) -> list[tuple[Mapping[str, Any], bool]] | None:
    """The pattern as (condition, optional) steps, or None when it is not supported."""
    if not isinstance(pattern, list) or not pattern:
        return None
    steps: list[tuple[Mapping[str, Any], bool]] = []
    for spec in pattern:
        if not isinstance(spec, dict) or not all(isinstance(k, str) for k in spec):
            return None
        condition = {k.upper(): v for k, v in spec.items() if k.upper() != "OP"}
        if any(_test_or_none(a, v) is None for a, v in condition.items()):
            return None
        operator = next((v for k, v in spec.items() if k.upper() == "OP"), "1")
        counts = _counts(operator)
        if counts is None:
            return None
        required, optional = counts
        steps += [(spec, False)] * required + [(spec, True)] * optional
    if all(optional for _, optional in steps):
        return None  # could match nothing: left to spaCy
    return steps


def _counts(operator: object) -> tuple[int, int] | None:
    """(required, optional) repetitions of a token for an operator; None for +, *, !, {n,}."""
    if operator == "1":
        return (1, 0)
    if operator == "?":
        return (0, 1)
    if not isinstance(operator, str):
        return None
    bounds = _BOUNDS.match(operator)
    if bounds is None or ("," in operator and not bounds.group(2)):
        return None
    low = int(bounds.group(1) or 0)
    high = int(bounds.group(2) or low) if "," in operator else low
    if high < low or high == 0 or high > 8:
        return None
    return (low, high - low)


def _literal(condition: Mapping[str, Any]) -> tuple[str, list[str]] | None:
    """A condition that is one attribute equal to a word or in a list of words."""
    if len(condition) != 1:
        return None
    ((attribute, value),) = condition.items()
    name = "LOWER" if attribute == "LOWER" else "ORTH" if attribute in ("ORTH", "TEXT") else ""
    if not name:
        return None
    if isinstance(value, str):
        return (name, [value])
    if isinstance(value, dict) and [k.upper() for k in value] == ["IN"]:
        words = next(iter(value.values()))
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            return (name, words)
    return None


def _test(attribute: str, value: Any) -> Test:
    test = _test_or_none(attribute, value)
    assert test is not None  # checked by _steps
    return test


def _test_or_none(attribute: str, value: Any) -> Test | None:
    """A test of one word for `attribute: value`, or None when it is not supported."""
    if attribute in STRING_ATTRIBUTES:
        name = STRING_ATTRIBUTES[attribute]
        if isinstance(value, str):
            return lambda word: getattr(word, name) == value
        if not isinstance(value, dict) or not value:
            return None
        tests = [_string_predicate(name, op.upper(), v) for op, v in value.items()]
        return _all(tests)
    if attribute in NUMBER_ATTRIBUTES:
        name = NUMBER_ATTRIBUTES[attribute]
        if isinstance(value, int) and not isinstance(value, bool):
            return lambda word: len(getattr(word, name)) == value
        if not isinstance(value, dict) or not value:
            return None
        return _all([_number_predicate(name, op.upper(), v) for op, v in value.items()])
    if attribute in FLAG_ATTRIBUTES:
        name = FLAG_ATTRIBUTES[attribute]
        if isinstance(value, bool):
            return lambda word: bool(getattr(word, name)) == value
        return None
    return None


def _string_predicate(name: str, operator: str, value: Any) -> Test | None:
    if operator in ("IN", "NOT_IN"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        words = frozenset(value)
        if operator == "IN":
            return lambda word: getattr(word, name) in words
        return lambda word: getattr(word, name) not in words
    if operator == "REGEX" and isinstance(value, str):
        search = re.compile(value).search
        return lambda word: bool(search(getattr(word, name)))
    return None


def _number_predicate(name: str, operator: str, value: Any) -> Test | None:
    if operator in COMPARISONS and isinstance(value, int) and not isinstance(value, bool):
        compare = COMPARISONS[operator]
        return lambda word: compare(len(getattr(word, name)), value)
    if operator in ("IN", "NOT_IN") and isinstance(value, list):
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return None
        numbers = frozenset(value)
        if operator == "IN":
            return lambda word: len(getattr(word, name)) in numbers
        return lambda word: len(getattr(word, name)) not in numbers
    return None


def _all(tests: Sequence[Test | None]) -> Test | None:
    if any(test is None for test in tests):
        return None
    checks = [test for test in tests if test is not None]
    return lambda word: all(check(word) for check in checks)

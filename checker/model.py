"""Plain, immutable records that flow through crossdoc: documents, spans, facts, findings."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import math
import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """How two sources relate on one fact."""

    AGREEMENT = "agreement"
    DISCREPANCY = "discrepancy"
    ORDERING_DIFFERENCE = "ordering_difference"
    COMPLEMENTARY = "complementary"
    ONE_SIDED = "one_sided"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


DEFAULT_SEVERITY: Mapping[Verdict, Severity] = {
    Verdict.DISCREPANCY: Severity.ERROR,
    Verdict.ORDERING_DIFFERENCE: Severity.WARNING,
    Verdict.COMPLEMENTARY: Severity.INFO,
    Verdict.ONE_SIDED: Severity.INFO,
    Verdict.AGREEMENT: Severity.INFO,
}

# When two sides meet through several values, the pair of values that fits best is reported.
VERDICT_PREFERENCE: tuple[Verdict, ...] = (
    Verdict.AGREEMENT,
    Verdict.COMPLEMENTARY,
    Verdict.ORDERING_DIFFERENCE,
    Verdict.DISCREPANCY,
)


class Confidence(StrEnum):
    """How a fact's value was obtained (after pylint's confidence levels)."""

    EXPLICIT = "explicit"  # stated in the sentence itself
    NORMALISED = "normalised"  # stated, then mapped through a table or parser
    CONTEXTUAL = "contextual"  # inferred from the surrounding paragraph or the document


class FactTime(StrEnum):
    """How a fact relates to time, which decides which documents it is compared across.

    - FIXED: one thing that holds once (the dates of a meeting, where new units are based,
      the date of an invasion): compared across any documents, whatever their dates;
    - CHANGING: a level that changes over time (troops deployed, money given so far,
      members): compared within an event; a different value in another event is a change
      over time (complementary, with both dates), never a discrepancy;
    - EVENT: a fact relative to what the document reports ("the meeting reported", "the next
      meeting"): a fact of its own in each event, never compared across events.
    """

    FIXED = "fixed"
    CHANGING = "changing"
    EVENT = "event"


@dataclass(frozen=True)
class Event:
    """Documents about one event (a meeting, a vote, a disaster): where changing levels and
    event-relative facts are compared."""

    id: str
    label: str
    source: str  # front matter | config | folder | dates | undated
    documents: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Document:
    """One input file: its text as analysed, and how each analysed character maps back."""

    id: str
    path: str
    text: str
    # offsets[i] = index in `original` of analysed character i (a compact array)
    offsets: Sequence[int] = field(repr=False, compare=False)
    original: str = field(default="", repr=False)
    title: str | None = None
    date: dt.date | None = None  # the first day of the month or year at coarser precision
    date_precision: str | None = None  # day | month | year; None when undated
    issuer: str | None = None
    url: str | None = None
    identifiers: Mapping[str, str] = field(default_factory=dict)
    metadata: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.date is None:
            object.__setattr__(self, "date_precision", None)
        elif self.date_precision is None:
            object.__setattr__(self, "date_precision", "day")  # a date given without one
        elif self.date_precision not in ("day", "month", "year"):
            raise ValueError(f"date precision must be day, month or year: {self.date_precision}")

    @property
    def day(self) -> dt.date | None:
        """The document's date when it is known to the day: the only date that "today",
        "yesterday" or an anniversary may be resolved against (March 2022 is no day)."""
        return self.date if self.date_precision == "day" else None

    def position(self, start: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of analysed character `start`."""
        if not self.offsets:
            return (1, 1)
        index = self.offsets[min(start, len(self.offsets) - 1)]
        starts = self._line_starts
        line = bisect.bisect_right(starts, index)
        return (line, index - starts[line - 1] + 1)

    @functools.cached_property
    def _line_starts(self) -> array[int]:
        """Where each line of `original` starts: found once, not counted again for every
        statement (a document of 2 MiB can state 100,000 facts)."""
        starts = array("q", [0])
        starts.extend(match.end() for match in re.finditer("\n", self.original))
        return starts

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, last_column = self.position(max(start, end - 1))
        return Span(
            self.id, start, end, line, column, self.text[start:end], end_line, last_column + 1
        )


@dataclass(frozen=True)
class Span:
    """Where a quote stands: offsets in the analysed text, line and column in the file."""

    document: str
    start: int
    end: int
    line: int
    column: int
    quote: str
    end_line: int = 0  # where the quote ends: the line, and the column just after it
    end_column: int = 0
    # the analysed sentence the quote stands in (start, end offsets), when the NLP layer
    # knows it; reports show the whole sentence with the quote highlighted
    sentence: tuple[int, int] | None = None


@dataclass(frozen=True)
class StatedDate:
    """A date or period a statement gives, with the precision it was stated in; `stated` is
    False for dates a rule linked to the statement (a reference table's meeting dates)."""

    start: dt.date
    end: dt.date
    precision: str  # day | month | year | range (a period of days)
    stated: bool = True


@dataclass(frozen=True)
class Fact:
    """One thing a document states, in a form that can be compared across documents.

    `key` names the fact (two facts with the same rule and key are about the same thing);
    `value` is its normalised value, a rule-specific immutable object that prints itself
    in plain words; `time` says how the fact relates to time (see FactTime).
    """

    rule: str
    key: str
    value: Any
    raw: str
    span: Span
    confidence: Confidence = Confidence.EXPLICIT
    time: FactTime = field(default_factory=lambda: FactTime.FIXED)


@dataclass(frozen=True)
class Comparison:
    """What a comparator says about two values."""

    verdict: Verdict
    detail: str = ""


class Scope(StrEnum):
    """What a finding compares: documents with each other, or one document with itself."""

    ACROSS = "across"
    WITHIN = "within"


# The verdict of a fact with several sides is the most serious relation between two sides.
VERDICT_GRAVITY: tuple[Verdict, ...] = (
    Verdict.DISCREPANCY,
    Verdict.ORDERING_DIFFERENCE,
    Verdict.COMPLEMENTARY,
    Verdict.AGREEMENT,
)
# Problems first: the order findings are read in.
VERDICT_READING_ORDER: tuple[Verdict, ...] = (
    Verdict.DISCREPANCY,
    Verdict.ORDERING_DIFFERENCE,
    Verdict.COMPLEMENTARY,
    Verdict.ONE_SIDED,
    Verdict.AGREEMENT,
)
PROBLEMS = frozenset({Verdict.DISCREPANCY, Verdict.ORDERING_DIFFERENCE, Verdict.COMPLEMENTARY})


@dataclass(frozen=True)
class Statement:
    """One statement of a fact: the evidence, where it stands, and its value in words."""

    document: str
    path: str
    value: str
    quote: str
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0
    label: str = ""  # the document's short name in messages (its title, shortened)
    sentence: str = ""  # the sentence the quote stands in, as analysed (cut when very long)
    quote_offset: int = 0  # where the quote starts within `sentence`
    dates: tuple[StatedDate, ...] = ()  # the dates and periods the statement gives


@dataclass(frozen=True)
class Side:
    """Statements whose values agree under the rule's comparator: one value, many sources."""

    value: str  # in plain words, as the first statement states it
    norm: str  # the normalised value: what baselines remember, never the wording
    statements: tuple[Statement, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.document for s in self.statements))

    @property
    def labels(self) -> tuple[str, ...]:
        first = {s.document: s.label or s.document for s in reversed(self.statements)}
        return tuple(first[d] for d in self.documents)


@dataclass(frozen=True)
class Relation:
    """How two sides of a fact relate (indexes into the finding's sides, first < second)."""

    first: int
    second: int
    verdict: Verdict
    detail: str = ""


@dataclass(frozen=True)
class Finding:
    """One fact across every document that states it (or one document against itself)."""

    rule: str
    key: str
    verdict: Verdict
    severity: Severity
    message: str
    sides: tuple[Side, ...]
    relations: tuple[Relation, ...] = ()
    outliers: tuple[int, ...] = ()  # the departing sides, when a majority stands apart
    scope: Scope = Scope.ACROSS
    accepted: str | None = None  # the baseline's reason, when a reviewer accepted it
    gated: bool = False  # fails the gate under the policy in force

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for side in self.sides for s in side.statements)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.document for s in self.statements))

    @property
    def departing(self) -> tuple[int, ...]:
        """The sides a reader should look at: the outliers, or every side on a tie."""
        if self.outliers:
            return self.outliers
        return tuple(range(len(self.sides))) if len(self.sides) > 1 else ()

    @property
    def fingerprint(self) -> str:
        """Identity for baselines: the rule, the fact, the verdict, and the departing values
        with their documents against the other values. Never positions, wording or the list
        of agreeing documents: a further source that agrees with the majority keeps an
        accepted finding accepted; a changed value, or a new source that departs, does not."""
        departing = set(self.departing)
        material: list[object] = [self.rule, self.key, self.scope.value, self.verdict.value]
        if self.scope is Scope.WITHIN:
            material.append(list(self.documents))
        material.append(
            sorted(
                [side.norm, sorted(side.documents)]
                for n, side in enumerate(self.sides)
                if n in departing
            )
        )
        material.append(
            sorted({side.norm for n, side in enumerate(self.sides) if n not in departing})
        )
        encoded = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:20]

    def check_tuple(self) -> tuple[str, str, str, tuple[str, ...]]:
        """A compact identity for tests: (rule, key, verdict, documents)."""
        return (self.rule, self.key, self.verdict.value, self.documents)


@dataclass(frozen=True)
class RuleInfo:
    id: str
    title: str
    description: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...] = ()
    notes: tuple[str, ...] = ()
    stale_baseline: tuple[str, ...] = ()  # baseline entries that match no finding
    labels: Mapping[str, str] = field(default_factory=dict)  # document id -> short label
    events: tuple[Event, ...] = ()
    coverage: tuple[Coverage, ...] = ()  # per document: facts read, facts compared

    @property
    def summary(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in Verdict}
        for finding in self.findings:
            counts[finding.verdict.value] += 1
        return counts


@dataclass(frozen=True)
class Coverage:
    """How much of one document the audit could use."""

    document: str
    facts: int  # distinct facts the rules read in it
    compared: int  # of those, facts another document states too


LABEL_LENGTH = 48


def short_label(title: str | None, path: str) -> str:
    """A document's name in messages: its title cut at a word near LABEL_LENGTH, else its file."""
    if not title or not title.strip():
        return path.rsplit("/", 1)[-1]
    words = " ".join(title.split())
    if len(words) <= LABEL_LENGTH:
        return words
    cut = words.rfind(" ", 0, LABEL_LENGTH)
    return words[: cut if cut > LABEL_LENGTH // 2 else LABEL_LENGTH].rstrip(" ,;:-") + "…"


def document_labels(documents: Sequence[Document]) -> dict[str, str]:
    """Short labels, unique within the audit: a label two documents share becomes each one's
    file name (or path, when the file names are shared too)."""
    labels = {d.id: short_label(d.title, d.path) for d in documents}
    taken: dict[str, int] = {}
    for label in labels.values():
        taken[label] = taken.get(label, 0) + 1
    names: dict[str, int] = {}
    for d in documents:
        name = d.path.rsplit("/", 1)[-1]
        names[name] = names.get(name, 0) + 1
    for d in documents:
        if taken[labels[d.id]] > 1:
            name = d.path.rsplit("/", 1)[-1]
            labels[d.id] = name if names[name] == 1 else d.path
    return labels


def canonical_value(value: Any) -> str:
    """A value's normalised form as text: the fields that take part in comparison (dataclass
    fields with compare=True), never its wording, so 'forty thousand' and '40,000' are one."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "@": type(value).__name__,
            **{
                f.name: _plain(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.compare
            },
        }
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if math.isinf(value) or math.isnan(value) else value
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)

"""From facts to findings: one finding per fact, its statements grouped into sides by value.

Per rule and key, statements are grouped by normalised value first, so the comparator runs
on distinct values, never on pairs of documents: the work is O(statements + values²), and
values are few (bounded below where they are not).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from checker.events import EVENT_GAP_DAYS, event_of
from checker.model import (
    VERDICT_GRAVITY,
    VERDICT_PREFERENCE,
    Comparison,
    Document,
    Event,
    Fact,
    FactTime,
    Finding,
    Relation,
    Scope,
    Severity,
    Side,
    Span,
    Statement,
    Verdict,
)
from checker.rules import Rule

# A new value is tried against this many existing groups for agreement (comparators may link
# values that differ, such as a place and a date of one meeting); past that it starts its own.
MAX_MERGE_CANDIDATES = 64
# Beyond this many sides, each side is related to the largest one only.
MAX_RELATED_SIDES = 64
# Values of one side tried against another's when looking for the pair that fits best.
VALUES_PER_SIDE = 4
# Changing levels stated this many days apart or more may differ without contradiction: a
# fire grows, a toll and a running total rise from one day to the next.
LEVEL_WINDOW_DAYS = 1
# Documents named in a message before "and N more".
LABELS_IN_MESSAGE = 3
# A statement's sentence is cut around its quote past this many characters.
MAX_SENTENCE = 600
# Where a sentence ends, when the NLP layer did not say: after . ! ? and space, or a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass
class ValueGroup:
    """Distinct values that agree, and the facts of each document stating one of them."""

    values: dict[str, Fact] = field(default_factory=dict)  # norm -> first fact with it
    by_document: dict[str, dict[str, Fact]] = field(default_factory=dict)  # doc -> norm -> fact

    def distinct(self) -> list[Fact]:
        """The distinct values this group's documents state, one fact each."""
        seen: dict[str, Fact] = {}
        for facts in self.by_document.values():
            for norm, fact in facts.items():
                seen.setdefault(norm, fact)
        return list(seen.values())

    @property
    def representative(self) -> Fact:
        return next(iter(self.values.values()))


@dataclass
class FactSheet:
    """Facts of one rule: key -> document id -> distinct facts (by normalised value), in order."""

    rule: Rule
    by_key: dict[str, dict[str, dict[str, Fact]]] = field(default_factory=dict)
    time: dict[str, FactTime] = field(default_factory=dict)  # key -> how it relates to time

    def add(self, fact: Fact, key: str, norm: str) -> None:
        facts = self.by_key.setdefault(key, {}).setdefault(fact.span.document, {})
        facts.setdefault(norm, fact)
        # a key one of whose statements is a level that changes is such a level: a count
        # that held at the event beside one that still holds may state a change
        if key not in self.time or fact.time is FactTime.CHANGING:
            self.time[key] = fact.time


@dataclass(frozen=True)
class Context:
    """What building a finding needs to know about the audit."""

    documents: Mapping[str, Document]
    labels: Mapping[str, str]
    severity: Mapping[Verdict, Severity]
    order: Mapping[str, int]  # document id -> position in the audit's order
    events: Mapping[str, Event] = field(default_factory=dict)  # document id -> its event
    gap_days: int = EVENT_GAP_DAYS  # changing levels are compared within this many days
    several_events: bool = False  # the documents belong to more than one event
    norms: dict[int, str] = field(default_factory=dict)  # id(fact) -> rule.normalise(fact)

    def norm(self, rule: Rule, fact: Fact) -> str:
        """The fact's normal form, worked out once (each fact lives as long as the call)."""
        known = self.norms.get(id(fact))
        if known is None:
            known = self.norms[id(fact)] = rule.normalise(fact)
        return known

    def key_of(self, fact: Fact) -> str:
        """A fact relative to an event is a fact of its own in each event."""
        if fact.time is FactTime.EVENT and self.several_events:
            return f"{fact.key} [{self.events[fact.span.document].label}]"
        return fact.key


def build_findings(
    rule: Rule,
    facts: Sequence[Fact],
    documents: Sequence[Document],
    labels: Mapping[str, str],
    severity: Mapping[Verdict, Severity],
    events: Sequence[Event] = (),
    gap_days: int = EVENT_GAP_DAYS,
) -> list[Finding]:
    of_document = event_of(events)
    context = Context(
        {d.id: d for d in documents},
        labels,
        severity,
        {d.id: n for n, d in enumerate(documents)},
        of_document,
        gap_days,
        # counted once: an Event hashes its list of documents, so not once per fact
        len(set(of_document.values())) > 1,
    )
    sheet = FactSheet(rule)
    for fact in facts:
        sheet.add(fact, context.key_of(fact), context.norm(rule, fact))
    findings: list[Finding] = []
    for key in sorted(sheet.by_key):
        stating = sorted(sheet.by_key[key], key=context.order.__getitem__)
        facts_of = {document: sheet.by_key[key][document] for document in stating}
        findings.extend(self_contradictions(rule, key, facts_of, context))
        if rule.compare_within_document:
            findings.extend(conflicts_within(rule, key, facts_of, context))
        if rule.general and len(facts_of) == 1:
            continue  # a general rule reads every figure: one source's alone is no finding
        findings.append(fact_finding(rule, key, facts_of, context, sheet.time[key]))
    return findings


Statements = Mapping[str, Mapping[str, Fact]]  # document id -> normalised value -> fact


def self_contradictions(
    rule: Rule, key: str, facts_of: Statements, context: Context
) -> list[Finding]:
    """Statements inconsistent in themselves (a stated count that does not match a list)."""
    findings = []
    for document, facts in facts_of.items():
        for fact in facts.values():
            problem = rule.self_check(fact)
            if problem:
                side = side_of(rule, [fact], context)
                label = context.labels.get(document, document)
                message = f"{label} contradicts itself: {problem} ({side.value})"
                findings.append(within_finding(rule, key, (side,), (), message, context))
    return findings


def conflicts_within(rule: Rule, key: str, facts_of: Statements, context: Context) -> list[Finding]:
    """Two values for one key in one document that cannot both hold."""
    findings = []
    for document, facts in facts_of.items():
        for a, b in itertools.combinations(facts.values(), 2):
            comparison = rule.compare(a, b)
            if comparison.verdict is not Verdict.DISCREPANCY:
                continue
            sides = (side_of(rule, [a], context), side_of(rule, [b], context))
            relation = Relation(0, 1, Verdict.DISCREPANCY, comparison.detail)
            label = context.labels.get(document, document)
            message = (
                f"{label} contradicts itself: {comparison.detail} "
                f"({sides[0].value}; {sides[1].value})"
            )
            findings.append(within_finding(rule, key, sides, (relation,), message, context))
    return findings


def within_finding(
    rule: Rule,
    key: str,
    sides: tuple[Side, ...],
    relations: tuple[Relation, ...],
    message: str,
    context: Context,
) -> Finding:
    return Finding(
        rule.id,
        key,
        Verdict.DISCREPANCY,
        context.severity[Verdict.DISCREPANCY],
        message,
        sides,
        relations,
        scope=Scope.WITHIN,
    )


def fact_finding(
    rule: Rule, key: str, facts_of: Statements, context: Context, time: FactTime
) -> Finding:
    """The fact across every document that states it."""
    if len(facts_of) == 1:
        [(document, facts)] = facts_of.items()
        side = side_of(rule, [next(iter(facts.values()))], context)
        label = context.labels.get(document, document)
        return Finding(
            rule.id,
            key,
            Verdict.ONE_SIDED,
            context.severity[Verdict.ONE_SIDED],
            f"only {label} states this: {side.value}",
            (side,),
        )
    groups = stand_each_document_once(group_values(rule, facts_of))
    groups.sort(key=lambda g: -len(g.by_document))  # stable: ties keep first appearance
    sides = tuple(
        side_of(rule, [next(iter(facts.values())) for facts in group.by_document.values()], context)
        for group in groups
    )
    relations = relate(rule, groups, context if time is FactTime.CHANGING else None)
    verdict = fact_verdict(relations) if len(sides) > 1 else Verdict.AGREEMENT
    counts = [len(side.documents) for side in sides]
    outliers = tuple(range(1, len(sides))) if len(sides) > 1 and counts[0] > counts[1] else ()
    return Finding(
        rule.id,
        key,
        verdict,
        context.severity[verdict],
        fact_message(verdict, sides, relations),
        sides,
        relations,
        outliers,
    )


def group_values(rule: Rule, facts_of: Statements) -> list[ValueGroup]:
    """Distinct values in the order documents state them, grouped when the comparator says
    they agree; each value is tried against the groups so far, never against documents."""
    groups: list[ValueGroup] = []
    group_of: dict[str, ValueGroup] = {}
    for document, facts in facts_of.items():
        for norm, fact in facts.items():
            group = group_of.get(norm)
            if group is None:
                group = next(
                    (
                        g
                        for g in groups[:MAX_MERGE_CANDIDATES]
                        if rule.compare(g.representative, fact).verdict is Verdict.AGREEMENT
                    ),
                    None,
                )
                if group is None:
                    group = ValueGroup()
                    groups.append(group)
                group_of[norm] = group
                group.values.setdefault(norm, fact)
            group.by_document.setdefault(document, {})[norm] = fact
    return groups


def stand_each_document_once(groups: list[ValueGroup]) -> list[ValueGroup]:
    """A document stating the fact with values of several groups stands on the one most
    documents share (its best-fitting statement); its other statements leave the comparison
    (conflicts inside one document are findings of their own)."""
    support = [len(g.by_document) for g in groups]
    chosen: dict[str, int] = {}
    for index, group in enumerate(groups):
        for document in group.by_document:
            best = chosen.get(document)
            if best is None or support[index] > support[best]:
                chosen[document] = index
    for index, group in enumerate(groups):
        group.by_document = {d: f for d, f in group.by_document.items() if chosen[d] == index}
    return [g for g in groups if g.by_document]


def relate(
    rule: Rule, groups: Sequence[ValueGroup], over_time: Context | None = None
) -> tuple[Relation, ...]:
    """The relation of every two sides (of each side to the largest, when there are many).

    For a level that changes over time (`over_time` given), two sides are compared only
    through documents of one event dated less than the event gap apart, or of one event no
    document of which is dated (nothing tells their times apart: a summary and its source);
    else they are a change over time: complementary, with both dates, never a discrepancy."""
    if len(groups) > MAX_RELATED_SIDES:
        pairs: Sequence[tuple[int, int]] = [(0, j) for j in range(1, len(groups))]
    else:
        pairs = list(itertools.combinations(range(len(groups)), 2))
    relations = []
    # each side's values and days, once: a side of thousands of documents meets many others
    values = [group.distinct()[:VALUES_PER_SIDE] for group in groups]
    days: dict[int, dict[str, set[int]]] = {}
    for i, j in pairs:
        comparison = best_comparison(rule, groups[i], groups[j], (values[i], values[j]))
        if over_time is not None and comparison.verdict is not Verdict.AGREEMENT:
            met = at_one_time(groups[i], groups[j], over_time, days)
            if not met:
                comparison = change_over_time(rule, groups[i], groups[j], over_time)
            elif met is Met.UNDATED and comparison.verdict is Verdict.DISCREPANCY:
                comparison = replace(comparison, detail=f"{comparison.detail}{UNDATED_NOTE}")
        relations.append(Relation(i, j, comparison.verdict, comparison.detail))
    return tuple(relations)


class Met(Enum):
    """How two sides of a changing level meet at one time."""

    DATED = "dated"  # through documents of one event dated to the day, close enough
    UNDATED = "undated"  # through documents of one event no document of which is dated


UNDATED_DAY = 0  # the "day" of an undated event's documents (a date's ordinal is 1 or more)
UNDATED_NOTE = " (no document of the event is dated: read as stated at one time)"


def at_one_time(
    first: ValueGroup,
    second: ValueGroup,
    context: Context,
    known: dict[int, dict[str, set[int]]] | None = None,
) -> Met | None:
    """Do two sides meet through documents of one event dated to the day, less than
    LEVEL_WINDOW_DAYS apart? Levels change from day to day (a death toll, aid given so far):
    documents further apart, or not dated to the day, may state a change, not a conflict.
    An event none of whose documents is dated (a summary and its source, two undated
    extracts) gives no sign of two times: its documents meet as of one time; so does an
    undated document beside documents of one event all dated to one day (an excerpt or a
    summary of that day's reports).
    Work: the distinct days of each side per event, looked up in a set (no pairs)."""

    def days(group: ValueGroup) -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for document in group.by_document:
            event = context.events.get(document)
            if event is not None and event.start is None:
                found.setdefault(event.id, set()).add(UNDATED_DAY)
                continue
            span = dated_span(context.documents[document])
            if span is None and event is not None and event.start and event.start == event.end:
                span = (event.start, event.start)  # undated, in an event of one day: of that day
            if span is None or span[0] != span[1]:
                continue  # not dated to the day: a change over time cannot be ruled out
            found.setdefault(event.id if event else "", set()).add(span[0].toordinal())
        return found

    def days_of(group: ValueGroup) -> dict[str, set[int]]:
        if known is None:
            return days(group)
        if id(group) not in known:  # `known` lives as long as the groups it is keyed by
            known[id(group)] = days(group)
        return known[id(group)]

    theirs = days_of(second)
    for event, mine in days_of(first).items():
        other = theirs.get(event)
        if not other:
            continue
        if UNDATED_DAY in mine and UNDATED_DAY in other:
            return Met.UNDATED
        small, large = (mine, other) if len(mine) <= len(other) else (other, mine)
        reach = range(-(LEVEL_WINDOW_DAYS - 1), LEVEL_WINDOW_DAYS)
        if any(day + step in large for day in small for step in reach):
            return Met.DATED
    return None


def dated_span(document: Document) -> tuple[dt.date, dt.date] | None:
    """The days a document's date covers, at the precision it is stated in."""
    if document.date is None:
        return None
    start = document.date
    if document.date_precision == "year":
        return start, dt.date(start.year, 12, 31)
    if document.date_precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - dt.timedelta(days=1)
    return start, start


def change_over_time(
    rule: Rule, first: ValueGroup, second: ValueGroup, context: Context
) -> Comparison:
    def when(group: ValueGroup) -> str:
        dates = sorted(
            date for d in group.by_document if (date := context.documents[d].date) is not None
        )
        if not dates:
            return "undated"
        if dates[0] == dates[-1]:
            return f"as of {dates[0].isoformat()}"
        return f"as of {dates[0].isoformat()} to {dates[-1].isoformat()}"

    said = [f"{rule.describe(group.representative)} ({when(group)})" for group in (first, second)]
    return Comparison(
        Verdict.COMPLEMENTARY, f"a change over time, not a contradiction: {said[0]}; {said[1]}"
    )


def best_comparison(
    rule: Rule,
    first: ValueGroup,
    second: ValueGroup,
    values: tuple[Sequence[Fact], Sequence[Fact]] | None = None,
) -> Comparison:
    """Sides holding several values meet through the pair of values that fits best
    (`values`: each side's first VALUES_PER_SIDE distinct values, when already known)."""
    mine, theirs = values or (
        first.distinct()[:VALUES_PER_SIDE],
        second.distinct()[:VALUES_PER_SIDE],
    )
    candidates = [rule.compare(a, b) for a in mine for b in theirs]
    return min(candidates, key=lambda c: preference(c.verdict))


def preference(verdict: Verdict) -> int:
    return VERDICT_PREFERENCE.index(verdict) if verdict in VERDICT_PREFERENCE else 1


def fact_verdict(relations: Sequence[Relation]) -> Verdict:
    """The most serious relation between two sides."""
    graver = [r.verdict for r in relations if r.verdict in VERDICT_GRAVITY]
    if not graver:
        return Verdict.COMPLEMENTARY
    return min(graver, key=VERDICT_GRAVITY.index)


def side_of(rule: Rule, facts: Sequence[Fact], context: Context) -> Side:
    statements = tuple(make_statement(rule, fact, context) for fact in facts)
    norms = sorted(context.norm(rule, fact) for fact in facts)
    return Side(statements[0].value, norms[0], statements)


def make_statement(rule: Rule, fact: Fact, context: Context) -> Statement:
    document = context.documents[fact.span.document]
    sentence, quote_offset = sentence_of(document.text, fact.span)
    return Statement(
        document=document.id,
        path=document.path,
        value=rule.describe(fact),
        quote=fact.span.quote,
        line=fact.span.line,
        column=fact.span.column,
        end_line=fact.span.end_line,
        end_column=fact.span.end_column,
        label=context.labels.get(document.id, document.id),
        sentence=sentence,
        quote_offset=quote_offset,
        dates=tuple(rule.dates(fact)),
    )


def sentence_of(text: str, span: Span) -> tuple[str, int]:
    """The sentence a quote stands in and the quote's offset in it: the NLP layer's sentence,
    else the text between the sentence ends around the quote; past MAX_SENTENCE characters,
    cut at words around the quote (marked by an ellipsis)."""
    if span.sentence is not None:
        start, end = span.sentence
    else:
        start = max((m.end() for m in SENTENCE_END.finditer(text, 0, span.start)), default=0)
        after = SENTENCE_END.search(text, span.end)
        end = after.start() if after else len(text)
    start, end = min(start, span.start), max(end, span.end)
    while start < span.start and text[start].isspace():
        start += 1
    while end > span.end and text[end - 1].isspace():
        end -= 1
    room = max(0, MAX_SENTENCE - (span.end - span.start)) // 2
    prefix = suffix = ""
    if span.start - start > room:
        cut = text.find(" ", span.start - room, span.start)
        start, prefix = (cut + 1 if cut != -1 else span.start - room), "…"
    if end - span.end > room:
        cut = text.rfind(" ", span.end, span.end + room)
        end, suffix = (cut if cut != -1 else span.end + room), "…"
    return prefix + text[start:end] + suffix, len(prefix) + span.start - start


def fact_message(verdict: Verdict, sides: Sequence[Side], relations: Sequence[Relation]) -> str:
    """'2 sources say X (a, b); 1 says Y (c): detail' — readable at a glance."""
    said = "; ".join(side_summary(side, first=n == 0) for n, side in enumerate(sides))
    if verdict is Verdict.AGREEMENT:
        return said
    details = list(dict.fromkeys(r.detail for r in relations if r.verdict is verdict and r.detail))
    return f"{said}: {'; '.join(details)}" if details else said


def side_summary(side: Side, first: bool) -> str:
    count = len(side.documents)
    if first:
        verb = "source says" if count == 1 else "sources say"
    else:
        verb = "says" if count == 1 else "say"
    labels = list(side.labels)
    named = ", ".join(labels[:LABELS_IN_MESSAGE])
    if len(labels) > LABELS_IN_MESSAGE:
        named += f" and {len(labels) - LABELS_IN_MESSAGE} more"
    return f"{count} {verb} {side.value} ({named})"

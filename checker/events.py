"""Events: which documents report the same event, so that levels that change over time and
facts relative to an event are compared only among the documents about it.

A document's event comes from, in order: its front matter (`event: ...`), the project's
groups (`[tool.crossdoc.groups]`, name = path patterns), its folder (`--group-by folder`),
and otherwise its date: dated documents less than `gap_days` apart form one event. An
undated document joins the only event there is, else an event of undated documents.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from checker.model import Document, Event

EVENT_GAP_DAYS = 7  # reports of one meeting appear within days of it
GROUP_BY = ("date", "folder")


@dataclass(frozen=True)
class Grouping:
    """How documents are grouped into events, from `[tool.crossdoc]` and the command line."""

    groups: Mapping[str, Sequence[str]] = field(default_factory=dict)  # name -> path globs
    by: str = "date"  # date | folder
    gap_days: int = EVENT_GAP_DAYS


def assign_events(
    documents: Sequence[Document], grouping: Grouping | None = None
) -> tuple[Event, ...]:
    """Every document in exactly one event; events in order of their dates, then names."""
    grouping = grouping or Grouping()
    named: dict[str, tuple[str, list[Document]]] = {}  # id -> (source, documents)
    left: list[Document] = []
    for document in documents:
        chosen = _named_event(document, grouping)
        if chosen is None:
            left.append(document)
        else:
            source, name = chosen
            named.setdefault(name, (source, []))[1].append(document)
    events = [_event(name, name, source, docs) for name, (source, docs) in named.items()]
    dated = sorted((d for d in left if d.date is not None), key=lambda d: (d.date, d.path))
    undated = [d for d in left if d.date is None]
    for cluster in _by_date(dated, grouping.gap_days):
        events.append(_dated_event(cluster))
    if undated:
        if len(events) == 1:
            only = events[0]
            events[0] = _event(
                only.id, only.label, only.source, [*_members(only, documents), *undated]
            )
        else:
            events.append(_event("undated", "undated documents", "undated", undated))
    return tuple(sorted(events, key=lambda e: (e.start or dt.date.max, e.id)))


def _named_event(document: Document, grouping: Grouping) -> tuple[str, str] | None:
    stated = (document.metadata.get("event") or "").strip()
    if stated:
        return "front matter", stated
    for name, patterns in grouping.groups.items():
        if any(_matches(document.path, pattern) for pattern in patterns):
            return "config", name
    if grouping.by == "folder":
        folder = document.path.rsplit("/", 1)[0] if "/" in document.path else "."
        return "folder", folder
    return None


def _matches(path: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern + "/*")


def _by_date(dated: Sequence[Document], gap_days: int) -> list[list[Document]]:
    clusters: list[list[Document]] = []
    for document in dated:
        assert document.date is not None
        last = clusters[-1][-1].date if clusters else None
        if last is not None and (document.date - last).days < gap_days:
            clusters[-1].append(document)
        else:
            clusters.append([document])
    return clusters


def _dated_event(cluster: Sequence[Document]) -> Event:
    first, last = cluster[0].date, cluster[-1].date
    assert first is not None and last is not None
    if first == last:
        return _event(first.isoformat(), f"documents of {_day(first)}", "dates", cluster)
    return _event(
        f"{first.isoformat()}..{last.isoformat()}",
        f"documents of {_day(first)} to {_day(last)}",
        "dates",
        cluster,
    )


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _members(event: Event, documents: Sequence[Document]) -> list[Document]:
    wanted = set(event.documents)
    return [d for d in documents if d.id in wanted]


def _event(identifier: str, label: str, source: str, documents: Sequence[Document]) -> Event:
    dates = sorted(d.date for d in documents if d.date is not None)
    ordered = sorted(documents, key=lambda d: (d.path, d.id))
    return Event(
        identifier,
        label,
        source,
        tuple(d.id for d in ordered),
        dates[0] if dates else None,
        dates[-1] if dates else None,
    )


def event_of(events: Sequence[Event]) -> dict[str, Event]:
    """document id -> its event."""
    return {document: event for event in events for document in event.documents}

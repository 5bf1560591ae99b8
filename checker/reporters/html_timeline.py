"""The HTML report's timeline: every date and period the documents state, per event, one row
per document, drawn as inline SVG from the statements' `dates` records.

Points are days, bars periods; a bar's fill says how precisely it was stated (a period of
days, a month, a year), a dashed outline a date the rule linked to the statement (a
reference table's meeting) rather than read from it. Colour is the fact's verdict; a
departing statement of a discrepancy is drawn in red with a heavy outline. Each mark has a
`<title>` (shown on hover) with the quote, and a label beside it."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checker.reporters.records import departing
from checker.terminal import safe

WIDTH = 1100  # the SVG's coordinate width; it scales to the page
LEFT = 230  # the column of document labels
RIGHT = 24
TOP = 34  # the axis
LANE = 18  # height of one lane of marks within a document's row
ROW_PADDING = 6
CHAR_WIDTH = 6.2  # estimated width of a label character at the marks' font size
LABEL_CHARS = 34  # a mark's label is its quote, cut at this many characters
ROW_LABEL_CHARS = 36
MAX_LANES = 6  # lanes of a document's row; further marks overlap, their quotes in <title>
ROWS_PER_EVENT = 150  # documents drawn per event; the rest are counted
TABLE_ROWS = 400  # dates listed as text per event
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
PROBLEM_VERDICTS = ("discrepancy", "ordering_difference", "complementary")


def esc(text: Any) -> str:
    """Any text as HTML character data or an attribute value: it can add no markup, and its
    control characters and bidi overrides are shown as escapes (`checker.terminal.safe`)."""
    return "" if text is None else html.escape(safe(text), quote=True)


def cut(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def date_text(start: dt.date, end: dt.date, precision: str) -> str:
    """'24 March 2022', 'June 2022', '2023', '28–30 June 2022', '30 June – 2 July 2022'
    (month names spelt out here, not by the locale, so the page is the same everywhere)."""
    first, last = MONTHS[start.month - 1], MONTHS[end.month - 1]
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return f"{first} {start.year}"
    if start == end:
        return f"{start.day} {first} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {first} {start.year}"
    if start.year == end.year:
        return f"{start.day} {first} – {end.day} {last} {end.year}"
    return f"{start.day} {first} {start.year} – {end.day} {last} {end.year}"


@dataclass
class Mark:
    """One date a statement gives, as the timeline draws it."""

    document: str
    start: dt.date
    end: dt.date
    precision: str
    stated: bool
    verdict: str
    departs: bool
    quote: str
    value: str
    fact: str  # rule: key
    where: str  # path:line
    finding: int  # index of the finding in the report
    labelled: bool = True  # the statement's first date carries its quote as a label

    @property
    def bad(self) -> bool:
        return self.verdict == "discrepancy" and self.departs

    @property
    def when(self) -> str:
        return date_text(self.start, self.end, self.precision)


def marks_of(findings: Sequence[dict[str, Any]]) -> list[Mark]:
    """Every date stated, once per statement and date (a statement in two findings, such as a
    fact and a document's conflict with itself, keeps the graver one)."""
    gravity = {"discrepancy": 0, "ordering_difference": 1, "complementary": 2}
    chosen: dict[tuple[Any, ...], Mark] = {}
    for number, finding in enumerate(findings):
        departing_sides = set(departing(finding))
        for index, side in enumerate(finding["sides"]):
            for s in side["statements"]:
                for order, d in enumerate(s.get("dates", ())):
                    mark = Mark(
                        s["document"],
                        dt.date.fromisoformat(d["start"]),
                        dt.date.fromisoformat(d["end"]),
                        d["precision"],
                        d["stated"],
                        finding["verdict"],
                        index in departing_sides and finding["verdict"] in PROBLEM_VERDICTS,
                        s["quote"],
                        s["value"],
                        f"{finding['rule']}: {finding['key']}",
                        f"{s['path']}:{s['line']}",
                        number,
                        order == 0,
                    )
                    identity = (
                        *(s["document"], s["line"], s["column"]),
                        *(d["start"], d["end"], d["precision"], d["stated"]),
                    )
                    old = chosen.get(identity)
                    if old is None or gravity.get(mark.verdict, 9) < gravity.get(old.verdict, 9):
                        chosen[identity] = mark
    return list(chosen.values())


def render_timeline(records: dict[str, Any], anchors: dict[int, str]) -> str:
    """The timeline section: per event, an SVG with one row per document stating a date."""
    marks = marks_of(records["findings"])
    out = ['<section id="timeline">', "<h2>Timeline of the dates stated</h2>"]
    if not marks:
        out += ["<p>No document states a date a rule reads.</p>", "</section>"]
        return "\n".join(out)
    out.append(
        "<p>Every date and period the documents state, per event, one row per document. "
        "Hover over a mark (or see the table under each picture) for its quote.</p>"
    )
    out.append(legend())
    by_document: dict[str, list[Mark]] = {}
    for mark in marks:
        by_document.setdefault(mark.document, []).append(mark)
    documents = {d["id"]: d for d in records["documents"]}
    groups = [(e["label"], list(e["documents"])) for e in records["events"]]
    grouped = {d for _, members in groups for d in members}
    rest = [d["id"] for d in records["documents"] if d["id"] not in grouped]
    if rest:
        groups.append(("documents in no event", rest))
    for number, (label, members) in enumerate(groups):
        stating = [d for d in members if d in by_document]
        if stating:
            out.append(event_figure(number, label, stating, by_document, documents, anchors))
    out.append("</section>")
    return "\n".join(out)


def event_figure(
    number: int,
    label: str,
    stating: list[str],
    by_document: dict[str, list[Mark]],
    documents: dict[str, dict[str, Any]],
    anchors: dict[int, str],
) -> str:
    # past the cap, the documents with a departing date are drawn first, in document order
    departs = {d for d in stating if any(m.departs for m in by_document[d])}
    kept = set(sorted(stating, key=lambda d: d not in departs)[:ROWS_PER_EVENT])
    drawn = [d for d in stating if d in kept]
    marks = [m for d in drawn for m in by_document[d]]
    periods = [p for d in drawn if (p := document_period(documents[d])) is not None]
    first = min([m.start for m in marks] + [p[0] for p in periods])
    last = max([m.end for m in marks] + [p[1] for p in periods])
    scale = Scale(first, last)
    rows: list[str] = []
    y = TOP + 6
    for row, document in enumerate(drawn):
        row_marks = sorted(by_document[document], key=lambda m: (m.start, m.end, m.fact, m.quote))
        lanes = assign_lanes(row_marks, scale)
        height = max(1, max(lanes, default=0) + 1) * LANE + ROW_PADDING
        rows.append(draw_row(row, documents[document], row_marks, lanes, scale, y, height, anchors))
        y += height
    total = y + 6
    caption = f"{esc(label)}: {len(drawn)} document{'s' if len(drawn) != 1 else ''} stating dates"
    if len(stating) > len(drawn):
        caption += f" ({len(drawn)} of {len(stating)} drawn, those that depart first)"
    title_id = f"tl-{number}"
    svg = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" height="{total}" '
        f'role="img" aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Timeline: {esc(label)}</title>',
        scale.axis(total),
        *rows,
        "</svg>",
    ]
    return "\n".join(
        [
            f'<figure class="event-timeline" id="timeline-{number}">',
            f"<figcaption>{caption}</figcaption>",
            '<div class="scroll">',
            *svg,
            "</div>",
            dates_table(drawn, by_document, documents),
            "</figure>",
        ]
    )


def document_period(document: dict[str, Any]) -> tuple[dt.date, dt.date, str] | None:
    """A document's own date (ISO at its precision: 2022, 2022-03, 2022-03-24) as a period."""
    stated = document.get("date")
    if not stated:
        return None
    if len(stated) == 4:
        return dt.date(int(stated), 1, 1), dt.date(int(stated), 12, 31), "year"
    if len(stated) == 7:
        start = dt.date.fromisoformat(f"{stated}-01")
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - dt.timedelta(days=1), "month"
    day = dt.date.fromisoformat(stated)
    return day, day, "day"


class Scale:
    """Days to x coordinates, and the axis with ticks fitted to the span."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        span = (last - first).days + 1
        pad = max(1, math.ceil(span * 0.04))
        self.first = first - dt.timedelta(days=pad)
        self.last = last + dt.timedelta(days=pad)
        self.days = (self.last - self.first).days + 1
        self.width = WIDTH - LEFT - RIGHT

    def x(self, day: dt.date, fraction: float = 0.0) -> float:
        return LEFT + ((day - self.first).days + fraction) / self.days * self.width

    def ticks(self) -> list[tuple[dt.date, str]]:
        if self.days <= 60:
            step = max(1, math.ceil(self.days / 8))
            days = [self.first + dt.timedelta(days=n) for n in range(0, self.days, step)]
            return [(d, f"{d.day} {MONTHS[d.month - 1][:3]}") for d in days]
        if self.days <= 3 * 366:
            months = []
            year, month = self.first.year, self.first.month + 1
            while dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1) <= self.last:
                months.append(dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1))
                month += 1
            step = max(1, math.ceil(len(months) / 10))
            return [(d, f"{MONTHS[d.month - 1][:3]} {d.year}") for d in months[::step]]
        years = [dt.date(y, 1, 1) for y in range(self.first.year + 1, self.last.year + 1)]
        step = max(1, math.ceil(len(years) / 10))
        return [(d, str(d.year)) for d in years[::step]]

    def axis(self, height: int) -> str:
        parts = [f'<g class="axis"><line x1="{LEFT}" y1="{TOP}" x2="{WIDTH - RIGHT}" y2="{TOP}"/>']
        for day, label in self.ticks():
            x = f"{self.x(day):.1f}"
            parts.append(f'<line class="grid" x1="{x}" y1="{TOP}" x2="{x}" y2="{height - 4}"/>')
            parts.append(f'<text x="{x}" y="{TOP - 8}">{esc(label)}</text>')
        parts.append("</g>")
        return "".join(parts)


def shape_extent(mark: Mark, scale: Scale) -> tuple[float, float]:
    if mark.precision == "day":
        return scale.x(mark.start, 0.5) - 5, scale.x(mark.start, 0.5) + 5
    return scale.x(mark.start), max(scale.x(mark.end, 1.0), scale.x(mark.start) + 3)


def label_left(mark: Mark, scale: Scale) -> bool:
    """A label that would run past the right edge stands left of its mark."""
    _, x1 = shape_extent(mark, scale)
    return x1 + 4 + len(label_of(mark)) * CHAR_WIDTH > WIDTH - 4


def extent(mark: Mark, scale: Scale) -> tuple[float, float]:
    """The pixels a mark and its label take in its lane."""
    x0, x1 = shape_extent(mark, scale)
    width = 4 + len(label_of(mark)) * CHAR_WIDTH
    return (x0 - width, x1) if label_left(mark, scale) else (x0, x1 + width)


def label_of(mark: Mark) -> str:
    return cut(mark.quote, LABEL_CHARS) if mark.labelled else ""


def assign_lanes(marks: Sequence[Mark], scale: Scale) -> list[int]:
    """Each statement's marks in the first lane where they and the label overlap nothing
    drawn before; the dates one statement gives ("in June", and the linked 28-30 June)
    share a lane, one drawn over the other."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, mark in enumerate(marks):
        groups.setdefault((mark.where, mark.fact, mark.quote, mark.finding), []).append(index)
    spans = []
    for members in groups.values():
        extents = [extent(marks[i], scale) for i in members]
        spans.append((min(x0 for x0, _ in extents), max(x1 for _, x1 in extents), members))
    spans.sort(key=lambda span: (span[0], span[1]))
    ends: list[float] = []
    lanes = [0] * len(marks)
    for x0, x1, members in spans:
        lane = next((n for n, end in enumerate(ends) if end + 4 <= x0), len(ends))
        if lane == MAX_LANES:  # a crowded row: drawn over the lane that ends first, unlabelled
            lane = min(range(MAX_LANES), key=ends.__getitem__)
            for index in members:
                marks[index].labelled = False
        if lane == len(ends):
            ends.append(x1)
        else:
            ends[lane] = max(ends[lane], x1)
        for index in members:
            lanes[index] = lane
    return lanes


def draw_row(
    row: int,
    document: dict[str, Any],
    marks: list[Mark],
    lanes: list[int],
    scale: Scale,
    y: int,
    height: int,
    anchors: dict[int, str],
) -> str:
    label = cut(document["label"], ROW_LABEL_CHARS)
    parts = [
        f'<g class="row r{row % 2}">',
        f'<rect class="band" x="0" y="{y}" width="{WIDTH}" height="{height}"/>',
        f'<text class="doc" x="6" y="{y + 13}"><title>{esc(document["label"])} '
        f"({esc(document['path'])})</title>{esc(label)}</text>",
    ]
    period = document_period(document)
    if period is not None:
        start, end, precision = period
        x0, x1 = scale.x(start), max(scale.x(end, 1.0), scale.x(start) + 2)
        parts.append(
            f'<rect class="docdate" x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="{height}">'
            f"<title>{esc(document['label'])} is dated {esc(date_text(start, end, precision))}"
            "</title></rect>"
        )
    for mark, lane in zip(marks, lanes, strict=True):
        parts.append(draw_mark(mark, scale, y + lane * LANE + LANE // 2 + 3, anchors))
    parts.append("</g>")
    return "".join(parts)


def draw_mark(mark: Mark, scale: Scale, cy: int, anchors: dict[int, str]) -> str:
    classes = ["m", f"v-{mark.verdict}", f"p-{mark.precision}"]
    if not mark.stated:
        classes.append("linked")
    if mark.bad:
        classes.append("bad")
    elif mark.verdict in PROBLEM_VERDICTS and not mark.departs:
        classes.append("quiet")  # the majority of a problem fact: the departing mark stands out
    how = {"day": "a day", "month": "a month", "year": "a year", "range": "a period of days"}
    stated = (
        f"stated as {how.get(mark.precision, mark.precision)}"
        if mark.stated
        else "the dates of the meeting the rule linked it to, not stated in the sentence"
    )
    role = " — this source departs" if mark.departs else ""
    title = (
        f"{mark.when} ({stated})\n“{mark.quote}” — {mark.where}\n"
        f"{mark.fact}: {mark.value}\nverdict: {mark.verdict.replace('_', ' ')}{role}"
    )
    x0, x1 = shape_extent(mark, scale)
    if mark.precision == "day":
        shape = f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{cy}" r="5"/>'
    else:
        shape = f'<rect x="{x0:.1f}" y="{cy - 5}" width="{x1 - x0:.1f}" height="10" rx="2"/>'
    if label_left(mark, scale):
        place = f'x="{x0 - 4:.1f}" text-anchor="end"'
    else:
        place = f'x="{x1 + 4:.1f}"'
    label = label_of(mark)
    text = f'<text class="ml" {place} y="{cy + 4}">{esc(label)}</text>' if label else ""
    body = f'<g class="{" ".join(classes)}"><title>{esc(title)}</title>{shape}{text}</g>'
    anchor = anchors.get(mark.finding)
    return f'<a href="#{anchor}">{body}</a>' if anchor else body


def dates_table(
    drawn: list[str], by_document: dict[str, list[Mark]], documents: dict[str, dict[str, Any]]
) -> str:
    rows = [
        (documents[d]["label"], m)
        for d in drawn
        for m in sorted(by_document[d], key=lambda m: (m.start, m.end, m.fact))
    ]
    out = [
        f'<details class="dates"><summary>The {len(rows)} dates as a table</summary>',
        "<table><thead><tr><th>document</th><th>date</th><th>stated as</th><th>fact</th>"
        "<th>quote</th><th>where</th></tr></thead><tbody>",
    ]
    for label, m in rows[:TABLE_ROWS]:
        how = m.precision if m.stated else f"{m.precision}, linked by the rule"
        css = ' class="bad"' if m.bad else ""
        out.append(
            f"<tr{css}><td>{esc(label)}</td><td>{esc(m.when)}</td><td>{esc(how)}</td>"
            f"<td>{esc(m.fact)}</td><td>{esc(m.quote)}</td><td><code>{esc(m.where)}</code></td></tr>"
        )
    out.append("</tbody></table>")
    if len(rows) > TABLE_ROWS:
        out.append(f"<p>The first {TABLE_ROWS} of {len(rows)} dates; audit.json holds all.</p>")
    out.append("</details>")
    return "\n".join(out)


def legend() -> str:
    """What the marks mean, each beside a small drawing of it."""

    def sample(classes: str, shape: str) -> str:
        return (
            f'<svg class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true">'
            f'<g class="m {classes}">{shape}</g></svg>'
        )

    dot = '<circle cx="20" cy="8" r="5"/>'
    bar = '<rect x="4" y="3" width="32" height="10" rx="2"/>'
    items = [
        (sample("v-agreement p-day", dot), "a day"),
        (sample("v-agreement p-range", bar), "a period of days"),
        (sample("v-agreement p-month", bar), "a month"),
        (sample("v-agreement p-year", bar), "a year"),
        (sample("v-agreement p-range linked", bar), "a meeting's dates, linked by the rule"),
        (
            '<svg class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true">'
            '<rect class="docdate" x="18" y="0" width="4" height="16"/></svg>',
            "the document's own date",
        ),
        (sample("v-agreement p-day", dot), "agreement"),
        (sample("v-discrepancy p-day bad", dot), "discrepancy: a departing source"),
        (sample("v-discrepancy p-day quiet", dot), "discrepancy: the majority"),
        (sample("v-ordering_difference p-day", dot), "ordering difference"),
        (sample("v-complementary p-day", dot), "complementary"),
        (sample("v-one_sided p-day", dot), "one source only"),
    ]
    lis = "".join(f"<li>{svg} {esc(text)}</li>" for svg, text in items)
    return f'<ul class="legend" aria-label="legend">{lis}</ul>'

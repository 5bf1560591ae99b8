"""A document's own date: its front-matter value, or a dateline at the top of its body.

Plain regular expressions over whole values and whole lines, never a fuzzy search of free
text: a date inside an ordinary sentence is something the document reports, not its date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

DATELINE_WINDOW = 12  # non-empty lines at the top of the body where a dateline may stand
PROSE_LENGTH = 80  # a paragraph this long is prose, not a title, byline or label

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# A date stated in full, to the day: "11 July 2023", "11th of July, 2023", "July 11th, 2023",
# "JULY 11, 2023", "Tuesday, 11 July 2023", "11.07.2023" (day first), "2023-07-11", and
# "24/03/2022" or "03/24/2022" when only one reading is a date (a day past 12 tells).
_DATE = (
    rf"{_WEEKDAY}(?:"
    rf"(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>\d{{4}})"
    rf"|(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL},?\s+(?P<mdy_y>\d{{4}})"
    r"|(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4})"
    r"|(?P<slash_a>\d{1,2})/(?P<slash_b>\d{1,2})/(?P<slash_y>\d{4})"
    r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})"
    r")(?![\d.]\d)"
)
# A time of day after the date: "July 11, 2023, 10:30 a.m. EDT", "11 July 2023 15:04 CET".
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*\(?(?:[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?)?"
)
_SEPARATOR = r"(?:--?|[–—:|·•/-])"
# Words that introduce a release date: "FOR IMMEDIATE RELEASE", "Press release", "Released:".
_RELEASE = (
    r"(?:for\s+immediate\s+release|(?:press|news|media)\s+release|release\s+date|released"
    r"|published(?:\s+on)?|publication\s+date|posted(?:\s+on)?|issued(?:\s+on)?|dated?)"
)
_LABEL = r"[A-Z][A-Z&'’.]*(?:\s+[A-Z][A-Z&'’.]*){0,3}"  # an all-capitals section name
_CAPS_PLACE = (
    r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})?"
)
_NAME = r"[A-Z][a-zà-ÿ'’-]+"
_TITLE_PLACE = rf"{_NAME}(?:\s+{_NAME}){{0,2}}(?:,\s*{_NAME}(?:\s+{_NAME}){{0,2}})?"
_AGENCY = r"(?:\(\s*[A-Za-z][\w .&'’-]{0,30}\)|/\s*[A-Za-z][\w .&'’-]{0,30}/)"

# An ISO 8601 datetime, or the same with a space and a zone name: its day as written.
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:[.,]\d+)?)?"
    r"\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?"
)
_WHOLE_DATE = re.compile(rf"(?i){_DATE}{_TIME}\.?")
_MONTH_YEAR = re.compile(rf"(?i)(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})")
_DATED_LINE = re.compile(
    rf"(?:(?i:{_RELEASE})\s*{_SEPARATOR}?\s*"  # "Press release 11 July 2023", "Released: ..."
    rf"|{_LABEL}\s*{_SEPARATOR}\s*)?"  # "WORLD NEWS | July 11, 2023"
    rf"(?i:{_DATE}{_TIME})"
    rf"(?:\s*{_SEPARATOR}\s*{_LABEL})?\.?"  # "11.07.2023 | EUROPE"
)
_RELEASE_ONLY = re.compile(rf"(?i){_RELEASE}\s*:?")
_UPDATED = re.compile(r"(?i)\W*(?:last\s+)?(?:updated|modified|revised|edited|corrected)\b")
# A dateline opening a paragraph: "WASHINGTON, D.C. — July 11, 2023 — ...", "BRUSSELS, 11 July
# 2023 – ...", "VILNIUS (Reuters) - 11 July 2023 - ...", "Vilnius, 11 July 2023 – ...".
_CAPS_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE})\s*(?:{_AGENCY}\s*)?(?:,|{_SEPARATOR})?\s*(?i:{_DATE}{_TIME})"
    rf"\s*(?:{_AGENCY}\s*)?(?:{_SEPARATOR}|$)"
)
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_PLACE}),\s*(?i:{_DATE}{_TIME})\s*(?:{_AGENCY}\s*)?(?:--?|[–—:-]|$)"
)
# The first word of a sentence that is not a place: "On 11 July 2023, ...", "Today, 11 July ...".
NOT_A_PLACE = {
    "on", "in", "at", "by", "since", "until", "from", "before", "after", "during", "as", "of",
    "today", "yesterday", "tomorrow", "last", "next", "this", "that", "the", "and", "but",
}  # fmt: skip
# Words a line cannot end on when a sentence goes on to the next line ("held on / 11 July").
CONTINUING_WORDS = {
    "on", "of", "in", "at", "by", "since", "until", "till", "from", "to", "before", "after",
    "during", "between", "for", "with", "as", "than", "the", "a", "an", "and", "or", "but",
    "is", "was", "were", "be", "been", "held", "dated", "signed", "adopted", "agreed",
}  # fmt: skip


@dataclass(frozen=True)
class StatedDate:
    """A document's date: the first day of what it states, and how precisely it states it."""

    date: dt.date
    precision: str  # day | month | year

    def covers(self, other: dt.date) -> bool:
        if self.precision == "year":
            return other.year == self.date.year
        if self.precision == "month":
            return (other.year, other.month) == (self.date.year, self.date.month)
        return other == self.date

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The day a `_DATE` match states, or None when there is no such day (31 June)."""
    groups = match.groupdict()
    if groups.get("slash_y"):
        return slash_date(int(groups["slash_a"]), int(groups["slash_b"]), int(groups["slash_y"]))
    for style in ("dmy", "mdy", "dot", "iso"):
        if groups.get(f"{style}_y"):
            day, month, year = (groups[f"{style}_{part}"] for part in "dmy")
            break
    else:
        return None
    number = MONTH_NUMBERS.get(month.lower()) if month.isalpha() else int(month)
    try:
        return dt.date(int(year), number or 0, int(day))
    except ValueError:
        return None


def slash_date(first: int, second: int, year: int) -> dt.date | None:
    """'24/03/2022' (day first) or '03/24/2022' (month first): the day only one reading
    gives; None for '03/04/2022', which writers of either habit may mean."""
    readings = set()
    for day, month in ((first, second), (second, first)):
        try:
            readings.add(dt.date(year, month, day))
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


_ISO_YEAR = re.compile(r"\d{4}")
_ISO_MONTH = re.compile(r"(\d{4})[-/](\d{2})")
_ISO_DAY = re.compile(r"(\d{4})(-?)(\d{2})\2(\d{2})|(\d{4})/(\d{2})/(\d{2})")


def parse_date_text(text: str) -> StatedDate | None:
    """A value that is wholly a date: ISO 8601 (`2023-07-11`, `2023-07`, `2023`, `20230711`,
    a datetime such as `2023-07-11T10:30:00Z`: its day as written), `2023/07/11`, or a written
    date ("11 July 2023", "July 11th, 2023", "Tue, 11 Jul 2023", "July 2023")."""
    text = " ".join(text.split()).strip()
    try:
        if _ISO_YEAR.fullmatch(text):
            return StatedDate(dt.date(int(text), 1, 1), "year")
        if found := _ISO_MONTH.fullmatch(text):
            return StatedDate(dt.date(int(found[1]), int(found[2]), 1), "month")
        if found := _ISO_DAY.fullmatch(text):
            parts = [int(p) for p in found.groups() if p and p != "-"]
            return StatedDate(dt.date(*parts), "day")
        if found := _DATETIME.fullmatch(text):
            dt.time(int(found["hour"]), int(found["minute"]))  # a time of day, or ValueError
            return StatedDate(dt.date(*(int(p) for p in found.group(1, 2, 3))), "day")
        if found := _MONTH_YEAR.fullmatch(text):
            number = MONTH_NUMBERS[found["m"].lower()]
            return StatedDate(dt.date(int(found["y"]), number, 1), "month")
    except ValueError:
        return None
    return stated(_WHOLE_DATE.fullmatch(text))


def front_matter_date(value: object) -> StatedDate | str:
    """The date a front-matter `date:` states, or why it states none (a phrase to warn with)."""
    if isinstance(value, dt.datetime):
        return StatedDate(value.date(), "day")
    if isinstance(value, dt.date):
        return StatedDate(value, "day")
    if value is None or (isinstance(value, str) and not value.strip()):
        return "front matter date is empty"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `date: 2023` (a year) or `date: 20230711` (ISO basic format)
    if isinstance(value, str):
        found = parse_date_text(value)
        if found is not None:
            return found
        value = value.strip()
    return f"front matter date {shorten(repr(value))} is not a date"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_dateline(lines: Sequence[str]) -> StatedDate | None:
    """The date a dateline near the top of the body states (the body's lines, in order).

    A date counts when a line opens with a place and the date ("BRUSSELS, 11 July 2023 –
    ...", "Vilnius, 11 July 2023 – ..."), or when it stands on a line of its own that no
    sentence runs into, alone, after a release label ("FOR IMMEDIATE RELEASE", "Released:")
    or beside a section name. Only the first `DATELINE_WINDOW` non-empty lines are read, and
    the first paragraph of prose.
    """
    for paragraph in top_paragraphs(lines):
        texts = [clean(line) for line in paragraph[:DATELINE_WINDOW]]
        for index, text in enumerate(texts):
            if _UPDATED.match(text):
                continue  # "Updated: 12 July 2023" dates a later version, not the document
            found = leading_dateline(" ".join(texts[index : index + 3]))  # wrapped datelines
            if found:
                return found
            before = texts[index - 1] if index else ""
            after = texts[index + 1] if index + 1 < len(texts) else ""
            ends_sentence = text.endswith(".") and before[-1:].islower()
            if after[:1].islower() or ends_sentence or runs_on(before):
                continue  # "... held on / 11 July 2023 / in Vilnius.": part of a sentence
            found = stated(_DATED_LINE.fullmatch(text))
            if found:
                return found
    return None


def leading_dateline(text: str) -> StatedDate | None:
    """A dateline opening `text`: a place, then the date. (A date and a dash without a place
    opens an entry of a chronology as often as a dateline: it is not read.)"""
    for pattern in (_CAPS_DATELINE, _TITLE_DATELINE):
        match = pattern.match(text)
        if match is None:
            continue
        place = match.groupdict().get("place")
        if place and place.split()[0].strip(",").lower() in NOT_A_PLACE:
            continue
        return stated(match)
    return None


def stated(match: re.Match[str] | None) -> StatedDate | None:
    day = date_from_match(match) if match else None
    return StatedDate(day, "day") if day else None


def runs_on(line: str) -> bool:
    """The line stops where a sentence cannot: after a comma, a preposition, an article."""
    if _RELEASE_ONLY.fullmatch(line):
        return False  # "FOR IMMEDIATE RELEASE:", "Press release": the date follows
    if line and line[-1] in ",;:(-–—":
        return True
    words = line.split()
    return bool(words) and words[-1].lower() in CONTINUING_WORDS


def top_paragraphs(lines: Sequence[str]) -> list[list[str]]:
    """The body's paragraphs (runs of non-empty lines) that start within the dateline
    window, and the first paragraph of prose wherever it starts."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    seen = 0
    prose_seen = False
    for line in [*lines, ""]:
        if line.strip():
            if not current and seen >= DATELINE_WINDOW and prose_seen:
                break
            current.append(line)
            seen += 1
            continue
        if current:
            is_prose = len(" ".join(current)) >= PROSE_LENGTH
            if seen - len(current) < DATELINE_WINDOW or (is_prose and not prose_seen):
                paragraphs.append(current)
            prose_seen = prose_seen or is_prose
            current = []
    return paragraphs


_ESCAPE = re.compile(r"\\([^\w\s])")
_HEADING_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?)")
_EMPHASIS = re.compile(r"[*_]+")


def clean(line: str) -> str:
    """A line as a reader sees it: no Markdown heading marks, emphasis or escapes. Each
    pattern is tried only on a line holding its mark: most lines hold none."""
    text = line
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "#" in text or ">" in text:
        text = _HEADING_MARKS.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())

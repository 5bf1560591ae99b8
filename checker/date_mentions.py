"""Calendar dates written in running text: where they stand, as stated, for checker.dates.

Only dates that name a day or a month with a day ("February 6", "6 February 2023", "Sept.
28, 2022", "the 6th of February", "19-21 May 2023", "from May 19 to 21", "2023-02-06"):
a bare month or year says too little to tie to one event. Numbers around them are not
read here (that is checker.values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)"
_DASH = r"\s*(?:-|–|—|to|until|through)\s*"
DATE = re.compile(
    rf"""(?ix)(?<![\w.])(?:
        {_WEEKDAY}?(?:the\s+)?{_DAY}(?:{_DASH}{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?
      | {_WEEKDAY}?{_MONTH}\s+{_DAY}(?:{_DASH}(?:{_MONTH}\s+)?{_DAY})?(?:,?\s+{_YEAR})?
      | {_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])
    )(?![\w])"""
)
_FROM_RANGE = re.compile(rf"(?i)\bfrom\s+({_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})\s*$")
_DIGIT = re.compile(r"\d")
_MAY = re.compile(r"\bmay\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str  # as stated, ready for checker.dates.resolve_date


def find_date_mentions(text: str) -> list[DateMention]:
    """Every day-precise date in `text`, in order. "may" must be the month: it needs a day
    beside it, so "Russia may 4" is rare enough to accept."""
    if not _DIGIT.search(text):
        return []  # every date kept holds a digit: most sentences end here, at C speed
    found = []
    for match in DATE.finditer(text):
        stated = match.group(0)
        if not _DIGIT.search(stated) or _MAY.search(stated):
            continue  # lower-case "may" is the verb: "prices may 10 times"
        found.append(DateMention(match.start(), match.end(), normal_form(stated)))
    return found


# A weekday that dates something on its own: "on Wednesday", "last Tuesday", "on Tuesday
# night"; not "Wednesday's vote" or a weekday of a full date (DATE has those).
WEEKDAY = re.compile(
    r"(?i)\b(?:(?P<which>last|this|next|past|coming)\s+|(?<=\bon\s))"
    r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?![’'],?\s*s\b|,?\s*\d)"
    # a day that owns an event: "Friday afternoon's collapse", "Sunday's election"
    r"|\b(?P<owner>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
    r"(?=(?:\s+(?:morning|afternoon|evening|night))?[’']s\b)"
)
_DAY_WORD = re.compile(r"(?i)day")


def find_weekday_mentions(text: str, dates: list[DateMention] | None = None) -> list[DateMention]:
    """Every weekday standing for a day, in order: what it means depends on the document's
    date ("on Wednesday" in a story dated Thursday 6 March is 5 March), so the caller
    resolves it against that date. Weekdays inside a day-precise date (`dates`, the text's
    date mentions when the caller has them) are not among them."""
    if not _DAY_WORD.search(text):
        return []
    if dates is None:
        dates = find_date_mentions(text)
    found = []
    for match in WEEKDAY.finditer(text):
        if any(date.start <= match.start() < date.end for date in dates):
            continue
        which = (match.group("which") or "").lower()
        weekday = match.group("weekday") or match.group("owner")
        stated = f"{which} {weekday.lower()}".strip()
        found.append(DateMention(match.start(), match.end(), stated))
    return found


def normal_form(stated: str) -> str:
    """What checker.dates reads: ordinals, 'of', abbreviation stops and weekdays dropped;
    'from May 19 to 21' and '19 to 21 May' as ranges with a dash."""
    text = re.sub(rf"(?i)^{_WEEKDAY}", "", stated.strip())
    text = re.sub(r"(?i)^the\s+", "", text)
    text = re.sub(r"(?i)(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(?i)\s+of\s+", " ", text)
    text = re.sub(r"(?i)\b(jan|feb|mar|apr|aug|sept|sep|oct|nov|dec)\.", r"\1", text)
    text = re.sub(r"(?i)\bsept\b", "sep", text)
    text = re.sub(r"(?i)\s*(?:to|until|through|–|—)\s*(?=\d)", "-", text)
    return " ".join(text.split())

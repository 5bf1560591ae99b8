"""Stretches of a sentence whose digits are labels, times or identifiers, never values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# A number that labels something is not a quantity of it. The words that introduce one, as
# data: each is followed by the label ("Article 5", "Articles 4 and 5", "Resolution 2231").
LABEL_WORDS = (
    "article", "articles", "paragraph", "paragraphs", "para", "paras", "section", "sections",
    "chapter", "chapters", "clause", "clauses", "rule", "rules", "resolution", "resolutions",
    "item", "items", "annex", "annexes", "appendix", "page", "pages", "p.", "pp.", "no.",
    "nos.", "number", "table", "figure", "fig.", "step", "phase", "part", "title", "volume",
    "vol.", "schedule", "protocol", "category", "level", "stage", "flight", "route", "room",
    "grade", "tier", "class", "version", "line", "gate", "platform", "district", "ward",
    "precinct", "seat", "lot", "unit", "case", "docket", "bill", "motion", "amendment",
    "type", "§", "#",
)  # fmt: skip

# Hyphenated prefixes before a year that are words, not identifiers ("mid-2014").
YEAR_PREFIXES = ("mid", "pre", "post", "early", "late", "end", "fiscal")
# Letters before a digit that name a currency, not an identifier ("Rs500", "USD7bn").
CURRENCY_LETTERS = ("us", "usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "rs")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_LABEL_SET = frozenset(LABEL_WORDS)

# What is excluded, for the record and the tests; each is checked at a run of digits
# (`excluded_spans`), since every exclusion but a name has digits in it.
EXCLUSIONS = {
    "time of day": "10:30, 10.30 am, 3pm, 9 o'clock",
    "phone number": "+44 20 7946 0958, (202) 555-0123, 202-555-0123, 020 7946 0958",
    "label": "Article 5, paragraphs 12 and 13, Resolution 2231, No. 7, § 3 (LABEL_WORDS)",
    "identifier": "G7, COVID-19, F-16, A400M, MH17, 3D, 5G, 1990s, 40km",
    "slashed or dotted": "24/7, 9/11, 2022/23, 12/03/2022, version 3.10.1",
    "day of month": "12 June, June 12, 12th of June",
    "name with a number": "Group of Seven, Group of 20, World War II",
    "web address": "https://example.org/2023/06/15425, www.example.org/?p=12",
}

# A run of digits with the separators a number, time, date or phone number may use.
_DIGIT_RUN = re.compile(r"\d+(?:(?:[.,:/-]|[ \u00a0](?=\d))\d+)*")
_TIME = re.compile(
    r"(?i)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?"
    r"|\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)|\d{1,2}\s+o'clock\b"
)
# Digits in groups of three after a space or dot are thousands ("40 000 000"), and
# "300-1000" is a range, so a phone number needs a "+", brackets, three groups or a trunk 0.
_PHONE_AFTER_SIGN = re.compile(
    r"[+(]\d{1,4}\)?[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}\b"
)
_PHONE = re.compile(
    r"(?!\d{1,3}(?:\.\d{3})+\b)\d{2,4}(?:[.-]\d{2,4}){2,4}\b|0\d{1,4}(?:\s\d{2,4}){2,4}\b"
)
_VERSION = re.compile(r"(?!\d{1,3}(?:\.\d{3})+\b)\d+\.\d+\.\d+")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+-?$")
_IDENTIFIER_REST = re.compile(r"(?:[\w-]|\.(?=\w))*")
# letters a number may carry: "40K", "7bn", "3.5m", "75th", "3x", "3pm"
_ALLOWED_SUFFIX = re.compile(r"(?i)(?:k|m|mn|mln|b|bn|tn|trn|st|nd|rd|th|x|am|pm)(?!\w)")
_LABEL_BEFORE = re.compile(r"(?i)(?:^|(?<=[\s(\[]))([a-z]+\.?|§|#)\s*$")
_LABEL_CHAIN = re.compile(r"\s*(?:,|and|or|to|-|–)\s*")
_SIMPLE_LABEL_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_DAY_THEN_MONTH = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_DAY_RANGE = re.compile(r"\d{1,2}[-–]\d{1,2}")
_MONTH_THEN_DAY = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """The spans of labels, times, phone numbers, identifiers and dates' days (EXCLUSIONS)."""
    spans: list[tuple[int, int]] = []
    label_end: int | None = None  # where the last label number ended: "Articles 4 and 5"
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        written = run.group(0)
        excluded = _excluded_at(text, start, end, written)
        label: tuple[int, int] | None = None
        if excluded is None:
            # a label's number is a plain one: "Article 5, 40,000 troops" keeps its 40,000
            simple = _SIMPLE_LABEL_NUMBER.match(written)
            chained = (
                label_end is not None
                and _LABEL_CHAIN.fullmatch(text, label_end, start) is not None
                and simple is not None
                and simple.end() == len(written)
            )
            if simple is not None and (chained or _label_before(text, start)):
                label = excluded = (start, start + simple.end())
        if excluded is not None:
            spans.append(excluded)
        label_end = label[1] if label else None
    return spans


def _label_before(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in " §#\u00a0":
        return False
    found = _LABEL_BEFORE.search(text, max(0, start - 16), start)
    return found is not None and found.group(1).lower() in _LABEL_SET


def _excluded_at(text: str, start: int, end: int, run: str) -> tuple[int, int] | None:
    before = text[start - 1] if start else ""
    if before in "+(":
        phone = _PHONE_AFTER_SIGN.match(text, start - 1)
        if phone:
            return phone.span()
    if len(run) > 1 and (time := _TIME.match(text, start)):
        return time.span()
    if len(run) > 4 and (phone := _PHONE.match(text, start)):
        return phone.span()
    if "/" in run or _VERSION.match(run):
        return start, end
    letters = (
        _LETTERS_BEFORE.search(text, max(0, start - 12), start)
        if before.isalpha() or (before == "-" and text[start - 2 : start - 1].isalpha())
        else None
    )
    if letters and not _allowed_identifier(text[letters.start() : end]):
        rest = _IDENTIFIER_REST.match(text, end)
        return letters.start(), rest.end() if rest else end
    if end < len(text) and text[end].isalpha() and not _ALLOWED_SUFFIX.match(text, end):
        rest = _IDENTIFIER_REST.match(text, end)
        return start, rest.end() if rest else end
    if _DAY_RANGE.fullmatch(run) and _DAY_THEN_MONTH.match(text, end):
        return start, end  # "23-24 June"
    if len(run) <= 2 and (
        _DAY_THEN_MONTH.match(text, end)
        or (before == " " and _MONTH_THEN_DAY.search(text, max(0, start - 12), start))
    ):
        return start, end
    return None


# Checked against a candidate's end: a "1.5 lakh" is a scale crossdoc does not read, so
# its "1.5" would be a wrong value.
UNREAD_SCALES = re.compile(r"(?i)\s*(?:lakhs?|lacs?|crores?)\b")

# The words that may start a number in words; "a" and "an" start one only before a scale
# ("a million"), while "1.2 million" is a number in digits.
NUMBER_WORD_SIGNALS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
     "zero"]
)  # fmt: skip
SCALE_SIGNALS = frozenset(["hundred", "thousand", "million", "billion", "trillion", "dozen"])
_ARTICLE_AND_SCALE = re.compile(r"\ban?\s+(?:hundred|thousand|million|billion|trillion|dozen)\b")


@dataclass(frozen=True)
class ScannedText:
    """What every finder needs to know about a sentence, worked out once and when needed."""

    text: str
    lowered: str
    words: frozenset[str]
    has_digit: bool
    first_digit: int  # where the first digit is (len(text) if none)
    number_words: bool  # the sentence writes a number in words ("forty thousand")
    # worked out on first use (functools.cached_property takes a lock on every read)
    _worked_out: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def excluded(self) -> tuple[tuple[int, int], ...]:
        """The spans of labels, times, phone numbers and identifiers (EXCLUSIONS)."""
        spans = self._worked_out.get("excluded")
        if spans is None:
            found = [*_named_numbers(self.text), *_web_addresses(self.text)]
            if self.has_digit:
                found.extend(excluded_spans(self.text))
            spans = self._worked_out["excluded"] = tuple(sorted(found))
        return spans  # type: ignore[return-value]

    @property
    def decimal_dots(self) -> bool:
        """The text writes a decimal point as "." ("3.5") or thousands with ","."""
        dots = self._worked_out.get("decimal_dots")
        if dots is None:
            dots = self._worked_out["decimal_dots"] = (
                self.has_digit and _DECIMAL_SIGN.search(self.text) is not None
            )
        return bool(dots)

    def is_excluded(self, start: int, end: int) -> bool:
        return any(start < stop and begin < end for begin, stop in self.excluded)


_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
# A dot or comma that can only be a decimal point or a thousands comma: "3.5", "2.25",
# "3.14159", "1,200" (a dot then exactly three digits could be either)
_DECIMAL_SIGN = re.compile(r"\d(?:\.\d{1,2}(?!\d)|\.\d{4,}|,\d{3}(?!\d))")
_NAMED_NUMBER = re.compile(r"\b(?:Group of|World War)\s+(?:\d+|[A-Z][a-z]+|[IVX]+)\b")


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+")


def _web_addresses(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text:
        return []
    return [match.span() for match in _WEB_ADDRESS.finditer(text)]


def _named_numbers(text: str) -> tuple[tuple[int, int], ...]:
    """ "Group of Seven", "World War II": names, whether or not the sentence has digits."""
    if "Group of" not in text and "World War" not in text:
        return ()
    return tuple(match.span() for match in _NAMED_NUMBER.finditer(text))


@lru_cache(maxsize=4096)
def scan(text: str) -> ScannedText:
    lowered = text.lower()
    words = frozenset(_WORDS.findall(lowered))
    digit = _DIGIT.search(text)
    first_digit = digit.start() if digit else len(text)
    number_words = not words.isdisjoint(NUMBER_WORD_SIGNALS) or (
        not words.isdisjoint(SCALE_SIGNALS) and _ARTICLE_AND_SCALE.search(lowered) is not None
    )
    return ScannedText(text, lowered, words, digit is not None, first_digit, number_words)


def _allowed_identifier(found: str) -> bool:
    """'mid-2014' is a year with a word before it; 'Rs500' and 'USD7bn' are money."""
    letters = re.match(r"[A-Za-z]+", found)
    if letters is None:
        return False
    prefix = letters.group(0).lower()
    if prefix in YEAR_PREFIXES and found[len(prefix) : len(prefix) + 1] == "-":
        return True
    return prefix in CURRENCY_LETTERS and found[len(prefix) : len(prefix) + 1] != "-"

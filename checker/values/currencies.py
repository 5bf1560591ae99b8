"""Currencies as texts write them: ISO 4217 codes and names (pycountry), symbols and words."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

from checker.values.exclusions import scan
from checker.values.numbers import START, VAGUE_PATTERN

# The shapes of the forms written before a number ("$", "US$", "CHF", "Rs."), matched
# loosely and looked up in the table: an alternation of all of them, tried at every word,
# was most of the time spent on money.
BEFORE_SHAPE = r"(?-i:[A-Z][A-Za-z.]{0,3}[$¥]|[A-Z]{3}|Rs\.?|[$€£¥₹₩₽₺₴₪₦])"
SYMBOL = re.compile(r"[$€£¥₹₩₽₺₴₪₦]|zł")
CAPITALS = re.compile(r"[A-Z]{3}")  # inside longer capitals too: it only opens a gate

# Codes that are English words in capitals ("ALL 40 members"), and units that are no money.
NOT_CURRENCY_CODES = frozenset(
    {"ALL", "AMD", "ANG", "BAM", "BOB", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP",
     "XAG", "XAU", "XPD", "XPT", "XTS", "XXX", "XSU", "XUA", "XAD"}
)  # fmt: skip


@dataclass(frozen=True)
class CurrencyForm:
    """One way a text writes a currency: '$', 'US$', 'euros', 'USD', 'Swiss francs'."""

    form: str
    currency: str
    place: str  # before | after | either
    assumed: bool  # several currencies write it so; `currency` is the usual reading
    family: str  # forms of one family resolve an assumed form ("$" beside "C$")


@dataclass(frozen=True)
class CurrencyTable:
    by_form: dict[str, CurrencyForm]  # keys: symbols and codes as written, words lowercased
    after_unit: str  # the pattern of a currency after a number: "euros", "USD", "€"
    vague: re.Pattern[str]  # "billions of dollars"
    signal_words: frozenset[str]  # lowercase words that may name a currency
    codes: frozenset[str]  # the ISO 4217 codes read as money


@cache
def currency_table() -> CurrencyTable:
    forms: dict[str, CurrencyForm] = {}
    source = resources.files("checker.values").joinpath("data/currency_forms.csv")
    with source.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            form = CurrencyForm(
                row["form"], row["currency"], row["place"], row["assumed"] == "yes", row["family"]
            )
            forms[_key(form.form)] = form
    families = {form.currency: form.family for form in forms.values() if form.family}
    for currency in pycountry.currencies:
        code, name = currency.alpha_3, currency.name
        if code in NOT_CURRENCY_CODES:
            continue
        family = families.get(code) or _family_of_name(name, set(families.values()))
        forms.setdefault(code, CurrencyForm(code, code, "either", False, family))
        if re.fullmatch(r"[A-Za-z ]+", name) and name.split()[-1] not in ("Gold", "Fomento"):
            for written in (name, name + "s"):
                forms.setdefault(_key(written), CurrencyForm(written, code, "after", False, family))
    words = [f.form for f in forms.values() if _is_word(f.form)]  # "euros", "Swiss francs"
    symbols_after = _alternation(
        f.form for f in forms.values() if f.place != "before" and not _is_word(f.form)
    )
    words_after = _alternation(
        (f.form for f in forms.values() if f.place != "before" and _is_word(f.form)), words=True
    )
    after_unit = rf"(?:\s?(?-i:{symbols_after})(?!\w)|\s+(?:{words_after})\b)"
    return CurrencyTable(
        by_form=forms,
        after_unit=after_unit,
        vague=re.compile(
            rf"(?i){START}(?P<vague>{VAGUE_PATTERN})\s+of\s+(?P<unit>{words_after})\b"
        ),
        # the last word of each ("francs" of "Swiss francs"): "and" of "Trinidad and
        # Tobago Dollar" or "new" of "New Zealand Dollar" would let every sentence in
        signal_words=frozenset(form.split()[-1].lower() for form in words),
        codes=frozenset(f.form for f in forms.values() if re.fullmatch(r"[A-Z]{3}", f.form)),
    )


def _is_word(form: str) -> bool:
    """Words are matched in any case; symbols and codes only as written."""
    return any(character.islower() for character in form)


def _key(form: str) -> str:
    return form.lower() if _is_word(form) else form


def _family_of_name(name: str, families: set[str]) -> str:
    """'Fiji Dollar' is of the dollar family, 'Egyptian Pound' of the pound family."""
    last = name.split()[-1].lower()
    return last if last in families else ""


def _alternation(forms: Iterable[str], *, words: bool = False) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    escaped = [re.escape(form) for form in ordered]
    if words:
        escaped = [form.replace(r"\ ", r"\s+") for form in escaped]
    return "|".join(escaped)


def stated_form(written: str) -> str:
    return " ".join(written.split())


def form_of(written: str) -> CurrencyForm | None:
    """The currency form a text wrote: '$', 'US$', 'Swiss  francs', 'USD'."""
    return currency_table().by_form.get(_key(stated_form(written)))


def may_state_money(text: str) -> bool:
    """A quick look for a symbol, a currency word or a code, before any search."""
    table = currency_table()
    return bool(
        SYMBOL.search(text)
        or not scan(text).words.isdisjoint(table.signal_words)
        or not table.codes.isdisjoint(CAPITALS.findall(text))
    )


def named_in_family(family: str, text: str, default: str) -> set[str]:
    """The currencies of one family that `text` names explicitly ('C$', 'CAD', 'Canadian
    dollars' for the dollar family); a bare '$' or 'dollars' names none. Only a name of
    another currency than `default` can change how a bare '$' reads, so the search is run
    only when one may be there."""
    if not _may_name_another(family, default, text):
        return set()
    named = set()
    for mention in _family_mentions(family).finditer(text):
        other = form_of(mention.group(0))
        if other is not None and not other.assumed:
            named.add(other.currency)
    return named


def _may_name_another(family: str, default: str, text: str) -> bool:
    """A quick look for 'C$', 'CAD', or a word like 'Canadian' before the search."""
    symbols, words, codes = _family_signals(family, default)
    if any(symbol in text for symbol in symbols):
        return True
    if codes and not codes.isdisjoint(CAPITALS.findall(text)):
        return True
    return not words.isdisjoint(scan(text).words)


@cache
def _family_signals(
    family: str, default: str
) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """What names a currency of the family other than `default`: symbols ('C$'), the
    distinctive word of a name ('zealand' of 'New Zealand Dollar'), codes ('NZD')."""
    forms = [
        f for f in currency_table().by_form.values() if f.family == family and f.currency != default
    ]
    symbols = tuple(f.form for f in forms if not _is_word(f.form) and len(f.form) > 1)
    words = {f.form.split()[-2].lower() for f in forms if _is_word(f.form) and " " in f.form}
    words |= {f.form.lower() for f in forms if _is_word(f.form) and " " not in f.form}
    codes = {f.form for f in forms if re.fullmatch(r"[A-Z]{3}", f.form)}
    return symbols, frozenset(words), frozenset(codes)


@cache
def _family_mentions(family: str) -> re.Pattern[str]:
    """The explicit forms of one family: 'C$', 'CAD', 'Canadian dollars' for 'dollar'."""
    forms = [f.form for f in currency_table().by_form.values() if f.family == family]
    explicit = _alternation(f for f in forms if not _is_word(f))
    words = _alternation((f for f in forms if _is_word(f)), words=True)
    return re.compile(rf"(?<![\w$])(?:{explicit})(?!\w)|(?i:\b(?:{words})\b)")

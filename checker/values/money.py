"""Sums of money with their currency as ISO 4217 codes, and the conversions a text states."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar

from checker.values.currencies import currency_table, form_of, named_in_family
from checker.values.exclusions import UNREAD_SCALES, scan
from checker.values.numbers import VAGUE_AMOUNTS, Amount, read_quantity
from checker.values.scanner import quantity_matches
from checker.values.value import CHANGE_ROLES, Value, ValueKind, describe_interval


@dataclass(frozen=True)
class Money:
    """A sum in one currency: an interval of amounts, and the currency as stated."""

    currency: str  # ISO 4217
    amount: Amount
    symbol: str  # the currency as written: "$", "US$", "euros", "USD"
    currency_assumed: bool = False  # read from a form several currencies share ("$")

    def __str__(self) -> str:
        return describe_interval(self.amount, self.currency)


@dataclass(frozen=True)
class MoneyValue(Value):
    """'$1.2 billion', '€500m', '40 billion euros', 'billions of dollars', with links."""

    kind: ClassVar[ValueKind] = "money"
    money: Money
    grain: float = 1.0  # the place of the last stated digit: "$1.2bn" is 100 million
    change: str | None = None  # "from" | "to" | "by", as for amounts
    also: Money | None = None  # the same sum in another currency, stated beside it
    converted_from: Money | None = None  # this sum converts the one stated before it

    @property
    def currency(self) -> str:
        return self.money.currency

    @property
    def amount(self) -> Amount:
        return self.money.amount

    def __str__(self) -> str:
        words = f"money: {self.money}{CHANGE_ROLES.get(self.change or '', '')}"
        if self.money.currency_assumed:
            words += f" ('{self.money.symbol}' read as {self.money.currency})"
        if self.also is not None:
            words += f", also stated as {self.also}"
        if self.converted_from is not None:
            words += f", a conversion of {self.converted_from}"
        return words


# What stands between a sum and its conversion: "40 billion euros ($43.28 billion)",
# "€500m, or about $540m", "£3bn (i.e. $3.8bn)"
_CONVERSION_GAP = re.compile(
    r"\s*(?:\(\s*(?:(?:or|i\.e\.,?|e\.g\.,?|c\.|equivalent\s+to|the\s+equivalent\s+of)\s+)?"
    r"|,?\s+(?:or|i\.e\.,?|equivalent\s+to|the\s+equivalent\s+of|worth)\s+)",
    re.IGNORECASE,
)


_VAGUE_MONEY = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "trillions"})


def find_money(text: str) -> list[MoneyValue]:
    """Every sum of money in `text`, with its currency, in text order."""
    scanned = scan(text)
    candidates: list[MoneyValue] = []
    for found in quantity_matches(text):
        if found.kind != "money" or found.currency is None:
            continue
        form = found.currency
        for quantity in read_quantity(found.match, scanned, whole=False):
            if scanned.is_excluded(quantity.start, quantity.end):
                continue
            if UNREAD_SCALES.match(text, quantity.end):
                continue  # "Rs 500 crore": a scale crossdoc does not read
            stated = text[quantity.start : quantity.end]
            money = Money(form.currency, quantity.amount, form.form.strip(), form.assumed)
            candidates.append(
                MoneyValue(
                    quantity.start, quantity.end, stated, money, quantity.grain, quantity.change
                )
            )
    if not scanned.words.isdisjoint(_VAGUE_MONEY):
        for match in currency_table().vague.finditer(text):
            vague_form = form_of(match.group("unit"))
            if vague_form is None or scanned.is_excluded(match.start(), match.end()):
                continue
            low, high = VAGUE_AMOUNTS[" ".join(match.group("vague").lower().split())]
            amount = Amount(low, high, "vague", " ".join(match.group(0).split()))
            money = Money(vague_form.currency, amount, vague_form.form, vague_form.assumed)
            candidates.append(MoneyValue(match.start(), match.end(), match.group(0), money))
    if not candidates:
        return []
    values = [_resolve_assumed(value, text) for value in _longest_first(candidates)]
    return _link_conversions(values, text)


def _longest_first(candidates: list[MoneyValue]) -> list[MoneyValue]:
    chosen: list[MoneyValue] = []
    for value in sorted(candidates, key=lambda v: (v.start - v.end, v.start)):
        if all(value.end <= other.start or other.end <= value.start for other in chosen):
            chosen.append(value)
    return sorted(chosen, key=lambda v: v.start)


def _resolve_assumed(value: MoneyValue, text: str) -> MoneyValue:
    """A bare '$' is USD unless the text names exactly one other dollar ('C$', 'CAD')."""
    money = value.money
    form = form_of(money.symbol)
    if not money.currency_assumed or form is None or not form.family:
        return value
    named = named_in_family(form.family, text, form.currency)
    if len(named) != 1:
        return value
    return replace(value, money=replace(money, currency=named.pop()))


def _link_conversions(found: list[MoneyValue], text: str) -> list[MoneyValue]:
    linked = list(found)
    for index in range(len(linked) - 1):
        first, second = linked[index], linked[index + 1]
        gap = text[first.end : second.start]
        if first.currency == second.currency or not _CONVERSION_GAP.fullmatch(gap):
            continue
        linked[index] = replace(first, also=second.money)
        linked[index + 1] = replace(second, converted_from=first.money)
    return linked

"""The rule interface, and loading rule modules from a rules directory.

A rule module is a `.py` file in the rules directory whose name does not start with `_`.
It defines one subclass of `Rule` and exposes an instance as `RULE`. Files starting with
`_` are helpers the rules share (imported relatively: `from ._countries import ...`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import re
import sys
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from checker.errors import ConfigError, RuleError
from checker.model import Comparison, Fact, RuleInfo, StatedDate, canonical_value
from checker.nlp import AnalysedDocument

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class of rules. Subclasses set the class attributes and implement two methods.

    - `extract` reads one analysed document and yields the facts it states;
    - `compare` says how two facts with the same key relate (a pure function of the values).
    """

    id: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    examples: ClassVar[tuple[str, ...]] = ()
    # Compare the different values one document states for one key with each other too:
    # for facts that can have only one value (the next meeting's place), a conflict inside
    # a document is a discrepancy.
    compare_within_document: ClassVar[bool] = False
    # A general rule reads a kind of value anywhere (amounts, money); where a specific rule
    # states a fact at the same words, the report shows it once, under the specific rule.
    general: ClassVar[bool] = False

    def patterns(self) -> Sequence[Mapping[str, Any]]:
        """spaCy span-ruler patterns this rule needs (label, pattern, optional id)."""
        return ()

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        raise NotImplementedError

    def compare(self, a: Fact, b: Fact) -> Comparison:
        raise NotImplementedError

    def covers(self, fact: Fact) -> Sequence[tuple[int, int]]:
        """The text this fact accounts for, so that general rules do not state it again:
        by default its quote; a rule whose fact draws on its whole sentence says so, and one
        whose quote spans words it does not read names the parts it does."""
        return ((fact.span.start, fact.span.end),)

    def align(self, facts: Sequence[Fact]) -> Iterable[Fact]:
        """Across every document's facts: which statements are one fact. A rule whose keys
        are read from a statement alone leaves them (the default); a general rule may split
        a key whose statements are about different things (see checker.claims.align)."""
        return facts

    def self_check(self, fact: Fact) -> str | None:
        """What is inconsistent within this one statement (a stated count that does not
        match the items listed), or None. Reported as a discrepancy of its document."""
        return None

    def describe(self, fact: Fact) -> str:
        """The fact's value in plain words, as reports show it."""
        return str(fact.value)

    def dates(self, fact: Fact) -> Sequence[StatedDate]:
        """The dates and periods the fact states, for the reports' timeline. By default the
        value itself when it is a date interval (it has `start`, `end` and `precision`)."""
        return date_interval(fact.value)

    def normalise(self, fact: Fact) -> str:
        """The fact's value in normal form. Statements with equal forms stand on one side
        without being compared, and baselines remember this form, never the wording. By
        default: the value's compared fields (dataclass fields with compare=True)."""
        return canonical_value(fact.value)

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(cls.id, cls.title, cls.description.strip(), tuple(cls.examples))


def date_interval(value: Any, stated: bool = True) -> tuple[StatedDate, ...]:
    """A value with a `start` and `end` date and a `precision` (a DateValue) as a stated date;
    anything else gives none."""
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    precision = getattr(value, "precision", None)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and isinstance(precision, str):
        return (StatedDate(start, end, precision, stated),)
    return ()


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    path: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[LoadedRule, ...]
    errors: tuple[RuleError, ...] = ()
    known: tuple[str, ...] = ()  # every rule loaded, enabled or not
    notes: tuple[str, ...] = ()  # what the user should know: a project rule replaced another

    def __post_init__(self) -> None:
        if not self.known:
            object.__setattr__(self, "known", tuple(loaded.rule.id for loaded in self.rules))

    @property
    def ids(self) -> list[str]:
        return [loaded.rule.id for loaded in self.rules]

    def get(self, rule_id: str) -> LoadedRule:
        for loaded in self.rules:
            if loaded.rule.id == rule_id:
                return loaded
        raise ConfigError(f"unknown rule {rule_id!r}; available rules: {', '.join(self.known)}")

    def select(self, enable: Sequence[str] = (), disable: Sequence[str] = ()) -> RuleSet:
        for rule_id in (*enable, *disable):
            if rule_id not in self.known:
                self.get(rule_id)  # raises, listing the rules there are
        chosen = [
            loaded
            for loaded in self.rules
            if (not enable or loaded.rule.id in enable) and loaded.rule.id not in disable
        ]
        return RuleSet(tuple(chosen), self.errors, self.known, self.notes)

    def patterns(self) -> list[Mapping[str, Any]]:
        merged: dict[str, Mapping[str, Any]] = {}
        for loaded in self.rules:
            for pattern in loaded.rule.patterns():
                merged.setdefault(repr(sorted(pattern.items())), pattern)
        return list(merged.values())


@dataclass(frozen=True)
class RuleSource:
    """Where a rule set comes from, so that another process (a worker, a Dask task) loads
    the same rules again by path: the project's rules directories (path, as shown), the
    bundled rules or not, and the rules enabled and disabled."""

    directories: tuple[tuple[str, str], ...] = ()
    bundled: str | None = None
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()

    def load(self) -> RuleSet:
        """The rules enabled (with rule errors and notes, as `combine_rules` gives them)."""
        return self.combined().select(self.enable, self.disable)

    def combined(self) -> RuleSet:
        """Every rule of the directories, enabled or not."""
        directories = [(Path(path), shown) for path, shown in self.directories]
        bundled = Path(self.bundled) if self.bundled is not None else None
        return combine_rules(directories, bundled)

    def folders(self) -> list[Path]:
        """Every rules directory in use (what the cache's key hashes)."""
        return [
            *([Path(self.bundled)] if self.bundled is not None else []),
            *(Path(path) for path, _ in self.directories),
        ]


def load_rules(directory: Path, display: str | None = None) -> RuleSet:
    """Import every rule module of `directory`, in file-name order.

    A module that cannot be imported, or defines no valid rule, becomes an error of the
    rule set; the other rules still load.
    """
    if not directory.is_dir():
        raise ConfigError(f"{display or directory}: rules directory does not exist")
    package = _package_for(directory)
    loaded: list[LoadedRule] = []
    errors: list[RuleError] = []
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        shown = f"{display}/{path.name}" if display else str(path)
        try:
            rule = _load_one(package, path, shown)
            if any(other.rule.id == rule.id for other in loaded):
                raise RuleError(rule.id, shown, "duplicate rule id")
        except RuleError as error:
            errors.append(error)
            continue
        loaded.append(LoadedRule(rule, shown))
    return RuleSet(tuple(sorted(loaded, key=lambda r: r.rule.id)), tuple(errors))


def combine_rules(directories: Sequence[tuple[Path, str]], bundled: Path | None = None) -> RuleSet:
    """The bundled rules (unless `bundled` is None) with the rules of each directory added:
    a rule whose id is taken replaces the earlier one, with a note. A directory listed twice
    (the project's rules/ is the bundled folder in a source checkout) is loaded once."""
    sources: list[tuple[Path, str | None]] = [(bundled, None)] if bundled is not None else []
    shown: str | None
    for directory, shown in directories:
        same = [n for n, (known, _) in enumerate(sources) if _same_folder(known, directory)]
        if same:
            sources[same[0]] = (directory, shown)  # shown as the project names it
        else:
            sources.append((directory, shown))
    if not sources:
        raise ConfigError("no rules to run: with --no-bundled-rules, give --rules DIR")
    rules: dict[str, LoadedRule] = {}
    errors: list[RuleError] = []
    notes: list[str] = []
    for directory, shown in sources:
        loaded = load_rules(directory, shown)
        errors.extend(loaded.errors)
        replaced = sorted(r.rule.id for r in loaded.rules if r.rule.id in rules)
        if replaced:
            notes.append(
                f"{shown or directory}: {', '.join(replaced)} "
                f"{'replaces a rule' if len(replaced) == 1 else 'replace rules'} of the same id"
            )
        rules.update((r.rule.id, r) for r in loaded.rules)
    ordered = tuple(sorted(rules.values(), key=lambda r: r.rule.id))
    return RuleSet(ordered, tuple(errors), notes=tuple(notes))


def _same_folder(first: Path, second: Path) -> bool:
    return first.is_dir() and second.is_dir() and first.resolve() == second.resolve()


def _load_one(package: str, path: Path, shown: str) -> Rule:
    module = _import(package, path, shown)
    rule = getattr(module, "RULE", None)
    if not isinstance(rule, Rule):
        raise RuleError(path.stem, shown, "defines no RULE (an instance of checker.rules.Rule)")
    for name in ("id", "title", "description"):
        if not isinstance(getattr(rule, name, None), str):
            raise RuleError(path.stem, shown, f"rule has no {name}")
    if not RULE_ID.match(rule.id):
        raise RuleError(rule.id, shown, "rule id must be kebab-case (like 'troop-counts')")
    return rule


def _package_for(directory: Path) -> str:
    """A synthetic package whose path is the rules directory, so rules import helpers."""
    resolved = directory.resolve()
    name = "crossdoc_rules_" + hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(resolved)]
        package.__package__ = name
        sys.modules[name] = package
    return name


def _import(package: str, path: Path, shown: str) -> types.ModuleType:
    try:
        return importlib.import_module(f"{package}.{path.stem}")
    except SyntaxError as exc:
        raise RuleError(path.stem, shown, f"syntax error at line {exc.lineno}: {exc.msg}") from None
    except Exception as exc:
        raise RuleError(path.stem, shown, f"{type(exc).__name__}: {exc}") from None

"""The rule interface, and loading rule modules from a rules directory.

A rule module is a `.py` file in the rules directory whose name does not start with `_`.
It defines one subclass of `Rule` and exposes an instance as `RULE`. Files starting with
`_` are helpers the rules share (imported relatively: `from ._countries import ...`).
"""

from __future__ import annotations

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
from checker.model import Comparison, Fact, RuleInfo, canonical_value
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

    def patterns(self) -> Sequence[Mapping[str, Any]]:
        """spaCy span-ruler patterns this rule needs (label, pattern, optional id)."""
        return ()

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        raise NotImplementedError

    def compare(self, a: Fact, b: Fact) -> Comparison:
        raise NotImplementedError

    def self_check(self, fact: Fact) -> str | None:
        """What is inconsistent within this one statement (a stated count that does not
        match the items listed), or None. Reported as a discrepancy of its document."""
        return None

    def describe(self, fact: Fact) -> str:
        """The fact's value in plain words, as reports show it."""
        return str(fact.value)

    def normalise(self, fact: Fact) -> str:
        """The fact's value in normal form. Statements with equal forms stand on one side
        without being compared, and baselines remember this form, never the wording. By
        default: the value's compared fields (dataclass fields with compare=True)."""
        return canonical_value(fact.value)

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(cls.id, cls.title, cls.description.strip(), tuple(cls.examples))


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    path: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[LoadedRule, ...]
    errors: tuple[RuleError, ...] = ()
    known: tuple[str, ...] = ()  # every rule loaded, enabled or not

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
        return RuleSet(tuple(chosen), self.errors, self.known)

    def patterns(self) -> list[Mapping[str, Any]]:
        merged: dict[str, Mapping[str, Any]] = {}
        for loaded in self.rules:
            for pattern in loaded.rule.patterns():
                merged.setdefault(repr(sorted(pattern.items())), pattern)
        return list(merged.values())


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

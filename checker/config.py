"""Configuration: `[tool.crossdoc]` in the project's pyproject.toml, validated key by key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError

# key -> (type, description); an unknown key is an error that lists these
KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "paths": ((list,), "documents or folders audited when none are given"),
    "rules": ((str, list), "rules directories, added to the rules that ship with crossdoc"),
    "bundled_rules": ((bool,), "run the rules that ship with crossdoc (default: true)"),
    "exclude": ((list,), "path patterns (as in .gitignore) that folder walks leave out"),
    "respect_gitignore": ((bool,), "leave out what .gitignore files ignore (default: true)"),
    "reports": ((str,), "where `crossdoc audit` writes audit.md and audit.json"),
    "enable": ((list,), "rule ids to run (default: all)"),
    "disable": ((list,), "rule ids not to run"),
    "fail_on": ((str, list), "what fails the gate: a severity, 'none', or verdicts"),
    "severity": ((dict,), "per rule, the severity of each verdict"),
    "baseline": ((str,), "the file of accepted findings, used when it exists"),
    "groups": ((dict,), "events by name: path patterns of the documents about each"),
    "group_by": ((str,), "how other documents are grouped into events: 'date' or 'folder'"),
    "event_gap_days": ((int,), "dated documents this many days apart start a new event"),
    "jobs": ((int,), "processes that read documents (default: the machine's cores; 1: none)"),
    "cache_dir": ((str,), "where the cache of what each file states lives"),
}


@dataclass(frozen=True)
class Config:
    root: Path
    paths: tuple[str, ...] = ("seeds",)
    rules: str | tuple[str, ...] = "rules"
    bundled_rules: bool = True
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    reports: str = "reports"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    fail_on: str | tuple[str, ...] = "discrepancy"
    severity: dict[str, object] = field(default_factory=dict)
    baseline: str = "crossdoc-baseline.json"
    groups: dict[str, object] = field(default_factory=dict)
    group_by: str = "date"
    event_gap_days: int = 7
    jobs: int | None = None  # None: as many as the machine has cores
    cache_dir: str | None = None  # None: .crossdoc_cache/ at the root, or $XDG_CACHE_HOME
    source: str | None = None  # the file the settings came from
    explicit: frozenset[str] = frozenset()  # the keys the settings file set

    @property
    def settings_file(self) -> str:
        """The settings file, as a message names it."""
        return Path(self.source).name if self.source else "pyproject.toml"

    def rules_dirs(self) -> list[tuple[Path, str]]:
        """The project's rules directories (path, as shown), added to the bundled rules: the
        configured ones (each must exist), else rules/ at the root if there is one."""
        names = [self.rules] if isinstance(self.rules, str) else list(self.rules)
        found = [((self.root / name).resolve(), name) for name in names]
        if "rules" in self.explicit:
            return found
        return [(path, name) for path, name in found if path.is_dir()]


def bundled_rules_dir() -> Path | None:
    """The rules that ship with crossdoc: installed beside the package as
    checker/bundled_rules (a wheel), or rules/ beside it (a source checkout, an editable
    install)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "bundled_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return None


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding a pyproject.toml; else `start`."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return start


def load_config(start: Path | None = None) -> Config:
    root = find_root((start or Path.cwd()).resolve())
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Config(root=root)
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject.name}: cannot be read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{pyproject.name}: not valid UTF-8 at byte {exc.start}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{pyproject.name}: [tool] must be a table")
    settings = tool.get("crossdoc", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{pyproject.name}: [tool.crossdoc] must be a table")
    values: dict[str, object] = {}
    for key, value in settings.items():
        if key not in KEYS:
            raise ConfigError(
                f"{pyproject.name}: unknown key {key!r} in [tool.crossdoc]; "
                f"valid keys: {', '.join(sorted(KEYS))}"
            )
        kinds = KEYS[key][0]
        if list in kinds and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[key] = tuple(value)
        elif (
            (bool in kinds and isinstance(value, bool))
            or (str in kinds and isinstance(value, str))
            or (dict in kinds and isinstance(value, dict))
            or (int in kinds and isinstance(value, int) and not isinstance(value, bool))
        ):
            values[key] = value
        else:
            names: dict[type, str] = {
                list: "a list of strings",
                str: "a string",
                dict: "a table",
                int: "a whole number",
                bool: "true or false",
            }
            expected = " or ".join(names[k] for k in kinds)
            raise ConfigError(f"{pyproject.name}: [tool.crossdoc] {key} must be {expected}")
    return Config(root=root, source=str(pyproject), explicit=frozenset(values), **values)  # type: ignore[arg-type]

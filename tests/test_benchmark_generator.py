"""The benchmark generator: deterministic, varied, ingestible, differing only where it says."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from checker.ingest import load_documents

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIZE = 200


def load_benchmark_module(name: str) -> ModuleType:
    """benchmarks/ is not a package: load a script by path (scale.py imports `generate`)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generate = load_benchmark_module("generate")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate.generate_corpus(SIZE, folder, seed=11)
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def split_document(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    size = 60
    for name, seed in (("first", 11), ("again", 11), ("other", 12)):
        generate.generate_corpus(size, tmp_path / name, seed=seed)
    first, other = files_of(tmp_path / "first"), files_of(tmp_path / "other")
    assert files_of(tmp_path / "again") == first
    assert other.keys() == first.keys() and len(first) == size + 1  # and manifest.json
    assert sum(other[name] != data for name, data in first.items()) > size * 0.95


def test_documents_are_varied_and_of_realistic_size(corpus: Path) -> None:
    bodies = [split_document(path)[1] for path in sorted(corpus.glob("doc-*.md"))]
    assert len(bodies) == SIZE
    repeated = sum(count - 1 for count in Counter(bodies).values())
    assert repeated < SIZE * 0.05
    words = [len(body.split()) for body in bodies]
    assert min(words) >= 240 and max(words) <= 460
    assert max(words) - min(words) > 80  # sizes vary, like real statements
    sentences = Counter(s for body in bodies for s in sentences_of(body))
    assert sentences.most_common(1)[0][1] < SIZE / 4  # no sentence is boilerplate everywhere


def test_front_matter_is_valid_and_crossdoc_ingests_every_document(corpus: Path) -> None:
    for path in corpus.glob("doc-*.md"):
        front, _ = split_document(path)
        assert set(front) == {"title", "date", "issuer"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(front["date"]))
    documents = load_documents([str(corpus)], corpus)
    assert len(documents) == SIZE
    assert all(d.title and d.date for d in documents)
    assert len({d.title for d in documents}) > 10
    issuers = {split_document(path)[0]["issuer"] for path in corpus.glob("doc-*.md")}
    assert len(issuers) > 10  # governments, ministries, agencies and news outlets


# ---------------------------------------------------------------------------- values as read


MONTHS = "|".join(generate.MONTHS)
FULL_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}}) (?P<month>{MONTHS})(?: (?P<year>\d{{4}}))?"
    rf"|\b(?P<month2>{MONTHS}) (?P<day2>\d{{1,2}})\b(?:, (?P<year2>\d{{4}}))?"
)
USD = re.compile(
    r"(?:US\$|\$|USD )(?P<n>[\d.,]+) (?P<scale>billion|million)"
    r"|(?P<n2>[\d.,]+) (?P<scale2>billion|million) dollars"
)
EUR = re.compile(r"(?:€|EUR )(?P<n>\d+) million|(?P<n2>\d+) million euros|half a billion euros")
PERCENT = re.compile(
    r"(?:(?P<n>\d+(?:\.\d+)?)(?:%| per cent| percent)|(?P<word>two|three) percent)"
    r" of (?:GDP|gross domestic product)"
)
UNITS = {w: i for i, w in enumerate(generate.COUNT_WORDS) if w}
TENS = {w: 10 * i for i, w in enumerate(generate.TENS) if w}
TEENS = {w: 10 + i for i, w in enumerate(generate.TEENS)}
WORD_NUMBER = "|".join(sorted([*UNITS, *TENS, *TEENS], key=len, reverse=True))
FORCES = "|".join(generate.FORCE_NOUNS)
TROOPS = re.compile(
    rf"(?P<digits>\d{{1,3}}(?:[ ,]\d{{3}})*|(?P<words>(?:{WORD_NUMBER})(?:-(?:{WORD_NUMBER}))?) "
    rf"thousand) (?:additional )?(?:{FORCES})\b"
)
SCALES = {"billion": 1_000_000_000, "million": 1_000_000}


def sentences_of(body: str) -> list[str]:
    joined = re.sub(r"(?<!\n)\n(?!\n)", " ", body)  # undo hard wrapping
    return [s for s in re.split(r"(?<=[.!?])\s+", joined) if s]


def countries_in(sentence: str, pool: tuple[str, ...]) -> list[str]:
    found = [(m.start(), c) for c in pool for m in re.finditer(rf"\b{re.escape(c)}\b", sentence)]
    return [country for _, country in sorted(found)]


def troop_figure(match: re.Match[str]) -> int:
    if match["words"] is None:
        return int(re.sub(r"[ ,]", "", match["digits"]))
    parts = match["words"].split("-")
    return sum(UNITS.get(p) or TENS.get(p) or TEENS[p] for p in parts) * 1000


def read_values(body: str) -> dict[str, list[Any]]:
    """Every value of each fact a body states, read from its text by the fact's wording."""
    values: dict[str, list[Any]] = {}

    def add(fact: str, value: Any) -> None:
        values.setdefault(fact, []).append(value)

    for sentence in sentences_of(body):
        if re.search(r"battle", sentence, re.IGNORECASE):
            add("battlegroup_hosts", countries_in(sentence, generate.HOST_COUNTRIES))
        partners = countries_in(sentence, generate.PARTNER_COUNTRIES)
        if partners:
            assert "partner" in sentence.lower(), sentence  # partner countries appear nowhere else
            add("partners", partners)
        for match in TROOPS.finditer(sentence):
            before = sentence[: match.start()].rstrip()
            if before.endswith(generate.BOUND_WORDS):
                continue  # a bound compatible with the figure, not the figure
            fact = "troops" if "eastern flank" in sentence else "national_deployment"
            add(fact, troop_figure(match))
        for match in USD.finditer(sentence):
            number, scale = match["n"] or match["n2"], match["scale"] or match["scale2"]
            add("humanitarian_aid_usd", round(float(number.replace(",", "")) * SCALES[scale]))
        for match in EUR.finditer(sentence):
            millions = match["n"] or match["n2"]
            add("reconstruction_fund_eur", int(millions) * 1_000_000 if millions else 500_000_000)
        for match in PERCENT.finditer(sentence):
            add("defence_spending_percent_gdp", float(match["n"] or UNITS[match["word"]]))
        for match in FULL_DATE.finditer(sentence):
            day, month = int(match["day"] or match["day2"]), match["month"] or match["month2"]
            add("meeting", (day, month, match["year"] or match["year2"]))
        if "Strategic Concept" in sentence:
            add("strategic_concept", [p for p in generate.PLACES if p in sentence])
    return values


def expected_reading(fact: str, value: Any) -> Any:
    """A manifest value in the shape read_values gives."""
    if fact == "national_deployment":
        return value["troops"]
    if fact == "meeting":
        year, month, day = (int(x) for x in value["date"].split("-"))
        return (day, generate.MONTHS[month - 1], str(year))
    if fact == "strategic_concept":
        return [value]
    return value


def matches(fact: str, read: Any, expected: Any) -> bool:
    if fact in ("battlegroup_hosts", "partners"):
        return sorted(read) == sorted(expected)
    if fact == "meeting":  # the year may be left out
        return read[:2] == expected[:2] and read[2] in (None, expected[2])
    return bool(read == expected)


def test_values_differ_only_where_the_manifest_plants_a_departure(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == SIZE and manifest["seed"] == 11
    assert sum(len(event["documents"]) for event in manifest["events"]) == SIZE
    planted = 0
    checked: Counter[str] = Counter()
    for event in manifest["events"]:
        departures = {(d["document"], d["fact"]): d for d in event["departures"]}
        reordered = set(event["reordered_battlegroup_hosts"])
        for (_, fact), departure in departures.items():
            assert departure["expected"] == event["facts"][fact]
            assert departure["stated"] != departure["expected"]
        for fact in event["facts"]:  # a departure is a minority: the event's value stands
            departing = sum(1 for _, f in departures if f == fact)
            assert departing < max(3, len(event["documents"]) / 4)
        for name in event["documents"]:
            _, body = split_document(corpus / name)
            for fact, readings in read_values(body).items():
                departure = departures.get((name, fact))
                value = departure["stated"] if departure else event["facts"][fact]
                expected = expected_reading(fact, value)
                for reading in readings:
                    assert matches(fact, reading, expected), (name, fact, reading, expected)
                    checked[fact] += 1
                if fact == "battlegroup_hosts" and not departure:
                    in_order = all(r == event["facts"][fact] for r in readings)
                    assert in_order == (name not in reordered), name
                planted += departure is not None
            for document, fact in departures:
                if document == name and fact in ("battlegroup_hosts", "troops", "partners"):
                    assert fact in read_values(body), (name, fact)  # the departure is stated
    assert planted >= 3  # about one document in twenty departs
    assert set(checked) >= {
        "battlegroup_hosts", "troops", "national_deployment", "partners", "meeting",
        "humanitarian_aid_usd", "reconstruction_fund_eur", "defence_spending_percent_gdp",
    }  # fmt: skip


def test_scale_counts_findings_streaming_whatever_else_the_report_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale = load_benchmark_module("scale")
    report = {
        "schema": "any/9",
        "documents": [{"id": f"d{i}", "numbers": [1.5, 22, 333]} for i in range(50)],
        "findings": [{"rule": "r", "message": 'a, b ] } " [', "n": i} for i in range(137)],
        "summary": {"findings": 1},
    }
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    monkeypatch.setattr(scale, "READ_CHUNK", 7)  # values cut at every possible place
    assert scale.count_findings(path) == 137
    path.write_text(json.dumps({"findings": []}), encoding="utf-8")
    assert scale.count_findings(path) == 0

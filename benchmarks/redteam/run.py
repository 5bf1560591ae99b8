#!/usr/bin/env python3
"""Run the red-team battery of crossdoc probes (a measurement, not a gate).

Each probe (benchmarks/redteam/probes/*.yaml) is a few short documents about one
event and an expectation: ``no_discrepancy`` (a control: crossdoc must not report a
discrepancy) or ``discrepancy`` (crossdoc must report a discrepancy whose sides carry
the probe's two conflicting ``values``).

For every probe the documents are written, byte for byte, into a fresh temporary
folder and crossdoc is run as a black box:

    crossdoc audit docs --format json --output - --no-cache

with the temporary folder as the working directory, so nothing is written into the
repository. The JSON report's ``findings`` are classified:

* control:           ok     | FALSE  (any finding with verdict ``discrepancy``)
* discrepancy probe: FOUND  | MISSED (a ``discrepancy`` finding with one side for
                                      each of the probe's two values)
* either:            ERROR  (crossdoc failed or printed no JSON report)

Usage:
    python benchmarks/redteam/run.py [--verbose] [--only SUBSTRING] [--jobs N]
                                     [--probes DIR] [--crossdoc CMD] [--retries N]
                                     [--json FILE]

A probe on which crossdoc fails (exit 2, no JSON) is run again --retries times
(default 1; a note goes to stderr) before it is counted as ERROR.

Exit status: 0 whatever crossdoc does (a measurement); 2 when the runner itself
fails (a probe file that does not load or is malformed, crossdoc not found, every
probe in error).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_PROBES = HERE / "probes"
EXPECTS = ("discrepancy", "no_discrepancy")
TRICKS = ("crlf", "cr", "bom", "no_final_newline")
DOC_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(txt|md)$")
TIMEOUT = 300
RETRIES = 1


class ProbeError(Exception):
    """A probe file that cannot be used."""


@dataclass
class Probe:
    id: str
    expect: str
    note: str
    docs: dict[str, str]
    values: list[str]
    tricks: dict[str, list[str]]
    source: str


@dataclass
class Result:
    probe: Probe
    outcome: str = "ERROR"
    where: str = "-"
    details: list[str] = field(default_factory=list)
    error: str = ""
    retries: int = 0


# --------------------------------------------------------------------------- loading


def load_probes(folder: Path) -> list[Probe]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ProbeError(f"no probe files in {folder}")
    probes: list[Probe] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ProbeError(f"{path.name}: does not load: {exc}") from exc
        if not isinstance(data, list):
            raise ProbeError(f"{path.name}: must be a YAML list of probes")
        for index, raw in enumerate(data):
            probe = parse_probe(raw, f"{path.name}[{index}]")
            if probe.id in seen:
                raise ProbeError(
                    f"{probe.source}: id {probe.id!r} already used in {seen[probe.id]}"
                )
            seen[probe.id] = probe.source
            probes.append(probe)
    return sorted(probes, key=lambda p: p.id)


def parse_probe(raw: object, where: str) -> Probe:
    if not isinstance(raw, dict):
        raise ProbeError(f"{where}: a probe must be a mapping")
    unknown = set(raw) - {"id", "expect", "note", "values", "docs", "encoding_tricks"}
    if unknown:
        raise ProbeError(f"{where}: unknown keys {sorted(unknown)}")
    pid = raw.get("id")
    if not isinstance(pid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", pid):
        raise ProbeError(f"{where}: id must be lower-case letters, digits and hyphens")
    where = f"{where} ({pid})"
    expect = raw.get("expect")
    if expect not in EXPECTS:
        raise ProbeError(f"{where}: expect must be one of {EXPECTS}")
    note = raw.get("note")
    if not isinstance(note, str) or not note.strip():
        raise ProbeError(f"{where}: note is required")
    docs = raw.get("docs")
    if not isinstance(docs, dict) or len(docs) < 2:
        raise ProbeError(f"{where}: docs must map at least two file names to texts")
    for name, text in docs.items():
        if not isinstance(name, str) or not DOC_NAME.match(name):
            raise ProbeError(f"{where}: bad document name {name!r} (a plain .txt or .md name)")
        if not isinstance(text, str) or not text.strip():
            raise ProbeError(f"{where}: document {name} is empty")
    tricks = parse_tricks(raw.get("encoding_tricks"), docs, where)
    values = raw.get("values")
    if expect == "discrepancy":
        if (
            not isinstance(values, list)
            or len(values) != 2
            or not all(isinstance(v, str) and v.strip() for v in values)
        ):
            raise ProbeError(f"{where}: a discrepancy probe needs values: [two strings]")
        if loose(values[0]) == loose(values[1]):
            raise ProbeError(f"{where}: the two values are the same")
        for value in values:
            if not any(loose(value) in loose(text) for text in docs.values()):
                raise ProbeError(f"{where}: value {value!r} is in none of the documents")
    elif values is not None:
        raise ProbeError(f"{where}: values are only for expect: discrepancy")
    return Probe(pid, expect, note.strip(), dict(docs), list(values or []), tricks, where)


def parse_tricks(raw: object, docs: dict, where: str) -> dict[str, list[str]]:
    """encoding_tricks: a list (for every document) or {doc name: list}."""
    if raw is None:
        return {}
    if isinstance(raw, list):
        raw = {name: raw for name in docs}
    if not isinstance(raw, dict):
        raise ProbeError(f"{where}: encoding_tricks must be a list or a mapping")
    out: dict[str, list[str]] = {}
    for name, items in raw.items():
        if name not in docs:
            raise ProbeError(f"{where}: encoding_tricks names unknown document {name!r}")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or any(i not in TRICKS for i in items):
            raise ProbeError(f"{where}: encoding_tricks items must be among {TRICKS}")
        out[name] = list(items)
    return out


def document_bytes(text: str, tricks: list[str]) -> bytes:
    if "no_final_newline" in tricks:
        text = text.rstrip("\n")
    if "crlf" in tricks:
        text = re.sub(r"\r?\n", "\r\n", text)
    elif "cr" in tricks:
        text = re.sub(r"\r?\n", "\r", text)
    if "bom" in tricks and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    return text.encode("utf-8")


# ----------------------------------------------------------------------- comparing

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\ufeff": "",
    }
)


def loose(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def matches(value: str, text: str) -> bool:
    """The probe value is in the side's text; or the side's text is the core of the
    value: crossdoc may quote "212" for "212 people" or "seven" for "seven crew
    members". A shorter text must stand on word boundaries in the value and carry
    every number of the value ("1.2" is not the core of "$91.2 million"); without
    numbers in the value, it must be a word of three letters or more."""
    v, t = loose(value), loose(text)
    if not v or not t:
        return False
    if v in t:
        return True
    if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", v) is None:
        return False
    numbers = NUMBER.findall(v)
    if numbers:
        return all(n in NUMBER.findall(t) for n in numbers)
    return len(re.sub(r"\W", "", t)) >= 3


def side_texts(side: dict) -> list[str]:
    texts = [str(side.get("value", ""))]
    for st in side.get("statements") or []:
        for key in ("quote", "value"):
            if st.get(key) is not None:
                texts.append(str(st[key]))
    return [t for t in texts if t]


def side_matches(side: dict, value: str) -> bool:
    return any(matches(value, t) for t in side_texts(side))


def finding_matches(finding: dict, values: list[str]) -> bool:
    """One side for the first value and another side for the second."""
    sides = finding.get("sides") or []
    for i, a in enumerate(sides):
        if not side_matches(a, values[0]):
            continue
        for j, b in enumerate(sides):
            if i != j and side_matches(b, values[1]):
                return True
    return False


def label(finding: dict) -> str:
    return f"{finding.get('rule', '?')}/{finding.get('key', '?')}"


def describe(finding: dict) -> str:
    return f"[{finding.get('verdict')}] {label(finding)}: {finding.get('message', '')}"


def classify(probe: Probe, findings: list[dict], result: Result) -> None:
    disc = [f for f in findings if f.get("verdict") == "discrepancy"]
    result.details = [describe(f) for f in disc]
    if probe.expect == "no_discrepancy":
        result.outcome = "FALSE" if disc else "ok"
        result.where = "; ".join(label(f) for f in disc) or "-"
        return
    hits = [f for f in disc if finding_matches(f, probe.values)]
    if hits:
        result.outcome = "FOUND"
        result.where = "; ".join(label(f) for f in hits)
        return
    result.outcome = "MISSED"
    near = [
        f
        for f in findings
        if any(side_matches(s, v) for s in f.get("sides") or [] for v in probe.values)
    ]
    parts = [f"{label(f)} [{f.get('verdict')}]" for f in near]
    parts += [f"other discrepancy {label(f)}" for f in disc if f not in near]
    result.where = "; ".join(parts) or "-"
    result.details = [describe(f) for f in near if f not in disc] + result.details


# ------------------------------------------------------------------------- running


def audit(command: list[str], root: Path, env: dict, result: Result) -> list[dict] | None:
    """Run crossdoc on root/docs; the findings, or None with result.error set."""
    try:
        proc = subprocess.run(
            [*command, "audit", "docs", "--format", "json", "--output", "-", "--no-cache"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        result.error = f"timed out after {TIMEOUT}s"
        return None
    if proc.returncode not in (0, 1):
        lines = [ln.strip() for ln in proc.stderr.splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()] or lines or ["(no message)"]
        shown = errors[:1] + errors[-1:] if len(errors) > 1 else errors
        result.error = f"crossdoc exited {proc.returncode}: " + " / ".join(shown)
        return None
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        result.error = f"no JSON report on stdout: {exc}"
        return None
    findings = report.get("findings")
    if not isinstance(findings, list):
        result.error = "the report has no findings list"
        return None
    return findings


def run_probe(probe: Probe, command: list[str], retries: int = RETRIES) -> Result:
    result = Result(probe)
    root = Path(tempfile.mkdtemp(prefix=f"crossdoc-redteam-{probe.id}-"))
    try:
        folder = root / "docs"
        folder.mkdir()
        for name, text in probe.docs.items():
            (folder / name).write_bytes(document_bytes(text, probe.tricks.get(name, [])))
        env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=str(root / ".cache"))
        for attempt in range(1 + retries):
            result.error = ""
            findings = audit(command, root, env, result)
            if findings is not None:
                break
            # crossdoc failed: under load it has once reported a transient rule error
            # that a second run did not repeat; try again, and say so on stderr.
            result.retries = attempt + 1
            print(
                f"run.py: {probe.id}: {result.error}"
                + ("; running it again" if attempt < retries else ""),
                file=sys.stderr,
            )
        if findings is None:
            return result
        classify(probe, findings, result)
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print the messages of the discrepancy findings",
    )
    parser.add_argument(
        "--only", metavar="SUBSTRING", help="run only the probes whose id contains SUBSTRING"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, metavar="N", help="probes run in parallel (default 2)"
    )
    parser.add_argument(
        "--probes",
        type=Path,
        default=DEFAULT_PROBES,
        metavar="DIR",
        help=f"folder of probe files (default {DEFAULT_PROBES})",
    )
    parser.add_argument(
        "--crossdoc",
        default="crossdoc",
        metavar="CMD",
        help="the crossdoc command (default: crossdoc on PATH)",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=RETRIES,
        metavar="N",
        help=f"runs again a probe on which crossdoc fails (default {RETRIES})",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE"
    )
    args = parser.parse_args(argv)

    try:
        probes = load_probes(args.probes)
    except ProbeError as exc:
        print(f"run.py: {exc}", file=sys.stderr)
        return 2
    if args.only:
        probes = [p for p in probes if args.only in p.id]
        if not probes:
            print(f"run.py: no probe id contains {args.only!r}", file=sys.stderr)
            return 2
    command = shlex.split(args.crossdoc)
    if not command or shutil.which(command[0]) is None:
        print(f"run.py: {args.crossdoc!r} not found", file=sys.stderr)
        return 2

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda p: run_probe(p, command, max(0, args.retries)), probes))
    results.sort(key=lambda r: r.probe.id)

    width = max(len(r.probe.id) for r in results)
    for r in results:
        where = r.error if r.outcome == "ERROR" else r.where
        print(f"{r.probe.id:<{width}}  {r.probe.expect:<14}  {r.outcome:<6}  {where}")
        if args.verbose:
            for line in r.details:
                print(f"{'':<{width}}    {line}")

    controls = [r for r in results if r.probe.expect == "no_discrepancy"]
    planted = [r for r in results if r.probe.expect == "discrepancy"]
    false = [r.probe.id for r in controls if r.outcome == "FALSE"]
    found = [r.probe.id for r in planted if r.outcome == "FOUND"]
    missed = [r.probe.id for r in planted if r.outcome == "MISSED"]
    errors = [r.probe.id for r in results if r.outcome == "ERROR"]
    print()
    print(
        f"controls: {len(controls)}, false alarms: {len(false)}"
        + (f" ({', '.join(false)})" if false else "")
    )
    print(
        f"discrepancy probes: {len(planted)}, found: {len(found)}"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    if errors:
        print(f"errors: {len(errors)} ({', '.join(errors)})")

    if args.json:
        payload = [
            {
                "id": r.probe.id,
                "expect": r.probe.expect,
                "result": r.outcome,
                "where": r.where,
                "error": r.error,
                "retries": r.retries,
                "details": r.details,
                "source": r.probe.source,
            }
            for r in results
        ]
        args.json.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 2 if errors and len(errors) == len(results) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(2)
    except Exception as exc:  # the runner itself failed
        print(f"run.py: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(2)

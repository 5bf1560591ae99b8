"""End to end: the JSON report of seeds/ must match the reviewed golden file byte for byte.

Regenerate after an intended change with:
    CROSSDOC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os

from checker.audit import run_audit
from checker.ingest import load_documents
from checker.reporters import get_reporter
from checker.rules import RuleSet

from .conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "seeds.json"


def render_seeds(ruleset: RuleSet) -> str:
    documents = load_documents([str(SEEDS)], ROOT)
    return get_reporter("json").render(run_audit(documents, ruleset).report)


def test_seeds_report_matches_golden(ruleset: RuleSet) -> None:
    rendered = render_seeds(ruleset)
    if os.environ.get("CROSSDOC_UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def test_seeds_battlegroups_are_an_ordering_difference_with_evidence(ruleset: RuleSet) -> None:
    report = json.loads(render_seeds(ruleset))
    [finding] = [f for f in report["findings"] if f["rule"] == "battlegroup-countries"]
    assert finding["verdict"] == "ordering_difference"
    # one finding, two sides (one document each), a tie: no side is named as departing
    nato_side, white_house_side = finding["sides"]
    assert finding["outliers"] == [] and finding["relations"] == [
        {
            "sides": [0, 1],
            "verdict": "ordering_difference",
            "detail": "same countries in another order",
        }
    ]
    [nato], [white_house] = nato_side["statements"], white_house_side["statements"]
    assert (nato["path"], nato["line"], nato["quote"]) == (
        "seeds/000_0a250b0e07406cdf.txt",
        32,
        "four additional multinational battlegroups in Bulgaria, Hungary, Romania, and Slovakia",
    )
    assert (white_house["path"], white_house["line"], white_house["quote"]) == (
        "seeds/003_991f4bdfd60fae3c.txt",
        33,
        "four new battle groups in Slovakia, Romania, Bulgaria, and Hungary",
    )
    for statement in (nato, white_house):
        line = (
            (ROOT / statement["path"])
            .read_text(encoding="utf-8")
            .splitlines()[statement["line"] - 1]
        )
        assert line[statement["column"] - 1 :].startswith(statement["quote"].split(",")[0])


def test_seeds_findings_at_a_glance(ruleset: RuleSet) -> None:
    documents = load_documents([str(SEEDS)], ROOT)
    found = {f.check_tuple() for f in run_audit(documents, ruleset).report.findings}
    both = ("000_0a250b0e07406cdf", "003_991f4bdfd60fae3c")
    nato, white_house = both
    assert found == {
        ("battlegroup-countries", "new battlegroups", "ordering_difference", both),
        ("strategic-concept-timing", "adoption of the next Strategic Concept", "agreement", both),
        ("summit-dates", "NATO summit: Brussels, 24 March 2022", "agreement", both),
        ("summit-dates", "NATO summit: next meeting", "agreement", both),
        ("summit-dates", "Foreign Ministers' meeting: next meeting", "one_sided", (nato,)),
        ("summit-dates", "date of the invasion of Ukraine", "one_sided", (white_house,)),
        ("troop-counts", "NATO / eastern flank", "one_sided", (nato,)),
        ("troop-counts", "United States / Europe", "one_sided", (white_house,)),
        # general rules: only what two sources state, and never a discrepancy on the seeds
        ("named-lists", "holder of: president", "agreement", both),
    }


def test_seeds_report_is_deterministic(ruleset: RuleSet) -> None:
    assert render_seeds(ruleset) == render_seeds(ruleset)

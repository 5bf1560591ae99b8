"""The HTML report without a browser: its sections, the evidence it shows, escaping of
document text, its Content-Security-Policy, the caps of a large audit, and its bytes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from checker.audit import AuditResult, run_audit
from checker.ingest import load_documents
from checker.model import (
    Document,
    Finding,
    Report,
    Scope,
    Severity,
    Side,
    StatedDate,
    Statement,
    Verdict,
)
from checker.reporters import View, get_reporter
from checker.reporters import html_report as page
from checker.rules import RuleSet

from .conftest import ROOT, SEEDS
from .test_bad_input import HOSTILE

URL_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "xlink:href", "poster", "data"}


class Page(HTMLParser):
    """Elements with their attributes and the text inside each section, as a browser parses."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.section_text: dict[str, list[str]] = {}
        self._section: str | None = None
        self._raw: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "section":
            self._section = attributes.get("id")
            self.section_text.setdefault(self._section or "", [])
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = None
        if tag in ("script", "style"):
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        elif self._section is not None:
            self.section_text[self._section].append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def text(self, section: str) -> str:
        return " ".join("".join(self.section_text.get(section, [])).split())

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]


def render(report: Report, view: View | None = None) -> str:
    reporter = get_reporter("html")
    return reporter.render(report, view) if view else reporter.render(report)


@pytest.fixture(scope="module")
def seeds_audit(ruleset: RuleSet) -> AuditResult:
    return run_audit(load_documents([str(SEEDS)], ROOT), ruleset)


@pytest.fixture(scope="module")
def seeds_html(seeds_audit: AuditResult) -> str:
    return render(seeds_audit.report)


def test_the_page_has_its_sections_in_reading_order(seeds_html: str) -> None:
    parsed = Page(seeds_html)
    ids = [attrs.get("id") for attrs in parsed.tags("section")]
    assert ids == ["summary", "problems", "folded", "timeline", "matrix"]
    summary = parsed.text("summary")
    assert "2 documents" in summary and "The gate passes" in summary
    assert "Joint Statement by North Atlantic Treaty Organization Leaders" in summary
    assert "President Biden" in summary and "2022-03-24" in summary
    assert "documents of 24 March 2022" in summary  # the event
    assert "1 ordering difference" in summary and "0 discrepancies" in summary


def test_the_battlegroup_ordering_difference_shows_both_sentences_with_the_values_marked(
    seeds_html: str,
) -> None:
    [article] = re.findall(
        r'<article class="finding v-ordering_difference".*?</article>', seeds_html, re.S
    )
    assert "new battlegroups" in article
    assert (
        "We are also establishing <mark>four additional multinational battlegroups in "
        "Bulgaria, Hungary, Romania, and Slovakia</mark>." in article
    )
    assert (
        "Today&#x27;s establishment of <mark>four new battle groups in "
        "Slovakia, Romania, Bulgaria, and Hungary</mark> is a strong signal" in article
    )
    assert "seeds/000_0a250b0e07406cdf.txt:32" in article
    assert "seeds/003_991f4bdfd60fae3c.txt:33" in article
    assert len(re.findall(r'<div class="side[ "]', article)) == 2  # the sides side by side
    assert '<details class="explain">' in article  # the rule's explanation, one click away
    # problems come before agreements
    assert seeds_html.index(article) < seeds_html.index('<section id="folded">')


def test_agreements_are_folded_by_rule_with_counts(seeds_html: str) -> None:
    folded = seeds_html[seeds_html.index('<section id="folded">') :]
    folded = folded[: folded.index("</section>")]
    pattern = r'<details class="fold v-agreement"><summary><b>\d+</b> agreements? · <code>summit'
    assert re.search(pattern, folded)
    assert "<details open" not in folded


def test_the_timeline_draws_the_dates_the_documents_state(seeds_html: str) -> None:
    timeline = seeds_html[seeds_html.index('<section id="timeline">') :]
    timeline = timeline[: timeline.index("</section>")]
    assert "<svg" in timeline and 'class="legend"' in timeline
    titles = re.findall(r"<title>(.*?)</title>", timeline, re.S)
    # the extraordinary summit of 24 March 2022, a point; the Madrid summit, as stated ("in
    # June") and as linked by the reference table (28-30 June 2022)
    assert any(t.startswith("24 March 2022 (stated as a day)") for t in titles)
    assert any(t.startswith("June 2022 (stated as a month)") for t in titles)
    assert any("28–30 June 2022" in t and "meet in Madrid" in t for t in titles)
    assert "<circle" in timeline and "p-month" in timeline and "linked" in timeline


def test_the_matrix_has_a_row_per_fact_and_a_column_per_document(
    seeds_html: str, seeds_audit: AuditResult
) -> None:
    matrix = seeds_html[seeds_html.index('<section id="matrix">') :]
    matrix = matrix[: matrix.index("</section>")]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", matrix, re.S)
    facts = [f for f in seeds_audit.report.findings if f.scope is Scope.ACROSS]
    assert len(rows) == len(facts)
    assert matrix.count('<th class="doc"') == 2
    battlegroups = next(row for row in rows if "new battlegroups" in row)
    assert 'class="s0"' in battlegroups and 'class="s1"' in battlegroups


def test_the_page_loads_nothing_and_allows_only_its_own_style_and_script(seeds_html: str) -> None:
    parsed = Page(seeds_html)
    [csp] = [
        attrs["content"]
        for attrs in parsed.tags("meta")
        if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp.startswith("default-src 'none';")
    [style], [script] = parsed.styles, parsed.scripts

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(style)}'" in csp
    assert f"script-src 'sha256-{digest(script)}'" in csp
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES:
                assert value.startswith("#"), (tag, name, value)
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag  # the CSP's style hash allows no style attributes
    assert not parsed.tags("link") and not parsed.tags("img") and not parsed.tags("iframe")


def test_the_same_audit_gives_the_same_bytes(seeds_audit: AuditResult, ruleset: RuleSet) -> None:
    again = run_audit(load_documents([str(SEEDS)], ROOT), ruleset)
    assert render(seeds_audit.report).encode() == render(again.report).encode()


HOSTILE_DATED = (
    '---\ndate: 2022-03-24\ntitle: "\\" onmouseover=\\"alert(2)\\" <svg onload=alert(3)>"\n'
    "issuer: </td><script>alert(4)</script>\nevent: <style>body{display:none}</style>\n---\n"
    "NATO leaders met today <img src=x onerror=alert(5)> in Brussels. We are establishing "
    "new battlegroups in Poland and Estonia </title></textarea><script>alert(6)</script>.\n"
)


def hostile_page(audit_texts: Callable[..., AuditResult]) -> str:
    result = audit_texts(
        {
            "a.md": HOSTILE,
            "b.md": HOSTILE.replace("Poland and Estonia", "Estonia and Poland"),
            "c.md": HOSTILE_DATED,
            "d.md": HOSTILE_DATED.replace("Poland and Estonia", "Latvia and Poland").replace(
                "alert(2)", "alert(7)"
            ),
        }
    )
    return render(result.report, View.parse(["all"]))


def test_hostile_document_text_renders_inert(audit_texts: Callable[..., AuditResult]) -> None:
    text = hostile_page(audit_texts)
    parsed = Page(text)
    assert len(parsed.tags("script")) == 1 and parsed.scripts == [page.SCRIPT]
    assert len(parsed.tags("style")) == 1 and parsed.styles == [page.STYLE]
    for name in ("img", "iframe", "link", "textarea", "svg"):
        assert len(parsed.tags(name)) == text.count(f"<{name}"), name  # only the page's own
    assert not any(tag == "svg" and "onload" in attrs for tag, attrs in parsed.elements)
    assert "&lt;b&gt;Title&lt;/b&gt;" in text and "<b>Title" not in text
    assert parsed.comments == []
    assert [tag for tag, _ in parsed.elements].count("title") == len(re.findall("<title", text))
    for tag, attrs in parsed.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES:
                assert value.startswith("#"), (tag, name, value)
    # the hostile text is there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(5)&gt;" in text
    assert "&lt;!--" in text  # a comment opener is only text here
    assert "<svg onload" not in text and "</textarea>" not in text


def test_hostile_text_is_escaped_in_every_section(audit_texts: Callable[..., AuditResult]) -> None:
    parsed = Page(hostile_page(audit_texts))
    assert "<script>alert(1)</script>" in parsed.text("problems")  # as text, once decoded
    assert '" onmouseover="alert(2)" <svg onload=alert(3)>' in parsed.text("timeline")
    assert "<style>body{display:none}</style>" in parsed.text("summary")  # the event's name
    assert "</td><script>alert(4)</script>" in parsed.text("summary")  # the issuer
    assert "onmouseover" in parsed.text("summary")


# A large audit: what is listed in full is capped, and the page says so ---------------------


def large_report(documents: int) -> Report:
    docs = tuple(
        Document(
            f"d{n:04}",
            f"corpus/d{n:04}.md",
            "Leaders met on 24 March 2022 in Brussels.",
            (),
            title=f"Statement {n}",
            date=dt.date(2022, 3, 24),
        )
        for n in range(documents)
    )

    def statement(n: int, value: str, day: int) -> Statement:
        return Statement(
            f"d{n:04}",
            f"corpus/d{n:04}.md",
            value,
            f"on {day} March 2022",
            1,
            12,
            sentence=f"Leaders met on {day} March 2022 in Brussels.",
            quote_offset=12,
            label=f"Statement {n}",
            dates=(StatedDate(dt.date(2022, 3, day), dt.date(2022, 3, day), "day"),),
        )

    def finding(key: str, every: int) -> Finding:
        majority = tuple(statement(n, "24 March", 24) for n in range(documents) if n % every)
        others = tuple(statement(n, "25 March", 25) for n in range(documents) if not n % every)
        sides = (Side("24 March", "24", majority), Side("25 March", "25", others))
        return Finding(
            "summit-dates", key, Verdict.DISCREPANCY, Severity.ERROR, "they differ", sides,
            outliers=(1,), gated=True,
        )  # fmt: skip

    findings = tuple(finding(f"meeting {k:03}", 7 + k % 5) for k in range(80))
    return Report(docs, findings, labels={d.id: d.title or d.id for d in docs})


def test_a_large_audit_is_capped_and_says_so() -> None:
    text = render(large_report(1000))
    assert len(text.encode()) < 20_000_000
    matrix = text[text.index('<section id="matrix">') :]
    assert matrix.count('<th class="doc"') == page.MATRIX_DOCUMENTS
    assert f"the first {page.MATRIX_FACTS} of 80 facts" in matrix
    assert f"{page.MATRIX_DOCUMENTS} of the 1000 documents" in matrix
    first = text[text.index('id="f-0"') : text.index('id="f-1"')]
    assert first.count("<blockquote>") == 2 * page.SENTENCES_PER_SIDE
    assert "(audit.json lists them)" in first
    assert f"the first {page.LISTED_FINDINGS}" not in text  # 80 problems: all listed
    limited = render(large_report(60), View(limit=10))
    assert "The first 10 of 80 findings are listed in full" in limited
    timeline = text[text.index('<section id="timeline">') :]
    assert "150 of 1000 drawn, those that depart first" in timeline


def statement_records(result: AuditResult) -> list[dict[str, Any]]:
    from checker.reporters.records import as_records, statements_of

    return [s for f in as_records(result.report)["findings"] for s in statements_of(f)]


def test_statements_carry_their_sentence_and_dates(seeds_audit: AuditResult) -> None:
    statements = statement_records(seeds_audit)
    for s in statements:
        start = s["quote_offset"]
        assert s["sentence"][start : start + len(s["quote"])] == s["quote"]
    met = [s for s in statements if s["quote"] == "met today"]
    day = {"start": "2022-03-24", "end": "2022-03-24", "precision": "day", "stated": True}
    assert met and all(s["dates"] == [day] for s in met)
    madrid = next(s for s in statements if s["quote"] == "meet in Madrid")
    assert madrid["dates"] == [
        {"start": "2022-06-28", "end": "2022-06-30", "precision": "range", "stated": False}
    ]


def test_dates_are_written_at_their_precision() -> None:
    from checker.reporters.html_timeline import date_text

    d = dt.date
    assert date_text(d(2022, 3, 24), d(2022, 3, 24), "day") == "24 March 2022"
    assert date_text(d(2022, 6, 1), d(2022, 6, 30), "month") == "June 2022"
    assert date_text(d(2023, 1, 1), d(2023, 12, 31), "year") == "2023"
    assert date_text(d(2022, 6, 28), d(2022, 6, 30), "range") == "28–30 June 2022"
    assert date_text(d(2022, 6, 30), d(2022, 7, 2), "range") == "30 June – 2 July 2022"
    assert date_text(d(2022, 12, 31), d(2023, 1, 1), "range") == "31 December 2022 – 1 January 2023"


def test_a_crowded_row_of_the_timeline_keeps_its_height() -> None:
    from checker.reporters.html_timeline import MAX_LANES, Mark, Scale, assign_lanes

    day = dt.date(2022, 3, 24)
    marks = [
        Mark("d", day, day, "day", True, "agreement", False, f"quote {n}", "v", f"f{n}", "p:1", n)
        for n in range(20)
    ]
    lanes = assign_lanes(marks, Scale(dt.date(2022, 3, 1), dt.date(2022, 4, 1)))
    assert set(lanes) == set(range(MAX_LANES))
    assert [m.labelled for m in marks].count(True) == MAX_LANES  # the rest only in <title>


def test_a_quote_s_sentence_without_the_nlp_layer_s_bounds() -> None:
    from checker.findings import MAX_SENTENCE, sentence_of
    from checker.model import Span

    text = "First one. NATO leaders met today in Brussels. Next one."
    start = text.index("met today")
    span = Span("d", start, start + len("met today"), 1, start + 1, "met today")
    sentence, offset = sentence_of(text, span)
    assert sentence == "NATO leaders met today in Brussels."
    assert sentence[offset:].startswith("met today")
    long = "word " * 400 + "the quote here " + "word " * 400
    start = long.index("the quote here")
    span = Span("d", start, start + 14, 1, 1, "the quote here")
    sentence, offset = sentence_of(long, span)
    assert sentence.startswith("…") and sentence.endswith("…")
    assert len(sentence) <= MAX_SENTENCE + 2 and sentence[offset:].startswith("the quote here")


def test_an_html_output_file_gets_the_html_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.cli import main

    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.html"
    assert main(["audit", "--output", str(target), "-q"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

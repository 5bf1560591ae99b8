"""The HTML report (reports/audit.html): one self-contained page an analyst reads.

A summary (documents, verdict counts, the gate), then the problems (each fact with its
sides side by side, every source's sentence with the value highlighted), the other facts
folded by rule, a timeline of the dates stated and a fact-by-document matrix.

Document text is data: every piece of it is escaped, the page loads nothing (its
Content-Security-Policy allows only its own style and script, by hash), it reads and prints
without JavaScript, and the same input gives the same bytes."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from checker import __version__
from checker.model import PROBLEMS, Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.html_timeline import cut, esc, render_timeline
from checker.reporters.records import (
    READING_ORDER,
    SCHEMA,
    as_records,
    departing,
    folded,
    in_reading_order,
    plural,
    rule_titles,
    side_role,
    statements_of,
)

SUFFIX = ".html"
LISTED_FINDINGS = 300  # findings listed in full (problems first); the rest are counted
SIDES_IN_FULL = 6  # sides of a fact shown side by side; further sides are folded
SENTENCES_PER_SIDE = 4  # statements of a side shown with their sentence
NAMED_PER_SIDE = 60  # further statements of a side named with their file and line
FOLDED_PER_RULE = 200  # folded findings listed per rule and verdict
DOCUMENTS_UNFOLDED = 12  # the document list is open up to this many documents
MATRIX_FACTS = 60  # rows of the matrix
MATRIX_DOCUMENTS = 40  # columns of the matrix
MATRIX_CELL_CHARS = 28
MATRIX_HORIZONTAL = 8  # past this many columns, their headings are written upwards
SIDE_COLOURS = 6  # sides with a colour of their own in the matrix; the rest share one

HEADINGS = {
    "discrepancy": "Discrepancies",
    "ordering_difference": "Ordering differences",
    "complementary": "Complementary statements",
    "one_sided": "Stated by one source only",
    "agreement": "Agreements",
}
VERDICT_NAMES = {
    "discrepancy": ("discrepancy", "discrepancies"),
    "ordering_difference": ("ordering difference", "ordering differences"),
    "complementary": ("complementary", "complementary"),
    "one_sided": ("one-sided", "one-sided"),
    "agreement": ("agreement", "agreements"),
}

STYLE = """
:root{--fg:#1b1b1b;--muted:#5b5b5b;--line:#d4d4d4;--bg:#fff;--soft:#f6f6f4;
--discrepancy:#b3261e;--ordering_difference:#9a5b00;--complementary:#1d5fa8;
--agreement:#2e7d32;--one_sided:#666}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg)}
header,main,footer{max-width:78rem;margin:0 auto;padding:0 1.2rem}
header{padding-top:1rem}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;border-bottom:2px solid var(--fg);padding-bottom:.2rem;margin-top:2.2rem}
h3{font-size:1.1rem;margin:1.6rem 0 .6rem}
h4{font-size:1rem;margin:0 0 .3rem}
nav a{margin-right:1rem}
a{color:#0b4f9c}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.lead{color:var(--muted);margin:.1rem 0 .5rem}
.counts{display:flex;flex-wrap:wrap;gap:.6rem;list-style:none;padding:0;margin:.6rem 0}
.counts li{border:1px solid var(--line);border-top:4px solid currentColor;border-radius:4px;
padding:.3rem .8rem;min-width:9rem}
.counts b{font-size:1.4rem;display:block;color:var(--fg)}
.gate{padding:.5rem .8rem;border-radius:4px;border-left:5px solid}
.gate.pass{background:#eef6ee;border-color:var(--agreement)}
.gate.fail{background:#fbeceb;border-color:var(--discrepancy)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
.v-discrepancy{color:var(--discrepancy)}
.v-ordering_difference{color:var(--ordering_difference)}
.v-complementary{color:var(--complementary)}
.v-agreement{color:var(--agreement)}
.v-one_sided{color:var(--one_sided)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:3px;padding:0 .35rem;
font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.02em;margin-right:.3rem}
.sev,.tag{font-size:12px;color:var(--muted);font-weight:normal}
.tag.fails{color:var(--discrepancy);font-weight:600}
.tag.accepted{color:var(--agreement);font-weight:600}
.finding{border:1px solid var(--line);border-left:5px solid currentColor;border-radius:4px;
padding:.7rem .9rem;margin:0 0 1rem;break-inside:avoid-page}
.finding>*{color:var(--fg)}
.finding .message{color:var(--muted);margin:.2rem 0 .6rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.7rem}
.side{border:1px solid var(--line);border-radius:4px;padding:.5rem .6rem;background:var(--soft)}
.side.departs{border:2px solid var(--discrepancy);background:#fff7f6}
.side h5{margin:0;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.side.departs h5{color:var(--discrepancy)}
.side .value{font-weight:600;margin:.15rem 0 .4rem}
.statements{list-style:none;margin:0;padding:0}
.statements li{margin:0 0 .5rem}
blockquote{margin:0;padding:.2rem .5rem;border-left:3px solid var(--line);background:#fff}
mark{background:#ffe36e;color:inherit;padding:0 .1em;border-radius:2px}
.where{font-size:12px;color:var(--muted);margin:.1rem 0 0 .5rem}
details{margin:.4rem 0}
summary{cursor:pointer}
.explain{font-size:13px;border-top:1px dashed var(--line);padding-top:.3rem}
.explain p{margin:.3rem 0}
.compact{margin:.3rem 0 .6rem;padding-left:1.2rem;font-size:13px}
.compact li{margin:.2rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;padding:.5rem .7rem;
background:var(--soft);border:1px solid var(--line);border-radius:4px;margin:.5rem 0 1rem}
.filters input[type=search]{min-width:16rem}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0;font-size:13px}
.legend li{display:flex;align-items:center;gap:.3rem}
.scroll{overflow-x:auto}
svg.timeline{width:100%;height:auto;font:11px system-ui,sans-serif}
svg .axis line{stroke:#999}
svg .axis line.grid{stroke:#e4e4e4}
svg .axis text{text-anchor:middle;fill:#555}
svg .band{fill:transparent}
svg .r1 .band{fill:#f7f7f5}
svg .doc{fill:#222}
svg .docdate{fill:#9aa5b1;opacity:.35}
svg .m{fill:currentColor;stroke:currentColor;stroke-width:1}
svg .m .ml{stroke:none;fill:#333;font-size:11px}
svg .m.quiet circle,svg .m.quiet rect{fill-opacity:.3;stroke-opacity:.6}
svg .m.p-month rect{fill-opacity:.4}
svg .m.p-year rect{fill-opacity:.15;stroke-dasharray:1 2}
svg .m.linked rect,svg .m.linked circle{fill-opacity:0;stroke-dasharray:4 2}
svg .m.bad circle,svg .m.bad rect{stroke:#000;stroke-width:2.5}
svg .m.bad .ml{fill:var(--discrepancy);font-weight:700}
svg a:hover .m .ml{text-decoration:underline}
.dates table{font-size:12px}
tr.bad td{background:#fbeceb}
.matrix.many th.doc{writing-mode:vertical-rl;transform:rotate(180deg);max-height:14rem;
white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-weight:normal;font-size:12px}
.matrix td{font-size:12px;min-width:5rem}
.matrix td.none{background:#fff}
.s0{background:#e6eef8}.s1{background:#fddcd6}.s2{background:#fbe8c4}.s3{background:#dcefd9}
.s4{background:#eadcf3}.s5{background:#d4efee}.sx{background:#e8e8e8}
.matrix td.departs{box-shadow:inset 3px 0 0 var(--discrepancy);font-weight:600}
.note{color:var(--muted);font-size:13px}
footer{color:var(--muted);font-size:12px;margin-top:3rem;padding-bottom:2rem}
@media print{
body{font-size:10pt}
nav,.filters,.noprint{display:none}
a{color:inherit;text-decoration:none}
h2{break-before:auto;break-after:avoid}
.finding,.side,figure{break-inside:avoid}
.scroll{overflow:visible}
.matrix{font-size:8pt}
header,main,footer{max-width:none}
}
""".strip()

SCRIPT = """
(function () {
  "use strict";
  document.documentElement.className += " js";
  var section = document.getElementById("problems");
  var articles = section ? [].slice.call(section.querySelectorAll("article.finding")) : [];
  if (articles.length > 1) {
    var texts = articles.map(function (a) { return a.textContent.toLowerCase(); });
    var bar = document.createElement("div");
    bar.className = "filters";
    bar.setAttribute("role", "search");
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "filter: a country, a document, a value";
    search.setAttribute("aria-label", "filter the findings listed");
    bar.appendChild(search);
    var boxes = [];
    var verdicts = [];
    articles.forEach(function (a) {
      var v = a.getAttribute("data-verdict");
      if (verdicts.indexOf(v) < 0) { verdicts.push(v); }
    });
    verdicts.forEach(function (v) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = v;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + v.replace("_", " ")));
      bar.appendChild(label);
      boxes.push(box);
    });
    var count = document.createElement("span");
    count.className = "note";
    bar.appendChild(count);
    var apply = function () {
      var words = search.value.toLowerCase().trim();
      var shown = boxes.filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      var visible = 0;
      articles.forEach(function (a, i) {
        var keep = shown.indexOf(a.getAttribute("data-verdict")) >= 0 &&
          (!words || texts[i].indexOf(words) >= 0);
        a.hidden = !keep;
        if (keep) { visible += 1; }
      });
      count.textContent = visible + " of " + articles.length + " shown";
    };
    search.addEventListener("input", apply);
    boxes.forEach(function (b) { b.addEventListener("change", apply); });
    var heading = section.querySelector("h2");
    section.insertBefore(bar, heading.nextSibling);
    apply();
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [].slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
  });
})();
""".strip()


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# Nothing may load: no scripts, styles, images, fonts, frames or connections but the page's
# own style and script, named by hash (so an injected inline script would not run either).
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_digest(STYLE)}'; "
    f"script-src 'sha256-{_digest(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'"
)
# written as it is (readable in the page's source): nothing in it needs escaping
assert not set(CONTENT_SECURITY_POLICY) & set('"<>&')


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    records = as_records(report)
    labels = {doc["id"]: doc["label"] for doc in records["documents"]}
    for finding in records["findings"]:
        for statement in statements_of(finding):
            statement["label"] = labels.get(statement["document"], statement["document"])
    shown = {v.value for v in view.show}
    limit = view.limit if view.limit is not None else LISTED_FINDINGS
    order = {id(f): n for n, f in enumerate(records["findings"])}
    listed = [f for f in in_reading_order(records["findings"]) if f["verdict"] in shown]
    listed.sort(key=lambda f: f["scope"] == "within")  # stable: across documents first
    listed.sort(key=lambda f: READING_ORDER.index(f["verdict"]))
    in_full = listed[:limit]
    anchors = {order[id(f)]: f"f-{order[id(f)]}" for f in in_full}
    documents = records["documents"]
    problems = sum(records["summary"][v.value] for v in PROBLEMS)
    title = f"crossdoc audit: {plural(len(documents), 'document')}, {plural(problems, 'problem')}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="crossdoc {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>crossdoc audit</h1>",
        f'<p class="lead">{esc(lead(records, problems))}</p>',
        '<nav aria-label="sections"><a href="#summary">Summary</a><a href="#problems">'
        f"{'Problems' if shown <= {v.value for v in PROBLEMS} else 'Findings'}</a>"
        '<a href="#folded">Agreements and other facts</a><a href="#timeline">Timeline</a>'
        '<a href="#matrix">Matrix</a></nav>',
        "</header>",
        "<main>",
        render_summary(records, anchors),
        render_listed(records, listed, in_full, anchors, shown),
        render_folded(records, shown),
        render_timeline(records, anchors),
        render_matrix(records, anchors),
        "</main>",
        f"<footer>crossdoc {esc(__version__)} · report schema {esc(SCHEMA)} · the same "
        "documents and rules give this page byte for byte; audit.json holds every finding."
        "</footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def lead(records: dict[str, Any], problems: int) -> str:
    gate = records["gate"]
    outcome = "the gate fails" if gate["failed"] else "the gate passes"
    return (
        f"{plural(len(records['documents']), 'document')} · "
        f"{plural(len(records['findings']), 'fact')} · {plural(problems, 'problem')} · {outcome}"
    )


def verdict_name(verdict: str, count: int = 1) -> str:
    singular, many = VERDICT_NAMES.get(verdict, (verdict, verdict))
    return singular if count == 1 else many


# Summary -------------------------------------------------------------------------------------


def render_summary(records: dict[str, Any], anchors: dict[int, str]) -> str:
    out = ['<section id="summary">', "<h2>Summary</h2>", '<ul class="counts">']
    for verdict in (
        "discrepancy",
        "ordering_difference",
        "complementary",
        "one_sided",
        "agreement",
    ):
        count = records["summary"].get(verdict, 0)
        out.append(
            f'<li class="v-{verdict}"><b>{count}</b> {esc(verdict_name(verdict, count))}</li>'
        )
    out.append("</ul>")
    out.append(render_gate(records, anchors))
    for note in records["notes"]:
        out.append(f'<p class="note">Note: {esc(note)}</p>')
    out.append(render_events(records))
    out.append(render_documents(records))
    out.append("</section>")
    return "\n".join(out)


def render_gate(records: dict[str, Any], anchors: dict[int, str]) -> str:
    gate = records["gate"]
    findings = records["findings"]
    failing = [n for n, f in enumerate(findings) if f["gated"]]
    if failing:
        head = (
            f'<p class="gate fail"><b>The gate fails:</b> {plural(len(failing), "finding")} '
            "fail it (outside the baseline).</p>"
        )
    else:
        head = '<p class="gate pass"><b>The gate passes:</b> no finding fails it.</p>'
    out = [head]
    if failing:
        out.append('<ul class="compact">')
        for n in failing[:50]:
            out.append(f"<li>{finding_link(findings[n], n, anchors)}</li>")
        if len(failing) > 50:
            out.append(f"<li>and {len(failing) - 50} more</li>")
        out.append("</ul>")
    accepted = [n for n, f in enumerate(findings) if f["accepted"] is not None]
    if accepted:
        out.append(f"<p>{plural(gate['accepted'], 'finding')} accepted by the baseline:</p>")
        out.append('<ul class="compact">')
        for n in accepted:
            out.append(
                f"<li>{finding_link(findings[n], n, anchors)}: accepted because "
                f"“{esc(findings[n]['accepted'])}”</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>No finding is accepted by a baseline.</p>")
    for entry in gate["stale_baseline"]:
        out.append(f'<p class="note">Stale baseline entry (matches no finding): {esc(entry)}</p>')
    return "\n".join(out)


def finding_link(finding: dict[str, Any], number: int, anchors: dict[int, str]) -> str:
    text = f"{esc(verdict_name(finding['verdict']))}: {esc(finding['rule'])}: {esc(finding['key'])}"
    anchor = anchors.get(number)
    return f'<a href="#{anchor}">{text}</a>' if anchor else text


def render_events(records: dict[str, Any]) -> str:
    events = records["events"]
    if not events:
        return ""
    out = [
        f"<h3>{plural(len(events), 'event')}</h3>",
        "<table><thead><tr><th>event</th><th>grouped by</th><th>dates</th><th>documents</th>"
        "</tr></thead><tbody>",
    ]
    for event in events:
        dates = " to ".join(dict.fromkeys(d for d in (event["start"], event["end"]) if d))
        out.append(
            f"<tr><td>{esc(event['label'])}</td><td>{esc(event['source'])}</td>"
            f"<td>{esc(dates or 'undated')}</td><td>{len(event['documents'])}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def render_documents(records: dict[str, Any]) -> str:
    documents = records["documents"]
    events = {e["id"]: e["label"] for e in records["events"]}
    unfolded = " open" if len(documents) <= DOCUMENTS_UNFOLDED else ""
    out = [
        f'<details class="documents"{unfolded}><summary><b>{plural(len(documents), "document")}'
        "</b>: titles, dates, issuers and events</summary>",
        "<table><thead><tr><th>document</th><th>date</th><th>issuer</th><th>event</th>"
        "<th>file</th></tr></thead><tbody>",
    ]
    for number, doc in enumerate(documents):
        title = doc["title"] or doc["label"]
        identifiers = ", ".join(f"{k} {v}" for k, v in sorted(doc.get("identifiers", {}).items()))
        extra = f'<br><span class="note">{esc(identifiers)}</span>' if identifiers else ""
        url = f'<br><span class="note">{esc(doc["url"])}</span>' if doc.get("url") else ""
        out.append(
            f'<tr id="d-{number}"><td>{esc(title)}{extra}</td><td>{esc(doc["date"] or "undated")}'
            f"</td><td>{esc(doc.get('issuer') or '')}</td>"
            f"<td>{esc(events.get(doc.get('event'), ''))}</td>"
            f"<td><code>{esc(doc['path'])}</code>{url}</td></tr>"
        )
    out.append("</tbody></table></details>")
    return "\n".join(out)


# Findings ------------------------------------------------------------------------------------


def render_listed(
    records: dict[str, Any],
    listed: list[dict[str, Any]],
    in_full: list[dict[str, Any]],
    anchors: dict[int, str],
    shown: set[str],
) -> str:
    only_problems = shown <= {v.value for v in PROBLEMS}
    out = ['<section id="problems">', f"<h2>{'Problems' if only_problems else 'Findings'}</h2>"]
    if not listed:
        out.append(
            "<p>No problems: every fact two or more documents state agrees.</p>"
            if only_problems
            else "<p>No finding of the verdicts asked for.</p>"
        )
    rules = {rule["id"]: rule for rule in records["rules"]}
    numbers = {id(f): n for n, f in enumerate(records["findings"])}
    for verdict, heading in HEADINGS.items():
        findings = [f for f in in_full if f["verdict"] == verdict]
        if findings:
            out.append(f'<h3 class="v-{verdict}">{esc(heading)} ({len(findings)})</h3>')
            for finding in findings:
                number = numbers[id(finding)]
                out.append(render_finding(finding, anchors[number], rules.get(finding["rule"])))
    if len(listed) > len(in_full):
        out.append(
            f'<p class="note">The first {len(in_full)} of {len(listed)} findings are listed in '
            "full; audit.json and audit.md hold them all.</p>"
        )
    out.append("</section>")
    return "\n".join(out)


def render_finding(finding: dict[str, Any], anchor: str, rule: dict[str, Any] | None) -> str:
    verdict = finding["verdict"]
    tags = [f'<span class="sev">{esc(finding["severity"])}</span>']
    if finding["accepted"] is not None:
        tags.append('<span class="tag accepted">accepted in the baseline</span>')
    elif finding["gated"]:
        tags.append('<span class="tag fails">fails the gate</span>')
    if finding["scope"] == "within":
        tags.append('<span class="tag">within one document</span>')
    out = [
        f'<article class="finding v-{verdict}" id="{anchor}" data-verdict="{esc(verdict)}" '
        f'data-rule="{esc(finding["rule"])}">',
        f'<h4><span class="badge v-{verdict}">{esc(verdict_name(verdict))}</span>'
        f"{esc(finding['key'])} {' '.join(tags)}</h4>",
        f'<p class="message">{esc(finding["message"])}</p>',
    ]
    if finding["accepted"] is not None:
        out.append(f"<p>Accepted because “{esc(finding['accepted'])}”.</p>")
    sides = finding["sides"]
    out.append('<div class="sides">')
    for index, side in enumerate(sides[:SIDES_IN_FULL]):
        out.append(render_side(finding, index, side))
    out.append("</div>")
    if len(sides) > SIDES_IN_FULL:
        out.append(f"<details><summary>{len(sides) - SIDES_IN_FULL} more sides</summary>")
        out.append('<div class="sides">')
        for index, side in enumerate(sides[SIDES_IN_FULL:], SIDES_IN_FULL):
            out.append(render_side(finding, index, side))
        out.append("</div></details>")
    if len(sides) > 2 and finding["relations"]:
        out.append(render_relations(finding))
    out.append(render_explanation(finding["rule"], rule))
    out.append("</article>")
    return "\n".join(out)


def render_side(finding: dict[str, Any], index: int, side: dict[str, Any]) -> str:
    role = side_role(finding, index)
    statements = side["statements"]
    head = f"Side {index + 1}"
    if role:
        head += " · departs" if role == "departs" else " · the majority"
    elif index in departing(finding):
        head += " · no majority"
    head += f" · {plural(len(side['documents']), 'document')}"
    out = [
        f'<div class="side{" departs" if role == "departs" else ""}">',
        f"<h5>{esc(head)}</h5>",
        f'<p class="value">{esc(side["value"])}</p>',
        '<ol class="statements">',
    ]
    for statement in statements[:SENTENCES_PER_SIDE]:
        out.append(f"<li>{render_statement(statement)}</li>")
    out.append("</ol>")
    rest = statements[SENTENCES_PER_SIDE:]
    if rest:
        out.append(f"<details><summary>{plural(len(rest), 'more source')}</summary>")
        out.append('<ul class="compact">')
        for statement in rest[:NAMED_PER_SIDE]:
            out.append(f"<li>{esc(statement.get('label', ''))}{where(statement)}</li>")
        if len(rest) > NAMED_PER_SIDE:
            out.append(f"<li>and {len(rest) - NAMED_PER_SIDE} more (audit.json lists them)</li>")
        out.append("</ul></details>")
    out.append("</div>")
    return "\n".join(out)


def render_statement(statement: dict[str, Any]) -> str:
    return f"<blockquote>{highlighted(statement)}</blockquote>{where(statement, label=True)}"


def highlighted(statement: dict[str, Any]) -> str:
    """The statement's sentence with its quote in <mark>; every part escaped."""
    sentence, quote = statement.get("sentence") or "", statement["quote"]
    start = statement.get("quote_offset", 0)
    if not sentence or sentence[start : start + len(quote)] != quote:
        return f"<mark>{esc(quote)}</mark>"
    end = start + len(quote)
    return f"{esc(sentence[:start])}<mark>{esc(quote)}</mark>{esc(sentence[end:])}"


def where(statement: dict[str, Any], label: bool = False) -> str:
    named = f"{esc(statement['label'])} — " if label and statement.get("label") else " — "
    position = f"{statement['path']}:{statement['line']}"
    return (
        f'<p class="where">{named}<code title="line {statement["line"]}, column '
        f'{statement["column"]}">{esc(position)}</code></p>'
    )


def render_relations(finding: dict[str, Any]) -> str:
    out = [
        "<details><summary>How the sides relate</summary><table><thead><tr><th>sides</th>"
        "<th>relation</th><th>detail</th></tr></thead><tbody>"
    ]
    for relation in finding["relations"]:
        first, second = relation["sides"]
        out.append(
            f"<tr><td>{first + 1} – {second + 1}</td><td>{esc(verdict_name(relation['verdict']))}"
            f"</td><td>{esc(relation['detail'])}</td></tr>"
        )
    out.append("</tbody></table></details>")
    return "\n".join(out)


def render_explanation(rule_id: str, rule: dict[str, Any] | None) -> str:
    if rule is None:
        return ""
    paragraphs = [p.strip() for p in (rule.get("description") or "").split("\n\n") if p.strip()]
    out = [
        f'<details class="explain"><summary>The rule <code>{esc(rule_id)}</code>: '
        f"{esc(rule['title'])}</summary>",
        *(f"<p>{esc(' '.join(p.split()))}</p>" for p in paragraphs),
    ]
    examples = rule.get("examples") or []
    if examples:
        out.append('<ul class="compact">')
        out += [f"<li>{esc(example)}</li>" for example in examples]
        out.append("</ul>")
    out.append(f'<p class="note">The same text: <code>crossdoc explain {esc(rule_id)}</code></p>')
    out.append("</details>")
    return "\n".join(out)


def render_folded(records: dict[str, Any], shown: set[str]) -> str:
    """Facts not listed in full (agreements and one-sided facts by default), by rule."""
    out = ['<section id="folded">', "<h2>Agreements and other facts, by rule</h2>"]
    counts = folded(records["findings"], shown)
    if not counts:
        out += ["<p>Every fact is listed above.</p>", "</section>"]
        return "\n".join(out)
    titles = rule_titles(records)
    for verdict, per_rule in counts.items():
        for rule_id, count in per_rule.items():
            findings = [
                f for f in records["findings"] if f["verdict"] == verdict and f["rule"] == rule_id
            ]
            out.append(
                f'<details class="fold v-{verdict}"><summary><b>{count}</b> '
                f"{esc(verdict_name(verdict, count))} · <code>{esc(rule_id)}</code> "
                f"{esc(titles.get(rule_id, ''))}</summary>"
            )
            out.append('<ul class="compact">')
            for finding in findings[:FOLDED_PER_RULE]:
                out.append(f"<li>{folded_item(finding)}</li>")
            if len(findings) > FOLDED_PER_RULE:
                out.append(f"<li>and {len(findings) - FOLDED_PER_RULE} more in audit.json</li>")
            out.append("</ul></details>")
    out.append(
        '<p class="note">List them in full with <code>crossdoc audit --format html --show '
        "all</code>.</p>"
    )
    out.append("</section>")
    return "\n".join(out)


def folded_item(finding: dict[str, Any]) -> str:
    statements = [s for side in finding["sides"] for s in side["statements"]]
    quotes = "; ".join(
        f"{s.get('label', '')}: “{s['quote']}” ({s['path']}:{s['line']})" for s in statements[:3]
    )
    if len(statements) > 3:
        quotes += f"; and {len(statements) - 3} more"
    return (
        f"<b>{esc(finding['key'])}</b>: {esc(finding['sides'][0]['value'])}"
        f'<br><span class="note">{esc(quotes)}</span>'
    )


# Matrix --------------------------------------------------------------------------------------


def render_matrix(records: dict[str, Any], anchors: dict[int, str]) -> str:
    findings = records["findings"]
    documents = records["documents"]
    across = [
        (n, f) for n, f in enumerate(findings) if f["scope"] == "across" and len(f["sides"]) >= 1
    ]
    rank = {"discrepancy": 0, "ordering_difference": 1, "complementary": 2}
    across.sort(key=lambda item: rank.get(item[1]["verdict"], 3))
    rows = across[:MATRIX_FACTS]
    stated: dict[str, int] = {}
    departs: set[str] = set()
    for _, finding in rows:
        outliers = set(departing(finding)) if finding["verdict"] in rank else set()
        for index, side in enumerate(finding["sides"]):
            for document in side["documents"]:
                stated[document] = stated.get(document, 0) + 1
                if index in outliers:
                    departs.add(document)
    position = {d["id"]: n for n, d in enumerate(documents)}
    chosen = sorted(stated, key=lambda d: (d not in departs, -stated[d], position[d]))
    columns = sorted(chosen[:MATRIX_DOCUMENTS], key=position.__getitem__)
    out = ['<section id="matrix">', "<h2>Facts by document</h2>"]
    if not rows:
        out += ["<p>No rule found a fact in these documents.</p>", "</section>"]
        return "\n".join(out)
    said = []
    if len(across) > len(rows):
        said.append(f"the first {len(rows)} of {len(across)} facts, problems first")
    if len(stated) > len(columns):
        said.append(
            f"{len(columns)} of the {len(stated)} documents stating them: those that depart "
            "first, then those stating the most"
        )
    out.append(
        "<p>Each row a fact, each column a document; a cell is the value the document states, "
        "coloured by its side (side 1 is the largest), with a red edge where it departs."
        + (f" Shown: {esc('; '.join(said))}." if said else "")
        + "</p>"
    )
    many = " many" if len(columns) > MATRIX_HORIZONTAL else ""
    out.append(f'<div class="scroll"><table class="matrix{many}"><thead><tr><th>fact</th>')
    for document in columns:
        doc = documents[position[document]]
        out.append(
            f'<th class="doc" scope="col" title="{esc(doc["title"] or doc["label"])} '
            f'({esc(doc["path"])})"><a href="#d-{position[document]}">'
            f"{esc(cut(doc['label'], 40))}</a></th>"
        )
    out.append("</tr></thead><tbody>")
    for number, finding in rows:
        out.append(matrix_row(number, finding, columns, anchors))
    out.append("</tbody></table></div>")
    out.append("</section>")
    return "\n".join(out)


def matrix_row(
    number: int, finding: dict[str, Any], columns: list[str], anchors: dict[int, str]
) -> str:
    cells: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, side in enumerate(finding["sides"]):
        for statement in side["statements"]:
            cells.setdefault(statement["document"], (index, statement))
    outliers = set(departing(finding)) if len(finding["sides"]) > 1 else set()
    anchor = anchors.get(number)
    key = esc(finding["key"])
    name = f'<a href="#{anchor}">{key}</a>' if anchor else key
    verdict = finding["verdict"]
    parts = [
        f'<tr><th scope="row">{name}<br><span class="note"><span class="v-{verdict}">'
        f"{esc(verdict_name(verdict))}</span> · {esc(finding['rule'])}</span></th>"
    ]
    for document in columns:
        if document not in cells:
            parts.append('<td class="none"></td>')
            continue
        index, statement = cells[document]
        colour = f"s{index}" if index < SIDE_COLOURS else "sx"
        departs = index in outliers and bool(finding["outliers"])
        role = " — departs" if departs else ""
        title = f"side {index + 1}{role}: {statement['value']} — “{statement['quote']}”"
        parts.append(
            f'<td class="{colour}{" departs" if departs else ""}" title="{esc(title)}">'
            f"{esc(cut(statement['value'], MATRIX_CELL_CHARS))}</td>"
        )
    parts.append("</tr>")
    return "".join(parts)

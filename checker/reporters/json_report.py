"""The JSON report: the documented contract (see README, "JSON report"), written as a stream
so that a report of any size never stands whole in memory."""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

from checker.model import Report
from checker.reporters import DEFAULT_VIEW, View
from checker.reporters.records import finding_records, footer_records, header_records

SUFFIX = ".json"


def _indented(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it at nesting `level`."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level)


def write(report: Report, stream: TextIO) -> None:
    """Byte for byte what json.dumps(as_records(report), indent=2) gives, one finding at a time."""
    stream.write("{")
    for key, value in header_records(report).items():
        stream.write(f"\n  {json.dumps(key)}: {_indented(value, 1)},")
    stream.write('\n  "findings": [')
    first = True
    for record in finding_records(report):
        stream.write(("\n    " if first else ",\n    ") + _indented(record, 2))
        first = False
    stream.write("]" if first else "\n  ]")
    for key, value in footer_records(report).items():
        stream.write(f",\n  {json.dumps(key)}: {_indented(value, 1)}")
    stream.write("\n}\n")


def render(report: Report, view: View = DEFAULT_VIEW) -> str:
    """The same as `write`, as one string (the view is for human formats; JSON holds all)."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()

"""Document text bound for a terminal or a log, with its control characters shown, not obeyed.

A document (or a file name) can hold escape sequences: ESC [ 2 J clears the screen, OSC 8
makes a hidden link, a bidi override (U+202E) shows text in another order than it is read.
`safe` replaces every C0 and C1 control character but line feed and tab, DEL, the bidi
controls, the Unicode line and paragraph separators and the noncharacters U+FFFE and U+FFFF
with a visible escape (`\\x1b`, `\\u202e`), so what reaches stdout or stderr is text and
nothing else; `safe_line` also escapes line feeds and tabs, for output whose lines are
records (messages, concise, github). What is left is also well-formed XML 1.0 character data
(which forbids most C0 controls and the two noncharacters) and HTML without parse errors.
"""

from __future__ import annotations

import re
from typing import Any

# C0 but \t and \n, DEL, C1; bidi embeddings, overrides, isolates and marks; U+2028/9;
# the noncharacters U+FFFE/F
_OTHERS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_OTHERS}]")
_CONTROL_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f{_OTHERS}]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def safe(text: object) -> str:
    """`text` with its control characters as visible escapes; line feeds and tabs kept."""
    return _CONTROL.sub(_visible, str(text))


def safe_line(text: object) -> str:
    """`text` as one line: control characters, line feeds and tabs as visible escapes."""
    return _CONTROL_OR_BREAK.sub(_visible, str(text))


def safe_records(value: Any) -> Any:
    """Records (a report's, as `as_records` gives them) with every string as `safe_line`
    makes it: for the human formats, which lay the records out themselves."""
    if isinstance(value, str):
        return safe_line(value)
    if isinstance(value, dict):
        return {key: safe_records(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [safe_records(item) for item in value]
    return value


def wrap_cells(rows: list[list[str]], widths: list[int | None], headers: list[str]) -> str:
    """A grid table with each column wrapped to its width. Cells are wrapped here, not by
    tabulate's `maxcolwidths`, which parses a cell such as "3,516" as a number while wrapping
    and fails on it; every cell stays text."""
    import textwrap

    from tabulate import tabulate

    def wrap(cell: str, width: int | None) -> str:
        if width is None:
            return cell
        return "\n".join(
            textwrap.fill(line, width, break_on_hyphens=False) or line
            for line in cell.splitlines() or [""]
        )

    wrapped = [[wrap(cell, width) for cell, width in zip(row, widths, strict=True)] for row in rows]
    return tabulate(wrapped, headers=headers, tablefmt="simple_grid", disable_numparse=True)

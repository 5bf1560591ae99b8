"""Read documents: decode, split metadata from body, normalise the body with a provenance map."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.document_dates import (
    StatedDate,
    clean,
    find_dateline,
    front_matter_date,
    leading_dateline,
    parse_date_text,
    runs_on,
    shorten,
)
from checker.errors import InputError, NotADocument
from checker.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
# A statement is kilobytes; 2 MiB is a dump, not a document. The limit also bounds what
# one document costs: 2 MiB of the densest text (a token a character, or a fact every
# 25 characters) is audited in under half a GiB (tests/test_hostile_input.py).
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024  # a title, a date, provenance: a few hundred bytes
# PyYAML's safe loader expands aliases: nine aliases of nine aliases of ... (a "billion
# laughs") load as a few objects that stand for billions of values, and crossdoc reads
# them as text. A front matter needs no alias; a few are allowed, and no more values than
# its text could hold without them.
MAX_ALIASES = 16
MAX_FRONT_MATTER_VALUES = 50_000

# Characters mapped one to one before analysis; "" removes the character.
CHARACTER_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
    "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ",
    "\u2006": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\f": " ", "\v": " ",
    "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}  # fmt: skip

MARKDOWN_ESCAPABLE = set("\\`*_{}[]()#+-.!|<>~\"'")
SENTENCE_END = set(".!?:;\"')]…")
HEADING_LENGTH = 80  # a block this long without closing punctuation is a sentence cut short
_BLOCK_MARKER = re.compile(r"^(?:[-*+•#>]|\d+[.)])\s")
_LIST_ITEM = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+\S")
# "By Jane Doe", "By Jane Doe, Reuters": a name and no more (not "By Friday, Allies will")
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w .&'’-]*)?$")
_DATELINE_PLACE = re.compile(r"^[^,–—-]{1,40}(?:,|\s[–—-])\s*")  # "BRUSSELS, " "Vilnius (AP) - "
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
FINAL_STOPS = set(".!?…")
SHORT_LINE = 3 / 4  # a line that fills at most this much of the wrap width stops short
# Words a title leaves in lower case ("Statement on the Summit of the Alliance").
TITLE_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "at", "to", "for", "by",
    "with", "from", "as", "into", "onto", "upon", "over", "per", "via", "vs", "amid",
}  # fmt: skip
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_HEADING = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?)")
_ITALIC_LINE = re.compile(r"^\*(?!\*)(?P<text>[^*]+)\*\s*$")
_BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*].*?)\*\*\s*$")
_TRAILER = re.compile(r"^(NOTE:|\*(?P<key>Categories|Names|Subjects|DCPD Number):\*)")
_END_MARKER = re.compile(r"^\s*(\\?#){3}\s*$|^\s*-\s*3\s*0\s*-\s*$")
_ISSUER = re.compile(
    r"\b(?:statement|communiqu[eé]|declaration|remarks|readout|press\s+release|fact\s+sheet)"
    r"\s+(?:issued\s+)?(?:by|from|of)\s+(?:the\s+)?(?P<issuer>.+?)(?:\s+(?:on|in|at|regarding|about)\s|$)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})$"
)


class AliasBomb(yaml.YAMLError):
    """A front matter with more aliases than MAX_ALIASES."""

    def __init__(self, line: int) -> None:
        super().__init__(
            f"front matter has more than {MAX_ALIASES} YAML aliases (*name, line {line}), as an "
            "alias bomb does; write the values out"
        )


class _UniqueKeys(yaml.constructor.SafeConstructor):
    """Refuses a key given twice (which of two dates is meant?)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in first_line:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key.value!r} (first at line {first_line[key.value]})",
                        key.start_mark,
                    )
                first_line[key.value] = key.start_mark.line + 2  # as the file counts lines
        return super().construct_mapping(node, deep)


class FrontMatterLoader(_UniqueKeys, yaml.SafeLoader):
    """Safe YAML that leaves timestamps as text (crossdoc validates dates itself, with a
    message), refuses a key given twice and more than MAX_ALIASES aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise AliasBomb(self.peek_event().start_mark.line + 2)
        return super().compose_node(parent, index)


# libyaml's parser, where PyYAML was built with it: ten times faster than the Python one,
# with the same constructor. Used only where both read alike (see `load_front_matter`).
_CSafeLoader: Any = getattr(yaml, "CSafeLoader", None)
FastFrontMatterLoader: Any = (
    type("FastFrontMatterLoader", (_UniqueKeys, _CSafeLoader), {})
    if _CSafeLoader is not None
    else None
)
# A line of the plainest front matter: a comment, or `key: value` at the margin, the value
# quoted without escapes, or plain words that no YAML indicator can start or interrupt.
_PLAIN_FRONT_MATTER_LINE = re.compile(
    r"""(?:\#.*|[A-Za-z_][A-Za-z0-9_-]*:(?:\ +(?:"[^"\\]*"|'[^']*'"""
    r"""|[A-Za-z0-9][^#:'"\\\[\]{},&*!|>%@`]*))?\ *)?"""
)


def load_front_matter(source: str) -> object:
    """The front matter's YAML, as FrontMatterLoader reads it.

    Most front matter is a few plain keys (a quoted title, a date, an issuer), which
    libyaml reads ten times faster. It reads only front matter whose every line is plain
    (_PLAIN_FRONT_MATTER_LINE) and printable: there the two parsers cannot differ (they do
    on tabs, on block scalars, on lone tags and on escapes), and there is no alias to
    count. Anything else, and any error, is read by FrontMatterLoader, so that the result
    and the message are its own."""
    if FastFrontMatterLoader is not None and all(
        line.isprintable() and _PLAIN_FRONT_MATTER_LINE.fullmatch(line)
        for line in source.split("\n")
    ):
        try:
            return yaml.load(source, Loader=FastFrontMatterLoader)
        except Exception:  # a key given twice: FrontMatterLoader says where, as it says
            pass
    return yaml.load(source, Loader=FrontMatterLoader)


def count_values(loaded: object, limit: int) -> int:
    """How many values `loaded` holds with its aliases expanded, counting no further than
    just past `limit` (an alias loop never ends)."""
    count, pending = 0, [loaded]
    while pending and count <= limit:
        value = pending.pop()
        count += 1
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list | tuple | set):
            pending.extend(value)
    return count


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
if FastFrontMatterLoader is not None:
    FastFrontMatterLoader.yaml_implicit_resolvers = FrontMatterLoader.yaml_implicit_resolvers


@dataclass(frozen=True)
class Line:
    start: int  # offset of the line's first character in the original text
    text: str  # without its line break


@dataclass
class TextBuilder:
    """Accumulates analysed text, remembering the original offset of every character."""

    chars: list[str] = field(default_factory=list)
    offsets: array[int] = field(default_factory=lambda: array("q"))

    def add(self, char: str, origin: int) -> None:
        if char == " " and (not self.chars or self.chars[-1] in " \n"):
            return
        self.chars.append(char)
        self.offsets.append(origin)

    def trim_end(self) -> None:
        while self.chars and self.chars[-1] in " \n":
            self.chars.pop()
            self.offsets.pop()

    @property
    def last(self) -> str:
        return self.chars[-1] if self.chars else ""


def split_lines(text: str) -> list[Line]:
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        lines.append(Line(match.start(), match.group().rstrip("\r\n")))
    return lines


def decode(path: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:  # anywhere: a NUL byte is never text, and no report can carry it
        raise NotADocument(path, "binary file (contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8 at byte {exc.start} (convert it, e.g. iconv -f latin1 -t utf-8)",
        ) from None


def parse_front_matter(path: str, lines: list[Line]) -> tuple[dict[str, object], int]:
    """YAML front matter, loaded safely; returns it and the index of the first body line."""
    if not lines or lines[0].text.strip() != "---":
        return {}, 0
    for index in range(1, len(lines)):
        if lines[index].text.strip() in ("---", "..."):
            break
    else:
        raise InputError(path, "front matter is not terminated (no closing '---' line)")
    source = "\n".join(line.text for line in lines[1:index])
    size = len(source.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise InputError(
            path, f"front matter is too large ({size} bytes; the limit is {MAX_FRONT_MATTER_BYTES})"
        )
    try:
        loaded = load_front_matter(source)
    except AliasBomb as exc:
        raise InputError(path, str(exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"front matter is not valid YAML{where}: {problem}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(path, f"front matter cannot be read: {exc}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(path, f"front matter is not a mapping (found {type(loaded).__name__})")
    if count_values(loaded, MAX_FRONT_MATTER_VALUES) > MAX_FRONT_MATTER_VALUES:
        raise InputError(
            path,
            f"front matter expands to more than {MAX_FRONT_MATTER_VALUES:,} values through "
            "its YAML aliases",
        )
    return {str(k): v for k, v in loaded.items()}, index + 1


def parse_dateline(text: str) -> dt.date | None:
    """A date standing alone, as in a dateline ("March 24, 2022", "24 March 2022")."""
    text = " ".join(text.split()).strip("*_ ")  # also folds non-breaking and other spaces
    if not _DATELINE.match(text):
        return None
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def front_matter_text(front: dict[str, object], name: str) -> str | None:
    """A front-matter value that is text (a number or a list is not a name)."""
    value = front.get(name)
    return " ".join(value.split()) or None if isinstance(value, str) else None


def issuer_from_title(title: str | None) -> str | None:
    if not title:
        return None
    match = _ISSUER.search(title)
    return match.group("issuer").strip(" .") if match else None


@dataclass
class Header:
    title: str | None = None
    date: dt.date | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    identifiers: dict[str, str] = field(default_factory=dict)


def read_header(lines: list[Line], first: int, header: Header) -> int:
    """Consume a layout header (Compilation of Presidential Documents style, or a Markdown
    title and a dateline): italic administration line, bold title, italic date line."""
    index = first
    layout = False  # a line only the layout holds (bold title, italic or dated line)
    while index < len(lines):
        text = " ".join(lines[index].text.split())  # tabs and non-breaking spaces fold too
        if not text:
            index += 1
            continue
        bold = _BOLD_LINE.match(text)
        italic = _ITALIC_LINE.match(text)
        heading = re.match(r"^#{1,6}\s+(.*)$", text)
        if bold or (heading and header.title is None):
            header.title = header.title or (bold or heading).group(1).strip()  # type: ignore[union-attr]
            layout = layout or bool(bold)
        elif italic or (header.date is None and parse_dateline(text)):
            layout = True
            inner = italic.group("text").strip() if italic else text
            date = parse_dateline(inner)
            if date is not None and header.date is None:
                header.date = date
            elif inner.lower().startswith("administration of"):
                header.metadata["administration"] = inner
            else:
                break
        else:
            break
        index += 1
    # a Markdown heading alone names the document and is read too: a headline states what
    # its story does ("# Eaton Fire death toll rises to 17"), title in front matter or not
    return index if layout else first


def read_trailer(lines: list[Line], start: int, header: Header) -> int:
    """Find trailing metadata blocks (NOTE:, *Categories:*, ...) and end markers (###).
    Returns the index of the first line after the body."""
    end = len(lines)
    for index in range(start, len(lines)):
        text = " ".join(lines[index].text.split())
        if _TRAILER.match(text) or _END_MARKER.match(text):
            end = index
            break
    for line in lines[end:]:
        text = " ".join(line.text.split())
        match = _TRAILER.match(text)
        if not match:
            continue
        key = (match.group("key") or "note").lower().replace(" ", "_")
        value = text[match.end() :].strip()
        header.metadata[key] = value
        if key == "dcpd_number":
            header.identifiers["dcpd"] = value.rstrip(".")
    return end


# The same characters as CHARACTER_MAP: one for one (a line keeps its length, so every
# character keeps its offset), and the characters it removes, found apart.
_ONE_FOR_ONE = str.maketrans({k: v for k, v in CHARACTER_MAP.items() if v})
_REMOVED = re.compile("[" + "".join(k for k, v in CHARACTER_MAP.items() if not v) + "]")
_MARKUP = re.compile(r"\\[" + re.escape("".join(sorted(MARKDOWN_ESCAPABLE))) + r"]|[*_]")


def normalise_line(line: Line, out: TextBuilder) -> None:
    """Append one body line, resolving Markdown escapes, emphasis and typographic variants.

    Whole lines at a time: characters are mapped with str.translate, and only the few that
    are dropped (an escaping backslash, an emphasis mark, an invisible character) or that
    repeat a space are looked at one by one."""
    text = line.text
    heading = _HEADING.match(text)
    first = heading.end() if heading else 0
    dropped: set[int] = set()
    if "\\" in text or "*" in text or "_" in text:
        for match in _MARKUP.finditer(text, first):
            at = match.start()
            if match.end() - at == 2 or is_emphasis_marker(text, at):
                dropped.add(at)  # the backslash of an escape (its character is kept as is)
    for match in _REMOVED.finditer(text, first):
        dropped.add(match.start())
    if dropped:
        kept = [n for n in range(first, len(text)) if n not in dropped]
        piece = "".join(text[n] for n in kept).translate(_ONE_FOR_ONE)
        origins: Sequence[int] = [line.start + n for n in kept]
    else:
        piece = text[first:].translate(_ONE_FOR_ONE)
        origins = range(line.start + first, line.start + len(text))
    after_space = not out.chars or out.chars[-1] in " \n"
    if "  " in piece or (after_space and piece[:1] == " "):
        for char, origin in zip(piece, origins, strict=True):
            out.add(char, origin)  # spaces are collapsed one at a time
        return
    out.chars.extend(piece)
    out.offsets.extend(origins)


def is_emphasis_marker(text: str, position: int) -> bool:
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if text[position] == "*":
        return not (before.isspace() and after.isspace())
    # "_" inside a word (snake_case) is text, at a word's edge it is emphasis
    return not (before.isalnum() and after.isalnum())


def build_body(lines: Sequence[Line]) -> TextBuilder:
    """Join hard-wrapped lines into paragraphs; rejoin paragraphs split mid-sentence.

    Within a paragraph a line break is either a wrap, which becomes a space, or a break a
    reader sees (after a title, a dateline or a byline; before a list item), which stays a
    single "\\n" (see `kept_line_break`). Paragraphs are separated by a blank line ("\\n\\n").
    The items of a list that continues a sentence ("based in:") stay with it, one a line,
    even when blank lines separate them (a loose Markdown list).
    """
    out = TextBuilder()
    paragraph_open = False
    paragraph_start = 0  # index in `out` where the current paragraph starts
    pending_break: int | None = None  # original offset of the blank gap before this line
    widths = block_widths(lines)
    previous = ""  # the last non-blank line
    block_top = True  # every line of this block so far stands alone (a title, a dateline)
    in_list = False  # the list being read continues the sentence that introduced it
    in_item = False  # the last line opened a list item, or went on with one
    for number, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped or set(stripped) <= {"\f"}:
            if paragraph_open:
                pending_break = line.start
                paragraph_open = False
            continue
        item = bool(_LIST_ITEM.match(stripped))
        joined = "start"
        if out.chars:
            first = stripped.lstrip("*_\"'“‘(")[:1]
            # A page break can split a paragraph mid-sentence: "protection\n\nagainst threats",
            # "under direct\n\nNATO command". A short block without closing punctuation is a
            # heading, and so is a title line; a list item or heading after the break starts
            # a block of its own, unless it continues a list ("based in:\n\n- Bulgaria").
            unfinished = out.last not in SENTENCE_END and not _BLOCK_MARKER.match(stripped)
            long_block = len(out.chars) - paragraph_start > HEADING_LENGTH
            title = clean(previous)
            cut_short = (
                long_block
                and not (block_top and (stands_alone(title) or looks_like_title(title)))
                and not in_item
            )
            # ... and the block after the break must end a sentence itself: two unfinished
            # blocks in a row are headlines or a bullet's lines ("More than 1,000 Federal
            # personnel are on the ground on Maui to aid response efforts" and "$12 million
            # in assistance to over 3,300 households approved to date")
            cut_short = (
                cut_short
                and pending_break is not None
                and ends_sentence(clean(last_line_of_block(lines, number)))
            )
            mid_sentence = unfinished and (first.islower() or cut_short)
            if pending_break is not None and item and (out.last == ":" or in_list):
                out.trim_end()
                out.add("\n", pending_break)
                joined = "loose item"
            elif pending_break is not None and not mid_sentence:
                out.trim_end()
                out.add("\n", pending_break)
                out.add("\n", pending_break)
                paragraph_start = len(out.chars)
                joined = "paragraph"
            elif pending_break is None and kept_line_break(
                previous, line.text, widths[number], block_top, following(lines, number), in_item
            ):
                out.add("\n", line.start - 1)
                joined = "line break"
            elif (
                out.last == "-"
                and len(out.chars) > 1
                and out.chars[-2].isalnum()
                and first.isalnum()
            ):
                joined = "wrap"  # a word hyphenated across the line break ("anti-\narmor")
            else:
                out.add(" ", line.start - 1 if line.start else 0)
                joined = "wrap"
        if joined in ("start", "paragraph"):
            block_top = True
        elif joined != "line break":
            block_top = False
        item = item and joined != "wrap"  # a dash or a number in wrapped prose is no item
        if item:
            in_list = joined == "loose item" or (
                joined == "line break" and not ends_sentence(clean(previous))
            )
        elif joined != "wrap":  # a wrapped item goes on; any other line ends the list
            in_list = False
        in_item = item or (in_item and joined == "wrap")
        pending_break = None
        paragraph_open = True
        previous = line.text
        leading = len(line.text) - len(line.text.lstrip())
        normalise_line(Line(line.start + leading, line.text.strip()), out)
        while out.chars and out.chars[-1] == " ":
            out.chars.pop()
            out.offsets.pop()
    out.trim_end()
    return out


# A fact sheet's line: a short label, a colon, a figure ("Acres burned: 23,713", "Budget:
# $412 million").
_FIGURE_LINE = re.compile(r"[A-Z][\w ’'()/&-]{0,48}:\s+[$€£¥]?\d[\d,.]*(?:\s*[%\w]+){0,3}")


def kept_line_break(
    previous: str,
    current: str,
    width: int,
    block_top: bool,
    after: str | None,
    in_item: bool = False,
) -> bool:
    """Whether the break between two lines of one paragraph is one a reader sees.

    Hard-wrapped prose is rejoined, whatever its width: a line that ends mid-sentence (with
    a comma, a preposition, an article: `runs_on`), a line followed by one that starts in
    lower case, and a line that reaches the paragraph's wrap width (the longest line of the
    paragraph), are wrapped. A break is kept where a reader sees a line stand on its own:

    - before a list item ("- Bulgaria", "2. Hungary"; see `starts_list_item`);
    - after a list item, unless the next line continues it (indented, or in lower case);
    - after a line with no final stop (. ! ? …) when the next line starts a sentence (a
      capital letter or a digit) and the line stops short of the wrap width: the next
      line's first word would have fitted on it, and it fills at most three quarters of
      the width, so no wrapping program, greedy or not, broke it there;
    - after a Markdown heading ("# Summit");
    - at the top of a paragraph, while every line so far has stood alone: after a
      dateline or a date, a byline ("By Jane Doe") or a title in capitals, and before a
      date on a line of its own, when the next line starts a sentence.

    A sentence-case title that is the longest line of its paragraph, directly followed by
    the body, reads as wrapped prose; a blank line after it keeps it apart.
    """
    if starts_list_item(previous, current, width, in_item) or _HEADING_MARK.match(previous):
        return True
    if _FIGURE_LINE.fullmatch(previous.strip()) and _FIGURE_LINE.fullmatch(current.strip()):
        return True  # a fact sheet's lines: "Structures destroyed: 5,316" / "Acres burned: ..."
    before, text = clean(previous), clean(current)
    if in_item:
        return not (current[:1].isspace() or text[:1].islower())
    if not before or ends_sentence(before) or runs_on(before) or not starts_sentence(text):
        return False
    length = len(previous.rstrip())
    if length + 1 + len(current.split()[0]) <= width and length <= width * SHORT_LINE:
        return True
    if not block_top:
        return False
    if stands_alone(before):
        return True
    return is_date_line(text) and (after is None or starts_sentence(clean(after)))


def starts_list_item(previous: str, current: str, width: int, in_item: bool = False) -> bool:
    """A line that opens a list item: a bullet ("- ", "* ", "+ ", "• ") or a number ("1.",
    "2)"). A hyphen or a number can also open a wrapped line ("... (Reuters)\\n- NATO said",
    "on March\\n30. Allies"), so one counts only after a colon, a full stop, another item,
    or a line that stops short of the wrap width."""
    stripped = current.strip()
    if not _LIST_ITEM.match(stripped):
        return False
    if stripped.startswith("•"):
        return True
    before = previous.rstrip()
    marker, _, rest = stripped.partition(" ")
    word = rest.split()[0] if rest.split() else ""
    return (
        before.endswith(":")
        or ends_sentence(clean(before))
        or in_item
        or len(before) + 2 + len(marker) + len(word) <= width
        or in_capitals(_PARENTHESES.sub("", before))  # "NEW BATTLEGROUPS (agreed in March)"
    )


_PARENTHESES = re.compile(r"\([^()]*\)")


def last_line_of_block(lines: Sequence[Line], index: int) -> str:
    """The last non-blank line of the block that lines[index] opens."""
    last = lines[index].text
    for line in lines[index + 1 :]:
        if not line.text.strip() or set(line.text.strip()) <= {"\f"}:
            break
        last = line.text
    return last


def stands_alone(text: str) -> bool:
    """A line that is not part of a sentence: a dateline, a date, a byline, a title in
    capitals. (A title in title case is not enough on its own: "the Heads of State and
    Government of the 30" is a line of wrapped prose.)"""
    return is_date_line(text) or bool(_BYLINE.match(text)) or in_capitals(text)


def in_capitals(text: str) -> bool:
    """At least two words, every letter a capital ("NATO SUMMIT IN VILNIUS")."""
    words = _WORD.findall(text)
    return len(words) >= 2 and all(word.isupper() for word in words if word.isalpha())


def looks_like_title(text: str) -> bool:
    """Every word but the small ones capitalised (or in capitals), at least two of them."""
    words = _WORD.findall(text)
    significant = [word for word in words if word.lower() not in TITLE_SMALL_WORDS]
    return len(significant) >= 2 and all(word[0].isupper() for word in significant)


def is_date_line(text: str) -> bool:
    """A line that is a date ("24 March 2022", "July 2023") or a dateline and nothing more
    ("BRUSSELS, 24 March 2022"; not "Brussels, 24 March 2022 - Allies agreed to")."""
    text = text.rstrip(" .–—-")
    if leading_dateline(text) is not None:
        text = _DATELINE_PLACE.sub("", text, count=1)
    stated = parse_date_text(text)
    return stated is not None and stated.precision != "year"


def ends_sentence(text: str) -> bool:
    """The text ends with a full stop, a question or an exclamation mark (maybe quoted)."""
    text = text.rstrip("\"')]*_ ")
    return text[-1:] in FINAL_STOPS


def starts_sentence(text: str) -> bool:
    opening = text.lstrip("\"'([")[:1]
    return opening.isupper() or opening.isdigit()


def block_widths(lines: Sequence[Line]) -> list[int]:
    """For each line, the wrap width of its block (run of non-blank lines): its longest line."""
    widths = [0] * len(lines)
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not lines[index].text.strip():
            width = max((len(line.text.rstrip()) for line in lines[start:index]), default=0)
            widths[start:index] = [width] * (index - start)
            start = index + 1
    return widths


def following(lines: Sequence[Line], index: int) -> str | None:
    """The next line of the same block, if there is one."""
    if index + 1 < len(lines) and lines[index + 1].text.strip():
        return lines[index + 1].text
    return None


def load_document(
    path: Path, display_path: str, doc_id: str, warnings: list[str] | None = None
) -> Document:
    return parse_document(display_path, doc_id, read_file(path, display_path), warnings)


def read_file(path: Path, display_path: str) -> bytes:
    """A document's bytes; what stops reading them is an InputError (or NotADocument)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            # never opened: a FIFO blocks until something writes to it, a device never ends
            raise NotADocument(display_path, f"not a regular file ({special_kind(status)})")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                display_path, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
            )
        data = path.read_bytes()
        if len(data) > MAX_FILE_BYTES:  # it grew while it was read
            raise InputError(display_path, f"file is too large (the limit is {MAX_FILE_BYTES})")
    except PermissionError:
        raise InputError(display_path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(display_path, "is a directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotADocument(display_path, "symbolic link loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise NotADocument(display_path, "broken symbolic link") from None
        raise InputError(display_path, exc.strerror or str(exc)) from None
    return data


def special_kind(status: os.stat_result) -> str:
    """What a file that is not a regular file is, in words."""
    mode = status.st_mode
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def parse_document(
    display_path: str, doc_id: str, data: bytes, warnings: list[str] | None = None
) -> Document:
    """One document from its bytes; problems that leave it usable (a front-matter date that
    is not a date) are appended to `warnings`, each naming the file."""
    original = decode(display_path, data)
    lines = split_lines(original)
    front, first = parse_front_matter(display_path, lines)
    header = Header()
    for name in (
        "title", "permalink", "url", "category", "published_time", "modified_time", "event",
        "issuer",
    ):  # fmt: skip
        if front.get(name) is not None:
            header.metadata[name] = str(front[name])
    stated = front_matter_date(front["date"]) if "date" in front else None
    if isinstance(stated, StatedDate):
        header.date = stated.date
    problems: list[str] = []
    if isinstance(front.get("title"), str):
        header.title = str(front["title"]).strip()
    elif front.get("title") is not None:  # `title: 42`, `title: [a, b]`: no title, said so
        problems.append(
            f"front matter title {shorten(repr(front['title']))} is not text; it is ignored "
            "(quote it to make it the title)"
        )
    body_start = read_header(lines, first, header)
    body_end = read_trailer(lines, body_start, header)
    body = build_body(lines[body_start:body_end])
    if not body.chars:
        raise NotADocument(display_path, "no text to analyse (the document is empty)")
    date, date_problems = document_date(stated, header, lines[body_start:body_end])
    problems += date_problems
    problems += lookalikes(lines[body_start:body_end], lines)
    if warnings is not None:
        warnings.extend(f"{display_path}: {problem}" for problem in problems)
    url = front.get("permalink") or front.get("url") or front.get("source")
    return Document(
        id=doc_id,
        path=display_path,
        text="".join(body.chars),
        offsets=body.offsets,
        original=original,
        title=header.title,
        date=date.date if date else None,
        date_precision=date.precision if date else None,
        issuer=front_matter_text(front, "issuer") or issuer_from_title(header.title),
        url=str(url) if url else None,
        identifiers=dict(sorted(header.identifiers.items())),
        metadata=dict(sorted(header.metadata.items())),
    )


# Letters of other scripts that look like Latin ones: "Bulg\u0430ria" (a Cyrillic "а") is
# no country any table knows, so it is never read as Bulgaria, but a reader sees Bulgaria.
_LOOKALIKE_SCRIPTS = (("Cyrillic", "\u0400-\u04ff"), ("Greek", "\u0370-\u03ff"))
_OTHER_SCRIPT = re.compile("[" + "".join(span for _, span in _LOOKALIKE_SCRIPTS) + "]")
_OTHER = _OTHER_SCRIPT.pattern
_MIXED_WORD = re.compile(
    rf"[^\W\d_]*(?:[A-Za-z][^\W\d_]*{_OTHER}|{_OTHER}[^\W\d_]*[A-Za-z])[^\W\d_]*"
)
MAX_LOOKALIKES = 3  # warnings per document: enough to be seen


def lookalikes(body: Sequence[Line], lines: Sequence[Line]) -> list[str]:
    """Words that mix Latin letters with Cyrillic or Greek ones, as a homoglyph does: a
    warning for each (at most MAX_LOOKALIKES), with the letter that does not belong."""
    found: list[str] = []
    for line in body:
        if not _OTHER_SCRIPT.search(line.text):
            continue
        for match in _MIXED_WORD.finditer(line.text):
            letter = next(c for c in match.group() if _OTHER_SCRIPT.match(c))
            script = next(n for n, span in _LOOKALIKE_SCRIPTS if re.match(f"[{span}]", letter))
            number = lines.index(line) + 1
            found.append(
                f"line {number}, column {match.start() + 1}: {match.group()!r} mixes Latin and "
                f"{script} letters ({script} {letter!r}, U+{ord(letter):04X}); it is read as "
                "written, never as the word it looks like"
            )
            if len(found) == MAX_LOOKALIKES:
                return found
    return found


def document_date(
    front: StatedDate | str | None, header: Header, body: Sequence[Line]
) -> tuple[StatedDate | None, list[str]]:
    """The document's date from the first source that states one: front matter, then the
    date line of the layout header, then a dateline at the top of the body. A dateline gives
    the day of a front-matter month or year it falls in. Also returns what to warn about."""
    problems: list[str] = []
    date: StatedDate | None = None
    if isinstance(front, StatedDate):
        date, header.metadata["date_source"] = front, "front matter"
    elif header.date is not None:
        date, header.metadata["date_source"] = StatedDate(header.date, "day"), "date line"
    if date is None or date.precision != "day":
        dateline = find_dateline([line.text for line in body])
        if dateline is not None and (date is None or date.covers(dateline.date)):
            date, header.metadata["date_source"] = dateline, "dateline"
        elif dateline is not None and date is not None:
            problems.append(
                f"front matter date {date} and the dateline's {dateline} differ; "
                "the front matter's is used"
            )
    if isinstance(front, str):
        outcome = (
            f"the document is dated {date} by its {header.metadata['date_source']}"
            if date
            else "the document is undated"
        )
        problems.append(f"{front}; {outcome}")
    return date, problems


@dataclass(frozen=True)
class Found:
    path: Path
    display: str
    explicit: bool  # named on the command line, not found in a folder


@dataclass(frozen=True)
class Exclusions:
    """What a folder walk leaves out. Files named explicitly are always read (as ruff and
    flake8 do); what crossdoc writes is never read from a folder."""

    root: Path  # the project root: `patterns` are relative to it
    patterns: tuple[str, ...] = ()  # `exclude` and --exclude, as in .gitignore
    outputs: tuple[Path, ...] = ()  # report folders, --output targets, the baseline
    gitignore: bool = True  # respect .gitignore files (and .git/info/exclude)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outputs", tuple(Path(os.path.abspath(p)) for p in self.outputs))


def discover(
    paths: Iterable[str],
    root: Path,
    exclusions: Exclusions | None = None,
    ignored: list[str] | None = None,
) -> list[Found]:
    """Expand files and folders, sorted by display path and without repeats. What a folder
    walk leaves out is added to `ignored` ("path (why)")."""
    rules = exclusions or Exclusions(root, gitignore=False)
    found: dict[str, Found] = {}
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise InputError(given, "no such file or directory")
        if path.is_dir():
            left_out: list[str] = []
            files = walk_text_files(path, rules, left_out)
            if ignored is not None:
                ignored.extend(left_out)
            if not files:
                problem = f"folder holds no text documents ({', '.join(TEXT_SUFFIXES)})"
                if left_out:
                    problem = (
                        f"every text document in the folder is excluded ({left_out[0]}"
                        f"{f' and {len(left_out) - 1} more' if len(left_out) > 1 else ''}); "
                        "name a file to read it anyway, or use --no-gitignore"
                    )
                raise InputError(given, problem)
            for file in files:
                name = display(file, root)
                found.setdefault(name, Found(file, name, explicit=False))
        else:
            name = display(path, root)
            found[name] = Found(path, name, explicit=True)
    return one_per_file([found[name] for name in sorted(found)])


def links_out(path: Path, folder: Path) -> bool:
    """A symbolic link to a file outside `folder` (a link out of the corpus: /etc/passwd, a
    device, another checkout). A broken link is not one: reading it says it is broken."""
    if not os.path.islink(path) or not os.path.exists(path):
        return False
    return not _is_within(Path(os.path.realpath(path)), Path(os.path.realpath(folder)))


def one_per_file(entries: list[Found]) -> list[Found]:
    """One entry per file: a file named twice through a link, a hard link, or by its path
    and its folder, is one document (never compared with itself). The first name is kept,
    or the one named on the command line."""
    kept: list[Found] = []
    index: dict[tuple[int, int], int] = {}
    for entry in entries:
        try:
            status = entry.path.stat()
        except OSError:
            kept.append(entry)  # reading it will say why it cannot be read
            continue
        if not stat.S_ISREG(status.st_mode):
            kept.append(entry)
            continue
        identity = (status.st_dev, status.st_ino)
        if identity not in index:
            index[identity] = len(kept)
            kept.append(entry)
        elif entry.explicit and not kept[index[identity]].explicit:
            kept[index[identity]] = entry
    return kept


class _GitIgnore:
    """The .gitignore files that apply below a folder (and .git/info/exclude), deepest
    first: in git, a deeper file overrides a shallower one, and a later line an earlier."""

    def __init__(self, folder: Path, root: Path) -> None:
        import pathspec  # imported here: only folder walks need it

        self._pathspec = pathspec
        self.specs: list[tuple[Path, object]] = []
        top = _work_tree_top(folder) or (root if _is_within(folder, root) else folder)
        exclude = top / ".git" / "info" / "exclude"
        if exclude.is_file():
            self._add(top, exclude)
        for ancestor in reversed([folder, *folder.parents]):
            if _is_within(ancestor, top):
                self.add_folder(ancestor)

    def _add(self, base: Path, file: Path) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs.insert(0, (base, self._pathspec.GitIgnoreSpec.from_lines(lines)))

    def add_folder(self, folder: Path) -> None:
        if (folder / ".gitignore").is_file():
            self._add(folder, folder / ".gitignore")

    def ignores(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            if not _is_within(path, base) or path == base:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include  # type: ignore[attr-defined]
            if verdict is not None:
                return bool(verdict)
        return False


def _work_tree_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# How what crossdoc writes begins. Its text reports (the Markdown report, the table) are
# never documents, wherever they lie; a file crossdoc was asked to write may also hold
# concise or github lines, or nothing yet.
_REPORT = re.compile(rb"\A(?:# crossdoc audit\r?\n|crossdoc audit of \d+ documents?:)")
_OWN_OUTPUT = re.compile(rb"crossdoc|\A\s*\Z|\A[^\n]+:\d+:\d+: [a-z_]+ [a-z0-9-]+: |\A::\w+ file=")


def written_by_crossdoc(path: Path, signature: re.Pattern[bytes] = _OWN_OUTPUT) -> bool:
    """Did crossdoc write this file? An output target that holds anything else (a document
    named as --output by mistake) stays an input, and is never written over. Only a regular
    file is opened (a FIFO would block the walk, a device never ends)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return bool(signature.search(head))


def walk_text_files(
    folder: Path, exclusions: Exclusions | None = None, left_out: list[str] | None = None
) -> list[Path]:
    """Text files below `folder`, sorted; hidden files and folders are skipped, and links to
    folders are not followed (so a link loop, or a link out of the corpus, is never walked).
    What crossdoc writes, links to files outside `folder`, `exclude` patterns and .gitignore
    leave files out, each noted in `left_out` as "path (why)"; none of them is opened."""
    rules = exclusions or Exclusions(folder, gitignore=False)
    start = Path(os.path.abspath(folder))
    root = Path(os.path.abspath(rules.root))
    outputs = set(rules.outputs)
    patterns = None
    if rules.patterns:
        import pathspec

        patterns = pathspec.GitIgnoreSpec.from_lines(rules.patterns)

    def excluded(path: Path, is_dir: bool) -> bool:
        if patterns is None or not _is_within(path, root) or path == root:
            return False
        return patterns.match_file(path.relative_to(root).as_posix() + ("/" if is_dir else ""))

    gitignore = _GitIgnore(start, root) if rules.gitignore else None
    # A folder named explicitly is read even if it is excluded or ignored itself (as a file
    # named explicitly is): only the rules inside it then apply.
    if excluded(start, is_dir=True):
        patterns = None
    if gitignore is not None and gitignore.ignores(start, is_dir=True):
        gitignore = _GitIgnore(start, start)
        gitignore.specs = [(base, spec) for base, spec in gitignore.specs if base == start]

    def why(path: Path, is_dir: bool) -> str | None:
        if path in outputs and (is_dir or written_by_crossdoc(path)):
            return "crossdoc writes it"
        if not is_dir and links_out(path, start):
            return "a link to a file outside the folder; name it to read it"
        if not is_dir and written_by_crossdoc(path, _REPORT):
            return "a crossdoc report"
        if excluded(path, is_dir):
            return "exclude"
        if gitignore is not None and gitignore.ignores(path, is_dir):
            return ".gitignore"
        return None

    files: list[Path] = []
    for current, dirs, names in os.walk(start, followlinks=False):
        here = Path(current)
        if gitignore is not None and here != start:
            gitignore.add_folder(here)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            reason = why(here / name, is_dir=True)
            if reason is None:
                kept.append(name)
            elif left_out is not None:
                left_out.append(f"{display(here / name, rules.root)}/ ({reason})")
        dirs[:] = kept
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                reason = why(here / name, is_dir=False)
                if reason is None:
                    files.append(Path(current) / name)
                elif left_out is not None:
                    left_out.append(f"{display(here / name, rules.root)} ({reason})")
    if start != Path(folder):  # keep paths as given (relative stays relative)
        files = [Path(folder) / f.relative_to(start) for f in files]
    return files


def display(path: Path, root: Path) -> str:
    """A path as reports show it: relative to the project root, with forward slashes."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, root)).as_posix()


def document_ids(display_paths: Sequence[str]) -> list[str]:
    """Stable ids from file names; folders are added only where two names would collide."""
    stems = [Path(p).stem for p in display_paths]
    counts = Counter(stems)  # not stems.count: 100,000 files would take minutes
    ids = []
    for path, stem in zip(display_paths, stems, strict=True):
        if counts[stem] > 1:
            ids.append(str(Path(path).with_suffix("").as_posix()).lstrip("./"))
        else:
            ids.append(stem)
    return ids


@dataclass(frozen=True)
class Corpus:
    documents: list[Document]
    skipped: list[NotADocument]  # files found in folders that hold no document
    warnings: list[str] = field(default_factory=list)  # "path: problem", the audit goes on
    ignored: list[str] = field(default_factory=list)  # "path (why)": left out of folder walks


def load_corpus(paths: Iterable[str], root: Path, exclusions: Exclusions | None = None) -> Corpus:
    """The documents of `paths`. Folders are walked under `exclusions` (by default: none but
    hidden files); files named explicitly are always read."""
    paths = list(paths)
    ignored: list[str] = []
    entries = discover(paths, root, exclusions, ignored)
    ids = document_ids([entry.display for entry in entries])
    documents: list[Document] = []
    skipped: list[NotADocument] = []
    warnings: list[str] = []
    for entry, doc_id in zip(entries, ids, strict=True):
        try:
            documents.append(load_document(entry.path, entry.display, doc_id, warnings))
        except NotADocument as problem:
            if entry.explicit:
                raise
            skipped.append(problem)
    if not documents:
        raise InputError(", ".join(paths) or ".", "no document to audit (every file was skipped)")
    return Corpus(documents, skipped, warnings, ignored)


def load_documents(paths: Iterable[str], root: Path) -> list[Document]:
    return load_corpus(paths, root).documents

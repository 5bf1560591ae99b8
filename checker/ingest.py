"""Read documents: decode, split metadata from body, normalise the body with a provenance map."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker.document_dates import StatedDate, find_dateline, front_matter_date
from checker.errors import InputError, NotADocument
from checker.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 5 * 1024 * 1024  # a statement is kilobytes; 5 MiB is a dump, not a document

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


class FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves timestamps as text: crossdoc validates dates itself, with a message."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    if b"\x00" in data[:8192]:
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
    try:
        loaded = yaml.load(source, Loader=FrontMatterLoader)
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
        elif italic or (header.date is None and parse_dateline(text)):
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
    return index


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


def normalise_line(line: Line, out: TextBuilder) -> None:
    """Append one body line, resolving Markdown escapes, emphasis and typographic variants."""
    text = line.text
    position = 0
    heading = _HEADING.match(text)
    if heading:
        position = heading.end()
    length = len(text)
    while position < length:
        char = text[position]
        origin = line.start + position
        if char == "\\" and position + 1 < length and text[position + 1] in MARKDOWN_ESCAPABLE:
            out.add(text[position + 1], origin + 1)
            position += 2
            continue
        if char in "*_" and is_emphasis_marker(text, position):
            position += 1
            continue
        mapped = CHARACTER_MAP.get(char, char)
        for piece in mapped:
            out.add(piece, origin)
        position += 1


def is_emphasis_marker(text: str, position: int) -> bool:
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if text[position] == "*":
        return not (before.isspace() and after.isspace())
    # "_" inside a word (snake_case) is text, at a word's edge it is emphasis
    return not (before.isalnum() and after.isalnum())


def build_body(lines: Sequence[Line]) -> TextBuilder:
    """Join hard-wrapped lines into paragraphs; rejoin paragraphs split mid-sentence."""
    out = TextBuilder()
    paragraph_open = False
    paragraph_start = 0  # index in `out` where the current paragraph starts
    pending_break: int | None = None  # original offset of the blank gap before this line
    for line in lines:
        stripped = line.text.strip()
        if not stripped or set(stripped) <= {"\f"}:
            if paragraph_open:
                pending_break = line.start
                paragraph_open = False
            continue
        if out.chars:
            first = stripped.lstrip("*_\"'“‘(")[:1]
            # A page break can split a paragraph mid-sentence: "protection\n\nagainst threats",
            # "under direct\n\nNATO command". A short block without closing punctuation is a
            # heading; a list item or heading after the break starts a block of its own.
            unfinished = out.last not in SENTENCE_END and not _BLOCK_MARKER.match(stripped)
            long_block = len(out.chars) - paragraph_start > HEADING_LENGTH
            mid_sentence = unfinished and (first.islower() or long_block)
            if pending_break is not None and not mid_sentence:
                out.trim_end()
                out.add("\n", pending_break)
                out.add("\n", pending_break)
                paragraph_start = len(out.chars)
            elif (
                out.last == "-"
                and len(out.chars) > 1
                and out.chars[-2].isalpha()
                and first.islower()
            ):
                pass  # a word hyphenated across the line break ("anti-\narmor")
            else:
                out.add(" ", line.start - 1 if line.start else 0)
        pending_break = None
        paragraph_open = True
        leading = len(line.text) - len(line.text.lstrip())
        normalise_line(Line(line.start + leading, line.text.strip()), out)
        while out.chars and out.chars[-1] == " ":
            out.chars.pop()
            out.offsets.pop()
    out.trim_end()
    return out


def load_document(
    path: Path, display_path: str, doc_id: str, warnings: list[str] | None = None
) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                display_path, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
            )
        data = path.read_bytes()
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
    return parse_document(display_path, doc_id, data, warnings)


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
    if isinstance(front.get("title"), str):
        header.title = str(front["title"]).strip()
    body_start = read_header(lines, first, header)
    body_end = read_trailer(lines, body_start, header)
    body = build_body(lines[body_start:body_end])
    if not body.chars:
        raise NotADocument(display_path, "no text to analyse (the document is empty)")
    date, problems = document_date(stated, header, lines[body_start:body_end])
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


def discover(paths: Iterable[str], root: Path) -> list[Found]:
    """Expand files and folders, sorted by display path and without repeats."""
    found: dict[str, Found] = {}
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise InputError(given, "no such file or directory")
        if path.is_dir():
            files = walk_text_files(path)
            if not files:
                raise InputError(
                    given, f"folder holds no text documents ({', '.join(TEXT_SUFFIXES)})"
                )
            for file in files:
                name = display(file, root)
                found.setdefault(name, Found(file, name, explicit=False))
        else:
            name = display(path, root)
            found[name] = Found(path, name, explicit=True)
    return [found[name] for name in sorted(found)]


def walk_text_files(folder: Path) -> list[Path]:
    """Text files below `folder`, sorted; hidden files and folders are skipped, and links to
    folders are not followed (so a link loop, or a link out of the corpus, is never walked)."""
    files: list[Path] = []
    for current, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                files.append(Path(current) / name)
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
    ids = []
    for path, stem in zip(display_paths, stems, strict=True):
        if stems.count(stem) > 1:
            ids.append(str(Path(path).with_suffix("").as_posix()).lstrip("./"))
        else:
            ids.append(stem)
    return ids


@dataclass(frozen=True)
class Corpus:
    documents: list[Document]
    skipped: list[NotADocument]  # files found in folders that hold no document
    warnings: list[str] = field(default_factory=list)  # "path: problem", the audit goes on


def load_corpus(paths: Iterable[str], root: Path) -> Corpus:
    entries = discover(paths, root)
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
    return Corpus(documents, skipped, warnings)


def load_documents(paths: Iterable[str], root: Path) -> list[Document]:
    return load_corpus(paths, root).documents

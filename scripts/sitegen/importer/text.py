"""Import stage 1: a report's text as a PDF dump gives it -> its paragraphs.

Takes the whole text (one str) and the file name for messages; gives the
numbered lines, the page furniture taken out (page numbers such as -12-,
running lines repeated on every page), and the paragraphs: lines joined where
the PDF broke them, ids p001, p002 ... in reading order. `proof` is the
fidelity proof the site keeps for its own report: the paragraphs, whitespace
aside, are the text with only its furniture removed, nothing added or lost.

Where a paragraph ends is read from the page: a paragraph's last line is
shorter than the full measure of the body text (its first line is indented by
two characters), and a new paragraph starts at a heading or item marker of
the report's numbering (一、 （一） —— 一要 1. 各位代表！).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import Problem


class ImportProblem(Exception):
    """An input the importer cannot read; `problem` names the file and line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Line:
    """One non-empty line of the source: its 1-based number and its text without surrounding blanks."""

    number: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the draft: id, joined text and the source lines it comes from."""

    id: str
    text: str
    lines: tuple[int, ...]


PAGE_NUMBER = re.compile(r"^(?:[-–—－]\s*\d{1,4}\s*[-–—－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4})$")
TERMINAL = "。！？：；!?:;…"
CLOSERS = "”’」』）)》"
NUMERAL = "一二三四五六七八九十"
# A line that opens a new paragraph: a part, section, topic or list item of the report's numbering,
# or the address to the deputies.
OPENER = re.compile(rf"^(?:[{NUMERAL}]+、|[（(][{NUMERAL}]+[）)]|——|[{NUMERAL}]+要|\d{{1,2}}[.．、](?!\d)"
                    r"|各位代表[！!：:])")
PART = re.compile(rf"^[{NUMERAL}]+、")
RUNNING_MIN = 3  # a short line repeated this often is a running head or foot
UNBROKEN = 60  # a body measure wider than this many em: the lines are whole paragraphs


def decode(data: bytes, filename: str) -> str:
    """The bytes of a text dump as text (UTF-8, a byte-order mark allowed); binary data is a located problem."""
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise ImportProblem(Problem(filename, line, "", "expected the report's text (UTF-8, as pdftotext writes "
                                    "it), got binary data (a NUL byte): extract the text from the PDF first"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise ImportProblem(Problem(filename, line, "", f"expected UTF-8 text, got a byte that is not UTF-8 "
                                    f"(0x{data[e.start]:02x}): save the text as UTF-8")) from None


def lines_of(text: str, filename: str) -> list[Line]:
    """The non-empty lines with their numbers; an empty text is a problem located at line 1."""
    lines = [Line(i, raw.strip()) for i, raw in enumerate(text.splitlines(), 1) if raw.strip()]
    if not lines:
        raise ImportProblem(Problem(filename, 1, "", "expected the text of a report, got an empty file"))
    return lines


def furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(body lines, furniture lines): page numbers, and short lines without a sentence's end repeated on many pages."""
    counts = Counter(line.text for line in lines)
    running = {text for text, n in counts.items()
               if n >= RUNNING_MIN and len(text) <= 30 and not text.endswith(tuple(TERMINAL))}
    body, removed = [], []
    for line in lines:
        (removed if PAGE_NUMBER.match(line.text) or line.text in running else body).append(line)
    return body, removed


def width(text: str) -> float:
    """The printed width in em: Chinese characters and full-width punctuation 1, Latin letters and digits ½,
    the blanks a PDF dump puts around them ¼."""
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.25 if c == " " else 0.5 for c in text)


def measure(lines: list[Line]) -> float:
    """The body text's full line width: the most common width of the longer lines."""
    widths = Counter(round(width(line.text)) for line in lines if len(line.text) >= 10)
    return float(widths.most_common(1)[0][0]) if widths else 0.0


def ends_paragraph(line: Line, following: Line | None, first: bool, full: float, front: bool = False) -> bool:
    """Whether the paragraph ends after `line` (`first`: it is the paragraph's first line, indented).

    `front`: the title matter before the first part, set line by line; only a
    line of the body's measure runs on there, and never into a short line
    without a sentence's end (the speaker's line after the date's).
    """
    if following is None or OPENER.match(following.text):
        return True
    w = width(line.text)
    if front and (not full - 2.75 <= w <= full + 0.75 or (width(following.text) < full - 2.75 and
                                                           following.text.rstrip(CLOSERS)[-1:] not in TERMINAL)):
        return True
    measure_here = full - 2 if first else full
    ended = line.text.rstrip(CLOSERS)[-1:] in TERMINAL
    if ended:
        return w < measure_here - 0.75
    # A heading: a short line without a sentence's end (a first line has its indent to spare).
    return w < full - 2 - (1.25 if first else 0.75)


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Join the body lines into paragraphs, ids p001 ... in order."""
    full = measure(lines)
    if full > UNBROKEN:  # a text not broken into lines (from a web page): a line is a paragraph
        return [Paragraph(f"p{i:03d}", line.text, (line.number,)) for i, line in enumerate(lines, 1)]
    out: list[Paragraph] = []
    current: list[Line] = []
    front = True
    for i, line in enumerate(lines):
        current.append(line)
        front = front and not PART.match(line.text)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if ends_paragraph(line, following, len(current) == 1, full, front):
            text = "".join(part.text for part in current)
            out.append(Paragraph(f"p{len(out) + 1:03d}", text, tuple(part.number for part in current)))
            current = []
    return out


def proof(lines: list[Line], removed: list[Line], paras: list[Paragraph]) -> list[int]:
    """The fidelity proof: source lines missing from the paragraphs or changed in them (empty: it holds).

    Every source line is either furniture (`removed`) or in exactly one
    paragraph, in order, its words unchanged but for blanks.
    """
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    kept = [line for line in lines if line not in removed]
    placed = [n for p in paras for n in p.lines]
    if placed != [line.number for line in kept]:
        return sorted(set(line.number for line in kept) ^ set(placed)) or [placed[0]]
    by_number = {line.number: line for line in kept}
    return [p.lines[0] for p in paras if squash(p.text) != squash("".join(by_number[n].text for n in p.lines))]

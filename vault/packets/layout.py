"""Flowing text on fpdf2 pages: wrapping, page breaks, blocks kept together, tables that split.

fpdf2's own tables cannot split a row across pages (a 2,000-character value raised "row too
high"), so rows are laid out here line by line. Lines break at spaces only; a word wider than
its column (a 10,000-character unbroken value) is cut between characters, the one case where
text breaks inside a word. Right-to-left runs are put in visual order per line (Unicode
bidi algorithm, fpdf2's implementation), after wrapping, as UAX #9 requires. Everything is a
pure function of the text and the fonts: the same text always gives the same lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fpdf.bidi import BidiParagraph, auto_detect_base_direction

_RTL_CLASSES = frozenset(("R", "AL"))


@dataclass(frozen=True)
class Style:
    """A font and line height: what a line of text needs to be measured and drawn."""

    family: str
    emphasis: str = ""
    size: float = 10
    line_height: float = 5.2


@dataclass(frozen=True)
class Table:
    """Column widths (fractions of the text width), paddings and look of a table."""

    widths: tuple[float, ...]
    style: Style
    padding_x: float = 1.5
    padding_y: float = 1.0
    heading: tuple[str, ...] | None = None  # repeated at the top of every page it spans
    rules: bool = False  # a thin line above every row
    fill: tuple[int, int, int] | None = None  # every other row (and the heading) filled


def use(pdf: Any, style: Style) -> None:
    pdf.set_font(style.family, style.emphasis, style.size)


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """``text`` as lines that fit a box ``width`` wide in the current font (inside the box's
    ``c_margin`` on each side, as :func:`put` draws them); "\n" starts a line."""
    measure = Widths(pdf)
    room = width - 2 * pdf.c_margin
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_visual(line) for line in _wrap_paragraph(measure, paragraph, room))
    return lines


class Widths:
    """Widths of text in ``pdf``'s current font as fpdf2 measures them (``get_string_width``
    without text shaping, character spacing or stretching, none of which Pont uses)."""

    def __init__(self, pdf: Any) -> None:
        self._advances: dict[int, float] = pdf.current_font.cw  # 1/1000 em per character
        self._scale = float(pdf.font_size_pt * 0.001 / pdf.k)

    def __call__(self, text: str) -> float:
        advances = self._advances
        return sum(advances[ord(char)] for char in text) * self._scale


def _wrap_paragraph(measure: Widths, text: str, width: float) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    space = measure(" ")
    for word in text.split(" "):
        size = measure(word)
        if current and used + space + size <= width:
            current.append(word)
            used += space + size
            continue
        if current:
            lines.append(" ".join(current))
        pieces = _cut(measure, word, width) if size > width else [word]
        lines.extend(pieces[:-1])
        current, used = [pieces[-1]], measure(pieces[-1])
    lines.append(" ".join(current))
    return lines


def _cut(measure: Widths, word: str, width: float) -> list[str]:
    """A word wider than a line, cut between characters (never inside a combining cluster)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(word):
        size = measure(char)
        joins = unicodedata.combining(char) or char in "\u200c\u200d"
        if used + size > width and index > start and not joins:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += size
    pieces.append(word[start:])
    return pieces


def _visual(line: str) -> str:
    """The line in display order when it holds right-to-left letters, else unchanged."""
    if not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in line):
        return line
    paragraph = BidiParagraph(
        text=line, base_direction=auto_detect_base_direction(line), preserve_bn_chars=True
    )
    return paragraph.get_reordered_string()


def put(pdf: Any, x: float, y: float, height: float, line: str) -> None:
    """One line in a box at ``x, y`` of ``height``, placed where fpdf2's ``cell`` puts it
    (``c_margin`` in, baseline at half the height + 0.3 em) at a third of its cost."""
    if line:
        pdf.text(x + pdf.c_margin, y + 0.5 * height + 0.3 * pdf.font_size, line)


def room(pdf: Any) -> float:
    """Height left on the current page above the bottom margin."""
    return float(pdf.page_break_trigger - pdf.get_y())


def keep(pdf: Any, height: float) -> None:
    """Start a new page unless ``height`` still fits on this one."""
    if height > room(pdf) and pdf.get_y() > pdf.t_margin + 0.01:
        pdf.add_page()


def draw_lines(
    pdf: Any,
    lines: Sequence[str],
    style: Style,
    *,
    indent: float = 0.0,
    fill: tuple[int, int, int] | None = None,
) -> None:
    """Draw ``lines`` from the left margin (+ ``indent``), breaking pages between lines."""
    use(pdf, style)
    for line in lines:
        if style.line_height > room(pdf):
            pdf.add_page()
            use(pdf, style)
        y = pdf.get_y()
        if fill:
            pdf.set_fill_color(*fill)
            pdf.rect(pdf.l_margin, y, pdf.epw, style.line_height, style="F")
        put(pdf, pdf.l_margin + indent, y, style.line_height, line)
        pdf.set_xy(pdf.l_margin, y + style.line_height)


def paragraph(pdf: Any, text: str, style: Style, *, indent: float = 0.0) -> list[str]:
    """Wrap and draw a paragraph; returns the lines drawn."""
    use(pdf, style)
    lines = wrap(pdf, text, pdf.epw - indent)
    draw_lines(pdf, lines, style, indent=indent)
    return lines


def table(pdf: Any, rows: Sequence[Sequence[str]], spec: Table) -> None:
    """Draw ``rows`` as a table whose rows may continue on the next page.

    On a page a row continues onto, its first column says "(continued)" when it has nothing
    left of its own to show, and a heading row is repeated.
    """
    widths = [fraction * pdf.epw for fraction in spec.widths]
    if spec.heading:
        _row(pdf, spec.heading, widths, spec, filled=bool(spec.fill), heading=True)
    for index, row in enumerate(rows):
        _row(pdf, row, widths, spec, filled=bool(spec.fill) and index % 2 == 1)
    if spec.rules:
        _rule(pdf)


def _row(
    pdf: Any,
    row: Sequence[str],
    widths: list[float],
    spec: Table,
    *,
    filled: bool,
    heading: bool = False,
) -> None:
    style = Style(spec.style.family, "B", spec.style.size, spec.style.line_height) \
        if heading else spec.style  # fmt: skip
    use(pdf, style)
    inner = [width - 2 * spec.padding_x for width in widths]
    cells = [wrap(pdf, text, width) for text, width in zip(row, inner, strict=True)]
    count = max(len(lines) for lines in cells)
    height = style.line_height
    # A row starts only where its first two lines (or its only one) fit with the padding.
    if height * min(count, 2) + 2 * spec.padding_y > room(pdf):
        if heading:
            pdf.add_page()
        else:
            _next_page(pdf, widths, spec, style)
    if spec.rules:
        _rule(pdf)
    for index in range(count):
        first, last = index == 0, index == count - 1
        band = height + spec.padding_y * (first + last)
        texts = [lines[index] if index < len(lines) else "" for lines in cells]
        if band > room(pdf):
            _next_page(pdf, widths, spec, style)
            texts[0] = texts[0] or "(continued)"
        _draw_band(pdf, texts, widths, spec, band, filled=filled, first=first)


def _draw_band(
    pdf: Any,
    texts: list[str],
    widths: list[float],
    spec: Table,
    band: float,
    *,
    filled: bool,
    first: bool,
) -> None:
    y = pdf.get_y()
    if filled:
        pdf.set_fill_color(*(spec.fill or (255, 255, 255)))
        pdf.rect(pdf.l_margin, y, pdf.epw, band, style="F")
    x = pdf.l_margin
    for text, width in zip(texts, widths, strict=True):
        if text:
            put(pdf, x + spec.padding_x, y + spec.padding_y * first, spec.style.line_height, text)
        x += width
    pdf.set_xy(pdf.l_margin, y + band)


def _next_page(pdf: Any, widths: list[float], spec: Table, style: Style) -> None:
    pdf.add_page()
    if spec.heading:
        _row(pdf, spec.heading, widths, spec, filled=bool(spec.fill), heading=True)
    elif spec.rules:
        _rule(pdf)
    use(pdf, style)


def _rule(pdf: Any) -> None:
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)

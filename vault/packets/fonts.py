"""The PDF's fonts: the bundled DejaVu files read and parsed once per process.

fpdf2's ``add_font`` parses a TrueType file with fontTools on every call (~30 ms a font), and
its output subsets the whole font again (~20-35 ms a font: every one of ~6,000 glyphs, names
and metrics decoded). Here each face is parsed once per process. A document gets a copy of
the parsed face that shares its read-only tables (widths, cmap, glyph ids) and keeps its own
record of the characters used; at output the copy is handed a small font holding only the
glyphs used, built from the parsed master, which fpdf2 subsets as before. The pages, glyph
outlines, advance widths and cmaps are those fpdf2 writes from the font files (tested); the
font's bounding boxes are the master's, not recomputed for the subset (recomputing decodes
every glyph and costs more than the rest).

This relies on fpdf2's ``TTFFont`` and ``SubsetMap`` (see ``pyproject.toml`` for the pinned
range); nothing here changes what fpdf2 draws.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from importlib import resources
from io import BytesIO
from typing import Any

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import OutputProducer as _FpdfOutputProducer

SANS = "DejaVu"
MONO = "DejaVuMono"
_FACES = (
    (SANS, "", "DejaVuSans.ttf"),
    (SANS, "B", "DejaVuSans-Bold.ttf"),
    (MONO, "", "DejaVuSansMono.ttf"),
)
# Tables a subset font carries over unchanged (hinting included); the rest is rebuilt.
_KEPT_TABLES = ("head", "hhea", "maxp", "OS/2", "name", "cvt ", "fpgm", "prep", "gasp")
_RECOMMENDED = (".notdef", ".null", "nonmarkingreturn", "space")  # fontTools adds these too
_POST_FIELDS = (
    "italicAngle", "underlinePosition", "underlineThickness", "isFixedPitch",
    "minMemType42", "maxMemType42", "minMemType1", "maxMemType1",
)  # fmt: skip


@dataclass(frozen=True)
class _Face:
    """One face, parsed once: fpdf2's font object and fontTools' master of the file."""

    template: TTFFont
    master: TTFont
    raw: dict[str, bytes]

    def subset_font(self, glyphs: list[Any]) -> TTFont:
        """A new font holding only ``glyphs`` (fpdf2 ``Glyph`` records) and what they need."""
        master_glyf = self.master["glyf"]
        keep = _closure(master_glyf, {g.glyph_name for g in glyphs} | set(_RECOMMENDED))
        order = sorted(keep, key=self.master.getGlyphID)  # the master's order
        font = TTFont(recalcBBoxes=False, recalcTimestamp=False)  # the master's boxes hold
        font.setGlyphOrder(order)
        for tag, data in self.raw.items():
            table = newTable(tag)
            table.decompile(data, font)
            font[tag] = table
        font["post"] = self._post()
        font["cmap"] = _cmap(self.master["cmap"], glyphs)
        hmtx = newTable("hmtx")
        hmtx.metrics = {name: self.master["hmtx"].metrics[name] for name in order}
        font["hmtx"] = hmtx
        glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = {name: _copy_glyph(master_glyf, name) for name in order}
        font["glyf"] = glyf
        font["loca"] = newTable("loca")
        return font

    def _post(self) -> Any:
        post = newTable("post")
        post.formatType = 3.0  # fpdf2's subsetter drops glyph names anyway
        for field in _POST_FIELDS:
            setattr(post, field, getattr(self.master["post"], field))
        return post


def _closure(glyf: Any, names: set[str]) -> set[str]:
    """``names`` (those the font has) and every glyph their composite glyphs are made of."""
    keep = {name for name in names if name in glyf.glyphs}
    todo = list(keep)
    while todo:
        glyph = _copy_glyph(glyf, todo.pop())
        for component in getattr(glyph, "components", ()):
            if component.glyphName not in keep:
                keep.add(component.glyphName)
                todo.append(component.glyphName)
    return keep


def _copy_glyph(glyf: Any, name: str) -> Glyph:
    """A glyph of the master as a new object; the master's glyphs are never expanded."""
    stored = glyf.glyphs[name]
    data = stored.data if hasattr(stored, "data") else stored.compile(glyf)
    glyph = Glyph(data)
    if len(data) >= 2 and int.from_bytes(data[:2], "big", signed=True) < 0:
        glyph.expand(glyf)  # a composite names its parts by the master's glyph ids
    return glyph


def _cmap(master: Any, glyphs: list[Any]) -> Any:
    """The master's cmap subtables, each cut down to the characters used."""
    used = {code for glyph in glyphs if glyph is not None for code in glyph.unicode}
    cmap = newTable("cmap")
    cmap.tableVersion = master.tableVersion
    cmap.tables = []
    for source in master.tables:
        table = CmapSubtable.newSubtable(source.format)
        table.platformID, table.platEncID = source.platformID, source.platEncID
        table.language = source.language
        table.cmap = {code: source.cmap[code] for code in sorted(used) if code in source.cmap}
        cmap.tables.append(table)
    return cmap


_lock = threading.Lock()
_faces: dict[str, _Face] = {}


def _load(family: str, style: str, file: str) -> _Face:
    data = (resources.files("resources") / "fonts" / file).read_bytes()
    host = FPDF()  # TTFFont reads only .fonts and .render_color_fonts from it
    template = TTFFont(host, BytesIO(data), f"{family.lower()}{style}", style)  # type: ignore[arg-type]
    master = template.ttfont  # parsed by fpdf2 just now (from memory: no file left open)
    # Decoded here, only read after (two documents may be drawn at once); glyphs stay raw.
    *_, cmap = (master[tag] for tag in ("glyf", "hmtx", "post", "cmap"))
    for subtable in cmap.tables:
        subtable.ensureDecompiled()
    raw = {tag: master.reader[tag] for tag in _KEPT_TABLES if tag in master.reader}
    return _Face(template, master, raw)


def _face(family: str, style: str, file: str) -> _Face:
    key = f"{family.lower()}{style}"
    with _lock:
        if key not in _faces:
            _faces[key] = _load(family, style, file)
        return _faces[key]


def add_fonts(pdf: FPDF) -> None:
    """Make Pont's three faces available to ``pdf`` (instead of ``add_font`` thrice)."""
    for family, style, file in _FACES:
        face = _face(family, style, file)
        pdf.fonts[face.template.fontkey] = _document_copy(face.template, len(pdf.fonts) + 1)


def _document_copy(template: TTFFont, index: int) -> TTFFont:
    """A copy for one document: widths, cmap and glyph ids shared (only read); what fpdf2
    changes while drawing or writing a document (subset, descriptor, font) its own."""
    font = TTFFont.__new__(TTFFont)
    for name in TTFFont.__slots__:
        if hasattr(template, name):
            setattr(font, name, getattr(template, name))
    font.i = index
    font.desc = copy.copy(template.desc)  # fpdf2's output gives it an object id and a file
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.ttfont = None  # set at output: only the glyphs this document uses
    return font


class OutputProducer(_FpdfOutputProducer):
    """fpdf2's output, the fonts prepared first: the last footer and the page count are
    drawn by then, so every glyph the document uses is known."""

    def bufferize(self) -> bytearray:
        prepare_output(self.fpdf)
        return super().bufferize()


def prepare_output(pdf: FPDF) -> None:
    """Give each of ``pdf``'s Pont fonts a small font of the glyphs it used, for fpdf2 to embed."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont) and font.ttfont is None and font.fontkey in _faces:
            glyphs = [glyph for glyph, _ in font.subset.items()]
            font.ttfont = _faces[font.fontkey].subset_font(glyphs)

"""The PDF's fonts, parsed once per process (vault/packets/fonts.py), draw what fpdf2 draws.

The reference is fpdf2's own path: ``add_font`` on the bundled files for every document and
its subsetting of the whole font at output. Pages, text and the embedded glyphs must match.
"""

from __future__ import annotations

import threading
from importlib import resources
from io import BytesIO

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fontTools.ttLib import TTFont
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from test_pdf import NOW, PACKET, make_summary

from vault.packets import fonts, pdf
from vault.packets.pdf import PacketSummary, SummaryField, layout_pdf, render_packet_pdf

SCRIPTS = SummaryField("Names", "Łukasz Ó Briain, שלום, مرحبا, Ελληνικά, Кириллица, ﬁ, 𝔸, é",
                       "self-declared")  # fmt: skip


def summary_with(*values: str) -> PacketSummary:
    return make_summary(fields=(SCRIPTS, *(SummaryField(f"F{i}", v, "self")
                                           for i, v in enumerate(values))))  # fmt: skip


def fpdf2_own_path(monkeypatch: pytest.MonkeyPatch, summary: PacketSummary) -> bytes:
    folder = resources.files("resources") / "fonts"

    def add_font_files(document: object) -> None:
        for family, style, file in fonts._FACES:
            document.add_font(family, style, str(folder / file))  # type: ignore[attr-defined]

    with monkeypatch.context() as patch:
        patch.setattr(fonts, "add_fonts", add_font_files)
        patch.setattr(fonts, "prepare_output", lambda document: None)  # keeps fpdf2's fonts
        return layout_pdf(summary, PACKET, now=NOW)


def embedded_fonts(document: bytes) -> dict[str, TTFont]:
    found = {}
    for page in PdfReader(BytesIO(document)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = descriptor.get_object()["/FontFile2"].get_object().get_data()
            found[str(font["/BaseFont"])] = TTFont(BytesIO(program))
    return found


def outlines(font: TTFont) -> dict[str, object]:
    glyf, hmtx = font["glyf"], font["hmtx"]
    shapes = {}
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        coordinates = glyph.getCoordinates(glyf) if glyph.numberOfContours else None
        shapes[name] = (hmtx[name], None if coordinates is None else (
            list(coordinates[0]), list(coordinates[1]), list(coordinates[2])))  # fmt: skip
    return {"order": font.getGlyphOrder(), "shapes": shapes,
            "cmap": {(t.platformID, t.platEncID): t.cmap for t in font["cmap"].tables}}  # fmt: skip


def page_streams(document: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(BytesIO(document)).pages]


def test_pages_and_glyphs_are_those_of_fpdf2s_own_font_loading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    summary = summary_with("A value " * 400, "x" * 900)
    cached = layout_pdf(summary, PACKET, now=NOW)
    reference = fpdf2_own_path(monkeypatch, summary)
    assert page_streams(cached) == page_streams(reference)
    ours, theirs = embedded_fonts(cached), embedded_fonts(reference)
    assert sorted(ours) == sorted(theirs)
    assert len(ours) == 3
    for name, font in ours.items():
        assert outlines(font) == outlines(theirs[name]), name


def test_a_document_embeds_only_its_own_glyphs_whatever_was_drawn_before() -> None:
    latin = make_summary()
    first = layout_pdf(latin, PACKET, now=NOW)
    layout_pdf(summary_with("Ђорђе ǅ ẞ ŉ"), PACKET, now=NOW)
    assert layout_pdf(latin, PACKET, now=NOW) == first


def test_documents_drawn_at_once_in_two_threads_are_the_ones_drawn_alone() -> None:
    summaries = [make_summary(), summary_with("Ђорђе " * 50), summary_with("שלום " * 80)]
    alone = [layout_pdf(s, PACKET, now=NOW) for s in summaries]
    results: dict[int, list[bytes]] = {}

    def draw(worker: int) -> None:
        results[worker] = [layout_pdf(s, PACKET, now=NOW) for s in summaries * 3]

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for drawn in results.values():
        assert drawn == alone * 3


@pytest.mark.parametrize("holder", ["J", "x" * 64, "Zoë Ó Briain-Łukasiewicz"])
def test_the_reserved_signature_space_fits_every_holder_name(holder: str) -> None:
    # The certificate's common name holds at most 64 bytes: "x" * 64 is the largest.
    key = ec.generate_private_key(ec.SECP256R1())
    document = render_packet_pdf(make_summary(holder_name=holder), PACKET, key, now=NOW)
    (embedded,) = PdfFileReader(BytesIO(document)).embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[]))
    assert status.intact
    assert status.valid
    assert status.coverage is not None
    assert status.coverage.name == "ENTIRE_FILE"


def test_a_preview_needs_no_font_file_left_open() -> None:
    document = pdf._new_document(make_summary(), NOW)
    assert all(font.ttfont is None for font in document.fonts.values())


def test_what_fpdf2_writes_into_at_output_belongs_to_one_document() -> None:
    # fpdf2's output numbers the font descriptor and hangs the font file on it: shared
    # between two documents written at once, one would get the other's.
    first, second = (pdf._new_document(make_summary(), NOW) for _ in range(2))
    for key, font in first.fonts.items():
        other = second.fonts[key]
        for part in ("desc", "subset", "missing_glyphs"):
            assert getattr(font, part) is not getattr(other, part), (key, part)
        assert font.cw is other.cw  # read-only tables are shared: that is the point

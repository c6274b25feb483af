"""The pages of a PDF Pont has just drawn, as pictures, for the share preview.

PDFium (through ``pypdfium2``) rasterises them in the worker; the GUI thread only wraps
the pixels in a ``QImage``. No Qt here (the smoke test's packet step uses it too). Only
Pont's own, freshly laid-out PDFs come here: a PDF that arrives from outside is never
rendered (the verify screen shows its data, not its pages).
"""

from __future__ import annotations

from typing import NamedTuple

PREVIEW_DPI = 110  # sharp on a normal screen, ~1 MB of pixels per A4 page
MAX_PAGES = 20  # a packet is one to three pages; a runaway layout is not drawn forever


class PageImage(NamedTuple):
    """One page's pixels, 4 bytes each (red, green, blue, unused), row after row."""

    width: int
    height: int
    stride: int
    pixels: bytes


def render_pages(document: bytes, dpi: int = PREVIEW_DPI) -> list[PageImage]:
    """Every page of ``document`` (at most ``MAX_PAGES``) at ``dpi``, on white."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(document)
    try:
        pages = []
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            bitmap = page.render(
                scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True, fill_color=(255,) * 4
            )
            pages.append(
                PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            bitmap.close()
            page.close()
        return pages
    finally:
        pdf.close()


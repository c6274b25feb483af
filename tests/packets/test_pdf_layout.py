"""The PDF's layout: every allowed value shows in full, however long, and the pages read well.

Texts are read back with pdftotext (poppler), a value from its own column (tests/pdftext.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from pdftext import pages, squeeze, text_of, value_column, words
from test_pdf import NOW, PACKET, make_summary

from vault.packets import layout, pdf
from vault.packets.pdf import SummaryField, layout_pdf, render_packet_pdf
from vault.validate import LONG_TEXT_MAX


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def render(tmp_path: Path, key: ec.EllipticCurvePrivateKey, *values: str) -> Path:
    fields = tuple(SummaryField(f"Item {i}", value, "self-declared")
                   for i, value in enumerate(values))  # fmt: skip
    path = tmp_path / "packet.pdf"
    path.write_bytes(render_packet_pdf(make_summary(fields=fields), PACKET, key, now=NOW))
    return path


def prose(length: int) -> str:
    sentence = "The quick brown fox, aged 7, jumps over 12 lazy dogs near Leeds LS1 4AB. "
    return (sentence * (length // len(sentence) + 1))[:length].strip()


# --- every allowed value shows in full ------------------------------------------------------------


@pytest.mark.poppler
def test_a_long_text_of_the_maximum_length_shows_in_full(
        key: ec.EllipticCurvePrivateKey, tmp_path: Path) -> None:
    value = prose(LONG_TEXT_MAX)
    path = render(tmp_path, key, value)
    assert pages(path) > 3
    column = value_column(path)
    assert words(value) in words(column)
    for page in range(1, pages(path) + 1):
        assert f"Page {page} of {pages(path)}" in text_of(path, page=page)


@pytest.mark.poppler
def test_lines_keep_their_breaks_and_long_unbroken_words_are_cut_not_lost(
        key: ec.EllipticCurvePrivateKey, tmp_path: Path) -> None:
    unbroken = "".join(chr(ord("A") + i % 26) for i in range(LONG_TEXT_MAX))
    lines = "first line\n\nthird line after a blank one\n" + "x" * 300 + "\nlast"
    url = "https://example.org/" + "path/" * 60 + "?id=7f3c2a91-5b1e-4c7d-9e2f-0a6b8c4d2e1f"
    path = render(tmp_path, key, unbroken, lines, url)
    column = squeeze(value_column(path))
    for value in (unbroken, lines, url):
        assert squeeze(value) in column


@pytest.mark.poppler
def test_many_fields_with_long_values_all_show(key: ec.EllipticCurvePrivateKey,
                                              tmp_path: Path) -> None:
    values = [f"Value number {i}: " + prose(40 + 37 * i) for i in range(40)]
    path = render(tmp_path, key, *values)
    column = words(value_column(path))
    for value in values:
        assert words(value) in column
    text = text_of(path)
    for i in range(40):
        assert f"Item {i}" in text


@pytest.mark.poppler
@pytest.mark.parametrize("value", [
    "שלום עולם זהו טקסט בעברית שנכתב מימין לשמאל",
    "مرحبا بالعالم هذا نص عربي يكتب من اليمين إلى اليسار",
    "علی‌رضا محمدی",  # a zero-width non-joiner, normal in Persian names
    "Ελληνικά και Кириллица и Ђорђе Łódź",
], ids=["hebrew", "arabic", "persian", "greek-cyrillic-latin"])
def test_scripts_the_font_has_read_back_in_logical_order(
        key: ec.EllipticCurvePrivateKey, tmp_path: Path, value: str) -> None:
    # No punctuation inside the right-to-left runs: the page puts "שלום עולם, זהו" in the
    # right visual order, but pdftotext lays a line's runs out left to right around a comma.
    long_value = " ".join([value] * 40)  # wraps over many lines
    path = render(tmp_path, key, value, long_value)
    column = value_column(path)
    assert words(value) in words(column)
    assert words(long_value) in words(column)


def test_wrapping_breaks_only_at_spaces_unless_a_word_is_wider_than_the_line() -> None:
    document = pdf._new_document(make_summary(), NOW)
    layout.use(document, layout.Style("DejaVu"))
    identifier = "pkt 7f3c2a91-5b1e-4c7d-9e2f-0a6b8c4d2e1f"
    assert document.get_string_width(identifier) < 90
    lines = layout.wrap(document, f"See {identifier} and {identifier} again", 90)
    assert len(lines) > 2
    for line in lines:
        assert document.get_string_width(line) <= 90
    assert all("7f3c2a91-5b1e-4c7d-9e2f-0a6b8c4d2e1f" in line or "-" not in line
               for line in lines)  # fmt: skip
    cut = layout.wrap(document, "y" * 500, 50)
    assert "".join(cut) == "y" * 500
    assert len(cut) > 5
    assert all(document.get_string_width(line) <= 50 for line in cut)


def test_the_same_summary_gives_the_same_pages() -> None:
    summary = make_summary(fields=(SummaryField("Notes", prose(LONG_TEXT_MAX), "self"),))
    assert layout_pdf(summary, None, now=NOW) == layout_pdf(summary, None, now=NOW)


@pytest.mark.parametrize(("family", "emphasis", "size"), [("DejaVu", "", 10), ("DejaVu", "B", 12.5),
                                                          ("DejaVuMono", "", 12)])  # fmt: skip
def test_widths_are_fpdf2s_own(family: str, emphasis: str, size: float) -> None:
    document = pdf._new_document(make_summary(), NOW)
    document.set_font(family, emphasis, size)
    measure = layout.Widths(document)
    for text in ["", " ", "Łukasz Ó Briain", "שלום 𝔸 ﬁ \u200c", "東京", prose(300)]:
        assert measure(text) == pytest.approx(document.get_string_width(text), abs=1e-9)


@pytest.mark.poppler
def test_the_page_count_alias_in_a_value_is_drawn_literally(
        key: ec.EllipticCurvePrivateKey, tmp_path: Path) -> None:
    # The footer's "Page x of {nb}" is fpdf2's alias; outside text must never be rewritten.
    path = render(tmp_path, key, "my code is {nb} and {nb}{nb}")
    assert "my code is {nb} and {nb}{nb}" in words(value_column(path))
    assert "Page 1 of 1" in text_of(path)

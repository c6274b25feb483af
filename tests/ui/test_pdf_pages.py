"""The share preview's pages are the signed PDF's pages: drawn by PDFium from the same layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.pdf_pages import PREVIEW_DPI, PageImage, render_pages
from vault.share import Selection, ShareOrder, prepare, preview_pdf, send
from vault.vault import Vault

A4_INCHES = (210 / 25.4, 297 / 25.4)


@pytest.fixture
def order(vault: Vault) -> ShareOrder:
    person = vault.people.add("Ada Lovelace", "owner").person
    vault.profiles.set(person.id, "givenName", "Ada")
    vault.profiles.set(person.id, "familyName", "Lovelace")
    vault.profiles.set(person.id, "birthDate", "1950-03-17")
    bank = vault.organisations.add("Example Bank", "moves@bank.example").organisation
    return ShareOrder(
        person_id=person.id,
        organisation_id=bank.id,
        purpose="Change of address",
        selections=(Selection("givenName"), Selection("familyName"), Selection("birthDate")),
        reference="REF-1",
    )


def ink(page: PageImage) -> float:
    """The share of pixels that are not white."""
    white = b"\xff\xff\xff"
    pixels = [
        page.pixels[row * page.stride + x * 4 : row * page.stride + x * 4 + 3]
        for row in range(0, page.height, 7)
        for x in range(0, page.width, 7)
    ]
    return sum(p != white for p in pixels) / len(pixels)


def rows(page: PageImage, start: int, end: int) -> bytes:
    return page.pixels[start * page.stride : end * page.stride]


def test_preview_pages_are_the_signed_pages_before_the_fingerprint(
    vault: Vault, order: ShareOrder, tmp_path: Path
) -> None:
    prepared = prepare(vault, order)
    preview = render_pages(preview_pdf(prepared))
    signed = render_pages(send(vault, prepared, tmp_path / "out").files["pdf"].read_bytes())

    assert len(preview) == len(signed) == 1
    page = preview[0]
    expected = [round(inches * PREVIEW_DPI) for inches in A4_INCHES]
    assert [page.width, page.height] == pytest.approx(expected, abs=1)
    assert (page.width, page.height) == (signed[0].width, signed[0].height)
    assert 0.01 < ink(page) < 0.5  # text and rules on white, not a blank or black page
    # Title, details, fields and terms (the top half) are the same pixels; the signed
    # page differs below, where the key fingerprint is printed.
    half = page.height // 2
    assert rows(page, 0, half) == rows(signed[0], 0, half)
    assert rows(page, half, page.height) != rows(signed[0], half, signed[0].height)


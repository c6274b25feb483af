"""Verify a packet: valid, tampered, and markup in the claims shown literally (T23)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from packet_seeds import drop_file
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.messages import packet_reason, packet_reasons
from vault.packets.sdjwt import REASON_CODES
from vault.share import Selection, Shared, ShareOrder, prepare, send
from vault.vault import Vault

pytestmark = pytest.mark.gui
MARKUP_NAME = "<b>Ada</b> <img src='http://example.invalid/x.png'>"
MARKUP_VALUE = "<i>Ada</i> &amp; <a href='http://example.invalid'>link</a>"


def make_packet(vault: Vault, out: Path, name: str = "Ada Example", given: str = "Ada") -> Shared:
    owner = vault.people.add(name, "owner").person
    vault.profiles.set_many(owner.id, {"givenName": given, "birthDate": "1950-04-01"})
    council = vault.organisations.add("Exampleton Council", "tax@council.example")
    order = ShareOrder(
        person_id=owner.id,
        organisation_id=council.organisation.id,
        purpose="Council tax",
        selections=(Selection("givenName"), Selection("birthDate", 0, "over_18")),
        reference="CT-42",
    )
    return send(vault, prepare(vault, order), out)


def verify(qtbot: Any, window: Any, path: Path) -> Any:
    drop_file(window, path)  # no vault open: a window of its own
    page = window.verify_window.page
    qtbot.waitUntil(lambda: page.verdict is not None and page.check_button.isEnabled())
    return page


def test_valid_packet_pdf_and_machine_file(
    qtbot: Any, window: Any, vault: Vault, tmp_path: Path
) -> None:
    made = make_packet(vault, tmp_path)
    page = verify(qtbot, window, made.files["sd-jwt"])
    assert page.verdict_label.accessibleName() == "VALID"
    assert page.fields.rowCount() == 2
    cells = {page.fields.index(r, 0).data(): page.fields.index(r, 1).data() for r in range(2)}
    assert cells == {"First name": "Ada", "Date of birth (over 18)": "Yes"}
    fingerprint = page.signer.text().splitlines()[1]
    assert len(fingerprint.split(" ")[0]) == 4  # grouped, to read aloud
    page.audience.setText("someone@else.example")
    page.check_again()
    qtbot.waitUntil(lambda: page.verdict_label.accessibleName() == "NOT VALID")
    assert page.reason.text() == packet_reason("audience_mismatch")
    page.audience.setText("tax@council.example")
    page.reference.setText("CT-42")
    page.check(made.files["pdf"])
    qtbot.waitUntil(lambda: page.verdict.container == "pdf" and page.check_button.isEnabled())
    assert page.verdict_label.accessibleName() == "VALID"


def test_tampered_packet_is_not_valid_with_reason_in_words(
    qtbot: Any, window: Any, vault: Vault, tmp_path: Path
) -> None:
    made = make_packet(vault, tmp_path)
    data = bytearray(made.files["sd-jwt"].read_bytes())
    first_dot = data.index(b".")
    data[first_dot + 5] = ord("A") if data[first_dot + 5] != ord("A") else ord("B")
    tampered = tmp_path / "tampered.sd-jwt"
    tampered.write_bytes(bytes(data))
    page = verify(qtbot, window, tampered)
    assert page.verdict_label.accessibleName() == "NOT VALID"
    assert page.reason.text() in {packet_reason(code) for code in REASON_CODES}
    assert "_" not in page.reason.text()  # words, not a code
    assert not page.table.isVisible()


def test_markup_in_claims_is_shown_literally(
    qtbot: Any, window: Any, vault: Vault, tmp_path: Path
) -> None:
    made = make_packet(vault, tmp_path, name=MARKUP_NAME, given=MARKUP_VALUE)
    page = verify(qtbot, window, made.files["sd-jwt"])
    assert page.verdict_label.accessibleName() == "VALID"
    labels = page.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert MARKUP_NAME in [label.text() for label in labels]
    values = [page.fields.index(r, 1).data() for r in range(page.fields.rowCount())]
    assert MARKUP_VALUE in values


def test_every_reason_code_has_words() -> None:
    from vault.requests import REASONS as REQUEST_REASONS

    assert packet_reasons() >= REASON_CODES
    verifier_codes = {
        "unreadable_file", "file_too_large", "pdf_password_required", "pdf_wrong_password",
        "pdf_malformed", "pdf_no_packet", "pdf_signature_missing", "pdf_signature_extra",
        "pdf_signature_invalid", "pdf_modified_after_signing", "pdf_signer_mismatch",
        "pdf_pages_mismatch", "pdf_extra_packet", "pdf_layout_unsupported",
        "sealed_no_key", "replayed",
    }  # fmt: skip
    assert verifier_codes <= packet_reasons()
    assert all(not text.endswith(")") for text in map(packet_reason, REQUEST_REASONS))

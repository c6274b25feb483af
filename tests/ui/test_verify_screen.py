"""Verify a packet: valid, tampered, markup in the claims shown literally (T23), and per field
what backs it and how it checks against the trust and status lists the clerk loads (§5.7)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from packet_seeds import drop_file
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from vckit import issue, issuer_key

from ui.messages import packet_reason, packet_reasons, trust_file_problem
from vault.cli import run_cli
from vault.confirmations import WHAT_CONFIRMED_MEANS, TrustedIssuer, trust_list_document
from vault.evidence import attach_evidence
from vault.notices import send_notice
from vault.packets.sdjwt import REASON_CODES
from vault.packets.sdjwt_vc import StatusReference
from vault.packets.status_list import INVALID, StatusList, sign_status_list
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


def test_the_reference_shown_is_the_organisations_as_the_pdf_prints_it(
    vault: Vault, tmp_path: Path
) -> None:
    """Without a reference the nonce is the packet id: the details say none, not the id."""
    from datetime import UTC, datetime

    from ui.windows.verify import verdict_rows
    from vault.verify import Checks, verify_file

    made = make_packet(vault, tmp_path / "a")
    council = vault.organisations.all()[0].id
    owner = vault.people.all()[0].id
    unasked = send(vault, prepare(vault, ShareOrder(
        owner, council, "Council tax", (Selection("givenName"),))), tmp_path / "b")  # fmt: skip
    checks = Checks(now=datetime.now(UTC))
    rows = [dict(verdict_rows(verify_file(m.files["sd-jwt"], checks))) for m in (made, unasked)]
    assert [r["Reference"] for r in rows] == ["CT-42", "—"]


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


# --- confirmations: what backs each field, checked against the clerk's trust list (§5.7) ---

LEEDS_URI = "https://leeds.example/status/1"
BANK = "accounts@bank.example"
BORN = "1950-03-17"
MARKUP_ISSUER = "<b>Someone Else</b> <img src='http://example.invalid/x.png'>"


@dataclass(frozen=True)
class Confirmed:
    """A packet to the bank whose date of birth Leeds confirmed, and the bank's files."""

    shared: Shared
    leeds: TrustedIssuer
    trust_list: Path  # Leeds, as the bank's trust list
    other_list: Path  # only an unrelated issuer
    status_valid: Path
    status_revoked: Path
    document_sha: str


def confirmed_packet(vault: Vault, tmp_path: Path) -> Confirmed:
    """Ada's real packet: a Leeds confirmation of her birth date, a document for her surname."""
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(ada, {"givenName": "Ada", "familyName": "Lovelace", "birthDate": BORN})
    scan = tmp_path / "birth-certificate.txt"
    scan.write_bytes(b"Certificate: Ada Lovelace")
    attach_evidence(vault, scan, ada, "familyName")
    holder = vault.holder_keys.default().key
    status = StatusReference(4, LEEDS_URI)
    credential = issue(issuer_key(), holder, claims={"birthDate": BORN}, status=status)
    vault.credentials.import_credential(ada, credential.serialise())
    bank = vault.organisations.add("Northern Bank", BANK).organisation.id
    order = ShareOrder(
        person_id=ada,
        organisation_id=bank,
        purpose="Open an account",
        selections=tuple(Selection(k) for k in ("givenName", "familyName", "birthDate")),
        reference="BANK-1",
    )
    shared = send(vault, prepare(vault, order), tmp_path / "out")
    leeds = TrustedIssuer("Leeds City Council", issuer_key().verifying)
    other = TrustedIssuer(MARKUP_ISSUER, issuer_key(b"someone else").verifying)  # T23
    files = {}
    for name, issuers in (("trust", [leeds]), ("other", [other])):
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps(trust_list_document(issuers)))
    now = int(vault.env.clock().timestamp())
    for name, statuses, issued in (
        ("valid", StatusList.new(16), now - 86_400),
        ("revoked", StatusList.new(16).with_status(4, INVALID), now),  # the day after
    ):
        key = issuer_key().private_key
        token = sign_status_list(key, statuses, uri=LEEDS_URI, issued_at=issued)
        files[name] = tmp_path / f"leeds-status-{name}.jwt"
        files[name].write_text(token)
    return Confirmed(
        shared, leeds, files["trust"], files["other"], files["valid"], files["revoked"],
        hashlib.sha256(scan.read_bytes()).hexdigest(),
    )  # fmt: skip


def by_field(page: Any) -> dict[str, tuple[str, str]]:
    """Field label → (what the packet says backs it, how it checks out), as the table shows."""
    model = page.fields
    return {
        model.index(r, 0).data(): (model.index(r, 2).data(), model.index(r, 3).data())
        for r in range(model.rowCount())
    }


def load(qtbot: Any, page: Any, dialogs: Any, button: Any, path: Path) -> None:
    """Choose ``path`` in the file dialog of ``button`` and wait for the packet's new check."""
    before = page.verdict
    dialogs.answer("open", path)
    button.click()
    qtbot.waitUntil(lambda: page.verdict is not before and page.check_button.isEnabled())


def cli_words(made: Confirmed, vault: Vault, *extra: str) -> str:
    """What ``pont verify`` prints for the same packet, with the same trust files."""
    out, err = io.StringIO(), io.StringIO()
    at = vault.env.clock().isoformat()
    argv = ["verify", str(made.shared.files["sd-jwt"]), "--at", at, *extra]
    run_cli(argv, io.StringIO(""), out, err)
    return out.getvalue()


def test_each_field_says_what_backs_it_and_how_it_checks_out(
    qtbot: Any, window: Any, vault: Vault, dialogs: Any, tmp_path: Path
) -> None:
    made = confirmed_packet(vault, tmp_path)
    page = verify(qtbot, window, made.shared.files["sd-jwt"])
    assert page.verdict_label.accessibleName() == "VALID"
    leeds_key = made.leeds.fingerprint
    stated = "confirmed by Leeds City Council on 3 March 2026"
    backed = f"backed by an attached document (SHA-256 {made.document_sha[:16]}…)"
    # No trust list yet: the sender's statement is shown, and it does not count as confirmed.
    untrusted = (
        "not confirmed: the issuer is not on your trust list — it calls itself "
        f'"Leeds City Council", issuer key {leeds_key}'
    )
    assert by_field(page) == {
        "First name": ("self-declared", "self-declared"),
        "Last name": (backed, "self-declared"),
        "Date of birth": (stated, untrusted),
    }
    assert page.meaning.isVisible()
    assert page.meaning.text() == WHAT_CONFIRMED_MEANS
    assert "No trust list loaded" in page.trust_label.text()
    # The bank's trust list: confirmed, and it says the revocation was not checked.
    load(qtbot, page, dialogs, page.trust_button, made.trust_list)
    confirmed = f"{stated} (issuer key {leeds_key}, trusted)"
    assert by_field(page)["Date of birth"] == (
        stated, f"{confirmed}; revocation not checked (no status list for {LEEDS_URI})",
    )  # fmt: skip
    assert "Leeds City Council" in page.trust_label.text()
    # Leeds's current status list: confirmed, nothing more to say. The CLI says the same.
    load(qtbot, page, dialogs, page.status_button, made.status_valid)
    assert by_field(page)["Date of birth"] == (stated, confirmed)
    words = cli_words(made, vault, "--trust-issuer", str(made.trust_list),
                      "--status-list", str(made.status_valid))  # fmt: skip
    assert f'birthDate: "{BORN}" — {confirmed}' in words
    assert f"SHA-256 {made.document_sha}" in words  # the CLI gives the whole hash
    # Leeds revokes it; the newer list wins over the one loaded before.
    load(qtbot, page, dialogs, page.status_button, made.status_revoked)
    revoked = "not confirmed: the issuer has revoked it — Leeds City Council, issuer key "
    revoked += leeds_key
    assert by_field(page)["Date of birth"] == (stated, revoked)
    assert revoked in cli_words(made, vault, "--trust-issuer", str(made.trust_list),
                                "--status-list", str(made.status_revoked))  # fmt: skip
    assert "Status lists loaded: 2" in page.trust_label.text()
    assert f"Leeds City Council (issuer key {leeds_key})" in page.trust_label.text()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in page.findChildren(QLabel))
    snap(page, "confirmed-then-revoked")
    # Forgetting the lists checks the packet again with none: back to not trusted.
    assert page.forget_button.isVisible()
    before = page.verdict
    page.forget_button.click()
    qtbot.waitUntil(lambda: page.verdict is not before and page.check_button.isEnabled())
    assert by_field(page)["Date of birth"] == (stated, untrusted)
    assert not page.forget_button.isVisible()


def test_an_issuer_not_on_the_trust_list_confirms_nothing(
    qtbot: Any, window: Any, vault: Vault, dialogs: Any, tmp_path: Path
) -> None:
    made = confirmed_packet(vault, tmp_path)
    page = verify(qtbot, window, made.shared.files["pdf"])
    assert page.verdict.container == "pdf"
    load(qtbot, page, dialogs, page.trust_button, made.other_list)
    standing = by_field(page)["Date of birth"][1]
    assert standing.startswith("not confirmed: the issuer is not on your trust list")
    assert made.leeds.fingerprint in standing
    assert f"{MARKUP_ISSUER} (issuer key" in page.trust_label.text()  # literally, as typed
    assert page.trust_label.textFormat() == Qt.TextFormat.PlainText
    snap(page, "untrusted-issuer-pdf")
    # The PDF's own evidence column says what the table's "what the packet says" column says.
    text = " ".join(pdftotext(made.shared.files["pdf"]).split())
    for evidence, _ in by_field(page).values():
        assert evidence.rstrip("…") in text


def test_a_file_that_is_not_a_trust_list_is_refused_in_words(
    qtbot: Any, window: Any, vault: Vault, dialogs: Any, tmp_path: Path
) -> None:
    made = confirmed_packet(vault, tmp_path)
    page = verify(qtbot, window, made.shared.files["sd-jwt"])
    dialogs.answer("open", made.status_valid)  # a status list, not a trust list
    page.trust_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.errors()))
    assert dialogs.errors() == [trust_file_problem("trust_list", "json_syntax")]
    assert "pont-trust-list" in dialogs.errors()[0]
    assert page.trust.issuers == ()
    assert not page.forget_button.isVisible()
    dialogs.answer("open", tmp_path / "missing.jwt")
    page.status_button.click()
    qtbot.waitUntil(lambda: len(dialogs.errors()) == 2)
    assert "could not be read" in dialogs.errors()[1]
    assert page.trust.status_lists == ()


def details(page: Any) -> dict[str, str]:
    """The facts block beside the verdict, label → text, as a person reads it."""
    form, role = page.details, QFormLayout.ItemRole
    return {
        form.itemAt(r, role.LabelRole).widget().text(): form.itemAt(r, role.FieldRole)
        .widget()
        .text()
        for r in range(form.rowCount())
    }


def test_acting_authority_notice_kind_and_dates_in_words(
    qtbot: Any, window: Any, vault: Vault, tmp_path: Path
) -> None:
    vault.people.add("Ada Example", "owner")
    mary = vault.people.add("Mary Smith", "relative").person.id
    vault.profiles.set_many(mary, {"givenName": "Mary"})
    lpa = {"registered_on": "2023-05-10", "opg_reference": "7000-0000-0000"}
    vault.people.set_authority(mary, "lpa_property_finance", lpa)
    council = vault.organisations.add("Exampleton Council", "tax@council.example")
    order = ShareOrder(
        person_id=mary,
        organisation_id=council.organisation.id,
        purpose="Council tax",
        selections=(Selection("givenName"),),
    )
    sent = send(vault, prepare(vault, order), tmp_path / "out")
    page = verify(qtbot, window, sent.files["sd-jwt"])
    facts = details(page)
    assert facts["Acting"].startswith("Sent by Ada Example for Mary Smith under ")
    assert "OPG reference 7000-0000-0000" in facts["Acting"]
    assert facts["Signed on"] == "21 November 2026, 09:30 UTC"  # the test clock, never epoch
    assert facts["What"] == "Information"
    notice = send_notice(vault, sent.packet_id, "withdrawal", tmp_path / "notice")
    page.check(notice.files["sd-jwt"])
    qtbot.waitUntil(lambda: "Notice" in details(page) and page.check_button.isEnabled())
    facts = details(page)
    assert facts["What"] == "Notice: consent withdrawn"
    assert facts["Notice"].startswith("I withdraw my consent")
    assert facts["About packet"] == sent.packet_id
    assert page.fields.rowCount() == 0  # a notice discloses nothing: no empty table either
    assert not page.table.isVisible()
    snap(page, "withdrawal-notice")


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def snap(widget: Any, name: str) -> None:
    """A screenshot for a person to look at: ``$PONT_SHOTS`` (run under xvfb-run, xcb)."""
    folder = os.environ.get("PONT_SHOTS")
    if not folder:
        return
    from PySide6.QtWidgets import QApplication

    Path(folder).mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.window().grab().save(str(Path(folder) / f"{name}.png"))

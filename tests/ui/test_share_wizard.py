"""The share wizard, driven through its widgets against a real vault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from packet_seeds import (
    BIRTH,
    CANARY_PHONE,
    RELATIVE,
    drop_file,
    seed_owner_record,
    seed_relative,
)
from tests_ui_helpers import unlock_window, visible_texts, wait_idle

from ui.pdf_pages import PREVIEW_DPI
from vault.requests import RequestedField, new_request

pytestmark = pytest.mark.gui


@pytest.fixture
def shareable(qtbot: Any, window: Any, context: Any, vault_folder: Path) -> Any:
    seed_owner_record(vault_folder, context)
    return unlock_window(qtbot, window, context, vault_folder)


def open_wizard(qtbot: Any, window: Any, context: Any) -> Any:
    view = window.vault_view
    window.share()
    wizard = view.share
    assert view.pages.currentWidget() is wizard
    qtbot.waitUntil(lambda: wizard.request_step.person.count() > 0)
    wait_idle(qtbot, context)
    return wizard


def fill_recipient(step: Any, name: str, email: str, reference: str) -> None:
    step.organisation.setEditText(name)
    step.email.setText(email)
    step.reference.setText(reference)


def go_to_fields(qtbot: Any, wizard: Any, context: Any) -> Any:
    wizard.request_step.next_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.fields_step)
    return wizard.fields_step


def test_catalogue_request_preselects_previews_signs_and_withdraws(
    qtbot: Any, shareable: Any, context: Any, desktop: Any, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, shareable, context)
    step = wizard.request_step
    qtbot.keyClicks(step.search, "bank or building")
    step.select_template("bank-change-of-address")
    fill_recipient(step, "Example Bank", "moves@bank.example", "REF-1")
    fields = go_to_fields(qtbot, wizard, context)

    ticked = {r.choice.key: r.choice.form for r in fields.rows if r.choice.ticked}
    assert ticked == {
        "givenName": "full",
        "familyName": "full",
        "birthDate": "full",
        "address": "full",
        "bankAccount": "last_4_digits",
    }
    assert not fields.row_for("telephone").tick.isChecked()  # optional: left unticked
    assert "5678" in fields.row_for("bankAccount").value.text()
    birth = fields.row_for("birthDate")
    birth.choose_form("over_18")
    assert birth.value.text() == "Will send: Yes"

    fields.next_button.click()
    preview = wizard.preview_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is preview)
    texts = preview.summary.texts()
    labels = [preview.summary.fields_model.index(r, 0).data() for r in range(5)]
    assert preview.summary.fields_model.rowCount() == 5
    assert "Date of birth (over 18)" in labels
    assert "Example Bank <moves@bank.example>" in texts
    joined = "\n".join(texts + visible_texts(preview))
    assert CANARY_PHONE not in joined
    assert BIRTH not in joined
    assert "12345678" not in joined
    # the PDF's page itself, drawn in the worker, is what the preview opens on
    assert preview.views.currentWidget() is preview.pages
    qtbot.waitUntil(lambda: len(preview.pages.images) == 2, timeout=10_000)  # 2 A4 pages
    assert abs(preview.pages.images[0].width() - 210 / 25.4 * PREVIEW_DPI) <= 1  # A4
    assert not preview.pages.note.isVisibleTo(preview)

    preview.sign_button.click()
    done = wizard.done_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is done, timeout=20_000)
    made = done.result.model.record(0)
    assert {"pdf", "sd-jwt", "email"} <= set(made.files)
    assert all(path.is_file() for path in made.files.values())
    assert made.files["pdf"].parent == tmp_path / "packets"
    done.result.open_button.click()
    assert desktop.opened == [made.files["email"]]

    withdraw_from_ledger(qtbot, shareable, context, made.packet_id)


def withdraw_from_ledger(qtbot: Any, window: Any, context: Any, packet_id: str) -> None:
    view = window.vault_view
    done = view.share.done_step
    done.ledger_button.click()
    ledger = view.ledger
    assert view.pages.currentWidget() is ledger
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    assert ledger.model.index(0, 1).data() == "Example Bank"
    assert ledger.model.index(0, 4).data() == "Active"
    ledger.table.selectRow(0)
    assert ledger.details["Packet id"].text() == packet_id
    context.dialogs.answer("confirm", True)
    ledger.notice_buttons["withdrawal"].click()
    qtbot.waitUntil(lambda: ledger.result.isVisible(), timeout=20_000)
    notice = ledger.result.model.record(0)
    assert notice.files["email"].is_file()
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2)
    statuses = {ledger.model.entry(r).kind: ledger.model.index(r, 4).data() for r in range(2)}
    assert statuses["disclosure"] == "Consent withdrawn"
    assert "withdrawing your consent" in context.dialogs.shown[-1][1]


def test_dropped_request_file_prefills_and_warns_about_over_asking(
    qtbot: Any, shareable: Any, context: Any, tmp_path: Path
) -> None:
    request = new_request(
        organisation="Example Bank <b>plc</b>",
        email="moves@bank.example",
        purpose="To update your address",
        fields=[
            RequestedField("givenName", True),
            RequestedField("birthDate", True),
            RequestedField("nhsNumber", True),
            RequestedField("telephone", False),
        ],
        lawful_basis="legal_obligation",
        retention="5 years",
        reference="CASE-9",
        kind="bank-change-of-address",
    )
    path = tmp_path / "request.json"
    path.write_bytes(request.to_json())
    drop_file(shareable, path)
    wizard = shareable.vault_view.share
    step = wizard.request_step
    assert shareable.vault_view.pages.currentWidget() is wizard
    qtbot.waitUntil(lambda: step.reference.text() == "CASE-9")
    assert step.organisation.currentText() == "Example Bank <b>plc</b>"
    assert step.email.text() == "moves@bank.example"
    assert step.from_file.isChecked()
    assert "<b>plc</b> asks" in step.file_summary.text()  # literally, as plain text
    fields = go_to_fields(qtbot, wizard, context)
    nhs = fields.row_for("nhsNumber")
    assert nhs.tick.isChecked()  # required by the request …
    assert "don't usually need your NHS number" in nhs.warning.message  # … but flagged
    assert nhs.warning.isVisible()
    assert not fields.row_for("givenName").warning.isVisible()
    nhs.tick.setChecked(False)
    nhs.choose_form("last_4_digits")
    assert nhs.value.text() == "Not sent: 5919"


def test_refused_request_file_is_explained_inline(
    qtbot: Any, shareable: Any, context: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "pont-request", "version": 1, "x": 1, "x": 2}')
    shareable.answer_request(path)
    step = shareable.vault_view.share.request_step
    qtbot.waitUntil(lambda: step.file_error.isVisible())
    assert "not valid" in step.file_error.message or "not a" in step.file_error.message
    assert step.request is None


def test_carer_mode_blocks_health_under_property_lpa(
    qtbot: Any, window: Any, context: Any, vault_folder: Path
) -> None:
    seed_owner_record(vault_folder, context)
    seed_relative(vault_folder, context)
    unlock_window(qtbot, window, context, vault_folder)
    wizard = open_wizard(qtbot, window, context)
    step = wizard.request_step
    step.person.setCurrentIndex(step.person.findText(RELATIVE))
    assert step.acting.isVisible()
    assert step.acting.label.text() == (
        "You are acting for Mary Smith under a Lasting Power of Attorney for property and "
        "financial affairs."
    )
    step.select_template("gp-registration")
    fill_recipient(step, "Exampleton Surgery", "", "")
    fields = go_to_fields(qtbot, wizard, context)
    health = fields.row_for("medicalConditions")
    assert not health.tick.isEnabled()
    assert not health.tick.isChecked()
    assert "does not cover health information" in health.blocked.message
    assert [row.spec.key for row in fields.missing] == ["address"]
    fields.missing[0].add_button.click()
    view = window.vault_view
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.profile)
    qtbot.waitUntil(
        lambda: view.profile.person is not None and view.profile.person.name == RELATIVE
    )
    wait_idle(qtbot, context)


def test_own_choice_with_one_off_password(
    qtbot: Any, shareable: Any, context: Any, window: Any
) -> None:
    wizard = open_wizard(qtbot, shareable, context)
    step = wizard.request_step
    qtbot.keyClicks(step.purpose, "Joining the tennis club")
    assert step.own.isChecked()
    fill_recipient(step, "Exampleton Tennis Club", "join@tennis.example", "")
    fields = go_to_fields(qtbot, wizard, context)
    assert not any(row.tick.isChecked() for row in fields.rows)  # nothing until chosen
    fields.next_button.click()
    assert fields.error.message == "Please tick at least one field to send"
    fields.row_for("givenName").tick.setChecked(True)
    fields.next_button.click()
    preview = wizard.preview_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is preview)
    assert not preview.encrypt.isVisible()  # the club gave no key to encrypt to
    preview.protect.setChecked(True)
    preview.password.edit.setText("kettle-ocean-42")
    preview.repeat.edit.setText("kettle-ocean-43")
    preview.sign_button.click()
    assert preview.error.message == "The two passwords are not the same"
    preview.repeat.edit.setText("kettle-ocean-42")
    preview.sign_button.click()
    done = wizard.done_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is done, timeout=20_000)
    assert "kettle-ocean-42" in done.password.label.text()  # shown this once …
    assert preview.password.text() == ""
    done.again_button.click()
    assert not done.password.isVisible()  # … and gone
    pdf = done.result.model.record(0).files["pdf"]
    window.vault_view.verify_file(pdf)
    page = window.vault_view.verify
    qtbot.waitUntil(lambda: page.verdict is not None and page.check_button.isEnabled())
    assert page.verdict.reason == "pdf_password_required"
    assert page.password.isVisible()
    page.password.edit.setText("kettle-ocean-42")
    page.check_again()
    qtbot.waitUntil(lambda: page.verdict.valid and page.check_button.isEnabled())

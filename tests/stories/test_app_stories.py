"""The same journeys in the desktop app: real widgets, a real vault, the packets verified.

Each step is also saved as a screenshot (``snap``) so a person can look at what the app
showed; the assertions read the files the organisation receives.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from packet_seeds import drop_file, seed_disclosure, seed_owner_record
from tests_ui_helpers import row_for, share_preview_for_bank, unlock_window, wait_idle

from vault.verify import Checks, verify_file

pytestmark = pytest.mark.gui


def received(path: Path, context: Any) -> dict[str, Any]:
    """What the organisation reads when it verifies ``path``."""
    verdict = verify_file(path, Checks(now=context.options.environment.clock()))
    assert verdict.valid, verdict
    assert verdict.packet is not None
    return {**verdict.packet.claims, "disclosed": verdict.packet.disclosed}


def test_moving_house_in_the_app_sends_the_new_address(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path, snap: Any
) -> None:
    seed_owner_record(vault_folder, context)
    old_packet = seed_disclosure(vault_folder, context, tmp_path / "earlier")
    context.options.environment.clock.advance(days=40)
    unlock_window(qtbot, window, context, vault_folder)
    view = window.vault_view
    profile = view.profile
    old = row_for(window, "address", 0)
    profile.categories.setCurrentRow(list(profile.pages).index("addresses"))
    assert old.current.text() == "● Current"
    group = old.parentWidget()
    assert group.add_button.text() == "I moved: add my new address"
    snap(window, "record-before-the-move")
    group.add_button.click()
    new = group.rows[-1]
    new.editor.inputs["lines"].widget.setPlainText("2 New Road")
    new.editor.inputs["town"].widget.setText("Exampleton")
    new.editor.inputs["postcode"].widget.setText("YY3 4ZZ")
    snap(window, "new-address-typed")
    profile.save()
    banner = view.stale_banner
    qtbot.waitUntil(banner.isVisible, timeout=15_000)
    wait_idle(qtbot, context)
    assert banner.label.text() == "1 organisation has your old home address — tell them now?"
    rows = [r for r in profile.rows() if r.spec.key == "address"]
    badges = sorted(r.current.text() for r in rows)
    assert badges == ["Past (until 30/12/2026)", "● Current"]
    snap(window, "saved-banner")
    banner.tell_button.click()
    tell = view.tell
    assert tell.ticked() == [old_packet]
    snap(window, "tell-them-once")
    tell.prepare_button.click()
    qtbot.waitUntil(tell.result.isVisible, timeout=20_000)
    snap(window, "updates-made")
    update = tell.result.model.record(0)
    assert update.entry.supersedes == old_packet
    for kind in ("sd-jwt", "pdf"):
        packet = received(update.files[kind], context)
        assert packet["pont"]["kind"] == "update"
        assert packet["disclosed"]["address"]["lines"] == ["2 New Road"]
        assert packet["disclosed"]["address"]["postcode"] == "YY3 4ZZ"
    assert update.files["email"].is_file()


def test_evidence_attached_in_the_app_backs_the_next_packet(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path, snap: Any
) -> None:
    from vault.share import Selection, ShareOrder, prepare, send

    seed_owner_record(vault_folder, context)
    unlock_window(qtbot, window, context, vault_folder)
    profile = window.vault_view.profile
    row = row_for(window, "address", 0)
    bill = tmp_path / "council-tax-bill.pdf"
    bill.write_bytes(b"%PDF-1.4 a council tax bill at 1 Old Road")
    context.dialogs.answer("open", bill)
    row.attach_button.click()
    wait_idle(qtbot, context)
    row = row_for(window, "address", 0)
    assert row.badge.text() == "Backed by a document: council-tax-bill.pdf"
    profile.categories.setCurrentRow(list(profile.pages).index("addresses"))
    snap(window, "address-backed")

    def share_address(slot: Any) -> Any:  # in the app's worker, on the app's open vault
        vault = slot.vault
        org = vault.organisations.add("Exampleton Council", "tax@council.example").organisation
        order = ShareOrder(vault.people.owner().id, org.id, "Council tax", (Selection("address"),))
        return send(vault, prepare(vault, order), tmp_path / "out")

    made: list[Any] = []
    context.runner.submit(share_address, made.append, owner=window)
    qtbot.waitUntil(lambda: bool(made), timeout=20_000)
    shared = made[0]
    packet = received(shared.files["pdf"], context)
    proof = packet["provenance"]["address"]
    assert proof == {"kind": "document", "sha256": hashlib.sha256(bill.read_bytes()).hexdigest()}


def test_a_second_withdrawal_from_the_ledger_asks_first(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path, snap: Any
) -> None:
    seed_owner_record(vault_folder, context)
    packet_id = seed_disclosure(vault_folder, context, tmp_path / "earlier")
    unlock_window(qtbot, window, context, vault_folder)
    view = window.vault_view
    view.show_section(view.ledger)
    ledger = view.ledger
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    ledger.table.selectRow(0)
    context.dialogs.answer("confirm", True)
    ledger.notice_buttons["erasure"].click()
    qtbot.waitUntil(ledger.result.isVisible, timeout=20_000)
    snap(window, "erasure-made")
    first = ledger.result.model.record(0)
    assert received(first.files["sd-jwt"], context)["notice"]["regarding"] == packet_id
    context.options.environment.clock.advance(days=31)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2)
    row = next(r for r in range(2) if ledger.model.entry(r).packet_id == packet_id)
    ledger.table.selectRow(row)
    context.dialogs.answer("confirm", True)
    ledger.notice_buttons["erasure"].click()
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 3, timeout=20_000)
    asked = context.dialogs.shown[-1][1]
    assert asked.startswith("You already made this notice on")
    snap(window, "second-erasure-asked")


def test_a_carer_renews_the_access_code_and_shares_for_their_relative(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path, snap: Any
) -> None:
    from packet_seeds import RELATIVE, seed_relative
    from test_share_wizard import fill_recipient, go_to_fields, open_wizard

    seed_owner_record(vault_folder, context)
    seed_relative(vault_folder, context)  # an LPA with its date and OPG reference
    unlock_window(qtbot, window, context, vault_folder)
    view = window.vault_view
    view.show_section(view.people)
    people = view.people
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    row = next(r for r in range(2) if people.model.index(r, 0).data() == RELATIVE)
    people.list.setCurrentIndex(people.model.index(row, 0))
    form = people.authority
    qtbot.waitUntil(lambda: form.edits["opg_reference"].text() == "7000-0000-0000")
    form.edits["access_code"].setText("V-NEW1-CODE-2026")  # only the new code is typed
    scan = tmp_path / "lpa.pdf"
    scan.write_bytes(b"%PDF-1.4 the registered LPA")
    context.dialogs.answer("open", scan)
    form.attach_button.click()
    wait_idle(qtbot, context)
    form.save_button.click()
    wait_idle(qtbot, context)
    snap(window, "authority-renewed")

    wizard = open_wizard(qtbot, window, context)
    step = wizard.request_step
    step.person.setCurrentIndex(step.person.findText(RELATIVE))
    qtbot.keyClicks(step.purpose, "Using the LPA at the bank")
    fill_recipient(step, "Example Bank", "lpa@bank.example", "LPA-7")
    fields = go_to_fields(qtbot, wizard, context)
    fields.row_for("givenName").tick.setChecked(True)
    snap(window, "fields-for-the-relative")
    fields.next_button.click()
    preview = wizard.preview_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is preview)
    qtbot.waitUntil(lambda: bool(preview.pages.images), timeout=15_000)
    snap(window, "preview")
    preview.sign_button.click()
    done = wizard.done_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is done, timeout=20_000)
    snap(window, "signed")
    packet = received(done.result.model.record(0).files["pdf"], context)
    acting = packet["act"]
    assert (acting["by"], acting["for"]) == ("Ada Example", RELATIVE)
    assert acting["authority"] == {
        "kind": "lpa_property_finance",
        "registered_on": "2023-05-10",
        "opg_reference": "7000-0000-0000",
        "access_code": "V-NEW1-CODE-2026",
    }


def test_a_council_confirms_the_address_and_the_bank_is_told_it_is_confirmed(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path, snap: Any
) -> None:
    """Issue 11 in the app: the council attests with the real ``pont``; the person drops the
    file on the window, sees "Confirmed by", and the share to the bank says it carries it."""
    from story_helpers import Terminal

    seed_owner_record(vault_folder, context)
    seed_disclosure(vault_folder, context, tmp_path / "to-council")
    (sent,) = (tmp_path / "to-council").glob("*.sd-jwt")
    council = Terminal(vault_folder, tmp_path)  # the organisation: no vault, no passphrase
    at = context.options.environment.clock().isoformat()
    for argv in (
        ("issuer", "init", "--name", "Exampleton Council", "--out", "council.jwk"),
        ("attest", str(sent), "--issuer-key", "council.jwk", "--fields", "address",
         "--at", at, "--out", "address-confirmed.sd-jwt"),
    ):
        said = council.run(*argv, passphrase=False)
        assert said.code == 0, said

    unlock_window(qtbot, window, context, vault_folder)
    drop_file(window, tmp_path / "address-confirmed.sd-jwt")
    wait_idle(qtbot, context)
    assert context.dialogs.errors() == []
    profile = window.vault_view.profile
    profile.categories.setCurrentRow(list(profile.pages).index("addresses"))
    row = row_for(window, "address", 0)
    assert row.confirmed.text() == "✔ Confirmed by Exampleton Council on 21 November 2026"
    assert "does not mean the value is still true" in row.confirmed.toolTip()
    snap(window, "address-confirmed")

    wizard = share_preview_for_bank(qtbot, window, context, "BANK-1")
    preview = wizard.preview_step
    note = preview.confirmations.label.text()
    assert "• Home address: confirmed by Exampleton Council on 21 November 2026" in note
    assert "the packets that carry it can be linked" in note
    assert preview.leave_out.isVisible()
    snap(window, "share-preview-carries-the-confirmation")
    preview.sign_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.done_step, timeout=20_000)
    made = wizard.done_step.result.model.record(0)

    # the bank, with the real ``pont verify``: with the council on its trust list the address
    # is confirmed by it; the rest is self-declared
    argv = ("verify", str(made.files["sd-jwt"]), "--trust-issuer", "council.pub.json", "--at", at)
    words = council.run(*argv, passphrase=False)
    data = council.run("--json", *argv, passphrase=False)
    assert (words.code, data.code) == (0, 0), (words, data)
    (verdict,) = data.json()
    fields = verdict["packet"]["fields"]
    assert (fields["address"]["state"], fields["givenName"]["state"]) == (
        "confirmed",
        "self_declared",
    )
    assert "confirmed by Exampleton Council on 21 November 2026" in words.out

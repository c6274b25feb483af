"""Confirmations in the app: import a credential file, see "Confirmed by …", lose it on change.

The credentials are made as an organisation makes them: from a real packet the vault sent,
checked and attested with the core's ``attest`` (what ``pont attest`` runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE
from packet_seeds import ADDRESS, drop_file, seed_disclosure, seed_owner_record
from tests_ui_helpers import (
    row_for,
    share_preview_for_bank,
    unlock_window,
    visible_texts,
    wait_idle,
)

from ui import drops
from ui.confirmations import meaning
from vault.confirmations import TrustedIssuer, check_packet_confirmations
from vault.issuer import IssuerKey, attest, new_issuer_key
from vault.vault import Vault
from vault.verify import Checks, verify_file

pytestmark = pytest.mark.gui

CONFIRMED = "✔ Confirmed by Leeds City Council on 21 November 2026"


def council_confirmation(
    folder: Path, context: Any, tmp_path: Path, fields: tuple[str, ...] = ("address",)
) -> Path:
    """The owner sends a packet; Leeds City Council checks it and confirms ``fields``."""
    return council_and_confirmation(folder, context, tmp_path, fields)[1]


def council_and_confirmation(
    folder: Path, context: Any, tmp_path: Path, fields: tuple[str, ...] = ("address",)
) -> tuple[IssuerKey, Path]:
    seed_owner_record(folder, context)
    out = tmp_path / "sent"
    seed_disclosure(folder, context, out)
    (packet_file,) = out.glob("*.sd-jwt")
    now = context.options.environment.clock()
    verdict = verify_file(packet_file, Checks(now=now))
    assert verdict.valid
    assert verdict.packet is not None
    council = new_issuer_key("Leeds City Council")
    made = attest(verdict.packet, council, fields=fields, now=now)
    path = tmp_path / "council-confirmation.sd-jwt"
    path.write_text(made.text, encoding="ascii")
    return council, path


def test_a_credential_file_is_told_apart_from_a_packet(
    context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    (packet_file,) = (tmp_path / "sent").glob("*.sd-jwt")
    assert drops.kind_of(credential) == drops.CREDENTIAL
    assert drops.kind_of(packet_file) == drops.PACKET


def test_dropped_confirmation_is_kept_and_the_field_says_confirmed_by(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    unlock_window(qtbot, window, context, vault_folder)
    drop_file(window, credential)
    wait_idle(qtbot, context)
    kept = [text for kind, text in dialogs.shown if kind == "info"]
    assert kept
    assert kept[0].startswith(
        "Kept the confirmation from Leeds City Council of Home address for Ada Example."
    )
    assert meaning() in kept[0]
    qtbot.waitUntil(lambda: not row_for(window, "address").confirmed.isHidden(), timeout=10_000)
    row = row_for(window, "address")
    assert row.confirmed.text() == CONFIRMED
    assert row.confirmed.toolTip() == meaning()
    assert row.confirmed.accessibleDescription() == meaning()
    assert "does not mean the value is still true" in meaning()
    assert row_for(window, "givenName").confirmed.isHidden()  # sent, not confirmed


def test_a_changed_value_shows_no_longer_matching_and_changing_back_matches_again(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    unlock_window(qtbot, window, context, vault_folder)
    window.vault_view.profile.import_credential(credential)
    wait_idle(qtbot, context)
    row = row_for(window, "address")
    row.editor.inputs["postcode"].widget.setText("YY9 9ZZ")
    assert row.confirmed.text().endswith(
        "If you save this change, the confirmation will no longer match."
    )
    window.vault_view.profile.save()
    wait_idle(qtbot, context)
    row = row_for(window, "address")
    assert row.confirmed.text() == (
        "Confirmation by Leeds City Council no longer matches: you changed the value since"
    )
    row.editor.inputs["postcode"].widget.setText(ADDRESS["postcode"])
    window.vault_view.profile.save()
    wait_idle(qtbot, context)
    assert row_for(window, "address").confirmed.text() == CONFIRMED


@pytest.mark.parametrize(
    ("tamper", "said"),
    [
        ("another_holder", "This confirmation is for another person's key"),
        ("value_changed", "The value confirmed differs from your record: Home address."),
        ("signature", "The organisation's signature does not match"),
    ],
)
def test_refused_confirmations_say_why_in_one_plain_sentence(
    qtbot: Any,
    window: Any,
    context: Any,
    dialogs: Any,
    vault_folder: Path,
    tmp_path: Path,
    tamper: str,
    said: str,
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    text = credential.read_text(encoding="ascii")
    if tamper == "another_holder":
        text = _for_another_vault(context)
    elif tamper == "value_changed":
        with Vault.open(vault_folder, PASSPHRASE, context.options.environment) as vault:
            owner = vault.people.owner()
            vault.profiles.set(owner.id, "address", {**ADDRESS, "postcode": "YY7 7ZZ"})
    else:
        jwt, rest = text.split("~", 1)
        head, payload, signature = jwt.split(".")
        flipped = ("A" if signature[5] != "A" else "B").join((signature[:5], signature[6:]))
        text = f"{head}.{payload}.{flipped}~{rest}"
    credential.write_text(text, encoding="ascii")
    unlock_window(qtbot, window, context, vault_folder)
    window.import_credential(credential)
    wait_idle(qtbot, context)
    (error,) = dialogs.errors()
    assert error.startswith(said)
    assert error.endswith("Nothing was kept.")
    assert "\n" not in error
    assert "Traceback" not in error
    profile = window.vault_view.profile
    assert profile.save_error.message == error
    assert row_for(window, "address").confirmed.isHidden()
    assert f"⚠ {error}" in visible_texts(window)


def _for_another_vault(context: Any) -> str:
    """A good confirmation, but of a packet signed by someone else's holder key."""
    from vault.packets import keys
    from vault.packets.sdjwt_vc import issue_credential

    stranger = keys.generate_holder_key("ES256")
    issuer = new_issuer_key("Leeds City Council")
    now = int(context.options.environment.clock().timestamp())
    return issue_credential(
        issuer.private_key,
        holder_jwk=stranger.public_jwk,
        claims={"address": ADDRESS},
        issued_at=now,
        expires_at=now + 86_400,
        issuer_name="Leeds City Council",
    ).serialise()


def test_the_menu_opens_a_confirmation_for_the_person_shown(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    unlock_window(qtbot, window, context, vault_folder)
    dialogs.answer("open", credential)
    (action,) = [a for a in window._menus["person"].actions() if "confirmation" in a.text()]
    action.trigger()
    wait_idle(qtbot, context)
    assert row_for(window, "address").confirmed.text() == CONFIRMED


# -- step 3: the share preview says so, and lets the person leave them out -----------------


def _preview_with_confirmation(qtbot: Any, window: Any, context: Any) -> Any:
    return share_preview_for_bank(qtbot, window, context, "REF-9")


def _sign(qtbot: Any, wizard: Any, context: Any) -> Any:
    wizard.preview_step.sign_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.done_step, timeout=20_000)
    made = wizard.done_step.result.model.record(0)
    now = context.options.environment.clock()
    verdict = verify_file(made.files["sd-jwt"], Checks(now=now))
    assert verdict.valid
    return verdict.packet


def test_share_preview_names_the_confirmation_and_its_privacy_cost(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    council, credential = council_and_confirmation(vault_folder, context, tmp_path)
    unlock_window(qtbot, window, context, vault_folder)
    window.import_credential(credential)
    wait_idle(qtbot, context)
    wizard = _preview_with_confirmation(qtbot, window, context)
    preview = wizard.preview_step
    note = preview.confirmations.label.text()
    assert "• Home address: confirmed by Leeds City Council on 21 November 2026" in note
    assert "linked to each other and to the issuer's record of that key" in note
    assert preview.leave_out.isVisible()
    assert preview.leave_out.text() == "Leave the confirmations out"
    assert [c.issuer_name for c in preview.prepared.confirmations] == ["Leeds City Council"]
    packet = _sign(qtbot, wizard, context)
    trusted = [TrustedIssuer(council.name, council.verifying)]
    now = context.options.environment.clock()
    report = check_packet_confirmations(packet, trusted_issuers=trusted, status_lists=[], now=now)
    assert report["address"].state == "confirmed"
    assert report["givenName"].state == "self_declared"


def test_leaving_the_confirmations_out_sends_none(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    unlock_window(qtbot, window, context, vault_folder)
    window.import_credential(credential)
    wait_idle(qtbot, context)
    wizard = _preview_with_confirmation(qtbot, window, context)
    preview = wizard.preview_step
    preview.leave_out.setChecked(True)
    qtbot.waitUntil(lambda: preview.prepared.order.confirmations is False, timeout=10_000)
    wait_idle(qtbot, context)
    assert preview.prepared.confirmations == ()
    assert preview.confirmations.label.text() == (
        "The confirmations are left out: these fields go as your own entries."
    )
    assert preview.leave_out.isVisible()  # the choice stays, to put them back
    packet = _sign(qtbot, wizard, context)
    assert "confirmations" not in packet.claims
    assert packet.disclosed["address"]["postcode"] == ADDRESS["postcode"]


def test_no_confirmation_no_note(
    qtbot: Any, window: Any, context: Any, vault_folder: Path
) -> None:
    seed_owner_record(vault_folder, context)
    unlock_window(qtbot, window, context, vault_folder)
    preview = _preview_with_confirmation(qtbot, window, context).preview_step
    assert preview.confirmations.isHidden()
    assert preview.leave_out.isHidden()


def _own_credential(folder: Path, context: Any, tmp_path: Path, days: int) -> Path:
    """A credential of the owner's birth date (and "over 18") bound to the vault's key."""
    from packet_seeds import BIRTH

    from vault.packets.sdjwt_vc import issue_credential

    seed_owner_record(folder, context)
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        jwk = vault.holder_keys.default().key.public_jwk
    dvla = new_issuer_key("DVLA")
    now = int(context.options.environment.clock().timestamp())
    text = issue_credential(
        dvla.private_key,
        holder_jwk=jwk,
        claims={"birthDate": BIRTH, "birthDate_over_18": True},
        issued_at=now - 86_400,
        expires_at=now + days * 86_400,
        issuer_name=dvla.name,
    ).serialise()
    path = tmp_path / "dvla.sd-jwt"
    path.write_text(text, encoding="ascii")
    return path


def test_a_less_revealing_form_and_an_expired_confirmation_say_so(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = _own_credential(vault_folder, context, tmp_path, days=10)
    unlock_window(qtbot, window, context, vault_folder)
    window.import_credential(credential)
    wait_idle(qtbot, context)
    assert row_for(window, "birthDate").confirmed.text() == (
        "✔ Confirmed by DVLA on 20 November 2026\n"
        "✔ Date of birth (over 18) confirmed by DVLA on 20 November 2026"
    )
    context.options.environment.clock.advance(days=30)
    window.vault_view.profile.reload()
    wait_idle(qtbot, context)
    assert row_for(window, "birthDate").confirmed.text() == (
        "Confirmation by DVLA expired on 1 December 2026\n"
        "Confirmation by DVLA expired on 1 December 2026"
    )


def test_a_confirmation_dropped_before_unlocking_is_refused_with_advice(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    credential = council_confirmation(vault_folder, context, tmp_path)
    window.show_lock_screen(vault_folder)
    drop_file(window, credential)
    assert window.statusBar().currentMessage() == (
        "Unlock your vault first, then drop the confirmation again."
    )


def test_a_confirmation_opened_with_the_app_is_kept_once_the_vault_is_open(
    qtbot: Any, window: Any, context: Any, dialogs: Any, vault_folder: Path, tmp_path: Path
) -> None:
    from ui.app import open_file_argument

    credential = council_confirmation(vault_folder, context, tmp_path)
    open_file_argument(window, credential)  # Exec=pont %f, before the vault is unlocked
    unlock_window(qtbot, window, context, vault_folder)
    qtbot.waitUntil(lambda: row_for(window, "address").confirmed.text() == CONFIRMED)

"""The share wizard recognises who asks by the core's one rule (issue 10 #1), and a changed
key, or anything else worth a look, is a stop on step 1 that the person must confirm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE
from packet_seeds import seed_owner_record
from tests_ui_helpers import unlock_window, visible_texts, wait_idle

from vault.organisations import key_fingerprint, same_key
from vault.packets.hpke import new_recipient_key, open_packet
from vault.packets.pdf import group_fingerprint
from vault.requests import RequestedField, new_request
from vault.vault import Vault

pytestmark = pytest.mark.gui

COUNCIL = "tax@council.example"


@pytest.fixture
def shareable(qtbot: Any, window: Any, context: Any, vault_folder: Path) -> Any:
    seed_owner_record(vault_folder, context)
    return window


def with_organisation(
    folder: Path, context: Any, name: str, email: str | None, key: dict[str, str] | None = None
) -> int:
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        return vault.organisations.add(name, email, key).organisation.id


def stored(folder: Path, context: Any) -> list[Any]:
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        return vault.organisations.all()


def request_path(
    tmp_path: Path, name: str, email: str | None, key: dict[str, str] | None, tag: str = "r"
) -> Path:
    request = new_request(
        organisation=name,
        email=email,
        public_key=key,
        purpose="Single person discount",
        fields=[RequestedField("givenName", True)],
        lawful_basis="public_task",
        retention="Two years",
        reference="CT-7",
    )
    path = tmp_path / f"{tag}.json"
    path.write_bytes(request.to_json())
    return path


def open_request(qtbot: Any, window: Any, context: Any, path: Path) -> Any:
    window.answer_request(path)
    step = window.vault_view.share.request_step
    qtbot.waitUntil(lambda: step.request is not None and step.reference.text() == "CT-7")
    wait_idle(qtbot, context)
    return step


def press_next(qtbot: Any, context: Any, step: Any) -> None:
    step.next_button.click()
    wait_idle(qtbot, context)


def on_fields(window: Any) -> bool:
    wizard = window.vault_view.share
    return bool(wizard.stack.currentWidget() is wizard.fields_step)


def test_a_changed_key_needs_the_person_to_accept_it(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    _, pinned = new_recipient_key()
    council_private, council_key = new_recipient_key()
    with_organisation(vault_folder, context, "Leeds City Council", COUNCIL, pinned)
    window = unlock_window(qtbot, shareable, context, vault_folder)
    step = open_request(
        qtbot, window, context, request_path(tmp_path, "Leeds City Council", COUNCIL, council_key)
    )
    press_next(qtbot, context, step)
    assert not on_fields(window)
    assert step.check_box.isVisible()
    text = step.check_text.text()
    assert "not the one Pont keeps for Leeds City Council" in text
    assert group_fingerprint(key_fingerprint(pinned)) in text
    assert group_fingerprint(key_fingerprint(council_key)) in text
    assert step.confirm_button.text() == "Use the new key and continue"
    step.check_back_button.click()  # going back asks again next time
    assert not step.check_box.isVisible()
    press_next(qtbot, context, step)
    assert step.check_box.isVisible()
    step.confirm_button.click()
    qtbot.waitUntil(lambda: on_fields(window))
    wizard = window.vault_view.share
    assert wizard.recipient.accept_new_key
    wizard.fields_step.next_button.click()
    preview = wizard.preview_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is preview)
    wait_idle(qtbot, context)
    assert preview.encrypt.isVisible()
    (kept,) = stored(vault_folder, context)
    assert same_key(kept.public_key, pinned)  # a preview pins nothing
    preview.encrypt.setChecked(True)
    preview.sign_button.click()
    done = wizard.done_step
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is done, timeout=20_000)
    sealed = done.result.model.record(0).files["sealed"]
    assert open_packet(sealed.read_bytes(), council_private, COUNCIL)
    (kept,) = stored(vault_folder, context)
    assert same_key(kept.public_key, council_key)


def test_a_changed_key_is_asked_again_after_an_edit(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    with_organisation(vault_folder, context, "Leeds City Council", COUNCIL, new_recipient_key()[1])
    window = unlock_window(qtbot, shareable, context, vault_folder)
    path = request_path(tmp_path, "Leeds City Council", COUNCIL, new_recipient_key()[1])
    step = open_request(qtbot, window, context, path)
    press_next(qtbot, context, step)
    assert step.check_box.isVisible()
    qtbot.keyClicks(step.email, "x")
    assert not step.check_box.isVisible()
    step.confirm_button.click()  # hidden and forgotten: nothing happens
    wait_idle(qtbot, context)
    assert not on_fields(window)


@pytest.mark.parametrize(
    ("stored_as", "asked_as", "reason_text", "button"),
    [
        # same address, other name: shown; the stored name is kept
        (
            ("Leeds City Council", COUNCIL),
            ("Leeds Council Refunds", COUNCIL),
            "“Leeds Council Refunds” is not the name your vault knows this address by: it "
            "is Leeds City Council",
            "Continue anyway",
        ),
        # same name, other address: a new organisation, with a warning
        (
            ("Leeds City Council", COUNCIL),
            ("Leeds City Council", "leeds@mail.example"),
            "You already know an organisation called Leeds City Council at another address "
            f"({COUNCIL})",
            "Continue anyway",
        ),
    ],
)
def test_names_and_addresses_that_differ_are_shown(
    qtbot: Any,
    shareable: Any,
    context: Any,
    vault_folder: Path,
    tmp_path: Path,
    stored_as: tuple[str, str],
    asked_as: tuple[str, str],
    reason_text: str,
    button: str,
) -> None:
    with_organisation(vault_folder, context, *stored_as)
    window = unlock_window(qtbot, shareable, context, vault_folder)
    step = open_request(qtbot, window, context, request_path(tmp_path, *asked_as, None))
    press_next(qtbot, context, step)
    assert reason_text in step.check_text.text()
    assert step.confirm_button.text() == button
    assert not window.vault_view.share.recipient  # nothing chosen yet
    step.confirm_button.click()
    qtbot.waitUntil(lambda: on_fields(window))
    assert not window.vault_view.share.recipient.accept_new_key


def test_a_key_pinned_to_another_organisation_is_shown(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    _, key = new_recipient_key()
    with_organisation(vault_folder, context, "Leeds City Council", COUNCIL, key)
    window = unlock_window(qtbot, shareable, context, vault_folder)
    path = request_path(tmp_path, "Refunds Office", "refunds@mail.example", key)
    step = open_request(qtbot, window, context, path)
    press_next(qtbot, context, step)
    assert "encryption key is the one Pont keeps for Leeds City Council" in step.check_text.text()
    step.confirm_button.click()
    qtbot.waitUntil(lambda: on_fields(window))


def test_a_first_key_for_a_known_organisation_is_shown(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    with_organisation(vault_folder, context, "Leeds City Council", COUNCIL)
    window = unlock_window(qtbot, shareable, context, vault_folder)
    _, key = new_recipient_key()
    step = open_request(
        qtbot, window, context, request_path(tmp_path, "Leeds City Council", COUNCIL, key)
    )
    press_next(qtbot, context, step)
    text = step.check_text.text()
    assert "carries an encryption key for Leeds City Council, which had none" in text
    assert group_fingerprint(key_fingerprint(key)) in text
    step.confirm_button.click()
    qtbot.waitUntil(lambda: on_fields(window))


@pytest.mark.parametrize(
    "case",
    ["new organisation with a key", "same key again", "pinned key kept", "by name", "bare id"],
)
def test_nothing_to_check_goes_straight_on(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path, case: str
) -> None:
    _, key = new_recipient_key()
    name, email, offered = "Leeds City Council", COUNCIL, key
    if case == "same key again":
        with_organisation(vault_folder, context, name, email, key)
    if case == "pinned key kept":
        with_organisation(vault_folder, context, name, email, key)
        offered = None
    if case == "by name":  # a request without an address: the known one of that name
        with_organisation(vault_folder, context, name, email, key)
        email = None
    if case == "bare id":
        with_organisation(vault_folder, context, "Day Centre", None)
        name, email = "1", None
    window = unlock_window(qtbot, shareable, context, vault_folder)
    step = open_request(qtbot, window, context, request_path(tmp_path, name, email, offered))
    press_next(qtbot, context, step)
    qtbot.waitUntil(lambda: on_fields(window))
    assert not step.check_box.isVisible()
    wizard = window.vault_view.share
    wizard.fields_step.next_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.preview_step)
    wait_idle(qtbot, context)
    prepared = wizard.preview_step.prepared
    if case == "bare id":
        assert (prepared.organisation.id, prepared.organisation.name) == (0, "1")  # a new one
    elif case == "new organisation with a key":
        assert prepared.organisation.id == 0
        assert same_key(prepared.organisation.public_key, key)
    else:
        assert prepared.organisation.id == 1
        assert same_key(prepared.organisation.public_key, key)  # sealed to the pinned key
        assert wizard.preview_step.encrypt.isVisible()


def test_an_ambiguous_organisation_is_explained_inline(
    qtbot: Any, shareable: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    with_organisation(vault_folder, context, "HMRC", "post@hmrc.example")
    with_organisation(vault_folder, context, "HMRC Self Assessment", "post@hmrc.example")
    window = unlock_window(qtbot, shareable, context, vault_folder)
    step = open_request(
        qtbot, window, context, request_path(tmp_path, "HM Revenue", "post@hmrc.example", None)
    )
    press_next(qtbot, context, step)
    assert not on_fields(window)
    assert step.error.isVisible()
    assert step.error.message.startswith("Several organisations in your vault fit these details")
    assert step.next_button.isEnabled()
    assert not any("Traceback" in t for t in visible_texts(window))

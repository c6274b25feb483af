"""Who knows what (the ledger), lazily loaded, and tell them once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from packet_seeds import seed_disclosure, seed_owner_record
from PySide6.QtWidgets import QTableView
from tests_ui_helpers import row_for, unlock_window, wait_idle

from ui.ledger_model import PAGE, LedgerModel
from vault.ledger import NewEntry, SentField
from vault.vault import Environment, Vault

pytestmark = pytest.mark.gui
ENTRIES = 10_000


def fill_ledger(vault: Vault, count: int) -> None:
    """``count`` entries through ``Ledger.record``. Each record is its own durable commit;
    turning off fsync for this throwaway vault keeps 10,000 of them to about two seconds."""
    vault._database.execute("PRAGMA synchronous = OFF")
    owner = vault.people.add("Ada Example", "owner").person
    council = vault.organisations.add("Exampleton Council", "tax@council.example").organisation
    key = vault.holder_keys.for_organisation(council.id, pairwise=False)
    now = vault.env.clock()
    sent = (SentField("givenName", 0, 1, "full"), SentField("birthDate", 0, 1, "over_18"))
    for number in range(count):
        vault.ledger.record(
            NewEntry(
                f"packet-{number:05d}",
                "disclosure",
                owner.id,
                council.id,
                key.id,
                "Council tax",
                None,
                None,
                now - timedelta(minutes=number),
                now + timedelta(days=30),
                "email",
                None,
                b"x",
                sent,
            )
        )


@pytest.fixture(scope="module")
def big_ledger(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Vault]:
    """One vault with 10,000 ledger entries, shared by the model tests (read only)."""
    from fakes import PASSPHRASE, FixedClock

    from vault._crypto import KDF_FLOOR

    folder = tmp_path_factory.mktemp("big-ledger") / "vault"
    shutil.copytree(template_vault[0], folder)
    vault = Vault.open(
        folder, PASSPHRASE, Environment(clock=FixedClock(), calibrate=lambda: KDF_FLOOR)
    )
    fill_ledger(vault, ENTRIES)
    yield vault
    vault.close()


def page_fetcher(vault: Vault, asked: list[tuple[int, int]]) -> Any:
    def fetch(offset: int, limit: int, deliver: Any) -> None:
        asked.append((offset, limit))
        deliver(vault.ledger.entries(limit=limit, offset=offset))

    return fetch


def test_ledger_model_fetches_pages_lazily(
    qtbot: Any, qtmodeltester: Any, big_ledger: Vault
) -> None:
    asked: list[tuple[int, int]] = []
    model = LedgerModel(lambda _id: "Ada Example")
    model.use(page_fetcher(big_ledger, asked))
    assert model.rowCount() == 0
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    assert asked == [(0, PAGE), (PAGE, PAGE)]
    assert model.index(0, 3).data() == "First name, Date of birth (over 18)"
    assert model.index(0, 4).data() == "Active"
    qtmodeltester.check(model, force_py=True)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()  # the view asks for more, a page at a time, never for all
    assert 2 * PAGE < model.rowCount() < ENTRIES
    assert model.rowCount() % PAGE == 0


def test_ledger_model_reaches_the_end(big_ledger: Vault) -> None:
    asked: list[tuple[int, int]] = []
    model = LedgerModel(lambda _id: "Ada Example")
    model.use(page_fetcher(big_ledger, asked))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == ENTRIES
    assert len(asked) == ENTRIES // PAGE + 1  # the last, empty page says it is the end


def test_tell_them_once_after_moving_house(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    seed_owner_record(vault_folder, context)
    old_packet = seed_disclosure(vault_folder, context, tmp_path / "earlier")
    context.options.environment.clock.advance(days=40)  # moved a while later
    unlock_window(qtbot, window, context, vault_folder)
    view = window.vault_view
    row = row_for(window, "address", 0)
    row.editor.inputs["lines"].widget.setPlainText("2 New Road")
    row.editor.inputs["postcode"].widget.setText("YY3 4ZZ")
    view.profile.save()
    banner = view.stale_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.label.text() == "1 organisation has your old home address — tell them now?"
    banner.tell_button.click()
    tell = view.tell
    assert view.pages.currentWidget() is tell
    assert tell.holders.rowCount() == 1
    assert tell.ticked() == [old_packet]
    tell.prepare_button.click()
    qtbot.waitUntil(tell.result.isVisible, timeout=20_000)
    update = tell.result.model.record(0)
    assert update.entry.supersedes == old_packet
    assert update.files["email"].is_file()
    view.show_section(view.ledger)
    ledger = view.ledger
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2)
    statuses = {ledger.model.entry(r).packet_id: ledger.model.index(r, 4).data() for r in (0, 1)}
    assert statuses == {old_packet: "Replaced by an update", update.packet_id: "Active"}


def test_who_has_my_old_address_and_exports(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    seed_owner_record(vault_folder, context)
    packet = seed_disclosure(vault_folder, context, tmp_path / "earlier")
    unlock_window(qtbot, window, context, vault_folder)
    view = window.vault_view
    view.show_section(view.ledger)
    ledger = view.ledger
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    ledger.show_field(1, "telephone", only_old=False)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 0 and not ledger.model.loading)
    ledger.show_field(1, "address", only_old=False)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    ledger.show_field(1, "address", only_old=True)  # nobody holds an *old* address yet
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 0 and not ledger.model.loading)
    ledger.show_field(1, "address", only_old=False)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    ledger.table.selectRow(0)
    assert "Home address (version 1)" in ledger.details["Fields"].text()
    saved = tmp_path / "copy.sd-jwt"
    context.dialogs.answer("save", saved)
    ledger.save_button.click()
    exported = tmp_path / "ledger.json"
    context.dialogs.answer("save", exported)
    ledger.export_button.click()
    wait_idle(qtbot, context)
    assert saved.read_bytes().count(b"~") >= 2  # a signed packet with its disclosures
    entries = json.loads(exported.read_text("utf-8"))
    assert [e["packet_id"] for e in entries] == [packet]

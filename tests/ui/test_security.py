"""T23 rich text, T24 clipboard, T25 auto-lock, T28 no secrets at rest, T29 tampered settings."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from tests_ui_helpers import PASSPHRASE, row_for, visible_texts, wait_idle

from ui import settings as keys
from ui.dialogs import Dialogs
from ui.settings import Settings
from vault.vault import Vault

pytestmark = pytest.mark.gui
CANARY = "CANARY-7f3a91"


# -- T23: outside text is never read as markup -------------------------------------------


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 (one listener per test)

    def do_GET(self) -> None:
        _Listener.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    _Listener.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    server.timeout = 0.5
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    yield server.server_address[1], _Listener.hits
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _payloads(port: int) -> list[str]:
    return [
        f'<img src="http://127.0.0.1:{port}/img">',
        f'<a href="http://127.0.0.1:{port}/link">click</a>',
        "<b>bold</b><style>*{color:red}</style>",
    ]


def _seed_markup(folder: Path, env: Any, port: int) -> str:
    img, link, bold = _payloads(port)
    with Vault.open(folder, PASSPHRASE, env) as vault:
        owner = vault.people.add(f"Ada {img}", "owner").person
        vault.profiles.set(owner.id, "givenName", link)
        vault.profiles.set(owner.id, "jobTitle", bold)
        vault.profiles.set(owner.id, "custom:Notes", img)
        relative = vault.people.add(f"Bert {bold}", "relative").person
        vault.people.set_authority(
            relative.id,
            "lpa_property_finance",
            {"opg_reference": link, "notes": img, "access_code_expires": "2026-11-30"},
        )
        source = folder.parent / "scan.pdf"
        source.write_bytes(b"%PDF-1.4 x")
        vault.documents.add_file(source, owner.id, "jobTitle", 0, name="<b>scan</b>.pdf")
    return img


def _rich_labels(root: QWidget) -> list[str]:
    found = [w for w in [root, *root.findChildren(QLabel)] if isinstance(w, QLabel)]
    return [
        f"{w.parent().metaObject().className()}>{w.objectName()}:{w.text()[:40]}"
        for w in found
        if w.textFormat() != Qt.TextFormat.PlainText
    ]


def test_markup_from_the_vault_is_shown_literally(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, listener: tuple[int, list[str]]
) -> None:
    port, hits = listener
    img = _seed_markup(vault_folder, context.options.environment, port)
    for page in (
        window.lock_screen.welcome,
        window.lock_screen.create,
        window.lock_screen.recovery_key,
        window.lock_screen.recovery,
    ):
        window.lock_screen.stack.setCurrentWidget(page)
        assert _rich_labels(window) == []
    window.show_lock_screen(vault_folder, note=img)
    assert _rich_labels(window) == []
    window.lock_screen.unlock.passphrase.edit.setText(PASSPHRASE)
    window.lock_screen.unlock.submit()
    qtbot.waitUntil(
        lambda: window.vault_view is not None and bool(window.vault_view.profile.pages),
        timeout=15_000,
    )
    wait_idle(qtbot, context)
    view = window.vault_view
    assert view.profile.title.text() == f"Ada {img}"  # literally
    assert "Bert <b>bold</b>" in view.banner.label.text()
    for row in range(view.profile.categories.count()):
        view.profile.categories.setCurrentRow(row)
        qtbot.wait(10)
        assert _rich_labels(window) == []
    view.show_section(view.people)
    wait_idle(qtbot, context)
    people = view.people
    people.list.setCurrentIndex(people.model.index(1))
    wait_idle(qtbot, context)
    assert people.authority.edits["opg_reference"].text().startswith("<a href")
    view.show_section(view.settings)
    row_for(window, "givenName").history_button.click()
    wait_idle(qtbot, context)
    view.profile.search.setText("click")
    qtbot.waitUntil(lambda: view.profile.results_model.rowCount() > 0)
    real = Dialogs(native=False)
    real.show_error(window, img)
    real.show_info(window, "About", img)
    boxes = window.findChildren(QMessageBox)
    assert boxes
    assert all(b.textFormat() == Qt.TextFormat.PlainText for b in boxes)
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            assert _rich_labels(top) == []
    qtbot.wait(300)
    for box in boxes:
        box.close()
    assert hits == []


# -- T24: the clipboard ----------------------------------------------------------------


def _clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def test_copy_is_marked_secret_and_cleared(qtbot: Any, unlocked: Any, context: Any) -> None:
    context.settings.override_for_test("clipboard_seconds", 0.3)
    profile = unlocked.vault_view.profile
    row_for(unlocked, "nhsNumber").editor.inputs[""].widget.setText("9434765919")
    profile.save()
    wait_idle(qtbot, context)
    row_for(unlocked, "nhsNumber").copy_button.click()
    assert _clipboard_text() == "9434765919"
    mime = QGuiApplication.clipboard().mimeData()
    assert bytes(mime.data("x-kde-passwordManagerHint")) == b"secret"
    qtbot.waitUntil(lambda: _clipboard_text() == "", timeout=1300)


def test_clipboard_left_alone_if_the_person_copied_something_else(
    qtbot: Any, unlocked: Any, context: Any
) -> None:
    context.settings.override_for_test("clipboard_seconds", 0.3)
    context.clipboard.copy("9434765919")
    QGuiApplication.clipboard().setText("my shopping list")
    qtbot.wait(600)
    assert _clipboard_text() == "my shopping list"


def test_clipboard_cleared_on_lock(qtbot: Any, unlocked: Any, context: Any) -> None:
    context.clipboard.copy("9434765919")
    unlocked.lock(explicit=True)
    assert _clipboard_text() == ""


# -- T25: auto-lock ---------------------------------------------------------------------


def test_auto_lock_hides_everything_and_keeps_valid_edits(
    qtbot: Any, window: Any, context: Any, vault_folder: Path
) -> None:
    from tests_ui_helpers import seed_owner

    seed_owner(vault_folder, context)
    context.settings.override_for_test("auto_lock_seconds", 1)
    window.show_lock_screen(vault_folder)
    window.lock_screen.unlock.passphrase.edit.setText(PASSPHRASE)
    window.lock_screen.unlock.submit()
    qtbot.waitUntil(
        lambda: window.vault_view is not None and bool(window.vault_view.profile.pages),
        timeout=15_000,
    )
    wait_idle(qtbot, context)
    row_for(window, "jobTitle").editor.inputs[""].widget.setText(CANARY)  # valid, unsaved
    row_for(window, "nhsNumber").editor.inputs[""].widget.setText("123")  # invalid, unsaved
    window.vault_view.profile._show_row(row_for(window, "jobTitle"))
    assert any(CANARY in t for t in visible_texts(window))
    qtbot.waitUntil(lambda: window.vault_view is None, timeout=3000)
    wait_idle(qtbot, context)
    assert not any(CANARY in t for t in visible_texts(window))
    assert not context.runner._worker.slot.is_open  # the connection is closed
    note = window.lock_screen.unlock.note.text()
    assert "NHS number" in note
    with Vault.open(vault_folder, PASSPHRASE, context.options.environment) as vault:
        owner = vault.people.owner()
        assert vault.profiles.get(owner.id, "jobTitle").value == CANARY


# -- T28: nothing secret outside the vault ----------------------------------------------------


def test_no_secrets_in_settings_or_files(
    qtbot: Any, unlocked: Any, context: Any, tmp_path: Path
) -> None:
    profile = unlocked.vault_view.profile
    row_for(unlocked, "jobTitle").editor.inputs[""].widget.setText(CANARY)
    profile.save()
    wait_idle(qtbot, context)
    row_for(unlocked, "jobTitle").copy_button.click()
    unlocked.vault_view.settings.auto_lock.setValue(7)
    unlocked.lock(explicit=True)
    wait_idle(qtbot, context)
    needles = [CANARY.encode(), PASSPHRASE.encode(), b"Ada Example"]
    hits = []
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [(path.name, n) for n in needles if n in data]
    assert hits == []
    assert Path(context.settings.file_name).exists()


# -- T29: a tampered settings file cannot weaken protection -----------------------------------


def test_tampered_settings_are_clamped(tmp_path: Path) -> None:
    path = tmp_path / "Pont.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue(keys.AUTO_LOCK_MINUTES.key, 0)
    raw.setValue(keys.CLIPBOARD_SECONDS.key, 86_400)
    raw.setValue(keys.THEME.key, "<b>dark</b>")
    raw.setValue(keys.RECENT_VAULTS.key, ["relative/path", "/an/absolute/one"])
    raw.setValue(keys.BACKUP_FOLDER.key, "synced/folder")
    raw.sync()
    settings = Settings.at(path)
    assert settings.get(keys.AUTO_LOCK_MINUTES) == 1
    assert settings.get(keys.CLIPBOARD_SECONDS) == 120
    assert settings.get(keys.THEME) == "system"
    assert settings.get(keys.RECENT_VAULTS) == ["/an/absolute/one"]
    assert settings.get(keys.BACKUP_FOLDER) == ""
    raw.setValue(keys.AUTO_LOCK_MINUTES.key, "never")
    raw.sync()
    assert Settings.at(path).auto_lock_ms() == 5 * 60_000

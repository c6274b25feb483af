"""Ready for translation: the catalogue is current, and a catalogue changes what screens say.

The second test makes a pseudo-translation (every string in the catalogue wrapped in
``⟦…⟧``) with the real Qt tools (``pyside6-lupdate``'s catalogue, ``pyside6-lrelease``),
installs it the way the app does (``ui.i18n.install``), and reads the screens: any button,
menu, heading or message still in plain English was not reached by the catalogue (a
literal outside ``tr``, a table word not marked with ``noop``, or a wrong context).
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QMenu
from tests_ui_helpers import seed_owner, unlock_window

from ui import i18n, messages
from ui.packet_words import kind_words, status_words
from ui.settings import LANGUAGE, Settings
from vault.errors import WrongPassphrase

ROOT = Path(__file__).resolve().parents[2]
PSEUDO = "en_XA"  # a pseudo-locale: never a real language


@functools.cache
def updater() -> Any:
    """packaging/update_translations.py, loaded once (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "packaging" / "update_translations.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_current(tmp_path: Path) -> None:
    committed = sorted((ROOT / "resources" / "translations").glob("pont_*.ts"))
    assert [p.name for p in committed] == ["pont_en_GB.ts"]
    for ts in committed:
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        updater().update(copy)
        assert copy.read_bytes() == ts.read_bytes(), (
            f"{ts.name} is behind the code: run packaging/update_translations.py"
        )


def pseudo(text: str) -> str:
    return f"⟦{text}⟧"


def pseudo_catalogue(folder: Path) -> Path:
    """Every message of the English catalogue, translated as ``⟦source⟧``, compiled."""
    tree = ET.parse(ROOT / "resources" / "translations" / "pont_en_GB.ts")  # noqa: S314 (our own file)
    tree.getroot().set("language", PSEUDO)
    messages_count = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        translation.text = pseudo(message.findtext("source") or "")
        messages_count += 1
    assert messages_count > 500
    ts = folder / f"pont_{PSEUDO}.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / f"pont_{PSEUDO}.qm"
    subprocess.run(
        [updater().tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


@pytest.fixture
def pseudo_language(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    app = qapp
    pseudo_catalogue(tmp_path)
    installed = i18n.install(app, PSEUDO, tmp_path)
    assert installed[0].filePath() == str(tmp_path / f"pont_{PSEUDO}.qm")
    yield
    for translator in installed:
        app.removeTranslator(translator)


def untranslated(texts: list[str]) -> list[str]:
    return [t for t in texts if t.strip() and not (t.startswith("⟦") and t.endswith("⟧"))]


def screen_texts(root: Any) -> list[str]:
    """What a person reads as the screen's own words: buttons, group titles, menus."""
    texts = [b.text() for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]
    texts += [g.title() for g in root.findChildren(QGroupBox) if g.isVisibleTo(root)]
    for menu in root.findChildren(QMenu):
        texts += [menu.title()] + [a.text() for a in menu.actions() if not a.isSeparator()]
    return texts


def test_languages_are_the_source_and_every_compiled_catalogue(tmp_path: Path) -> None:
    assert i18n.available_languages() == (i18n.SOURCE_LANGUAGE,)  # none shipped yet
    assert i18n.available_languages(tmp_path) == (i18n.SOURCE_LANGUAGE,)
    pseudo_catalogue(tmp_path)
    assert i18n.available_languages(tmp_path) == (i18n.SOURCE_LANGUAGE, PSEUDO)


def test_a_language_without_a_catalogue_falls_back_to_english(tmp_path: Path) -> None:
    store = Settings.at(tmp_path / "Pont.ini")
    store.set(LANGUAGE, "cy_GB")  # hand-edited, or a catalogue removed since
    assert store.get(LANGUAGE) == i18n.SOURCE_LANGUAGE


def test_settings_page_offers_the_languages_and_keeps_the_choice(
    qtbot: Any, unlocked: Any, context: Any
) -> None:
    page = unlocked.vault_view.settings
    unlocked.vault_view.show_section(page)
    choices = [page.language.itemData(i) for i in range(page.language.count())]
    assert choices == list(i18n.available_languages())
    assert page.language.currentData() == context.settings.get(LANGUAGE)
    page.language.currentIndexChanged.emit(0)  # chosen again: saved, used from next start
    assert context.settings.get(LANGUAGE) == i18n.SOURCE_LANGUAGE
    assert "next time" in page.language_note.text()


def test_english_needs_no_catalogue(qapp: QApplication) -> None:
    app = qapp
    assert i18n.install(app, i18n.SOURCE_LANGUAGE) == []
    assert messages.describe(WrongPassphrase()) == "That passphrase is not right. Please try again."


def test_a_catalogue_reaches_every_screen(
    qtbot: Any, pseudo_language: None, window: Any, context: Any, vault_folder: Path
) -> None:
    assert messages.describe(WrongPassphrase()) == pseudo(
        "That passphrase is not right. Please try again."
    )
    assert status_words("active") == pseudo("Active")
    assert kind_words("withdrawal") == pseudo("Notice: consent withdrawn")
    qtbot.waitUntil(lambda: hasattr(window, "lock_action"))  # menus filled after the paint
    window.show_lock_screen(vault_folder)
    assert untranslated(screen_texts(window)) == []
    seed_owner(vault_folder, context)
    view = unlock_window(qtbot, window, context, vault_folder).vault_view
    assert untranslated([view.nav.item(i).text() for i in range(view.nav.count())]) == []
    read: dict[str, int] = {}
    for index in range(view.pages.count()):
        page = view.pages.widget(index)
        view.show_section(page)
        qtbot.waitUntil(page.isVisible)
        texts = screen_texts(page)
        read[type(page).__name__] = len(texts)
        assert untranslated(texts) == [], type(page).__name__
    # the check read real screens: every page has words of its own to translate
    assert len(read) >= 7
    assert all(count > 0 for count in read.values()), read

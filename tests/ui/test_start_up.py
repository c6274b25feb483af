"""What the lock screen's first paint waits for (P11), and what comes right after it.

The timing itself is measured by ``bench/run.py`` (P11), never here. These tests pin the
design that makes it fast: a fresh ``pont`` start paints the unlock page before the
storage and crypto libraries load and before PySide's ``Qt`` namespace is built; the
menus get their items, and the worker its libraries, once the lock screen has painted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ui.launch import QUIT_AFTER_FIRST_PAINT

HEAVY = ("sqlcipher3", "cryptography", "keyring", "argon2", "vault.vault", "vault.database")

START = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings
QCoreApplication.setOrganizationName("Pont")
QCoreApplication.setApplicationName("Pont")
from ui.settings import Settings
Settings(QSettings()).add_recent_vault(Path(sys.argv[1]))
from ui.launch import main
sys.exit(main([sys.argv[2]]))
"""


def start_until_first_paint(vault_folder: Path, tmp_path: Path) -> dict[str, Any]:
    report = tmp_path / "first-paint.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PONT_BENCH_REPORT": str(report),
    }
    done = subprocess.run(
        [sys.executable, "-c", START, str(vault_folder), QUIT_AFTER_FIRST_PAINT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(report.read_text("utf-8")))


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_unlock_page_paints_before_the_heavy_libraries_and_the_qt_namespace(
    vault_folder: Path, tmp_path: Path
) -> None:
    report = start_until_first_paint(vault_folder, tmp_path)
    assert report["lock_screen_page"] == "UnlockPage"
    assert report["vault_folder"] == str(vault_folder)
    assert loaded(report["modules_at_first_paint"], HEAVY) == []
    assert report["qt_namespace_at_first_paint"] is False
    # the probe's lists are real: the UI modules that drew the page are in them
    assert {"ui.windows.unlock", "ui.widgets", "PySide6.QtWidgets"} <= set(
        report["modules_at_first_paint"]
    )


def test_menus_get_their_items_once_the_lock_screen_has_painted(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: hasattr(window, "lock_action"), timeout=5000)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Person", "&Share", "&Help"]
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert not window.lock_action.isEnabled()  # no vault open yet
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"&Quit", "&Open vault…", "&Lock"} <= set(file_items)

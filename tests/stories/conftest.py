"""Story fixtures: a person at a terminal running the real ``pont``, and at the app.

Stories check what the *recipient* gets: every packet a story sends is opened with
``pont verify --json`` (and, for PDFs, with poppler's ``pdftotext``) and the values in
it are read, never what a function returned. App stories drive real widgets (the GUI
fixtures of ``tests/gui_fixtures.py``) and take a screenshot of each step into
``$PONT_STORY_SHOTS`` (default: the test's temporary folder) for a person to look at.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui_fixtures import *  # noqa: F403  (settings, context, window, unlocked, …)
from gui_fixtures import OFFSCREEN_ONLY
from story_helpers import Terminal

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))  # tests_ui_helpers, packet_seeds


@pytest.fixture
def terminal(vault_folder: Path, tmp_path: Path) -> Terminal:
    """A vault (the template, at the KDF floor) and an empty folder to work in."""
    home = tmp_path / "home"
    home.mkdir()
    return Terminal(vault_folder, home)


@pytest.fixture
def snap(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[Any, str], Path]:
    """``snap(widget, "step")`` saves what the window shows now as a PNG."""
    folder = Path(os.environ.get("PONT_STORY_SHOTS", tmp_path / "shots")) / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    taken: list[Path] = []

    def take(widget: Any, step: str) -> Path:
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # widgets added to a shown layout appear a turn later
        path = folder / f"{len(taken) + 1:02d}-{step}.png"
        assert widget.window().grab().save(str(path)), path
        taken.append(path)
        return path

    return take


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents and "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_ONLY))

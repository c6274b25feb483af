"""GUI test fixtures (``tests/gui_fixtures.py``) for the widget tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_fixtures import *  # noqa: F403  (the fixtures: settings, context, window, unlocked, …)
from gui_fixtures import OFFSCREEN_ONLY


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_ONLY))

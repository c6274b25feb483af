"""GUI fixtures: a main window over a real vault, with dialogs answered ahead of time.

Shared by the GUI suites (``tests/ui``, ``tests/stories``), whose conftests import them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import MemoryKeyring

from ui.app import build_context
from ui.context import AppContext
from ui.desktop import RecordingDesktop
from ui.dialogs import Dialogs
from ui.settings import PACKET_FOLDER, Settings
from ui.vault_access import VaultOptions
from vault._crypto import KDF_FLOOR
from vault.device import DeviceKeys
from vault.vault import Environment


class ScriptedDialogs(Dialogs):
    """Answers each dialog from a queue of (kind, answer) given by the test; records the rest."""

    def __init__(self) -> None:
        super().__init__(native=False)
        self.answers: deque[tuple[str, Any]] = deque()
        self.shown: list[tuple[str, str]] = []

    def answer(self, kind: str, value: Any) -> None:
        self.answers.append((kind, value))

    def _next(self, kind: str, text: str) -> Any:
        self.shown.append((kind, text))
        assert self.answers, f"no answer prepared for {kind}: {text}"
        expected, value = self.answers.popleft()
        assert expected == kind, f"expected a {expected} dialog, got {kind}: {text}"
        return value

    def confirm(
        self, parent: Any, title: str, text: str, action: str, on_answer: Callable[[bool], None]
    ) -> None:
        on_answer(bool(self._next("confirm", text)))

    def ask_passphrase(
        self, parent: Any, title: str, prompt: str, on_answer: Callable[[str | None], None]
    ) -> None:
        on_answer(self._next("passphrase", prompt))

    def choose_open_path(self, parent: Any, title: str, name_filter: str, on_answer: Any) -> None:
        on_answer(self._next("open", title))

    def choose_save_path(
        self, parent: Any, title: str, suggested: str, name_filter: str, on_answer: Any
    ) -> None:
        on_answer(self._next("save", title))

    def choose_folder(self, parent: Any, title: str, on_answer: Any) -> None:
        on_answer(self._next("folder", title))

    def show_error(self, parent: Any, text: str) -> None:
        self.shown.append(("error", text))

    def show_info(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("info", text))

    def errors(self) -> list[str]:
        return [text for kind, text in self.shown if kind == "error"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    made = Settings.at(tmp_path / "settings" / "Pont.ini")
    made.set(PACKET_FOLDER, str(tmp_path / "packets"))  # never the real Documents folder
    return made


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def context(
    settings: Settings, env: Environment, memory_keyring: MemoryKeyring
) -> Iterator[AppContext]:
    options = VaultOptions(
        environment=env, creation_kdf=KDF_FLOOR, device_keys=lambda: DeviceKeys(memory_keyring)
    )
    built = build_context(settings, options)
    built.dialogs = ScriptedDialogs()
    built.desktop = RecordingDesktop()  # no mail client or file manager starts in tests
    built.watch_screen_lock = False
    unexpected: list[BaseException] = []
    built.runner.unexpected_error.connect(unexpected.append)
    yield built
    built.runner.shutdown()
    from vault.errors import PontError

    bugs = [e for e in unexpected if not isinstance(e, PontError)]
    assert not bugs, f"unexpected errors in operations: {bugs!r}"


@pytest.fixture
def dialogs(context: AppContext) -> ScriptedDialogs:
    assert isinstance(context.dialogs, ScriptedDialogs)
    return context.dialogs


@pytest.fixture
def desktop(context: AppContext) -> RecordingDesktop:
    assert isinstance(context.desktop, RecordingDesktop)
    return context.desktop


@pytest.fixture
def window(qtbot: Any, context: AppContext) -> Iterator[Any]:
    from ui.windows.main_window import MainWindow

    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    yield main
    main._quitting = True
    main.close()


@pytest.fixture
def unlocked(qtbot: Any, window: Any, context: AppContext, vault_folder: Path) -> Any:
    """The main window with the template vault (owner "Ada Example") unlocked and shown."""
    from tests_ui_helpers import seed_owner, unlock_window

    seed_owner(vault_folder, context)
    return unlock_window(qtbot, window, context, vault_folder)


# The offscreen platform plugin cannot pass size hints to a window manager (there is none)
# and says so whenever a dialog with a layout is shown; it is not a fault of the app.
OFFSCREEN_ONLY = "This plugin does not support propagateSizeHints"

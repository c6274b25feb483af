"""What every screen is given: settings, dialogs, the operation runner, the clipboard.

Passed in explicitly (no global application object reached from everywhere). Plain
classes and named tuples here and in the other modules the lock screen needs: making a
dataclass costs ~0.5 ms, and the first paint waits for every one of them (P11).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ui.clipboard import SecretClipboard
from ui.desktop import Desktop
from ui.dialogs import Dialogs
from ui.ops import OperationRunner
from ui.settings import Settings
from ui.vault_access import VaultOptions


class Demo(NamedTuple):
    """A throwaway vault in a temporary folder, deleted on quit."""

    folder: Path
    passphrase: str


class AppContext:
    def __init__(
        self,
        settings: Settings,
        dialogs: Dialogs,
        runner: OperationRunner,
        clipboard: SecretClipboard,
        options: VaultOptions,
    ) -> None:
        self.settings = settings
        self.dialogs = dialogs
        self.runner = runner
        self.clipboard = clipboard
        self.options = options
        self.demo: Demo | None = None
        self.watch_screen_lock = True
        self.desktop = Desktop()


def looks_like_vault(folder: Path) -> bool:
    """A vault folder holds its key file or its database (``vault.vault.KEYS``, ``DATABASE``):
    a database without its key file is a damaged vault, never a place to make a new one."""
    return (folder / "vault.keys").is_file() or (folder / "vault.db").is_file()

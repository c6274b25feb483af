"""What every screen is given: settings, dialogs, the operation runner, the clipboard.

Passed in explicitly (no global application object reached from everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ui.clipboard import SecretClipboard
from ui.desktop import Desktop
from ui.dialogs import Dialogs
from ui.ops import OperationRunner
from ui.settings import Settings
from ui.vault_access import VaultOptions


@dataclass
class Demo:
    """A throwaway vault in a temporary folder, deleted on quit."""

    folder: Path
    passphrase: str


@dataclass
class AppContext:
    settings: Settings
    dialogs: Dialogs
    runner: OperationRunner
    clipboard: SecretClipboard
    options: VaultOptions
    demo: Demo | None = None
    watch_screen_lock: bool = True
    desktop: Desktop = field(default_factory=Desktop)


def looks_like_vault(folder: Path) -> bool:
    """A vault folder holds its key file (the core's ``vault.vault.KEYS``)."""
    return (folder / "vault.keys").is_file()

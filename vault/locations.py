"""Where a vault lives when no ``--vault`` (or ``PONT_VAULT``) says otherwise."""

from __future__ import annotations

import os
from pathlib import Path


def default_vault_folder() -> Path:
    """The platform's per-user data folder (not roaming, not a synced Documents folder).

    Linux ``~/.local/share/Pont/vault``, macOS ``~/Library/Application Support/Pont/vault``,
    Windows ``%LOCALAPPDATA%\\Pont\\vault``. ``PONT_VAULT`` overrides it.
    """
    override = os.environ.get("PONT_VAULT")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("Pont", appauthor=False, roaming=False)) / "vault"

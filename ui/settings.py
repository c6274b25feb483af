"""Preferences, declared once with their defaults, over QSettings.

QSettings is plaintext on every platform, so nothing here is personal data or a secret:
window geometry, folder paths, minutes and seconds, a theme name. Values that weaken
safety if edited by hand (auto-lock, clipboard clearing) are clamped every time they
are read, so a tampered file cannot switch protection off (T29).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

from ui.i18n import SOURCE_LANGUAGE, available_languages

MAX_RECENT = 8
FOLLOW_SYSTEM = "system"
THEMES = (FOLLOW_SYSTEM, "light", "dark")
BACKUPS_KEPT = 5


class Setting(NamedTuple):
    key: str
    default: Any
    clean: Callable[[Any], Any]


def _clamped_int(low: int, high: int, default: int) -> Callable[[Any], int]:
    def clean(raw: Any) -> int:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return default
        return max(low, min(high, value))

    return clean


def _one_of(allowed: tuple[str, ...]) -> Callable[[Any], str]:
    return lambda raw: raw if raw in allowed else allowed[0]


def _language(raw: Any) -> str:
    """A language Pont has a catalogue for (one removed since falls back to the source)."""
    known = available_languages()
    return raw if raw in known else known[0]


def _path_or_empty(raw: Any) -> str:
    return raw if isinstance(raw, str) and Path(raw).is_absolute() else ""


def _paths(raw: Any) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return [p for p in (_path_or_empty(i) for i in items) if p][:MAX_RECENT]


def _bytes(raw: Any) -> QByteArray:
    return raw if isinstance(raw, QByteArray) else QByteArray()


def _flag(raw: Any) -> bool:
    return raw in (True, "true", "1", 1)


AUTO_LOCK_MINUTES = Setting("safety/auto_lock_minutes", 5, _clamped_int(1, 60, 5))
CLIPBOARD_SECONDS = Setting("safety/clipboard_seconds", 30, _clamped_int(5, 120, 30))
LOCK_ON_SCREEN_LOCK = Setting("safety/lock_on_screen_lock", True, _flag)
THEME = Setting("appearance/theme", "system", _one_of(THEMES))
LANGUAGE = Setting("appearance/language", SOURCE_LANGUAGE, _language)
GEOMETRY = Setting("window/geometry", QByteArray(), _bytes)
RECENT_VAULTS = Setting("vaults/recent", [], _paths)
REMEMBERED_VAULTS = Setting("vaults/remembered_on_device", [], _paths)
BACKUP_FOLDER = Setting("backups/folder", "", _path_or_empty)
PACKET_FOLDER = Setting("packets/last_folder", "", _path_or_empty)

REGISTRY = (
    AUTO_LOCK_MINUTES,
    CLIPBOARD_SECONDS,
    LOCK_ON_SCREEN_LOCK,
    THEME,
    LANGUAGE,
    GEOMETRY,
    RECENT_VAULTS,
    REMEMBERED_VAULTS,
    BACKUP_FOLDER,
    PACKET_FOLDER,
)


class Settings:
    """Typed access to the registry. Tests build one over an INI file in ``tmp_path``."""

    def __init__(self, store: QSettings) -> None:
        self._store = store
        # In-memory only, never written: lets a test lock after one second.
        self._overrides: dict[str, Any] = {}

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def get(self, setting: Setting) -> Any:
        if setting.key in self._overrides:
            return self._overrides[setting.key]
        raw = self._store.value(setting.key, setting.default)
        return setting.clean(raw)

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, setting.clean(value))
        self._store.sync()

    def override_for_test(self, key: str, value: Any) -> None:
        """Set an in-memory value that is not clamped and never stored (tests only)."""
        self._overrides[key] = value

    # -- derived values ------------------------------------------------------------

    def auto_lock_ms(self) -> int:
        seconds = self._overrides.get("auto_lock_seconds")
        if seconds is not None:
            return int(seconds * 1000)
        return int(self.get(AUTO_LOCK_MINUTES)) * 60_000

    def clipboard_ms(self) -> int:
        seconds = self._overrides.get("clipboard_seconds")
        if seconds is not None:
            return int(seconds * 1000)
        return int(self.get(CLIPBOARD_SECONDS)) * 1000

    def packet_folder(self) -> Path:
        """Where packet files go: the folder used last, else Documents/Pont packets."""
        chosen = self.get(PACKET_FOLDER)
        if chosen:
            return Path(chosen)
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents or Path.home()) / "Pont packets"

    def add_recent_vault(self, folder: Path) -> None:
        recent = [str(folder), *(p for p in self.get(RECENT_VAULTS) if p != str(folder))]
        self.set(RECENT_VAULTS, recent[:MAX_RECENT])

    def recent_vaults(self) -> list[Path]:
        return [Path(p) for p in self.get(RECENT_VAULTS)]

    def is_remembered(self, folder: Path) -> bool:
        return str(folder) in self.get(REMEMBERED_VAULTS)

    def set_remembered(self, folder: Path, remembered: bool) -> None:
        others = [p for p in self.get(REMEMBERED_VAULTS) if p != str(folder)]
        self.set(REMEMBERED_VAULTS, [str(folder), *others] if remembered else others)

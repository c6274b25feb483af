"""The app's own SVG icons, read from the ``resources`` package (works frozen too)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

NAMES = ("pont", "lock", "person", "document", "settings")


def icon(name: str) -> QIcon:
    if name not in NAMES:
        raise ValueError(f"no icon {name!r}")
    path = resources.files("resources") / "icons" / f"{name}.svg"
    return QIcon(str(path))

"""The app's own SVG icons, files of the ``resources`` package (beside it when frozen too).

Found from the package's own folder rather than through ``importlib.resources``, which
costs the lock screen's first paint a couple of milliseconds (P11) for the same path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

import resources

NAMES = ("pont", "lock", "person", "document", "settings")
FOLDER = Path(resources.__file__).parent / "icons"


def icon(name: str) -> QIcon:
    if name not in NAMES:
        raise ValueError(f"no icon {name!r}")
    return QIcon(str(FOLDER / f"{name}.svg"))

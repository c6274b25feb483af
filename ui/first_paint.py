"""After the first paint: start what can wait (P11), and the benchmark's exit hook.

``pont --quit-after-first-paint`` (what ``bench/pont_first_paint.py`` runs) leaves right
after the lock screen's first paint pass: it writes a JSON report to
``PONT_BENCH_REPORT`` (milestones since ``PONT_BENCH_SPAWNED``, the modules loaded at
``window.show()`` and at the first paint, which page shows) and exits with
``os._exit(0)``, so teardown is never timed. Nothing here runs in a normal start.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer

from ui.launch import marks


def after_first_paint(
    painted: Any, callback: Callable[[], None], latest_ms: int = 1000
) -> Callable[[], None]:
    """Run ``callback`` once, just after the first paint pass (``painted`` is a signal
    fired from a paint event), or after ``latest_ms`` if nothing paints by then (a window
    started minimised). Returns the function that runs it (idempotent)."""
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            callback()

    painted.connect(lambda: QTimer.singleShot(0, once))  # after the paint pass, not in it
    QTimer.singleShot(latest_ms, once)
    return once


class QuitAfterFirstPaint(QObject):
    """Watches ``window.lock_screen`` for its first paint event, then reports and exits."""

    def __init__(self, window: Any, facts: dict[str, Any]) -> None:
        super().__init__(window)
        self.window = window
        self.target = window.lock_screen
        self.facts = dict(facts)
        self.seen = False
        self.target.installEventFilter(self)
        QTimer.singleShot(10_000, lambda: os._exit(3))  # safety net: never painted

    def shown(self) -> None:
        marks["shown"] = time.time()
        self.facts["modules_at_show"] = sorted(sys.modules)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and watched is self.target and event.type() == QEvent.Type.Paint:
            self.seen = True
            marks["first_paint"] = time.time()
            self.facts["modules_at_first_paint"] = sorted(sys.modules)
            # PySide adds the ``Qt`` namespace to QtCore on its first lookup (~13 ms)
            self.facts["qt_namespace_at_first_paint"] = "Qt" in vars(QtCore)
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        marks["painted"] = time.time()
        path = os.environ.get("PONT_BENCH_REPORT")
        if path:
            import json

            spawned = float(os.environ.get("PONT_BENCH_SPAWNED", marks.get("script_start", 0)))
            report = {
                "ms_since_spawn": {k: (v - spawned) * 1e3 for k, v in marks.items()},
                "runs_app": True,
                **self.facts,
            }
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(report, handle)
        os._exit(0)


def quit_after_first_paint(window: Any, settings: Any) -> QuitAfterFirstPaint:
    lock_screen = window.lock_screen
    return QuitAfterFirstPaint(
        window,
        {
            "settings_file": settings.file_name,
            "lock_screen_page": type(lock_screen.stack.currentWidget()).__name__,
            "vault_folder": str(lock_screen.folder),
        },
    )

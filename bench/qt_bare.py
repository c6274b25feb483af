"""P11 baseline: a bare PySide6 window (QMainWindow + one QLabel), exit at its first paint.

Run as a whole fresh process (``bench/startup.py`` starts it), with
``QT_QPA_PLATFORM=offscreen`` on a headless machine. At the first paint event of the
label it lets the paint pass finish (a zero timer), writes a small JSON report to the
path in ``PONT_BENCH_REPORT`` (if set) and leaves with ``os._exit(0)``, so teardown is
never timed — the same exit as ``pont_first_paint.py``.
"""

import time

T_START = time.time()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402

T_IMPORTS = time.time()


class FirstPaint(QObject):
    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.target = target
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and watched is self.target and event.type() == QEvent.Type.Paint:
            self.seen = True
            marks["first_paint"] = time.time()
            QTimer.singleShot(0, finish)
        return False


def finish() -> None:
    marks["painted"] = time.time()
    path = os.environ.get("PONT_BENCH_REPORT")
    if path:
        spawned = float(os.environ.get("PONT_BENCH_SPAWNED", T_START))
        report = {
            "ms_since_spawn": {k: (v - spawned) * 1e3 for k, v in marks.items()},
            "modules": sorted(sys.modules),
        }
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(report, handle)
    os._exit(0)


marks = {"script_start": T_START, "imports": T_IMPORTS}
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
label = QLabel("A bare PySide6 window")
window.setCentralWidget(label)
window.resize(1000, 700)
probe = FirstPaint(label)
label.installEventFilter(probe)
window.show()
marks["shown"] = time.time()
QTimer.singleShot(10_000, lambda: os._exit(3))  # safety net: never painted
app.exec()

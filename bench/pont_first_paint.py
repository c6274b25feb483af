"""P11 measured side: Pont's own start-up up to the first paint of the lock screen, then exit.

Runs the app itself: ``ui.launch`` (the ``pont`` entry point's module), then
``ui.app.run(["--quit-after-first-paint"])``. That flag is the app's benchmark hook
(``ui/first_paint.py``): at the lock screen's first paint event it lets the paint pass
finish (a zero timer), writes a JSON report to ``PONT_BENCH_REPORT`` (milestones since
``PONT_BENCH_SPAWNED``, every module loaded at ``window.show()`` and at the first paint,
which page the lock screen shows) and leaves with ``os._exit(0)`` — the same exit as
``qt_bare.py``, so teardown is never timed. Nothing is replayed, so nothing can drift
from ``ui/app.py``.

Environment: ``QT_QPA_PLATFORM=offscreen``, ``XDG_CONFIG_HOME`` pointing at a temporary
folder whose ``Pont/Pont.conf`` lists the bench's vault as the recent one.
``PONT_BENCH_NO_WARM_UP=1`` replaces ``warm_up`` with a no-op (a diagnostic variant that
shows what the worker's imports cost; the app always runs it, after the first paint).
"""

import time

T_START = time.time()

import os  # noqa: E402
import sys  # noqa: E402

import ui.launch  # noqa: E402,F401  (what `pont` imports before it calls ui.app.run)
from ui import app as ui_app  # noqa: E402
from ui import first_paint  # noqa: E402
from ui.windows import main_window  # noqa: E402

first_paint.marks.update(script_start=T_START, imports=time.time())


def _no_warm_up() -> object:
    return lambda slot: None


if __name__ == "__main__":
    if os.environ.get("PONT_BENCH_NO_WARM_UP"):  # diagnostic variant only
        main_window.warm_up = _no_warm_up
    sys.exit(ui_app.run([first_paint.QUIT_AFTER_FIRST_PAINT]))

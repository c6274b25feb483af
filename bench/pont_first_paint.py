"""P11 measured side: Pont's own start-up up to the first paint of the lock screen, then exit.

Runs the app itself: ``ui.launch.main(["--quit-after-first-paint"])``, the ``pont`` entry
point with the app's benchmark hook, a desktop start like ``pont`` alone. The hook
(``ui/first_paint.py``): at the lock screen's first paint event it lets the paint pass
finish (a zero timer), writes a JSON report to ``PONT_BENCH_REPORT`` (milestones since
``PONT_BENCH_SPAWNED``, every module loaded at ``window.show()`` and at the first paint,
which page the lock screen shows) and leaves with ``os._exit(0)`` — the same exit as
``qt_bare.py``, so teardown is never timed. Nothing is replayed, so nothing can drift
from ``ui/app.py``.

Environment: ``QT_QPA_PLATFORM=offscreen``, ``XDG_CONFIG_HOME`` pointing at a temporary
folder whose ``Pont/Pont.conf`` lists the bench's vault as the recent one.
The worker's warm-up (and the rest of ``MainWindow.on_screen``) starts from a zero timer
queued after the probe's own, so the probe leaves before it: it costs no run anything.
"""

import time

T_START = time.time()

import sys  # noqa: E402

from ui import launch  # noqa: E402  (the `pont` entry point's module; no Qt)

if __name__ == "__main__":
    launch.marks["script_start"] = T_START
    sys.exit(launch.main([launch.QUIT_AFTER_FIRST_PAINT]))

"""P11 measured side: Pont's start-up up to the first paint of the lock screen, then exit.

``ui/app.py`` has no hook to stop after the first paint, so ``main`` below repeats
``ui.app.run`` step by step up to ``app.exec()`` — same imports (``vault.cli``, the
``pont`` entry point, then ``ui.app``), same QApplication set-up, theme, settings,
context, main window, lock screen and the deferred ``warm_up`` — and only adds an event
filter. ``RUN_SOURCE_SHA256`` is the hash of ``ui.app.run``'s source this replica was
written from; the report says whether the app still matches it.

At the first paint event of the lock screen it lets the paint pass finish (a zero timer),
writes a JSON report to ``PONT_BENCH_REPORT`` (milestones, every module loaded at
``window.show()`` and at the first paint, which page the lock screen shows) and leaves
with ``os._exit(0)`` — the same exit as ``qt_bare.py``, so teardown is never timed.
Environment: ``QT_QPA_PLATFORM=offscreen``, ``XDG_CONFIG_HOME`` pointing at a temporary
folder whose ``Pont/Pont.conf`` lists the bench's vault as the recent one.
``PONT_BENCH_NO_WARM_UP=1`` skips the deferred ``warm_up`` (a diagnostic variant that
shows what the worker's imports cost the first paint; the app always runs it).
"""

import time

T_START = time.time()

import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import vault.cli  # noqa: E402,F401  (what `pont` imports before it calls ui.app.run)
from ui import app as ui_app  # noqa: E402

T_IMPORTS = time.time()

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

RUN_SOURCE_SHA256 = "c203361166aa05c28a0af654c7d6473a87b74d1ee74d02a15d985f1855f1d3ef"
HEAVY = ("sqlcipher3", "cryptography", "keyring", "argon2", "vault.vault", "vault.database")
marks = {"script_start": T_START, "imports": T_IMPORTS}
facts: dict = {}


class FirstPaint(QObject):
    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.target = target
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and watched is self.target and event.type() == QEvent.Type.Paint:
            self.seen = True
            marks["first_paint"] = time.time()
            facts["modules_at_first_paint"] = sorted(sys.modules)
            QTimer.singleShot(0, finish)
        return False


def finish() -> None:
    marks["painted"] = time.time()
    path = os.environ.get("PONT_BENCH_REPORT")
    if path:
        import inspect

        spawned = float(os.environ.get("PONT_BENCH_SPAWNED", T_START))
        source = inspect.getsource(ui_app.run).encode("utf-8")
        report = {
            "ms_since_spawn": {k: (v - spawned) * 1e3 for k, v in marks.items()},
            "run_source_sha256": hashlib.sha256(source).hexdigest(),
            "replica_sha256": RUN_SOURCE_SHA256,
            **facts,
        }
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(report, handle)
    os._exit(0)


def main(argv: list[str]) -> int:
    # --- ui.app.run, step by step (keep in step with ui/app.py) ---------------------------
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("Pont")
    app.setApplicationName("Pont")
    app.setApplicationVersion("0.1.0")
    app.setDesktopFileName("org.pont.Pont")
    app.setWindowIcon(ui_app.icon("pont"))
    settings = ui_app.Settings(QSettings())
    ui_app.theme.apply(settings.get(ui_app.keys.THEME))
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    context = ui_app.build_context(settings, native_dialogs=not offscreen)
    from ui.windows.main_window import MainWindow

    window = MainWindow(context)
    if "--demo" in argv:
        ui_app.start_demo(window)
    else:
        window.show_lock_screen(ui_app.initial_folder(settings))
    # --- the bench's only addition: watch the lock screen's first paint ------------------
    probe = FirstPaint(window.lock_screen)
    window.lock_screen.installEventFilter(probe)
    facts["settings_file"] = settings.file_name
    facts["lock_screen_page"] = type(window.lock_screen.stack.currentWidget()).__name__
    facts["vault_folder"] = str(window.lock_screen.folder)
    # --- back to ui.app.run ----------------------------------------------------------------
    window.show()
    marks["shown"] = time.time()
    facts["modules_at_show"] = sorted(sys.modules)
    opened_with = ui_app.file_argument(argv)
    if opened_with is not None:
        ui_app.open_file_argument(window, opened_with)
    if not os.environ.get("PONT_BENCH_NO_WARM_UP"):  # diagnostic variant only
        QTimer.singleShot(0, lambda: context.runner.submit(ui_app.warm_up()))
    QTimer.singleShot(10_000, lambda: os._exit(3))  # safety net: never painted
    return app.exec()


if __name__ == "__main__":
    sys.exit(main([]))

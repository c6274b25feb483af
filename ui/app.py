"""Start the desktop app: the lock screen first, the heavy libraries later.

Only PySide6 and Pont's own light modules load before the first window is shown; the
storage and crypto libraries (``sqlcipher3``, ``cryptography``, ``keyring``) load in the
worker thread right after the lock screen's first paint pass (P11).
``--quit-after-first-paint`` is the benchmark's hook (``ui.first_paint``): exit once that
paint is done.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui import settings as keys
from ui.clipboard import SecretClipboard
from ui.context import AppContext
from ui.dialogs import Dialogs
from ui.first_paint import after_first_paint, quit_after_first_paint
from ui.icons import icon
from ui.launch import QUIT_AFTER_FIRST_PAINT, marks
from ui.ops import OperationRunner
from ui.settings import Settings
from ui.vault_access import VaultOptions


def build_context(
    settings: Settings, options: VaultOptions | None = None, *, native_dialogs: bool = True
) -> AppContext:
    runner = OperationRunner()
    clipboard = SecretClipboard(settings.clipboard_ms)
    return AppContext(
        settings, Dialogs(native=native_dialogs), runner, clipboard, options or VaultOptions()
    )


def initial_folder(settings: Settings) -> Path:
    recent = settings.recent_vaults()
    if recent:
        return recent[0]
    from vault.locations import default_vault_folder

    return default_vault_folder()


def run(argv: Sequence[str]) -> int:
    if QUIT_AFTER_FIRST_PAINT in argv:  # benchmark hook: the imports are done
        marks.setdefault("imports", time.time())
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("Pont")
    app.setApplicationName("Pont")
    app.setApplicationVersion("0.1.0")
    app.setDesktopFileName("org.pont.Pont")  # Wayland app id = packaging/linux desktop entry
    app.setWindowIcon(icon("pont"))
    settings = Settings(QSettings())
    i18n.install(app, settings.get(keys.LANGUAGE))
    scheme = settings.get(keys.THEME)
    if scheme != keys.FOLLOW_SYSTEM:  # the default needs nothing done
        from ui import theme

        theme.apply(scheme)
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    context = build_context(settings, native_dialogs=not offscreen)
    from ui.windows.main_window import MainWindow

    window = MainWindow(context)
    if "--demo" in argv:
        start_demo(window)
    else:
        window.show_lock_screen(initial_folder(settings))
    probe = None
    if QUIT_AFTER_FIRST_PAINT in argv:  # benchmark hook (bench/pont_first_paint.py, P11)
        probe = quit_after_first_paint(window, settings)
    window.show()
    if probe is not None:
        probe.shown()
    after_first_paint(window.lock_screen.first_painted, collect_garbage_again)
    opened_with = file_argument(argv)
    if opened_with is not None:
        open_file_argument(window, opened_with)
    try:
        return app.exec()
    finally:
        if context.demo is not None:
            from ui.demo import remove_demo

            remove_demo(context.demo)


def collect_garbage_again() -> None:
    """Resume the cyclic garbage collector ``ui.launch`` paused for the start, leaving what
    the start made (modules, classes, the windows) out of every later collection."""
    gc.freeze()
    gc.enable()


def file_argument(argv: Sequence[str]) -> Path | None:
    """The file the desktop asked Pont to open (``Exec=pont %f``), if any."""
    files = [a for a in argv if not a.startswith("-")]
    return Path(files[0]) if len(files) == 1 and Path(files[0]).is_file() else None


def open_file_argument(window: object, path: Path) -> None:
    """A packet is verified at once; a request is answered, a confirmation kept, once a
    vault is open."""
    from ui import drops

    kind = drops.kind_of(path)
    if kind == drops.PACKET:
        window.verify_packet(path)  # type: ignore[attr-defined]
    elif kind in (drops.REQUEST, drops.CREDENTIAL):
        lock_screen = window.lock_screen  # type: ignore[attr-defined]

        def answer(_opened: object) -> None:
            lock_screen.opened.disconnect(answer)
            if kind == drops.REQUEST:
                window.answer_request(path)  # type: ignore[attr-defined]
            else:
                window.import_credential(path)  # type: ignore[attr-defined]

        # connected after the window's own handler, so the vault view exists by then
        lock_screen.opened.connect(answer)


def start_demo(window: object) -> None:
    from ui.demo import create_demo, new_demo

    context = window.context  # type: ignore[attr-defined]
    context.demo = new_demo()
    window.show_lock_screen(context.demo.folder, "")  # type: ignore[attr-defined]
    context.runner.submit(create_demo(context.demo, context.options), window.vault_opened)  # type: ignore[attr-defined]

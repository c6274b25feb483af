"""Screenshots of every main screen, from the demo vault, for docs/screenshots/.

Run under a real X server so fonts and styles are those people see:

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python packaging/screenshots.py

(Offscreen also works: ``QT_QPA_PLATFORM=offscreen``.) Writes PNGs of 1000×700.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1000, 700)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Pont")
    app.setApplicationName("Pont")
    from ui import theme
    from ui.app import build_context
    from ui.icons import icon
    from ui.settings import Settings
    from ui.windows.main_window import MainWindow

    app.setWindowIcon(icon("pont"))
    scratch = Path(tempfile.mkdtemp(prefix="pont-shots-"))
    settings = Settings(QSettings(str(scratch / "Pont.ini"), QSettings.Format.IniFormat))
    context = build_context(settings, native_dialogs=False)
    context.watch_screen_lock = False
    window = MainWindow(context)
    window.resize(*SIZE)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    steps = _steps(window, context, scratch, theme)
    _run_steps(steps, app)
    code = app.exec()
    from ui.demo import remove_demo

    if context.demo is not None:
        remove_demo(context.demo)
    return code


def _save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / f"{name}.png"), "PNG", 0)
    print("wrote", OUT / f"{name}.png")


def _steps(
    window: object, context: object, scratch: Path, theme: object
) -> list[tuple[int, Callable[[], None]]]:
    w = window
    lock = w.lock_screen  # type: ignore[attr-defined]

    def welcome() -> None:
        lock.show_for(scratch / "new-vault")
        _save(w, "01-welcome")

    def create() -> None:
        lock.show_create(scratch / "new-vault")
        lock.create.passphrase.edit.setText("kettle orange tuesday lighthouse")
        lock.create.repeat.edit.setText("kettle orange tuesday lighthouse")
        lock.create.meter.update_for("kettle orange tuesday lighthouse")
        _save(w, "02-create-vault")

    def recovery() -> None:
        from datetime import datetime

        from ui.vault_access import Made, Opened

        made = Made(
            Opened(scratch, "demo", False),
            "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
            datetime.now(),
            None,
        )
        lock._created(made)
        _save(w, "03-recovery-key")

    def demo() -> None:
        from ui.app import start_demo

        start_demo(w)

    def record() -> None:
        _save(w, "05-profile-editor")
        view = w.vault_view  # type: ignore[attr-defined]
        view.profile.categories.setCurrentRow(2)

    def addresses() -> None:
        _save(w, "06-address-history")
        view = w.vault_view  # type: ignore[attr-defined]
        view.show_section(view.people)
        view.people.list.setCurrentIndex(view.people.model.index(1))

    def people() -> None:
        _save(w, "07-people-lpa-banner")
        view = w.vault_view  # type: ignore[attr-defined]
        view.show_section(view.profile)
        view.profile.categories.setCurrentRow(1)
        row = next(r for r in view.profile.rows() if r.spec.key == "email")
        row.history_button.click()

    def history() -> None:
        from ui.windows.history import HistoryDialog

        dialog = w.vault_view.profile.findChildren(HistoryDialog)[-1]  # type: ignore[attr-defined]
        dialog.table.selectRow(0)
        _save(dialog, "08-history-dialog")
        dialog.close()
        view = w.vault_view  # type: ignore[attr-defined]
        view.profile.categories.setCurrentRow(3)
        row = next(r for r in view.profile.rows() if r.spec.key == "nhsNumber")
        row.editor.inputs[""].widget.setText("943 476 5918")
        row.validate()

    def invalid() -> None:
        _save(w, "09-inline-validation")
        view = w.vault_view  # type: ignore[attr-defined]
        row = next(r for r in view.profile.rows() if r.spec.key == "nhsNumber")
        row.editor.inputs[""].widget.setText("943 476 5919")
        view.show_section(view.settings)

    def settings_page() -> None:
        _save(w, "10-settings")
        w.vault_view.show_section(w.vault_view.profile)  # type: ignore[attr-defined]
        w._lock_now()  # type: ignore[attr-defined]

    def unlock_wrong() -> None:
        lock.unlock.passphrase.edit.setText("not my passphrase")
        lock.unlock.submit()

    def unlock_error() -> None:
        _save(w, "04-unlock-wrong-passphrase")
        lock.unlock.passphrase.edit.setText(context.demo.passphrase)  # type: ignore[attr-defined]
        lock.unlock.submit()

    def dark() -> None:
        theme.apply("dark")  # type: ignore[attr-defined]

    def dark_shot() -> None:
        _save(w, "11-profile-editor-dark")
        w.vault_view.show_section(w.vault_view.people)  # type: ignore[attr-defined]

    def dark_people() -> None:
        _save(w, "12-people-dark")
        w._quitting = True  # type: ignore[attr-defined]
        w.close()  # type: ignore[attr-defined]
        QApplication.quit()

    return [
        (300, welcome),
        (300, create),
        (300, recovery),
        (300, demo),
        (2500, record),
        (600, addresses),
        (800, people),
        (800, history),
        (800, invalid),
        (600, settings_page),
        (800, unlock_wrong),
        (2000, unlock_error),
        (2500, dark),
        (800, dark_shot),
        (800, dark_people),
    ]


def _run_steps(steps: list[tuple[int, Callable[[], None]]], app: QApplication) -> None:
    elapsed = 0
    for delay, step in steps:
        elapsed += delay
        QTimer.singleShot(elapsed, step)


if __name__ == "__main__":
    raise SystemExit(main())

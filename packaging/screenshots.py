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
    from ui.desktop import RecordingDesktop
    from ui.settings import PACKET_FOLDER

    context.desktop = RecordingDesktop()  # never start a mail client from a screenshot run
    settings.set(PACKET_FOLDER, str(scratch / "Pont packets"))
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
    QApplication.processEvents()  # pending layout requests first, so nothing is clipped
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

    def lock_now() -> None:
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
        *_packet_steps(w, scratch),
        (800, lock_now),
        (800, unlock_wrong),
        (2000, unlock_error),
        (2500, dark),
        (800, dark_shot),
        (800, dark_people),
    ]


def _request_file(scratch: Path) -> Path:
    from vault.requests import RequestedField, new_request

    request = new_request(
        organisation="Example Building Society",
        email="moving@building-society.example",
        purpose="To update the address on your savings account.",
        fields=[
            RequestedField("givenName", True),
            RequestedField("familyName", True),
            RequestedField("birthDate", True, why="To confirm who you are."),
            RequestedField("address", True, why="Your new address."),
            RequestedField("nhsNumber", True),
            RequestedField("telephone", False, why="In case they need to check."),
        ],
        lawful_basis="legal_obligation",
        retention="5 years after the account closes.",
        reference="SAV-20931",
        kind="bank-change-of-address",
    )
    path = scratch / "request-from-building-society.json"
    path.write_bytes(request.to_json())
    return path


def _packet_steps(w: object, scratch: Path) -> list[tuple[int, Callable[[], None]]]:
    """Share, who knows what, tell them once, verify, and carer mode, on the demo vault."""

    def view() -> object:
        return w.vault_view  # type: ignore[attr-defined]

    def wizard() -> object:
        return view().share  # type: ignore[attr-defined]

    def choose_request() -> None:
        w.share()  # type: ignore[attr-defined]
        step = wizard().request_step  # type: ignore[attr-defined]
        step.search.setText("bank")
        step.select_template("bank-change-of-address")
        step.organisation.setEditText("Example Building Society")
        step.email.setText("moving@building-society.example")

    def shot_request() -> None:
        _save(w, "13-share-choose-request")  # type: ignore[arg-type]
        w.answer_request(_request_file(scratch))  # type: ignore[attr-defined]

    def to_fields() -> None:
        wizard().request_step.next_button.click()  # type: ignore[attr-defined]

    def pick_form() -> None:
        fields = wizard().fields_step  # type: ignore[attr-defined]
        fields.row_for("birthDate").choose_form("over_18")
        fields.area.ensureWidgetVisible(fields.row_for("nhsNumber"))

    def shot_fields() -> None:
        _save(w, "14-share-fields-warning")  # type: ignore[arg-type]
        fields = wizard().fields_step  # type: ignore[attr-defined]
        fields.row_for("nhsNumber").tick.setChecked(False)
        fields.next_button.click()

    def shot_preview() -> None:
        _save(w, "15-share-preview")  # type: ignore[arg-type]
        wizard().preview_step.sign_button.click()  # type: ignore[attr-defined]

    def shot_done() -> None:
        _save(w, "16-share-done")  # type: ignore[arg-type]
        view().show_section(view().ledger)  # type: ignore[attr-defined]

    def select_ledger() -> None:
        view().ledger.table.selectRow(0)  # type: ignore[attr-defined]

    def shot_ledger() -> None:
        _save(w, "17-ledger")  # type: ignore[arg-type]
        view().open_record(view().profile.person)  # type: ignore[attr-defined]
        view().profile.categories.setCurrentRow(2)  # type: ignore[attr-defined]

    def move_house() -> None:
        rows = [r for r in view().profile.rows() if r.spec.key == "address"]  # type: ignore[attr-defined]
        rows[-1].editor.inputs["lines"].widget.setPlainText("7 Harbour View")
        rows[-1].editor.inputs["postcode"].widget.setText("YY5 6ZZ")
        view().profile.save()  # type: ignore[attr-defined]

    def shot_banner() -> None:
        _save(w, "18-tell-them-once-banner")  # type: ignore[arg-type]
        view().stale_banner.tell_button.click()  # type: ignore[attr-defined]

    def shot_tell() -> None:
        _save(w, "19-tell-them-once")  # type: ignore[arg-type]
        made = wizard().done_step.result.model.record(0)  # type: ignore[attr-defined]
        view().verify_file(made.files["pdf"])  # type: ignore[attr-defined]

    def shot_valid() -> None:
        _save(w, "20-verify-valid")  # type: ignore[arg-type]
        made = wizard().done_step.result.model.record(0)  # type: ignore[attr-defined]
        data = bytearray(made.files["sd-jwt"].read_bytes())
        signature = data.index(b".", data.index(b".") + 1) + 1
        data[signature + 9] = ord("A") if data[signature + 9] != ord("A") else ord("B")
        tampered = scratch / "tampered.sd-jwt"
        tampered.write_bytes(bytes(data))
        view().verify.check(tampered)  # type: ignore[attr-defined]

    def shot_invalid() -> None:
        _save(w, "21-verify-invalid")  # type: ignore[arg-type]
        wizard().restart()  # type: ignore[attr-defined]
        view().show_section(wizard())  # type: ignore[attr-defined]

    def carer() -> None:
        step = wizard().request_step  # type: ignore[attr-defined]
        step.person.setCurrentIndex(step.person.findText("Arthur Example"))
        step.search.setText("GP")
        step.select_template("gp-registration")
        step.organisation.setEditText("Exampleton Medical Centre")
        step.email.setText("")

    def shot_carer() -> None:
        _save(w, "22-share-carer-mode")  # type: ignore[arg-type]
        wizard().request_step.next_button.click()  # type: ignore[attr-defined]

    def shot_blocked() -> None:
        fields = wizard().fields_step  # type: ignore[attr-defined]
        fields.area.ensureWidgetVisible(fields.row_for("medicalConditions"))
        _save(w, "23-share-carer-health-blocked")  # type: ignore[arg-type]

    return [
        (600, choose_request),
        (800, shot_request),
        (1000, to_fields),
        (1000, pick_form),
        (600, shot_fields),
        (1500, shot_preview),
        (3000, shot_done),
        (1200, select_ledger),
        (500, shot_ledger),
        (1200, move_house),
        (1500, shot_banner),
        (1200, shot_tell),
        (2500, shot_valid),
        (2000, shot_invalid),
        (1200, carer),
        (800, shot_carer),
        (1500, shot_blocked),
    ]


def _run_steps(steps: list[tuple[int, Callable[[], None]]], app: QApplication) -> None:
    elapsed = 0
    for delay, step in steps:
        elapsed += delay
        QTimer.singleShot(elapsed, step)


if __name__ == "__main__":
    raise SystemExit(main())

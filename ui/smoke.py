"""``pont --smoke-test``: prove that a build (frozen or from source) has every part it needs.

It runs headless in a throwaway folder and touches nothing of the person's: a new vault at
the KDF floor, the keyring only for reading which backend there is (unless
``PONT_SMOKE_KEYRING=required``, used in CI's empty keyring, where it also remembers and
forgets a device key), a settings file in the temporary folder. The steps:

1. storage: the vault's engine is SQLCipher (``PRAGMA cipher_version``) and its file does not
   start with the plain SQLite header;
2. keyring: which backend ``vault.device.system_device_keys`` would use, or why none;
3. resources: the field catalogue, the request catalogue, the fonts, the verifier page;
4. packet: an owner with a few fields and an organisation, ``share.prepare``, its preview
   page drawn by PDFium, ``share.send``, and ``verify.verify_file`` says the PDF and the
   SD-JWT are valid;
5. Qt: a ``QApplication``, the app's translations and Qt's own for the shipped language, SVG
   through QtSvg and the icon engine, the main window opening that vault in its worker
   thread, then closing.

Success prints one line starting ``PONT SMOKE OK`` and returns 0; the first failure prints
``PONT SMOKE FAILED: <step>: <what>`` (and the traceback on stderr) and returns 1. It lives
in ``ui/`` because step 5 needs Qt; Qt is imported only there, so steps 1–4 fail clearly
even when the Qt part of a build is what is broken.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

OK = "PONT SMOKE OK"
FAILED = "PONT SMOKE FAILED"
PASSPHRASE = "smoke test kettle lighthouse"  # noqa: S105 (a throwaway vault, deleted at once)
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
KEYRING_ENV = "PONT_SMOKE_KEYRING"  # "required": fail without a trusted backend, round-trip it
PLATFORM_ENV = "PONT_SMOKE_PLATFORM"  # Qt platform to use instead of "offscreen" (e.g. xcb)
QT_LANGUAGES = ("en",)  # Qt's own catalogues the bundle keeps (packaging/pont.spec LANGUAGES)
WINDOW_TIMEOUT_MS = 60_000


class SmokeFailure(Exception):
    """A step found something missing or wrong."""


class Smoke:
    """The state the steps share: the temporary folder, the vault, and what was found."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.folder = scratch / "vault"
        self.details: list[str] = []
        self.org_audience = ""

    def note(self, text: str) -> None:
        self.details.append(text)


def run_smoke_test(out: TextIO | None = None) -> int:
    """Run every step; print the marker line; 0 when all passed, 1 otherwise."""
    out = out or sys.stdout
    started = time.perf_counter()
    steps: list[tuple[str, Callable[[Smoke], None]]] = [
        ("storage", _storage),
        ("keyring", _keyring),
        ("resources", _resources),
        ("packet", _packet),
        ("qt", _qt),
    ]
    with tempfile.TemporaryDirectory(prefix="pont-smoke-") as scratch:
        smoke = Smoke(Path(scratch))
        smoke.note("frozen" if getattr(sys, "frozen", False) else "source")
        for name, step in steps:
            try:
                step(smoke)
            except Exception as error:  # every failure becomes the marker line
                traceback.print_exc(file=sys.stderr)
                out.write(f"{FAILED}: {name}: {type(error).__name__}: {error}\n")
                out.flush()
                return 1
    smoke.note(f"{time.perf_counter() - started:.2f}s")
    out.write(f"{OK} {'; '.join(smoke.details)}\n")
    out.flush()
    return 0


def _check(condition: object, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)


# -- 1. storage ------------------------------------------------------------------------


def _storage(smoke: Smoke) -> None:
    from vault._crypto import KDF_FLOOR
    from vault.vault import DATABASE, Vault

    created = Vault.create(smoke.folder, PASSPHRASE, kdf=KDF_FLOOR)
    with created.vault as vault:
        row = vault.connection.execute("PRAGMA cipher_version").fetchone()
        _check(row and row[0], "PRAGMA cipher_version is empty: the engine is not SQLCipher")
        version = str(row[0])
    header = (smoke.folder / DATABASE).read_bytes()[:16]
    _check(len(header) == 16, "the vault database is empty")
    _check(header != PLAIN_SQLITE_HEADER, "the vault database has a plain SQLite header")
    smoke.note(f"SQLCipher {version}, file encrypted")


# -- 2. keyring ------------------------------------------------------------------------


def _keyring(smoke: Smoke) -> None:
    import keyring

    from vault.device import TRUSTED_BACKENDS, system_device_keys
    from vault.errors import KeyringUnavailable
    from vault.vault import Vault

    required = os.environ.get(KEYRING_ENV) == "required"
    try:
        chosen = keyring.get_keyring()
        leaves = list(getattr(chosen, "backends", None) or [chosen])
        names = [f"{type(b).__module__}.{type(b).__qualname__}" for b in leaves]
        keys = system_device_keys()
    except KeyringUnavailable as error:
        _check(not required, f"no trusted keyring backend ({error.reason})")
        smoke.note(f"keyring unavailable: {error.reason}")
        return
    trusted = next(n for n in names if n in TRUSTED_BACKENDS)
    if not required:
        smoke.note(f"keyring {trusted.removeprefix('keyring.backends.')}")
        return
    # Remember this device, unlock with it alone, forget it: the keyring really works.
    with Vault.open(smoke.folder, PASSPHRASE) as vault:
        vault.remember_on_device(keys)
    with Vault.open_with_device(smoke.folder, keys) as vault:
        forgotten = vault.forget_device(keys)
    _check(forgotten == 1, f"forgetting the device removed {forgotten} keys, not 1")
    smoke.note(f"keyring {trusted.removeprefix('keyring.backends.')} (stored, unlocked, forgot)")


# -- 3. resources ----------------------------------------------------------------------


def _resources(smoke: Smoke) -> None:
    from vault.catalogue import load_catalogue
    from vault.requests import request_catalogue

    fields = load_catalogue().fields()
    _check(fields, "the field catalogue is empty")
    templates = request_catalogue()
    _check(templates, "the request catalogue is empty")
    shipped = resources.files("resources")
    fonts = [f for f in (shipped / "fonts").iterdir() if f.name.endswith(".ttf")]
    _check(fonts, "no fonts in resources/fonts")
    for font in fonts:
        _check(font.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true"), f"{font.name} is no TTF")
    page = (shipped / "verifier.html").read_text(encoding="utf-8")
    _check("<html" in page and "</html>" in page, "verifier.html is incomplete")
    smoke.note(
        f"{len(fields)} fields, {len(templates)} request templates, {len(fonts)} fonts, "
        f"verifier.html {len(page) // 1024} KiB"
    )


# -- 4. packet -------------------------------------------------------------------------


def _packet(smoke: Smoke) -> None:
    from ui.pdf_pages import render_pages
    from vault.share import Selection, ShareOrder, audience_of, prepare, preview_pdf, send
    from vault.vault import Vault
    from vault.verify import Checks, verify_file

    with Vault.open(smoke.folder, PASSPHRASE) as vault:
        owner = vault.people.add("Ada Smoke", "owner").person
        vault.profiles.set_many(
            owner.id,
            {"givenName": "Ada", "familyName": "Smoke", "email": "ada@example.org"},
        )
        organisation = vault.organisations.add(
            "Smoke Test Council", "council@example.org"
        ).organisation
        order = ShareOrder(
            person_id=owner.id,
            organisation_id=organisation.id,
            purpose="Checking that this build of Pont works",
            selections=(Selection("givenName"), Selection("familyName")),
            reference="SMOKE-1",
        )
        prepared = prepare(vault, order)
        pages = render_pages(preview_pdf(prepared))
        shared = send(vault, prepared, smoke.scratch / "out")
        audience = audience_of(organisation)
    _check(len(pages) == 1 and b"\x00" in pages[0].pixels, "PDFium drew no preview page")
    checks = Checks(now=datetime.now(UTC), audience=audience, nonce="SMOKE-1")
    for kind in ("pdf", "sd-jwt"):
        _check(kind in shared.files, f"no {kind} file was written")
        verdict = verify_file(shared.files[kind], checks)
        _check(verdict.valid, f"the {kind} does not verify: {verdict.reason} {verdict.detail}")
        _check(
            verdict.packet is not None and verdict.packet.disclosed,
            f"the {kind} discloses nothing",
        )
    _check("email" in shared.files, "no email draft was written")
    size = shared.files["pdf"].stat().st_size
    smoke.note(
        f"packet previewed (PDFium), signed and verified (PDF {size // 1024} KiB, SD-JWT, "
        "email draft)"
    )


# -- 5. Qt -----------------------------------------------------------------------------


def _qt(smoke: Smoke) -> None:
    os.environ["QT_QPA_PLATFORM"] = os.environ.get(PLATFORM_ENV) or "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QImageReader, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    app = QApplication.instance() or QApplication([sys.argv[0]])
    shipped = resources.files("resources")

    loaded = []
    for language in i18n.available_languages()[1:]:  # every compiled catalogue, as the app
        installed = i18n.install(app, language)
        name = f"pont_{language}"
        _check(installed and installed[0].filePath().endswith(f"{name}.qm"), f"{name} fails")
        loaded.append(name)
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for language in QT_LANGUAGES:
        translator = QTranslator(app)
        _check(
            translator.load(f"qtbase_{language}", str(qt_folder)),
            f"Qt's qtbase_{language}.qm does not load from {qt_folder}",
        )
        loaded.append(f"qtbase_{language}")

    for font in (f for f in (shipped / "fonts").iterdir() if f.name.endswith(".ttf")):
        _check(QFontDatabase.addApplicationFont(str(font)) != -1, f"Qt cannot load {font.name}")

    _check(b"svg" in QImageReader.supportedImageFormats(), "no SVG image format plugin")
    renderer = QSvgRenderer(str(shipped / "icons" / "pont.svg"))
    _check(renderer.isValid(), "QtSvg cannot read icons/pont.svg")
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    _check(image.pixelColor(32, 8).alpha() > 0, "icons/pont.svg rendered nothing")

    from ui.icons import icon  # type: ignore[import-not-found, unused-ignore]

    _check(not icon("pont").pixmap(48, 48).isNull(), "the SVG icon engine gave no pixmap")
    opened = _main_window(smoke, app)
    smoke.note(
        f"Qt {pyside_version} on {QGuiApplication.platformName()}, "
        f"translations {'+'.join(loaded)}, SVG icons, main window opened the vault ({opened})"
    )


def _main_window(smoke: Smoke, app: Any) -> str:
    """Open the throwaway vault in the real main window, through its worker thread."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ui import vault_access  # type: ignore[import-not-found, unused-ignore]
    from ui.app import build_context  # type: ignore[import-not-found, unused-ignore]
    from ui.settings import Settings  # type: ignore[import-not-found, unused-ignore]
    from ui.windows.main_window import MainWindow  # type: ignore[import-not-found, unused-ignore]
    from vault._crypto import KDF_FLOOR

    settings = Settings.at(smoke.scratch / "settings" / "Pont.ini")
    options = vault_access.VaultOptions(creation_kdf=KDF_FLOOR)
    context = build_context(settings, options, native_dialogs=False)
    context.watch_screen_lock = False
    window = MainWindow(context)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def opened(result: Any) -> None:
        window.vault_opened(result)
        outcome["opened"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    try:
        window.show_lock_screen(smoke.folder)
        window.show()
        app.processEvents()
        context.runner.submit(
            vault_access.unlock(smoke.folder, PASSPHRASE, options), opened, failed
        )
        QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
        loop.exec()
        app.processEvents()
        if "error" in outcome:
            raise SmokeFailure(f"the window could not open the vault: {outcome['error']!r}")
        _check("opened" in outcome, "the window did not open the vault in time")
        _check(window.vault_view is not None, "the window shows no vault after opening it")
        shown = type(window.stack.currentWidget()).__name__
    finally:
        window.close()
        context.runner.shutdown()
        window.deleteLater()
        app.processEvents()
    return shown

"""The pieces under every screen: strength meter, messages, settings, the runner, P11 imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ui import messages
from ui.ops import OperationRunner
from ui.strength import Strength, strength
from vault.errors import InvalidInput, KeyringUnavailable, VaultDamaged, WrongPassphrase

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("password", Strength.WEAK),
        ("Password1!", Strength.WEAK),
        ("aaaaaaaaaaaaaaaaaaaa", Strength.WEAK),
        ("abcdefghijkl", Strength.WEAK),
        ("bluehouse7", Strength.FAIR),
        ("correct horse battery staple", Strength.STRONG),
        ("ünïcödé wörds ãre fine tôo", Strength.STRONG),
        ("x" * 5 + "long passphrase with many words " * 40, Strength.STRONG),
    ],
)
def test_strength(passphrase: str, expected: Strength) -> None:
    assert strength(passphrase) is expected


def test_messages_are_plain_and_specific() -> None:
    assert messages.describe(InvalidInput("nhsNumber", "check_digit")) == (
        "This NHS number's last digit doesn't match — please check it"
    )
    assert "backup" in messages.describe(VaultDamaged("database", "integrity"))
    assert "reset" not in messages.describe(VaultDamaged("database", "integrity")).lower()
    assert messages.describe(WrongPassphrase()) == "That passphrase is not right. Please try again."
    assert "passphrase" in messages.describe(KeyringUnavailable("untrusted_backend"))
    assert messages.describe(RuntimeError("secret detail")) == (
        "Something went wrong inside Pont. Nothing you saved was lost."
    )


def test_runner_delivers_results_and_errors_on_the_gui_thread(qtbot: Any) -> None:
    import threading

    runner = OperationRunner()
    seen: list[Any] = []
    gui = threading.get_ident()
    runner.submit(lambda slot: threading.get_ident(), lambda worker: seen.append(worker != gui))
    runner.submit(lambda slot: slot.vault, None, lambda error: seen.append(type(error).__name__))
    qtbot.waitUntil(lambda: runner.is_idle)
    runner.shutdown()
    assert seen == [True, "VaultLocked"]


def test_lock_screen_path_does_not_import_storage_or_crypto() -> None:
    """P11: the first window comes up before sqlcipher3, cryptography and keyring load."""
    code = (
        "import sys, ui.app, ui.windows.main_window;"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlcipher3', 'cryptography', 'keyring', 'fpdf', 'platformdirs')];"
        "print(heavy)"
    )
    root = Path(__file__).parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.strip() == "[]"

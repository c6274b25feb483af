"""The frozen app (PyInstaller one-dir) and the smoke test it runs.

* ``test_smoke_test_from_source`` always runs: ``ui.smoke.run_smoke_test()`` in a fresh
  interpreter, the same checks the frozen app makes on itself.
* ``test_frozen_smoke_test`` runs ``dist/pont/pont --smoke-test`` (or ``$PONT_FROZEN_BUNDLE``)
  inside a private D-Bus session with an unlocked gnome-keyring. Without a bundle it skips,
  except in CI with ``PONT_FROZEN`` set, where the bundle was built first and must be there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("PONT_FROZEN_BUNDLE") or ROOT / "dist" / "pont")
MARKER = "PONT SMOKE OK"

KEYRING_SESSION = r"""
set -eu
export HOME="$1" XDG_CONFIG_HOME="$1/.config" XDG_DATA_HOME="$1/.local/share" \
  XDG_CACHE_HOME="$1/.cache" XDG_RUNTIME_DIR="$1/run"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'smoke-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL PONT_SMOKE_KEYRING=required
shift
exec "$@"
"""


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("PONT_SMOKE_KEYRING", None)
    return env


def test_smoke_test_from_source(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", "import sys, ui.smoke; sys.exit(ui.smoke.run_smoke_test())"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(MARKER + " source;"), done.stdout
    for part in ("SQLCipher", "file encrypted", "signed and verified", "PDFium", "main window"):
        assert part in done.stdout


def test_smoke_test_reports_a_failure(tmp_path: Path) -> None:
    # The marker line is printed only when every step passed: a broken step says which.
    env = _clean_env(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    probe = (
        "import sys, ui.smoke as s\n"
        "def broken(smoke): raise s.SmokeFailure('planted')\n"
        "s._resources = broken\n"
        "sys.exit(s.run_smoke_test())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert MARKER not in done.stdout
    assert "PONT SMOKE FAILED: resources: SmokeFailure: planted" in done.stdout


@pytest.mark.frozen
def test_frozen_smoke_test(tmp_path: Path) -> None:
    exe = BUNDLE / ("pont-cli.exe" if sys.platform == "win32" else "pont")
    if not exe.exists():
        if os.environ.get("CI") and os.environ.get("PONT_FROZEN"):
            pytest.fail(f"PONT_FROZEN is set but there is no bundle at {BUNDLE}")
        pytest.skip("no frozen bundle (bash packaging/build.sh)")
    tools = [shutil.which("dbus-run-session"), shutil.which("gnome-keyring-daemon")]
    if not all(tools):
        pytest.skip("dbus-run-session and gnome-keyring-daemon are needed")
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "bash",
            "-c",
            KEYRING_SESSION,
            "session",
            str(tmp_path / "home"),
            str(exe),
            "--smoke-test",
        ],
        env=_clean_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(MARKER + " frozen;"), done.stdout
    assert "keyring SecretService.Keyring (stored, unlocked, forgot)" in done.stdout

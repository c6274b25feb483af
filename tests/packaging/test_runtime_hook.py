"""Pont's PySide6 run-time hook (packaging/hooks): Qt's paths at start, no Qt until it is used.

The hook runs in a fresh interpreter as PyInstaller runs it (``sys._MEIPASS`` set, PyInstaller's
``_pyi_rth_utils`` importable), with the real PySide6. The frozen test checks the built bundle:
``pont --help`` maps no Qt library into the process (LD_DEBUG lists every library loaded).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "packaging" / "hooks"
HOOK = HOOKS / "rthooks" / "pyi_rth_pont_pyside6.py"
BUNDLE = Path(os.environ.get("PONT_FROZEN_BUNDLE") or ROOT / "dist" / "pont")

PROBE = r"""
import json, os, runpy, sys
sys._MEIPASS = sys.argv[2]
sys.path.insert(0, sys.argv[3])  # PyInstaller's fake-modules: the real _pyi_rth_utils
from _pyi_rth_utils import qt as qt_rth_utils

calls = []
real = qt_rth_utils.create_embedded_qt_conf
def recorded(bindings, prefix):
    calls.append([bindings, prefix, "PySide6.QtCore" in sys.modules])
    return real(bindings, prefix)
qt_rth_utils.create_embedded_qt_conf = recorded

runpy.run_path(sys.argv[1], run_name="__main__")
state = {"qt_at_start": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))),
         "plugins": os.environ.get("QT_PLUGIN_PATH"), "calls_at_start": len(calls)}
if sys.argv[4] == "use-qt":
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QFile
    state["watchers_left"] = sum(type(f).__name__ == "_AfterQtCore" for f in sys.meta_path)
    state["qt_conf"] = QFile.exists(":/qt/etc/qt.conf")
    app = QApplication(["probe", "-platform", "offscreen"])
    state["widget_app"] = type(app).__name__
state["calls"] = calls
print(json.dumps(state))
"""


def _fake_modules() -> Path:
    pyinstaller = pytest.importorskip("PyInstaller", reason="the `build` extra is not installed")
    return Path(pyinstaller.__file__).parent / "fake-modules"


def _run_hook(tmp_path: Path, mode: str) -> dict[str, object]:
    import json

    env = {k: v for k, v in os.environ.items() if k != "QT_PLUGIN_PATH"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(HOOK), str(tmp_path), str(_fake_modules()), mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_rthooks_dat_replaces_pyinstallers_pyside6_hook() -> None:
    table = ast.literal_eval(
        "\n".join(
            line
            for line in (HOOKS / "rthooks.dat").read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        )
    )
    assert table == {"PySide6": [HOOK.name]}
    spec = (ROOT / "packaging" / "pont.spec").read_text(encoding="utf-8")
    assert 'hookspath=[str(ROOT / "packaging" / "hooks")]' in spec


def test_hook_sets_qt_paths_without_importing_qt(tmp_path: Path) -> None:
    state = _run_hook(tmp_path, "no-qt")
    assert state["qt_at_start"] == []
    assert state["plugins"] == str(tmp_path / "PySide6" / "Qt" / "plugins")
    assert state["calls"] == []  # nothing asked for Qt, so nothing of Qt ran


def test_qt_conf_step_runs_once_when_qt_is_first_imported(tmp_path: Path) -> None:
    state = _run_hook(tmp_path, "use-qt")
    assert state["qt_at_start"] == []
    assert state["calls_at_start"] == 0
    # once, for PySide6 and the bundle's Qt folder, with QtCore already loaded
    assert state["calls"] == [["PySide6", str(tmp_path / "PySide6" / "Qt"), True]]
    assert state["watchers_left"] == 0
    assert state["qt_conf"] is True
    assert state["widget_app"] == "QApplication"


@pytest.mark.frozen
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_DEBUG is glibc's")
def test_frozen_command_line_loads_no_qt(tmp_path: Path) -> None:
    exe = BUNDLE / "pont"
    if not exe.exists():
        if os.environ.get("CI") and os.environ.get("PONT_FROZEN"):
            pytest.fail(f"PONT_FROZEN is set but there is no bundle at {BUNDLE}")
        pytest.skip("no frozen bundle (bash packaging/build.sh)")
    env = dict(os.environ, HOME=str(tmp_path), LD_DEBUG="files")
    done = subprocess.run(
        [str(exe), "--help"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage: pont" in done.stdout
    loaded = [line for line in done.stderr.splitlines() if "file=" in line]
    assert any("libpython3" in line for line in loaded)  # LD_DEBUG did list the libraries
    assert not [line for line in loaded if "Qt6" in line or "pyside6" in line.lower()]

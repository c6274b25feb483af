"""The core never loads Qt: a fresh interpreter imports every ``vault`` module and the CLI,
and runs ``pont --help`` through the ``pont`` entry point (``ui.launch``)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = r"""
import importlib, json, pkgutil, sys
import vault
names = ["vault"]
for module in pkgutil.walk_packages(vault.__path__, "vault."):
    importlib.import_module(module.name)
    names.append(module.name)
import contextlib, io
import vault.cli, vault.cli_commands, ui.launch
vault.cli.build_parser().parse_args(["person", "list"])
with contextlib.redirect_stdout(io.StringIO()) as shown:
    assert ui.launch.main(["--help"]) == 0
assert "verify" in shown.getvalue()
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_core_and_cli_do_not_import_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["qt"] == []
    # the walk really reached the whole package, the CLI included
    assert {"vault.cli", "vault.cli_commands", "vault.vault", "vault.backup"} <= set(
        report["imported"]
    )
    assert any(name.startswith("vault.packets.") for name in report["imported"])


def test_probe_would_notice_qt() -> None:
    # The check itself can fail: a Qt module in sys.modules is reported. (A stand-in module
    # rather than the real PySide6 import, which takes a couple of seconds.)
    plant = "import types; sys.modules['PySide6.QtCore'] = types.ModuleType('PySide6.QtCore')\n"
    probe = PROBE.replace("import vault\n", "import vault\n" + plant, 1)
    assert plant in probe
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "PySide6.QtCore" in json.loads(done.stdout)["qt"]

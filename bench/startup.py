"""P11 cold start to the lock screen (DESIGN.md §8), whole fresh processes, interleaved A/B.

Measured: ``bench/pont_first_paint.py`` (the ``pont`` entry point, ``ui.launch.main``, with
the app's ``--quit-after-first-paint`` hook: exit right after the lock screen's first paint).
Baseline: ``bench/qt_bare.py`` (a QMainWindow with a label). Both leave with
``os._exit(0)`` right after their first paint pass, so whole-process wall time is "spawn
to first paint" plus the kernel's process teardown, the same on both sides. Each run is
a new interpreter; the runs alternate A/B (order reversed every other repeat, as every
other target) after warm-up runs that fill the OS page cache; ratio = median of the
paired per-repeat ratios.

Every child gets ``QT_QPA_PLATFORM=offscreen`` and ``XDG_CONFIG_HOME`` set to a temporary
folder whose ``Pont/Pont.conf`` names a real vault (made at the KDF floor) as the recent
one, so the app shows its unlock page and no real settings are read or written.
``PYTHONPYCACHEPREFIX`` points into the scratch folder (and ``PYTHONDONTWRITEBYTECODE`` is
dropped) so the warm-up runs leave compiled bytecode there, as an installed app has it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import interleaved, paired, summary
from targets import _row

HERE = Path(__file__).resolve().parent
BARE = HERE / "qt_bare.py"
PONT = HERE / "pont_first_paint.py"
# Top-level packages that must not be imported before the first paint (DESIGN.md §8 P11).
HEAVY = ("sqlcipher3", "cryptography", "keyring", "argon2", "secretstorage", "jeepney")
# Pont's own modules that pull those in (the storage and packet layers).
HEAVY_OWN = ("vault.vault", "vault.database", "vault._crypto", "vault.packets")


def write_settings(env: dict[str, str], vault_folder: Path) -> str:
    """Make the temporary Pont.conf with ``vault_folder`` as the recent vault (via the UI's
    own ``Settings``, in a child process with the same environment)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication, QSettings\n"
        "from ui.settings import Settings\n"
        "QCoreApplication.setOrganizationName('Pont')\n"
        "QCoreApplication.setApplicationName('Pont')\n"
        "store = QSettings()\n"
        "Settings(store).add_recent_vault(Path(sys.argv[1]))\n"
        "store.sync()\n"
        "print(store.fileName())\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(vault_folder)], env=env,
                          capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    return done.stdout.strip()


def _heavy(modules: list[str]) -> list[str]:
    return sorted(
        m for m in modules
        if m.split(".")[0] in HEAVY or any(m == h or m.startswith(h + ".") for h in HEAVY_OWN)
    )  # fmt: skip


def p11_cold_start(scratch: Path, vault_folder: Path, repeats: int, warmup: int) -> dict[str, Any]:
    config = scratch / "p11-config"
    config.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config),
           "PYTHONPYCACHEPREFIX": str(scratch / "p11-pycache"),
           "PYTHONFAULTHANDLER": "1"}  # fmt: skip
    # Bytecode is cached (in the scratch folder, never beside the sources), as an installed
    # or frozen app has it: without it every start recompiles Pont's modules (~25 ms here).
    bytecode_was_off = env.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    env.pop("PONT_VAULT", None)
    settings_file = write_settings(env, vault_folder)
    reports: dict[str, list[dict[str, Any]]] = {}
    cpu: dict[str, list[float]] = {}
    rss: dict[str, list[float]] = {}

    crashes: list[dict[str, Any]] = []

    def launch(name: str, script: Path, extra: dict[str, str], index: int) -> float | None:
        report = scratch / f"p11-{name}.json"
        errors = scratch / f"p11-{name}.stderr"
        report.unlink(missing_ok=True)
        child_env = {**env, **extra, "PONT_BENCH_REPORT": str(report)}
        child_env["PONT_BENCH_SPAWNED"] = repr(time.time())
        with errors.open("wb") as stderr:
            start = time.perf_counter()
            process = subprocess.Popen([sys.executable, str(script)], env=child_env,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=stderr)  # fmt: skip
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0 or not report.exists():
            tail = errors.read_text("utf-8", "replace")[-3000:]
            crashes.append({"config": name, "repeat": index, "exit": code, "stderr": tail})
            return None
        if index >= 0:
            reports.setdefault(name, []).append(json.loads(report.read_text("utf-8")))
            cpu.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
            rss.setdefault(name, []).append(usage.ru_maxrss / 1024)
        return wall

    def launcher(name: str, script: Path, extra: dict[str, str]) -> Any:
        def run(index: int) -> float:
            # A run that dies (it has happened: SIGSEGV once in ~100) is recorded and
            # started again; a second failure in a row stops the bench.
            for _ in range(2):
                wall = launch(name, script, extra, index)
                if wall is not None:
                    return wall
            raise RuntimeError(f"{script.name} failed twice: {crashes[-1]}")

        return run

    samples = interleaved(
        {
            "bare": launcher("bare", BARE, {}),
            "pont": launcher("pont", PONT, {}),
        },
        repeats,
        warmup,
    )

    def mark(name: str, key: str) -> float:
        return summary([r["ms_since_spawn"][key] for r in reports[name]])["median"]

    def milestones(name: str) -> str:
        return (f"spawn→script {mark(name, 'script_start'):.0f} ms, imports done "
                f"{mark(name, 'imports'):.0f}, shown {mark(name, 'shown'):.0f}, first paint "
                f"{mark(name, 'first_paint'):.0f}")  # fmt: skip

    pont_reports = reports["pont"]
    at_show = sorted({m for r in pont_reports for m in _heavy(r["modules_at_show"])})
    at_paint = sorted({m for r in pont_reports for m in _heavy(r["modules_at_first_paint"])})
    pages = sorted({r["lock_screen_page"] for r in pont_reports})
    qt_built = sum(bool(r.get("qt_namespace_at_first_paint")) for r in pont_reports)
    runs_app = all(r.get("runs_app") for r in pont_reports)
    to_paint = {
        name: [r["ms_since_spawn"]["first_paint"] / 1e3 for r in reports[name]] for name in reports
    }
    ratio = paired(samples["pont"], samples["bare"])
    bare_label = "bench/qt_bare.py: QMainWindow + QLabel, exit at first paint"
    rows = [
        _row(
            "P11",
            "cold start to the lock screen: fresh `python bench/pont_first_paint.py` (ui.launch."
            "main --quit-after-first-paint: the unlock page's first paint, then os._exit), "
            "whole-process wall",
            bare_label,
            summary(samples["bare"]),
            summary(samples["pont"]),
            ratio,
            "≤ 1.25×",
            ratio["median"] <= 1.25,
            note=f"Pont {milestones('pont')}; bare {milestones('bare')}. Heavy modules "
            f"imported by window.show(): {', '.join(at_show) or 'none'}; by the first paint: "
            f"{', '.join(at_paint) or 'none'} (the deferred warm_up worker may already be "
            f"importing); PySide's Qt namespace built by the first paint in {qt_built} of "
            f"{len(pont_reports)} runs; lock screen page {'/'.join(pages)}; ui.app.run itself (its "
            f"--quit-after-first-paint hook): {'yes' if runs_app else 'NO'}; runs that died and "
            f"were started again: {_crash_text(crashes)}",
        ),
        _row(
            "P11 spawn→paint",
            "the same runs, spawn to the lock screen's first paint event (wall clock "
            "passed from the parent; excludes process teardown)",
            "qt_bare.py, spawn to its first paint event",
            summary(to_paint["bare"]),
            summary(to_paint["pont"]),
            paired(to_paint["pont"], to_paint["bare"]),
            "—",
            None,
        ),
    ]
    rows[0]["modules"] = {
        "heavy_at_show": at_show,
        "heavy_at_first_paint": at_paint,
        "count_at_show": summary([len(r["modules_at_show"]) for r in pont_reports])["median"],
        "count_bare": summary([len(r["modules"]) for r in reports["bare"]])["median"],
        "all_at_show": pont_reports[-1]["modules_at_show"],
    }
    rows[0]["cpu_s"] = {name: summary(v) for name, v in cpu.items()}
    rows[0]["peak_rss_mib"] = {name: summary(v) for name, v in rss.items()}
    rows[0]["crashes"] = crashes
    rows[0]["lock_screen_page"] = pages
    rows[0]["runs_app"] = runs_app
    rows[0]["settings_file"] = settings_file
    rows[0]["bytecode"] = {"cache": env["PYTHONPYCACHEPREFIX"],
                           "PYTHONDONTWRITEBYTECODE_was_set": bytecode_was_off}  # fmt: skip
    return {"rows": rows}


def _crash_text(crashes: list[dict[str, Any]]) -> str:
    if not crashes:
        return "none"
    return "; ".join(f"{c['config']} repeat {c['repeat']} exit {c['exit']}" for c in crashes)

"""P13: the frozen app starts within 1.15 x the time the same code takes from source.

    python packaging/bench_start.py [--bundle dist/pont] [-n 15] [-w 2] [--report FILE]

Whole processes timed from outside (the method of reference/perf/proc_bench.py): for each
pair, the frozen command (A) and the same entry point run by the build venv's Python from
this checkout (B), interleaved A B A B ..., after warm-up runs; the ratio quoted is the
median of the per-pair ratios A/B.

* ``--help``: the bootloader and interpreter start, Pont's command line, nothing else;
* ``--smoke-test``: every library loaded and used (SQLCipher, keyring, pyHanko, fpdf, Qt
  and the main window opening a vault) — see ui/smoke.py.

Both run with QT_QPA_PLATFORM=offscreen, no D-Bus session (the keyring lookup fails fast
the same way for both), and the same empty HOME.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.15


@dataclass
class Pair:
    label: str
    frozen: list[float]
    source: list[float]
    frozen_cpu: list[float]
    source_cpu: list[float]

    @property
    def ratio(self) -> float:
        return paired_ratio(self.frozen, self.source)

    @property
    def cpu_ratio(self) -> float:
        return paired_ratio(self.frozen_cpu, self.source_cpu)


def paired_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one whole process."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False, timeout=300
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout.decode()}")
    return elapsed, children_cpu() - cpu


def measure(
    label: str, frozen: list[str], source: list[str], env: dict[str, str], n: int, w: int
) -> Pair:
    for _ in range(w):
        run(frozen, env)
        run(source, env)
    pair = Pair(label, [], [], [], [])
    for _ in range(n):
        wall, cpu = run(frozen, env)
        pair.frozen.append(wall)
        pair.frozen_cpu.append(cpu)
        wall, cpu = run(source, env)
        pair.source.append(wall)
        pair.source_cpu.append(cpu)
    return pair


def spread(xs: list[float]) -> str:
    return f"{statistics.median(xs):.3f} s [{min(xs):.3f}–{max(xs):.3f}]"


def bundle_bytes(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*")) + bundle.lstat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "pont")
    parser.add_argument("--python", default=sys.executable, help="the build venv's python")
    parser.add_argument("-n", type=int, default=15)
    parser.add_argument("-w", "--warmup", type=int, default=2)
    parser.add_argument("--report", type=Path, help="also write the figures as Markdown here")
    args = parser.parse_args()
    exe = args.bundle / "pont"
    if not exe.exists():
        raise SystemExit(f"no bundle at {args.bundle} (bash packaging/build.sh)")
    home = tempfile.mkdtemp(prefix="pont-p13-")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(
        HOME=home,
        XDG_CONFIG_HOME=f"{home}/.config",
        XDG_DATA_HOME=f"{home}/.local/share",
        XDG_RUNTIME_DIR=home,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),  # the source run takes Pont from this checkout, as the spec does
    )
    launcher = str(ROOT / "packaging" / "launch.py")
    pairs = [
        measure(f"pont {a}", [str(exe), a], [args.python, launcher, a], env, args.n, args.warmup)
        for a in ("--help", "--smoke-test")
    ]
    size = bundle_bytes(args.bundle)
    lines = [
        "| Command | frozen (A) median [min–max] | from source (B) | A/B (paired median) |"
        " target | | CPU frozen / source (median) | CPU A/B (paired median) |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for pair in pairs:
        verdict = "meets" if pair.ratio <= TARGET else "MISSES"
        lines.append(
            f"| `{pair.label}` | {spread(pair.frozen)} | {spread(pair.source)} | "
            f"**{pair.ratio:.2f}** | ≤ {TARGET} | {verdict} | "
            f"{statistics.median(pair.frozen_cpu):.3f} / {statistics.median(pair.source_cpu):.3f} s"
            f" | {pair.cpu_ratio:.2f} |"
        )
    table = "\n".join(lines)
    print(table)
    print(f"bundle: {size} bytes ({size / 1e6:.1f} MB)")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load}")
    if args.report:
        args.report.write_text(
            REPORT.format(
                date=datetime.now().astimezone().isoformat(timespec="minutes"),
                machine=f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                f"Python {platform.python_version()}",
                n=args.n,
                w=args.warmup,
                table=table,
                size=size,
                size_mb=size / 1e6,
                load=load,
            ),
            encoding="utf-8",
        )
    return 0 if all(p.ratio <= TARGET for p in pairs) else 1


REPORT = """# P13: frozen start vs from source

Generated by `packaging/bench_start.py` on {date} ({machine}).
Load average (1, 5, 15 min) at the end: {load}. Whole processes, A and B interleaved, {n}
counted runs after {w} warm-ups each; the ratio is the median of the per-pair ratios. Target
(DESIGN.md §8 P13): one-dir, ≤ 1.15 × from source, by wall clock. CPU is the process's user +
system time (getrusage), which a loaded machine disturbs less than the wall clock.

{table}

- A: `dist/pont/pont ARGS` (PyInstaller one-dir, `packaging/pont.spec`).
- B: `PYTHON packaging/launch.py ARGS` (`--python`, by default the Python running the
  benchmark), the same entry point and code, with Pont from this checkout.
- `--smoke-test` does real work as well (three Argon2id derivations at the floor, a signed
  PDF, the main window opening the vault), the same in A and B.
- Bundle: {size} bytes ({size_mb:.1f} MB) by `du -sb`-style byte count; budget
  `packaging/BUDGET`.
"""


if __name__ == "__main__":
    sys.exit(main())

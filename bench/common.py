"""Timing and reporting helpers for Pont's benchmark (standard library only).

Method (after ``reference/performance-anchors.md`` §2): configurations run interleaved,
repeat by repeat, with the order reversed on every other repeat; each ratio is the median
of the per-repeat paired ratios; warm-up rounds are never recorded.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any


def now() -> float:
    return time.perf_counter()


def summary(samples: Sequence[float]) -> dict[str, Any]:
    """n, min, median, max and the spread (max - min) / median of a list of samples."""
    ordered = sorted(samples)
    median = statistics.median(ordered)
    return {
        "n": len(ordered),
        "min": ordered[0],
        "median": median,
        "max": ordered[-1],
        "spread": (ordered[-1] - ordered[0]) / median if median else 0.0,
    }


def paired(a: Sequence[float], b: Sequence[float]) -> dict[str, Any]:
    """Summary of the per-repeat ratios a[i] / b[i] (the runs were interleaved)."""
    if len(a) != len(b) or not a:
        raise ValueError("paired samples must be non-empty and of equal length")
    return summary([x / y for x, y in zip(a, b, strict=True)])


def interleaved(
    configs: dict[str, Callable[[int], float]], repeats: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Run every configuration once per repeat, alternating the order; drop warm-ups.

    Each callable gets the repeat index (warm-ups are negative) and returns seconds.
    """
    names = list(configs)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(-warmup, repeats):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            value = configs[name](index)
            if index >= 0:
                samples[name].append(value)
    return samples


def fsync_cost(folder: str, count: int = 50) -> float:
    """Median seconds for write(4 KiB) + fsync on the scratch disk (context for P6)."""
    path = os.path.join(folder, "fsync.probe")
    times = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * 4096
        for _ in range(count):
            os.write(fd, block)
            start = now()
            os.fsync(fd)
            times.append(now() - start)
    finally:
        os.close(fd)
        os.unlink(path)
    return statistics.median(times)


def filesystem_of(folder: str) -> str:
    """The mount point and type holding ``folder`` (from /proc/mounts; Linux only)."""
    try:
        with open("/proc/mounts") as handle:
            mounts = [line.split()[1:3] for line in handle]
    except OSError:
        return "unknown"
    real = os.path.realpath(folder)
    best = max(
        (m for m in mounts if real == m[0] or real.startswith(m[0].rstrip("/") + "/")),
        key=lambda m: len(m[0]),
        default=None,
    )
    return f"{best[0]} ({best[1]})" if best else "unknown"


def machine_info(scratch: str) -> dict[str, Any]:
    import cryptography
    import sqlcipher3

    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or "unknown",
        "sqlcipher3_sqlite": sqlcipher3.sqlite_version,
        "stdlib_sqlite": __import__("sqlite3").sqlite_version,
        "cryptography": cryptography.__version__,
        "scratch_dir": scratch,
        "scratch_fs": filesystem_of(scratch),
    }
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as handle:
            kib = int(handle.readline().split()[1])
            info["ram_gib"] = round(kib / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
        for pragma in ("cipher_version", "cipher_provider", "cipher_provider_version"):
            row = probe.execute(f"PRAGMA {pragma}").fetchone()
            info[pragma] = row[0] if row else None
    finally:
        probe.close()
    info["loadavg_start"] = os.getloadavg()
    return info


def scratch_dir(requested: str | None) -> str:
    if requested:
        os.makedirs(requested, exist_ok=True)
        return tempfile.mkdtemp(prefix="pont-bench-", dir=requested)
    return tempfile.mkdtemp(prefix="pont-bench-")

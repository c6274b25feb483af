"""Smoke test of the benchmark script: it runs and writes a complete report.

Speed is never asserted here (DESIGN.md §8): only that ``bench/run.py --quick`` produces a
report with every measured target (P1, P3, P6, P8, P9, P10 and its batch row, P11) and a
numeric ratio for each.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


TARGETS = (
    "P1 (calibrated)", "P1 (floor)", "P3", "P6", "P8", "P9", "P10", "P10 batch", "P11",
)  # fmt: skip


def test_quick_run_writes_a_report_with_every_target(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--out",
            str(out),
            "--dir",
            str(tmp_path / "scratch"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert out.exists()
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    ratios = {row["id"]: row["ratio"]["median"] for row in result["rows"]}
    for target in TARGETS:
        assert target in ratios, target
        assert isinstance(ratios[target], float)
        assert math.isfinite(ratios[target])
        assert ratios[target] > 0
    text = out.read_text(encoding="utf-8")
    for target in TARGETS:
        assert f"| {target} |" in text, target
    for row in result["rows"]:
        assert row["verdict"] in ("met", "not met", "info"), row["id"]

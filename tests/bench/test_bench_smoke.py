"""Smoke test of the benchmark script: it runs and writes a complete report.

Speed is never asserted here (DESIGN.md §8): only that ``bench/run.py --quick`` produces a
report with the four targets and a numeric ratio for each.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quick_run_writes_a_report_with_all_four_targets(tmp_path: Path) -> None:
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
    for target in ("P1 (calibrated)", "P1 (floor)", "P3", "P6", "P8"):
        assert target in ratios
        assert isinstance(ratios[target], float)
        assert math.isfinite(ratios[target])
        assert ratios[target] > 0
    text = out.read_text(encoding="utf-8")
    for target in ("| P1 (calibrated) |", "| P1 (floor) |", "| P3 |", "| P6 |", "| P8 |"):
        assert target in text

"""The fuzzing campaign's CI-sized part (docs/fuzzing.md).

Every seed (real Pont output) and every regression input (what earlier campaigns found) is
replayed in-process; then each target is fuzzed by atheris for a few seconds. Either ends
only in the target's documented errors. The slow run is ``python -m tests.fuzz.campaign``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from . import campaign, targets

HERE = Path(__file__).parent
QUICK_SECONDS = 3


def inputs(folder: str) -> list[tuple[str, Path]]:
    return sorted(
        (target.name, path)
        for target in (HERE / folder).iterdir() if target.is_dir()
        for path in target.iterdir()
    )


def test_every_target_has_seeds_and_every_seed_folder_a_target() -> None:
    assert {name for name, _ in inputs("seeds")} == set(targets.TARGETS)
    assert {name for name, _ in inputs("regressions")} <= set(targets.TARGETS)


@pytest.mark.parametrize(("name", "path"), inputs("seeds"), ids=lambda v: getattr(v, "name", v))
def test_seeds_are_real_valid_inputs(name: str, path: Path) -> None:
    """A seed passes its reader without any error, so mutants start deep inside it."""
    data = path.read_bytes()
    targets.TARGETS[name].run(data)
    if name in ("pdf", "sealed"):
        unseal = targets._unseal if name == "sealed" else None
        verdict = targets.verify_bytes(data, targets._checks(
            pdf_password=targets.PDF_PASSWORD, unseal=unseal))
        assert verdict.valid, verdict.reason


@pytest.mark.parametrize(("name", "path"), inputs("regressions"),
                         ids=lambda v: getattr(v, "name", v))
def test_regressions_end_in_documented_errors(name: str, path: Path) -> None:
    target = targets.TARGETS[name]
    with contextlib.suppress(*target.expected):
        target.run(path.read_bytes())


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_a_quick_coverage_guided_run_finds_nothing(name: str, tmp_path: Path) -> None:
    # Normal priority: the suite's own share of the machine (the slow campaign is nice'd).
    result = campaign.run_target(name, tmp_path, runs=None, seconds=QUICK_SECONDS, nice=0)
    log = (tmp_path / f"{name}.log").read_text(errors="replace")
    assert result.executions > 0, log[-2000:]
    assert result.clean, (result, log[-4000:])

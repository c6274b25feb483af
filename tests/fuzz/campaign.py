"""The fuzzing campaign: every target in turn, one process at a time, nice'd.

    python -m tests.fuzz.campaign --runs 1000000            # the slow run (docs/fuzzing.md)
    python -m tests.fuzz.campaign --seconds 3 --target pdf  # a quick one

Each target runs in its own ``tests.fuzz.runner`` process (libFuzzer ends the process when
it is done). The working corpus grows in ``--work`` (kept between campaigns); the committed
seeds in ``tests/fuzz/seeds/<target>`` are read, never written. The result per target —
executions, seconds, unexpected exceptions (distinct and in all), libFuzzer's own crash,
timeout and out-of-memory files — is printed as a table and written to ``results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
ROOT = HERE.parents[1]
# A generous ceiling for one input; a parser that needs longer is a finding (libFuzzer
# writes timeout-<sha1> and stops).
INPUT_TIMEOUT = 10
# The largest seed is a real backup (~170 KiB); room for it to grow a little.
MAX_LEN = 256 * 1024


@dataclass
class Result:
    target: str
    executions: int
    seconds: float
    unexpected: int
    distinct: dict[str, int] = field(default_factory=dict)
    artifacts: list[str] = field(default_factory=list)
    exit_code: int = 0
    coverage: int = 0  # libFuzzer's last "cov:" (instrumented edges reached)
    corpus: int = 0
    slowest_input_s: int = 0

    @property
    def clean(self) -> bool:
        return self.unexpected == 0 and not self.artifacts and self.exit_code == 0


def target_names() -> list[str]:
    return sorted(p.name for p in SEEDS.iterdir() if p.is_dir())


def run_target(name: str, work: Path, *, runs: int | None, seconds: int | None,
               nice: int = 10) -> Result:
    corpus, findings = work / "corpus" / name, work / "findings" / name
    corpus.mkdir(parents=True, exist_ok=True)
    findings.mkdir(parents=True, exist_ok=True)
    summary = findings / "summary.json"
    summary.unlink(missing_ok=True)  # the counts are this run's (earlier inputs stay)
    log = work / f"{name}.log"
    flags = [f"-timeout={INPUT_TIMEOUT}", f"-max_len={MAX_LEN}", "-print_final_stats=1",
             "-rss_limit_mb=3072", f"-artifact_prefix={findings}/"]
    if runs is not None:
        flags.append(f"-runs={runs}")
    if seconds is not None:
        flags.append(f"-max_total_time={seconds}")
    command = ["nice", "-n", str(nice), sys.executable, "-m", "tests.fuzz.runner", name,
               str(findings), *flags, str(corpus), str(SEEDS / name)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    started = time.monotonic()
    with log.open("w") as out:
        code = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                              check=False).returncode
    elapsed = time.monotonic() - started
    text = log.read_text(errors="replace")
    distinct = json.loads(summary.read_text()) if summary.exists() else {}
    artifacts = sorted(p.name for p in findings.iterdir()
                       if re.match(r"(crash|timeout|oom|leak|slow-unit)-", p.name))
    return Result(name, _executions(text), round(elapsed, 1), sum(distinct.values()),
                  distinct, artifacts, code, _last(r"cov: (\d+)", text),
                  _last(r"corp: (\d+)", text), _last(r"slowest_unit_time_sec:\s*(\d+)", text))


def _with_log_figures(result: Result, work: Path) -> Result:
    """Edges, corpus and slowest input re-read from the run's log (older results lack them)."""
    log = work / f"{result.target}.log"
    if log.exists():
        text = log.read_text(errors="replace")
        result.coverage = _last(r"cov: (\d+)", text)
        result.corpus = _last(r"corp: (\d+)", text)
        result.slowest_input_s = _last(r"slowest_unit_time_sec:\s*(\d+)", text)
    return result


def _last(pattern: str, log: str) -> int:
    found = re.findall(pattern, log)
    return int(found[-1]) if found else 0


def _executions(log: str) -> int:
    found = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    if found:
        return int(found[-1])
    done = re.findall(r"Done (\d+) runs", log)
    return int(done[-1]) if done else 0


def table(results: list[Result]) -> str:
    lines = ["| target | executions | seconds | exec/s | edges | corpus | unexpected | "
             "libFuzzer files |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        rate = r.executions / r.seconds if r.seconds else 0
        lines.append(f"| {r.target} | {r.executions:,} | {r.seconds:,.0f} | {rate:,.0f} | "
                     f"{r.coverage} | {r.corpus} | {r.unexpected} | "
                     f"{', '.join(r.artifacts) or '—'} |")
    return "\n".join(lines)


def _save(path: Path, results: list[Result]) -> None:
    """Results by target, merged with earlier runs of other targets."""
    kept = json.loads(path.read_text()) if path.exists() else {}
    kept.update({r.target: asdict(r) for r in results})
    path.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, help="executions per target")
    parser.add_argument("--seconds", type=int, help="time limit per target")
    parser.add_argument("--target", action="append", choices=target_names(),
                        help="only this target (repeatable); default: all")
    parser.add_argument("--work", type=Path, default=ROOT / ".fuzz",
                        help="working corpus, findings and logs (default .fuzz/)")
    parser.add_argument("--report", action="store_true",
                        help="print the table of the results kept in --work, run nothing")
    args = parser.parse_args(argv)
    if args.report:
        kept = json.loads((args.work / "results.json").read_text())
        print(table([_with_log_figures(Result(**row), args.work) for row in kept.values()]))
        return 0
    if args.runs is None and args.seconds is None:
        parser.error("give --runs and/or --seconds")
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.target or target_names():
        result = run_target(name, args.work, runs=args.runs, seconds=args.seconds)
        results.append(result)
        print(f"{name}: {result.executions:,} executions in {result.seconds:,.0f} s, "
              f"{result.unexpected} unexpected {result.distinct or ''} {result.artifacts or ''}",
              flush=True)
    _save(args.work / "results.json", results)
    print(table(results))
    return 0 if all(r.clean for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

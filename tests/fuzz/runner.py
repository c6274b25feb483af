"""One coverage-guided fuzzing process (atheris/libFuzzer) for one target.

    python -m tests.fuzz.runner TARGET FINDINGS_DIR [libFuzzer flags] CORPUS_DIR SEED_DIR

An input the target refuses with its documented error is fine. Any other exception is a
finding: counted, its first input kept as ``FINDINGS_DIR/<signature>.bin`` and the counts
kept in ``FINDINGS_DIR/summary.json``; the run goes on, so one bug does not hide another.
A hang or a memory blow-up stops libFuzzer, which writes its own ``timeout-``/``oom-`` file
there. ``tests.fuzz.campaign`` starts this and reads the result.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["vault", "pyhanko", "pyhanko_certvalidator"]):
    from . import targets


def signature(error: BaseException) -> str:
    """Type and the innermost Pont frame (else the innermost frame): one bug, one name."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/vault/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__}@{where}"


class Recorder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.counts: dict[str, int] = {}
        folder.mkdir(parents=True, exist_ok=True)

    def record(self, error: BaseException, data: bytes) -> None:
        name = signature(error)
        first = name not in self.counts
        self.counts[name] = self.counts.get(name, 0) + 1
        if first:
            safe = re.sub(r"[^A-Za-z0-9_.@-]", "_", name)
            (self.folder / f"{safe}.bin").write_bytes(data)
            print(f"UNEXPECTED {name}", file=sys.stderr)
            traceback.print_exception(error, file=sys.stderr)
        (self.folder / "summary.json").write_text(json.dumps(self.counts, indent=1))


def main() -> None:
    name, findings = sys.argv[1], Path(sys.argv[2])
    target = targets.TARGETS[name]
    with atheris.instrument_imports(include=["vault", "pyhanko", "pyhanko_certvalidator"]):
        for module in target.preload:
            importlib.import_module(module)
    recorder = Recorder(findings)

    def one_input(data: bytes) -> None:
        try:
            target.run(data)
        except target.expected:
            pass
        except Exception as error:
            recorder.record(error, data)

    atheris.Setup([sys.argv[0], *sys.argv[3:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

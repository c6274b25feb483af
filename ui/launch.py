"""``pont``: the desktop app, or — given a command — the command line (``vault.cli``).

It decides before importing either: the desktop start loads none of the command line's
modules (the lock screen's first paint waits for nothing it does not need, P11) and the
command line never loads Qt.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path

# What the desktop hands over (``Exec=pont %f``): a request to answer or a packet to verify.
OPENABLE_SUFFIXES = (".json", ".pontrequest", ".sd-jwt", ".jwt", ".pdf")
# The benchmark's exit hook (``ui.first_paint``, P11), a desktop start like ``--demo``.
QUIT_AFTER_FIRST_PAINT = "--quit-after-first-paint"
DESKTOP_FLAGS = ("--demo", QUIT_AFTER_FIRST_PAINT)
# Milestones (time.time()) of a benchmarked start: the benchmark script's own start, the
# end of the imports (ui.app.run), the first paint (ui.first_paint).
marks: dict[str, float] = {}


def main(argv: Sequence[str] | None = None) -> int:
    from vault.process import no_core_dumps

    no_core_dumps()  # first, app and command line alike: before anything is decrypted
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--smoke-test"]:
        from ui.smoke import run_smoke_test

        return int(run_smoke_test())  # checks a build: see ui/smoke.py and packaging/smoke.sh
    if not arguments or arguments[0] in DESKTOP_FLAGS or opens_file(arguments):
        # Starting up makes ~20,000 long-lived objects (modules, classes, Qt's enums) and
        # no garbage: the cyclic collector would only walk them, some 30 times (~3 ms, P11).
        # ui.app.run resumes it once the lock screen has painted.
        gc.disable()
        from ui.app import run

        return int(run(arguments))
    from vault.cli import run_cli

    return run_cli(arguments, sys.stdin, sys.stdout, sys.stderr)


def opens_file(arguments: Sequence[str]) -> bool:
    """``pont FILE``: the desktop opening a request or a packet."""
    if len(arguments) != 1 or arguments[0].startswith("-"):
        return False
    path = Path(arguments[0])
    return path.suffix.lower() in OPENABLE_SUFFIXES and path.is_file()

"""``pont``: the desktop app, or — given a command — the command line (``vault.cli``).

It decides before importing either: the desktop start loads none of the command line's
modules (the lock screen's first paint waits for nothing it does not need, P11) and the
command line never loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

# What the desktop hands over (``Exec=pont %f``): a request to answer or a packet to verify.
OPENABLE_SUFFIXES = (".json", ".pontrequest", ".sd-jwt", ".jwt", ".pdf")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--smoke-test"]:
        from ui.smoke import run_smoke_test

        return int(run_smoke_test())  # checks a build: see ui/smoke.py and packaging/smoke.sh
    if not arguments or arguments[0] == "--demo" or opens_file(arguments):
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

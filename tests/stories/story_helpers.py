"""Helpers for stories: a person at a terminal running the real ``pont`` as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE

PONT = Path(sys.executable).parent / ("pont.exe" if os.name == "nt" else "pont")


@dataclass(frozen=True)
class Said:
    """What one command printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Terminal:
    """A person typing ``pont`` commands against one vault; the passphrase goes on stdin."""

    def __init__(self, vault: Path, home: Path) -> None:
        self.vault = vault
        self.home = home  # the folder the person works in (where packet files land)

    def run(self, *argv: str, stdin: str | None = None, passphrase: bool = True) -> Said:
        command = [str(PONT), "--vault", str(self.vault)]
        if passphrase:
            command.append("--passphrase-stdin")
        feed = (PASSPHRASE + "\n" if passphrase else "") + (stdin or "")
        env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
        done = subprocess.run(
            [*command, *argv],
            input=feed,
            capture_output=True,
            text=True,
            cwd=self.home,
            env=env,
            timeout=120,
            check=False,
        )
        return Said(done.returncode, done.stdout, done.stderr)

    def ok(self, *argv: str, stdin: str | None = None) -> Said:
        said = self.run(*argv, stdin=stdin)
        assert (said.code, said.err) == (0, ""), said
        return said

    def ok_json(self, *argv: str, stdin: str | None = None) -> Any:
        return self.ok("--json", *argv, stdin=stdin).json()

    def fails(self, *argv: str, stdin: str | None = None, passphrase: bool = True) -> Said:
        """A mistake: non-zero, nothing on stdout, exactly one plain line on stderr."""
        said = self.run(*argv, stdin=stdin, passphrase=passphrase)
        assert said.code != 0, said
        assert said.err.startswith("pont: "), said
        assert said.err.count("\n") == 1, said
        assert "Traceback" not in said.err, said
        return said

    def received(self, packet: str | Path, *checks: str) -> dict[str, Any]:
        """What the organisation sees when it verifies the file: the verdict's packet."""
        said = self.run("--json", "verify", str(packet), *checks, passphrase=False)
        assert said.code == 0, said
        (verdict,) = said.json()
        assert verdict["valid"], verdict
        return dict(verdict["packet"])


def pdftotext(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout

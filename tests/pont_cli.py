"""Running ``pont`` in-process against a real vault, for tests of the command line."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakes import PASSPHRASE

from vault.cli import run_cli


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Pont:
    """``pont --vault FOLDER --passphrase-stdin [--json] …`` with the passphrase on stdin."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *argv: str, stdin: str | None = None, json_: bool = True) -> Result:
        base = ["--vault", str(self.folder), "--passphrase-stdin"] + (["--json"] if json_ else [])
        out, err = io.StringIO(), io.StringIO()
        feed = PASSPHRASE + "\n" if stdin is None else stdin
        code = run_cli([*base, *argv], io.StringIO(feed), out, err)
        return Result(code, out.getvalue(), err.getvalue())

    def ok(self, *argv: str, stdin: str | None = None) -> Any:
        result = self(*argv, stdin=stdin)
        assert (result.code, result.err) == (0, ""), result
        return result.json()

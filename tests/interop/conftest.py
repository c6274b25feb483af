"""The npm verifier: ``npm ci`` of ``tests/interop/package-lock.json`` into a cache folder.

Skipped only where node or npm is missing on a developer's machine; under ``CI`` a missing
tool fails the run (``.ci/run`` installs them).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
FILES = ("package.json", "package-lock.json", "verify.cjs")

NpmVerify = Callable[[list[dict[str, Any]]], dict[str, dict[str, Any]]]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs nodejs and npm)")
        pytest.skip(f"{name} is not installed")
    return path


def _install() -> Path:
    _tool("node")
    npm = _tool("npm")
    digest = hashlib.sha256(b"".join((HERE / f).read_bytes() for f in FILES)).hexdigest()[:16]
    root = Path(os.environ.get("PONT_NPM_CACHE", Path.home() / ".cache" / "pont-tests"))
    folder = root / f"interop-{digest}"
    if not (folder / "node_modules" / "@sd-jwt" / "sd-jwt-vc").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            shutil.copyfile(HERE / name, folder / name)
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci failed: {done.stderr[-2000:]}")
    return folder


@pytest.fixture(scope="session")
def npm_verify() -> NpmVerify:
    """Run cases through @sd-jwt/sd-jwt-vc in one node process; results by case name."""
    folder = _install()
    node = _tool("node")

    def verify(cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        done = subprocess.run(
            [node, str(folder / "verify.cjs")],
            input=json.dumps({"cases": cases}),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return {r["name"]: r for r in json.loads(done.stdout)}

    return verify

"""No core dumps (issue 10 #12): a crash of a process holding an open vault leaves no core file.

A child process opens a real vault holding a canary, then kills itself with SIGSEGV or
SIGABRT, in a folder where this system writes core files (``core_pattern`` is a plain name)
and with the core limit raised as a careless ``ulimit -c unlimited`` would. The control —
the same child without the start-up call — shows that a core file *would* be written, with
the canary in it; after ``ui.launch.main`` (the start of the app and of the command line) no
core file is written, ``/proc/self/limits`` says 0 and the process is not dumpable.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes import PASSPHRASE

CANARY = "CANARY-core-7f3e9a1c-medical"
CHILD = r"""
import contextlib, io, json, os, resource, signal, sys
from pathlib import Path

folder, how, hardened = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "hardened"
# A careless environment: ``ulimit -c unlimited`` (as root, the hard limit too).
resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
if hardened:
    from ui.launch import main  # the real start: what ``pont`` and the app run first
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--help"]) == 0
from vault.process import dumpable
from vault.vault import Vault

vault = Vault.open(folder, sys.argv[4])
owner = vault.people.add("Ada").person.id
vault.profiles.set(owner, "givenName", sys.argv[5])
assert vault.profiles.get(owner, "givenName").value == sys.argv[5]
with open("/proc/self/limits") as limits:
    core = next(line for line in limits if line.startswith("Max core file size"))
print(json.dumps({"limit": core.split()[4:6], "dumpable": dumpable()}), flush=True)
os.kill(os.getpid(), getattr(signal, how))
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


def crash(folder: Path, cwd: Path, how: str, hardened: bool) -> tuple[int, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), how,
         "hardened" if hardened else "control", PASSPHRASE, CANARY],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def cores(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("core"))


def writes_core_files_here() -> bool:
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    return not pattern.startswith("|") and "/" not in pattern


@pytest.mark.parametrize("how", ["SIGSEGV", "SIGABRT"])
def test_a_crash_with_an_open_vault_leaves_no_core(
    how: str, vault_folder: Path, tmp_path: Path
) -> None:
    control_dir, hardened_dir = tmp_path / "control", tmp_path / "hardened"
    control_dir.mkdir()
    hardened_dir.mkdir()
    signal_number = getattr(signal, how)

    code, seen = crash(vault_folder, hardened_dir, how, hardened=True)
    assert code == -signal_number
    assert seen == {"limit": ["0", "0"], "dumpable": 0}

    if not writes_core_files_here():
        pytest.skip("this system pipes core files to a handler: only the limits are checked")
    code, seen = crash(vault_folder, control_dir, how, hardened=False)
    assert code == -signal_number
    assert seen["dumpable"] == 1
    written = cores(control_dir)
    if not written:
        pytest.skip("this system writes no core files here (container limits)")
    leaked = CANARY.encode() in written[0].read_bytes()  # what a core would have leaked
    written[0].unlink()  # some 100 MB
    assert leaked
    assert cores(hardened_dir) == []


def test_the_pont_command_is_not_dumpable(vault_folder: Path, tmp_path: Path) -> None:
    """The real ``pont``, waiting for its passphrase, killed from outside: no core file."""
    pont = Path(sys.executable).parent / "pont"
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    child = subprocess.Popen(
        [str(pont), "--vault", str(vault_folder), "--passphrase-stdin", "person", "list"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=tmp_path, env=env,
        preexec_fn=lambda: __import__("resource").setrlimit(  # a careless ulimit -c unlimited
            __import__("resource").RLIMIT_CORE, (-1, -1)),
    )  # fmt: skip
    try:
        limits = Path(f"/proc/{child.pid}/limits")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until pont has started and hardened itself
            core = next(line for line in limits.read_text().splitlines() if "core" in line)
            if core.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.05)
        assert core.split()[4:6] == ["0", "0"]
        child.send_signal(signal.SIGABRT)
        child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGABRT
    assert cores(tmp_path) == []

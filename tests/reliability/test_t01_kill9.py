"""T01: kill -9 a writer at random points; no acknowledged commit is ever lost or corrupt.

A child process opens the vault (recovery key: HKDF, no Argon2, so each cycle is cheap)
and commits values of 10–20,000 bytes in WAL + synchronous=FULL, printing each id only
after the commit returned. The parent SIGKILLs it 50–400 ms in. Each next child reopens
the vault (recovering the WAL) and runs ``check()``; at the end the parent reopens and
checks every acknowledged value byte for byte.
"""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest
from relhelp import child_command, figure, payload

from vault.vault import Vault


def spawn(folder: Path, recovery_key: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        child_command("kill9", str(folder)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    child.stdin.write(recovery_key + "\n")
    child.stdin.flush()
    return child


def kill_loop(folder: Path, recovery_key: str, kills: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    acknowledged: list[str] = []
    reopen_problems = 0
    died_early = 0
    open_seconds: list[float] = []
    start = time.perf_counter()
    pending = spawn(folder, recovery_key)
    try:
        for round_ in range(kills):
            child = pending
            assert child.stdin is not None
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            asked = time.perf_counter()
            child.stdin.write(f"go k{round_}\n")
            child.stdin.flush()
            opened = child.stdout.readline().split()
            assert opened[0] == "open", opened
            reopen_problems += int(opened[1]) != 0
            opened_at = time.perf_counter()
            open_seconds.append(opened_at - asked)
            pending = spawn(folder, recovery_key)  # imports overlap with this round
            time.sleep(rng.uniform(0.05, 0.4))
            died_early += child.poll() is not None
            child.kill()
            child.wait()
            for line in child.stdout.read().splitlines():
                words = line.split()
                if len(words) == 3 and words[0] == "ack" and words[2] == "ok":
                    acknowledged.append(words[1])
            child.stdout.close()
            child.stdin.close()
    finally:
        pending.kill()
        pending.wait()
        for stream in (pending.stdin, pending.stdout):
            if stream is not None:
                stream.close()
    with Vault.open_with_recovery_key(folder, recovery_key) as vault:
        problems = vault.check()
        owner = vault.people.owner()
        assert owner is not None
        stored = {
            str(v.value).split(":", 1)[0][1:]: v.value
            for v in vault.profiles.history(owner.id, "carePlanNotes")
        }
    lost = [i for i in acknowledged if stored.get(i) != payload(i)]
    return {
        "kills": kills,
        "acknowledged": len(acknowledged),
        "committed": len(stored),
        "corrupt": int(bool(problems)) + reopen_problems,
        "lost": len(lost),
        "wall": time.perf_counter() - start,
        "died_early": died_early,
        "reopen_ms": 1000 * sum(open_seconds) / len(open_seconds),
        "problems": problems,
        "lost_ids": lost[:10],
    }


def prepare(vault_folder: Path, recovery_key: str) -> None:
    with Vault.open_with_recovery_key(vault_folder, recovery_key) as vault:
        vault.people.add("Kill Nine", role="owner")


@pytest.mark.parametrize(
    "kills",
    [
        pytest.param(100, id="100"),
        pytest.param(500, id="500", marks=[pytest.mark.slow, pytest.mark.timeout(2400)]),
    ],
)
def test_t01_kill9_loses_no_acknowledged_commit(
    vault_folder: Path, recovery_key: str, kills: int, record_property
) -> None:
    prepare(vault_folder, recovery_key)
    result = kill_loop(vault_folder, recovery_key, kills, seed=kills)
    figure(
        record_property,
        "T01",
        kills=result["kills"],
        acknowledged=result["acknowledged"],
        committed=result["committed"],
        corrupt=result["corrupt"],
        lost=result["lost"],
        died_early=result["died_early"],
        reopen_check_ms=f"{result['reopen_ms']:.0f}",
        wall=f"{result['wall']:.1f}s",
    )
    assert result["problems"] == []
    assert result["corrupt"] == 0
    assert result["died_early"] == 0  # a child that crashed by itself proves nothing
    assert result["lost"] == 0, result["lost_ids"]
    assert int(str(result["acknowledged"])) > kills  # the loop really committed

"""T09: a passphrase change interrupted at any point leaves a vault that opens with the
old or the new passphrase, never neither; an acknowledged change is durable; and the
recovery key and remembered devices survive a change.

Two methods: (1) every byte-level crash state of one change, captured by a ``FileOps``
that writes one byte per call and records the folder after each step, plus a failure at
every step; (2) real SIGKILLs of a child changing its passphrase in a loop, after random
delays over 0–1.5 s.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from fakes import PASSPHRASE, MemoryKeyring
from relhelp import child_command, figure, temps

from vault._crypto import KDF_FLOOR
from vault.atomic import FileOps, remove_orphans
from vault.device import DeviceKeys
from vault.errors import KeyringUnavailable, WrongPassphrase, WrongRecoveryKey
from vault.vault import Environment, Vault

sys.path.insert(0, str(Path(__file__).parent))
from writer_child import chain


class Recorder(FileOps):
    """Writes one byte per call and records (target, temp) after every step."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp: Path | None = None
        self.states: list[tuple[bytes, bytes | None]] = []

    def snap(self) -> None:
        temp = self.temp.read_bytes() if self.temp and self.temp.exists() else None
        self.states.append((self.target.read_bytes(), temp))

    def create_private(self, path: Path) -> int:
        self.snap()
        self.temp = path
        fd = super().create_private(path)
        self.snap()
        return fd

    def write(self, fd: int, data: memoryview) -> int:
        done = super().write(fd, data[:1])
        self.snap()
        return done

    def fsync(self, fd: int) -> None:
        super().fsync(fd)
        self.snap()

    def close(self, fd: int) -> None:
        super().close(fd)
        self.snap()

    def replace(self, source: Path, target: Path) -> None:
        super().replace(source, target)
        self.snap()

    def fsync_folder(self, folder: Path) -> None:
        super().fsync_folder(folder)
        self.snap()


def opens_with(folder: Path, old: str, new: str) -> str:
    for label, passphrase in (("old", old), ("new", new)):
        try:
            Vault.open(folder, passphrase).close()
            return label
        except WrongPassphrase:
            continue
    return "neither"


def test_t09_every_crash_state_of_a_change(vault_folder: Path, tmp_path: Path, record_property):
    keys = vault_folder / "vault.keys"
    recorder = Recorder(keys)
    env = Environment(file_ops=recorder, calibrate=lambda: KDF_FLOOR)
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.change_passphrase(PASSPHRASE, "after the crash test", kdf=KDF_FLOOR)
    outcomes: Counter[str] = Counter()
    by_content: dict[bytes, str] = {}
    crash = tmp_path / "crash"
    crash.mkdir()
    for name in ("vault.db", "vault.db-wal"):
        if (vault_folder / name).exists():
            (crash / name).write_bytes((vault_folder / name).read_bytes())
    orphans_left = 0
    for number, (target, temp) in enumerate(recorder.states):
        if target not in by_content:
            (crash / "vault.keys").write_bytes(target)
            by_content[target] = opens_with(crash, PASSPHRASE, "after the crash test")
        outcomes[by_content[target]] += 1
        if temp is not None and number % 97 == 0:  # orphan clean-up, sampled
            (crash / "vault.keys").write_bytes(target)
            (crash / ".pont-tmp-0011223344556677-vault.keys").write_bytes(temp)
            remove_orphans(crash)
            orphans_left += len(temps(crash))
    figure(
        record_property,
        "T09",
        method="byte-level-crash-states",
        points=len(recorder.states),
        distinct_key_files=len(by_content),
        old=outcomes["old"],
        new=outcomes["new"],
        neither=outcomes["neither"],
        orphans_left=orphans_left,
    )
    assert len(recorder.states) >= 200
    assert outcomes["neither"] == 0
    assert outcomes["old"] > 0
    assert outcomes["new"] > 0
    assert orphans_left == 0


def kill_changes(folder: Path, kills: int, seed: int) -> Counter[str]:
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    current = 0

    def spawn() -> subprocess.Popen[str]:
        child = subprocess.Popen(
            child_command("passphrase", str(folder)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None
        child.stdin.write("-\n")
        child.stdin.flush()
        return child

    pending = spawn()
    try:
        for _ in range(kills):
            child = pending
            assert child.stdin is not None
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            child.stdin.write(f"{current}\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "open"
            pending = spawn()
            time.sleep(rng.uniform(0.0, 1.5))
            child.kill()
            child.wait()
            lines = child.stdout.read().splitlines()
            child.stdout.close()
            child.stdin.close()
            words = [line.split() for line in lines if len(line.split()) == 2]
            last = words[-1] if words else ["changed", str(current)]
            step = int(last[1])
            if last[0] == "changed":  # acknowledged: only the new passphrase may open
                result = opens_with(folder, chain(step), chain(step))
                result = "new(acknowledged)" if result == "old" else "LOST-ACKNOWLEDGED"
            else:  # killed mid-change
                result = opens_with(folder, chain(step - 1), chain(step))
            outcomes[result] += 1
            if result in ("neither", "LOST-ACKNOWLEDGED"):
                break
            current = step - 1 if result == "old" else step
    finally:
        pending.kill()
        pending.wait()
        for stream in (pending.stdin, pending.stdout):
            if stream is not None:
                stream.close()
    return outcomes


@pytest.mark.parametrize(
    "kills",
    [
        pytest.param(12, id="12"),
        pytest.param(200, id="200", marks=[pytest.mark.slow, pytest.mark.timeout(2400)]),
    ],
)
def test_t09_kill_during_passphrase_changes(
    vault_folder: Path, recovery_key: str, kills: int, record_property
) -> None:
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.change_passphrase(PASSPHRASE, chain(0), kdf=KDF_FLOOR)
    outcomes = kill_changes(vault_folder, kills, seed=kills)
    figure(
        record_property,
        "T09",
        method="sigkill",
        kills=kills,
        old=outcomes["old"],
        new=outcomes["new"],
        acknowledged=outcomes["new(acknowledged)"],
        neither=outcomes["neither"],
        lost_acknowledged=outcomes["LOST-ACKNOWLEDGED"],
    )
    assert outcomes["neither"] == 0
    assert outcomes["LOST-ACKNOWLEDGED"] == 0
    assert sum(outcomes.values()) == kills


def test_t09_change_keeps_recovery_key_and_devices(
    vault_folder: Path, recovery_key: str, record_property
) -> None:
    """Fails today: every slot's associated data binds the KDF header (parameters and
    salt), and ``KeyFile.with_passphrase`` replaces the salt, so after any passphrase
    change the recovery key and every remembered device stop opening the vault."""
    devices = DeviceKeys(MemoryKeyring())
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.remember_on_device(devices)
        vault.change_passphrase(PASSPHRASE, "changed once", kdf=KDF_FLOOR)
    results = {}
    try:
        Vault.open_with_recovery_key(vault_folder, recovery_key).close()
        results["recovery_key"] = "opens"
    except WrongRecoveryKey:
        results["recovery_key"] = "REFUSED"
    try:
        Vault.open_with_device(vault_folder, devices).close()
        results["device"] = "opens"
    except KeyringUnavailable:
        results["device"] = "REFUSED"
    figure(record_property, "T09b", after_change=",".join(f"{k}:{v}" for k, v in results.items()))
    assert results == {"recovery_key": "opens", "device": "opens"}

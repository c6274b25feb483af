"""T04: a full disk. The vault lives on a real 8 MiB tmpfs; fill it, then try every write.

Each attempt either succeeds durably or raises ``DiskFull``; earlier commits stay intact
(``check()`` empty), ``vault.db`` never shrinks, and once space is freed everything works
again. Where mounting is not allowed
the test falls back to injected ENOSPC for the files outside SQLite, and says so.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakes import PASSPHRASE
from relhelp import FaultyOps, figure, payload, temps

from vault._crypto import KDF_FLOOR
from vault.backup import create_backup
from vault.errors import DiskFull, StorageError
from vault.export import export_all
from vault.vault import Environment, Vault


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """An 8 MiB tmpfs mounted for this test, or None when mounting is not permitted."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as out:
        for size in (1 << 20, 1 << 16, 4096, 512, 1):
            block = b"\xa5" * size
            with contextlib.suppress(OSError):
                while True:
                    out.write(block)
    return filler


def test_t04_disk_full(
    small_disk: Path | None, template_vault: tuple[Path, str], tmp_path: Path, record_property
) -> None:
    template_vault[1]
    if small_disk is None:
        fallback_injected_enospc(template_vault, tmp_path, record_property)
        return
    folder = small_disk / "vault"
    shutil.copytree(template_vault[0], folder)
    env = Environment(calibrate=lambda: KDF_FLOOR)
    vault = Vault.open(folder, PASSPHRASE, env)
    owner = vault.people.add("Full Disk", role="owner").person
    for n in range(20):
        vault.profiles.set(owner.id, "carePlanNotes", payload(f"T04-{n}", 500, 4000))
    before = {v.version: v.value for v in vault.profiles.history(owner.id, "carePlanNotes")}
    scan = tmp_path / "scan.bin"
    scan.write_bytes(os.urandom(1_500_000))
    db = folder / "vault.db"
    sizes = [db.stat().st_size]
    passphrase = {"now": PASSPHRASE}

    def change() -> None:
        vault.change_passphrase(passphrase["now"], "full disk passphrase", kdf=KDF_FLOOR)
        passphrase["now"] = "full disk passphrase"

    attempts: dict[str, Callable[[], object]] = {
        "field_edit": lambda: vault.profiles.set(owner.id, "accessNeeds", payload("big", 19_000)),
        "document_add": lambda: vault.documents.add_file(scan, owner.id),
        "backup": lambda: create_backup(vault, small_disk / "b.pontbackup"),
        "export": lambda: export_all(vault, small_disk / "export.zip"),
        "passphrase_change": change,
    }
    filler = fill(small_disk)
    outcomes: dict[str, str] = {}
    for name, attempt in attempts.items():
        try:
            attempt()
            outcomes[name] = "succeeded"
        except DiskFull:
            outcomes[name] = "DiskFull"
        except StorageError as error:
            outcomes[name] = f"StorageError:{error.reason}"
        sizes.append(db.stat().st_size)
        assert vault.check() == [], name
        history = vault.profiles.history(owner.id, "carePlanNotes")
        assert {v.version: v.value for v in history} == before, name
    leftovers = len(temps(folder)) + len(temps(small_disk))
    filler.unlink()
    again = {}
    for name, attempt in attempts.items():
        attempt()
        again[name] = "ok"
    vault.close()
    with Vault.open(folder, passphrase["now"], env) as reopened:
        problems = reopened.check()
        history = reopened.profiles.history(owner.id, "carePlanNotes")
        assert {v.version: v.value for v in history} == before
        assert len(reopened.documents.attachments()) == 1
    full_errors = sum(o == "DiskFull" for o in outcomes.values())
    figure(
        record_property,
        "T04",
        mode="tmpfs-8MiB",
        attempts=len(outcomes),
        diskfull=full_errors,
        other=",".join(f"{k}:{v}" for k, v in outcomes.items() if v != "DiskFull") or "-",
        records_before=len(before),
        records_after=len(history),
        db_shrank=int(any(b < a for a, b in itertools.pairwise(sizes))),
        temps_left=leftovers,
        works_after_freeing=f"{len(again)}/{len(attempts)}",
        check="empty" if not problems else "PROBLEMS",
    )
    assert problems == []
    # A full disk is told to the person as exactly that, whichever step hit it.
    assert all(o == "DiskFull" for o in outcomes.values()), outcomes
    assert sizes == sorted(sizes)
    assert leftovers == 0


def fallback_injected_enospc(
    template_vault: tuple[Path, str], tmp_path: Path, record_property
) -> None:
    """No mount permission: ENOSPC injected into the files Pont writes outside SQLite."""
    folder = tmp_path / "vault"
    shutil.copytree(template_vault[0], folder)
    ops = FaultyOps(("write", 0), errno.ENOSPC)
    env = Environment(file_ops=ops, calibrate=lambda: KDF_FLOOR)
    with Vault.open(folder, PASSPHRASE, env) as vault:
        raised = 0
        for attempt in (
            lambda: create_backup(vault, tmp_path / "b.pontbackup"),
            lambda: export_all(vault, tmp_path / "e.zip"),
            lambda: vault.change_passphrase(PASSPHRASE, "x", kdf=KDF_FLOOR),
        ):
            with pytest.raises(DiskFull):
                attempt()
            raised += 1
            ops.failed = False
    figure(record_property, "T04", mode="injected-ENOSPC(mount-not-permitted)", diskfull=raised)

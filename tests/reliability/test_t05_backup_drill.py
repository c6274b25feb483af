"""T05: 50 live backups while another process commits; every restore is a consistent snapshot.

The writer commits ``T05 n`` values (n = 1, 2, …) as new versions of one field. A
consistent snapshot therefore holds exactly versions 1..m for some m, each byte-exact,
with the current value, its version number and its search row all agreeing with
version m (a torn copy would show a gap, a bad value or tables that disagree).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

from fakes import PASSPHRASE
from relhelp import child_command, figure, payload

from vault.backup import create_backup, restore_backup
from vault.vault import Vault

BACKUPS = 50
DEADLINE = 15.0  # seconds one backup may take before it counts as starved
LARGE_BACKUPS = 20


def timed_backup(vault: Vault, target: Path) -> float | None:
    """Seconds one ``create_backup`` took, or None if it did not finish by the deadline."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            create_backup(vault, target)
        except BaseException as error:  # re-raised in the test thread
            errors.append(error)

    start = time.perf_counter()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(DEADLINE)
    if worker.is_alive():
        return None
    if errors:
        raise errors[0]
    return time.perf_counter() - start


def snapshot_mismatches(vault: Vault) -> tuple[int, list[str]]:
    owner = vault.people.owner()
    assert owner is not None
    history = vault.profiles.history(owner.id, "accessNeeds")
    problems = []
    numbers = [v.version for v in history]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"gap in versions {numbers[:5]}…")
    for version in history:
        if version.value != payload(f"T05-{version.version}", 50, 3000):
            problems.append(f"value of version {version.version}")
    if history:
        current = vault.profiles.get(owner.id, "accessNeeds")
        if current.version != len(history) or current.value != history[-1].value:
            problems.append("current value disagrees with history")
        rows = vault.connection.execute(
            "SELECT count(*) FROM field_search WHERE key = 'accessNeeds'"
        ).fetchone()[0]
        if rows != 1:
            problems.append(f"{rows} search rows")
    return len(history), problems


def start_writer(vault_folder: Path, recovery_key: str) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        child_command("sequential", str(vault_folder)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None
    assert writer.stdout is not None
    writer.stdin.write(recovery_key + "\n")
    writer.stdin.close()
    assert writer.stdout.readline().strip() == "open"
    assert writer.stdout.readline().strip() == "running"
    return writer


def stop(writer: subprocess.Popen[str]) -> None:
    writer.kill()
    writer.wait()
    if writer.stdout is not None:
        writer.stdout.close()


def test_t05_live_backup_restore_drill(
    vault_folder: Path, recovery_key: str, tmp_path: Path, record_property
) -> None:
    with Vault.open_with_recovery_key(vault_folder, recovery_key) as vault:
        vault.people.add("Backup Drill", role="owner")
    writer = start_writer(vault_folder, recovery_key)
    backup_seconds: list[float] = []
    backups: list[Path] = []
    try:
        with Vault.open_with_recovery_key(vault_folder, recovery_key) as vault:
            for n in range(BACKUPS):
                target = tmp_path / "backups" / f"b{n:02}.pontbackup"
                seconds = timed_backup(vault, target)
                assert seconds is not None, "backup starved by the writer"
                backup_seconds.append(seconds)
                backups.append(target)
                time.sleep(0.02)
            assert writer.poll() is None, "the writer died during the drill"
    finally:
        stop(writer)
    mismatches = 0
    counts = []
    restore_seconds = []
    details = []
    for n, backup in enumerate(backups):
        folder = tmp_path / "restored" / f"r{n:02}"
        start = time.perf_counter()
        restore_backup(backup, folder, lambda f: Vault.open_with_recovery_key(f, recovery_key))
        restore_seconds.append(time.perf_counter() - start)
        opener = (
            (lambda f: Vault.open(f, PASSPHRASE))
            if n in (0, BACKUPS - 1)
            else (lambda f: Vault.open_with_recovery_key(f, recovery_key))
        )
        with opener(folder) as restored:
            assert restored.check() == []
            count, problems = snapshot_mismatches(restored)
        counts.append(count)
        mismatches += bool(problems)
        details += problems
    figure(
        record_property,
        "T05",
        backups=len(backups),
        restored=len(counts),
        mismatches=mismatches,
        rows_first=counts[0],
        rows_last=counts[-1],
        backup_ms=f"{1000 * sum(backup_seconds) / len(backup_seconds):.0f}",
        backup_max_ms=f"{1000 * max(backup_seconds):.0f}",
        restore_ms=f"{1000 * sum(restore_seconds) / len(restore_seconds):.0f}",
    )
    print("backup seconds:", " ".join(f"{s:.2f}" for s in backup_seconds))
    assert mismatches == 0, details[:5]
    assert counts == sorted(counts)  # later backups never hold less
    assert counts[-1] > counts[0]  # the writer really ran during the drill


def test_t05_backup_of_a_large_vault_finishes_while_another_process_writes(
    vault_folder: Path, recovery_key: str, tmp_path: Path, record_property
) -> None:
    """A vault over 1,024 pages (4 MiB) is copied in several backup steps.

    Fails today: ``Vault.copy_database_to`` calls ``Connection.backup(pages=1024)``,
    which sleeps 250 ms between steps, and SQLite restarts an online backup from page 1
    whenever another connection commits in between, so a writer that commits more often
    than every 250 ms starves the backup for ever (the CLI backing up while the app
    edits). Copying in one step (``pages=-1``; a WAL read snapshot does not block the
    writer) or ``VACUUM INTO`` finishes.
    """
    scan = tmp_path / "scan.bin"
    scan.write_bytes(os.urandom(6 * 1024 * 1024))
    with Vault.open_with_recovery_key(vault_folder, recovery_key) as vault:
        owner = vault.people.add("Large Backup", role="owner").person
        vault.documents.add_file(scan, owner.id)
    writer = start_writer(vault_folder, recovery_key)
    try:
        with Vault.open_with_recovery_key(vault_folder, recovery_key) as vault:
            times: list[float] = []
            for n in range(LARGE_BACKUPS):
                target = tmp_path / f"large-{n}.pontbackup"
                seconds = timed_backup(vault, target)
                if seconds is None:
                    stop(writer)  # lets the stuck backup finish so its thread ends
                    time.sleep(1)
                    break
                times.append(seconds)
            starved = seconds is None
    finally:
        stop(writer)
    figure(
        record_property,
        "T05b",
        vault_mib=6,
        backups_done=len(times),
        starved=int(starved),
        backup_max_s=f"{max(times, default=0):.2f}",
        deadline_s=DEADLINE,
    )
    assert not starved, (
        f"backup {len(times) + 1} did not finish within {DEADLINE:.0f} s"
        " while another process wrote"
    )
    restore_backup(
        target, tmp_path / "restored", lambda f: Vault.open_with_recovery_key(f, recovery_key)
    )

"""The vault as a whole: creating, unlocking every way, locking, and changing keys."""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import PASSPHRASE, MemoryKeyring

from vault._crypto import KDF_FLOOR, KdfParams
from vault.atomic import TEMP_PREFIX, FileOps
from vault.database import open_database
from vault.device import DeviceKeys
from vault.errors import (
    DiskFull,
    InvalidInput,
    KeyringUnavailable,
    PontError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)
from vault.keyfile import MAX_DEVICES, new_key_file, read_key_file, write_key_file
from vault.recovery import parse_recovery_key
from vault.schema import SCHEMA_VERSION
from vault.vault import DATABASE, KEYS, Environment, Vault, vault_exists

NEW_PASSPHRASE = "a completely different passphrase"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FailingReplace(FileOps):
    def replace(self, source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


# -- creating ----------------------------------------------------------------------------


def test_create(tmp_path: Path, env: Environment) -> None:
    folder = tmp_path / "new"
    created = Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR, env=env)
    with created.vault as vault:
        assert vault.is_open
        assert vault.kdf == KDF_FLOOR
        assert vault.meta("vault_id") == vault.vault_id
        assert vault.meta("created_at") == "2026-11-21T09:30:00Z"
        assert vault.people.all() == []
        vault_id = vault.vault_id
    assert vault_exists(folder)
    assert len(parse_recovery_key(created.recovery_key)) == 20
    assert {DATABASE, KEYS} <= set(os.listdir(folder))
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for name in (DATABASE, KEYS):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    with Vault.open(folder, PASSPHRASE, env) as reopened:
        assert reopened.vault_id == vault_id
    with Vault.open_with_recovery_key(folder, created.recovery_key, env) as reopened:
        assert reopened.vault_id == vault_id


def test_create_calibrates_when_no_kdf_given(tmp_path: Path) -> None:
    calls: list[int] = []

    def calibrate() -> KdfParams:
        calls.append(1)
        return KDF_FLOOR

    created = Vault.create(tmp_path / "v", PASSPHRASE, env=Environment(calibrate=calibrate))
    created.vault.close()
    assert calls == [1]


def test_create_refuses_to_overwrite(vault_folder: Path, env: Environment) -> None:
    before = snapshot(vault_folder)
    with pytest.raises(VaultExists):
        Vault.create(vault_folder, "another", kdf=KDF_FLOOR, env=env)
    assert snapshot(vault_folder) == before
    Vault.open(vault_folder, PASSPHRASE, env).close()


def test_create_needs_a_passphrase(tmp_path: Path, env: Environment) -> None:
    with pytest.raises(InvalidInput) as caught:
        Vault.create(tmp_path / "v", "", kdf=KDF_FLOOR, env=env)
    assert caught.value.field == "passphrase"
    assert not (tmp_path / "v").exists()


@pytest.mark.parametrize("left", ["", "-wal", "-journal"])
def test_create_never_touches_a_database_without_its_key_file(
    vault_folder: Path, env: Environment, tmp_path: Path, left: str
) -> None:
    # An old key file (a backup, a sync service's history) may still open this database.
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.people.add("Ada Lovelace", "owner")
    old_keys = tmp_path / "old.keys"
    shutil.move(vault_folder / KEYS, old_keys)
    if left:  # only a -wal (or -journal) is left: still part of someone's database
        shutil.move(vault_folder / DATABASE, tmp_path / "db")
        (vault_folder / f"{DATABASE}{left}").write_bytes(os.urandom(4096))
    before = snapshot(vault_folder)
    with pytest.raises(VaultDamaged) as caught:
        Vault.create(vault_folder, "another passphrase", kdf=KDF_FLOOR, env=env)
    assert (caught.value.part, caught.value.reason) == ("key file", "missing")
    assert snapshot(vault_folder) == before
    if not left:
        shutil.move(old_keys, vault_folder / KEYS)  # putting the key file back opens it
        with Vault.open(vault_folder, PASSPHRASE, env) as vault:
            assert [p.name for p in vault.people.all()] == ["Ada Lovelace"]


def test_create_does_the_slow_work_before_the_database_exists(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    seen: list[bool] = []

    def calibrate() -> KdfParams:
        seen.append((folder / DATABASE).exists())
        return KDF_FLOOR

    Vault.create(folder, PASSPHRASE, env=Environment(calibrate=calibrate)).vault.close()
    assert seen == [False]


def test_create_removes_leftover_temporary_files(tmp_path: Path, env: Environment) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / f"{TEMP_PREFIX}0123-vault.keys").write_bytes(b"half a key file")
    Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR, env=env).vault.close()
    assert not any(name.startswith(TEMP_PREFIX) for name in os.listdir(folder))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_create_refuses_a_shared_folder(tmp_path: Path, env: Environment) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    with pytest.raises(InvalidInput) as caught:
        Vault.create(shared, PASSPHRASE, kdf=KDF_FLOOR, env=env)
    assert (caught.value.field, caught.value.reason) == ("vault", "shared_folder")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert os.listdir(shared) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_create_makes_an_existing_vault_folder_private(tmp_path: Path, env: Environment) -> None:
    folder = tmp_path / "v"
    folder.mkdir(mode=0o775)
    folder.chmod(0o2775)
    with Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR, env=env).vault as vault:
        assert vault.tightened == ()  # made private by creating, not news on opening
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_failed_key_file_write_leaves_no_vault(tmp_path: Path, clock: object) -> None:
    env = Environment(calibrate=lambda: KDF_FLOOR, file_ops=FailingReplace())
    folder = tmp_path / "v"
    with pytest.raises(DiskFull):
        Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR, env=env)
    assert not vault_exists(folder)
    # ... and a second attempt, with a disk that works, succeeds
    Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR, env=Environment()).vault.close()
    assert vault_exists(folder)


# -- opening -----------------------------------------------------------------------------


def test_open_and_close(vault_folder: Path, env: Environment) -> None:
    vault = Vault.open(vault_folder, PASSPHRASE, env)
    vault.people.add("Ada Lovelace", "owner")
    vault.close()
    assert not vault.is_open
    vault.close()  # twice is harmless
    assert not (vault_folder / f"{DATABASE}-wal").exists() or (
        (vault_folder / f"{DATABASE}-wal").stat().st_size == 0
    )
    with Vault.open(vault_folder, PASSPHRASE, env) as again:
        assert [p.name for p in again.people.all()] == ["Ada Lovelace"]
    assert not again.is_open


def test_vault_locked_after_close(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultLocked):
        _ = vault.connection
    with pytest.raises(VaultLocked):
        vault.meta("vault_id")
    with pytest.raises(VaultLocked):
        vault.new_recovery_key()
    with pytest.raises(VaultLocked):
        vault.check()
    with pytest.raises(VaultLocked):
        vault.reset_passphrase("new")


@pytest.mark.parametrize(
    "call",
    [
        lambda v: v.people.all(),
        lambda v: v.people.add("Ada Lovelace"),
        lambda v: v.profiles.fields(1),
        lambda v: v.profiles.search("ada"),
        lambda v: v.documents.attachments(),
    ],
    ids=["people.all", "people.add", "profiles.fields", "profiles.search", "documents"],
)
def test_parts_of_a_locked_vault_raise_vault_locked(
    vault: Vault, call: Callable[[Vault], object]
) -> None:
    # A view still holding vault.people after a lock must get VaultLocked, not a raw
    # sqlcipher3.ProgrammingError ("Cannot operate on a closed database").
    vault.close()
    with pytest.raises(VaultLocked):
        call(vault)


def test_wrong_passphrase_changes_nothing(vault_folder: Path, env: Environment) -> None:
    before = snapshot(vault_folder)
    for wrong in ("", PASSPHRASE.upper(), PASSPHRASE + " ", "correct horse"):
        with pytest.raises(WrongPassphrase) as caught:
            Vault.open(vault_folder, wrong, env)
        assert type(caught.value) is WrongPassphrase
    assert snapshot(vault_folder) == before


def test_no_vault_here(tmp_path: Path, env: Environment) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nothing", PASSPHRASE, env)
    (tmp_path / "empty").mkdir()
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "empty", PASSPHRASE, env)


def loosen(folder: Path) -> None:
    """What ``cp -r``, an unzip or a sync client may leave: 0755 folder, 0644 files."""
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def modes(folder: Path) -> dict[str, int]:
    found = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
    return {"folder": stat.S_IMODE(folder.stat().st_mode), **found}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_opening_a_loose_copy_makes_it_private_and_says_so_once(
    vault_folder: Path, env: Environment, tmp_path: Path
) -> None:
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.people.add("Ada Lovelace", "owner")
        # a sync client copies the folder while the vault is open: the -wal comes too
        copy = tmp_path / "synced"
        shutil.copytree(vault_folder, copy)
    assert f"{DATABASE}-wal" in os.listdir(copy)
    loosen(copy)
    with Vault.open(copy, PASSPHRASE, env) as vault:
        sidecars = {f"{DATABASE}-wal", f"{DATABASE}-shm"}
        assert set(vault.tightened) == {"folder", KEYS, DATABASE, *sidecars}
        vault.people.add("Grace Hopper", "relative")  # the WAL in use stays private
        assert modes(copy) == {
            "folder": 0o700,
            KEYS: 0o600,
            DATABASE: 0o600,
            f"{DATABASE}-wal": 0o600,
            f"{DATABASE}-shm": 0o600,
        }
    with Vault.open(copy, PASSPHRASE, env) as vault:
        assert vault.tightened == ()  # said once
        assert [p.name for p in vault.people.all()] == ["Ada Lovelace", "Grace Hopper"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_wal_and_shm_take_the_private_mode(vault_folder: Path, env: Environment) -> None:
    (vault_folder / DATABASE).chmod(0o644)
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        assert vault.tightened == (DATABASE,)
        vault.people.add("Ada Lovelace", "owner")
        assert modes(vault_folder)[f"{DATABASE}-wal"] == 0o600
        assert modes(vault_folder)[f"{DATABASE}-shm"] == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_wrong_passphrase_tightens_nothing(vault_folder: Path, env: Environment) -> None:
    loosen(vault_folder)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_folder, "not it", env)
    assert modes(vault_folder)["folder"] == 0o755  # told when it opens, so told at all
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        assert "folder" in vault.tightened


def test_database_without_key_file_is_damage(vault_folder: Path, env: Environment) -> None:
    (vault_folder / KEYS).unlink()
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert (caught.value.part, caught.value.reason) == ("key file", "missing")


def test_key_file_without_database_is_damage(vault_folder: Path, env: Environment) -> None:
    (vault_folder / DATABASE).unlink()
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert caught.value.part == "database"


def test_damaged_key_file(vault_folder: Path, env: Environment) -> None:
    data = bytearray((vault_folder / KEYS).read_bytes())
    data[len(data) // 2] ^= 0x04
    (vault_folder / KEYS).write_bytes(bytes(data))
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert caught.value.part == "key file"


def test_damaged_database_is_not_a_wrong_passphrase(vault_folder: Path, env: Environment) -> None:
    data = bytearray((vault_folder / DATABASE).read_bytes())
    data[50] ^= 0xFF  # inside page 1, after the salt
    (vault_folder / DATABASE).write_bytes(bytes(data))
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert caught.value.part == "database"


def test_key_file_of_another_vault(vault_folder: Path, tmp_path: Path, env: Environment) -> None:
    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, kdf=KDF_FLOOR, env=env).vault.close()
    shutil.copy2(other / KEYS, vault_folder / KEYS)
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert caught.value.part == "database"


def test_database_of_another_vault_id(vault_folder: Path, env: Environment) -> None:
    # Same data key, different vault id: the database says it belongs elsewhere.
    original = read_key_file(vault_folder / KEYS)
    data_key = original.unlock_with_passphrase(PASSPHRASE)
    forged = new_key_file(
        "aaaaaaaa-0000-4000-8000-000000000000",
        data_key,
        PASSPHRASE,
        secrets.token_bytes(20),
        KDF_FLOOR,
        secrets.token_bytes,
    )
    write_key_file(vault_folder / KEYS, forged)
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_folder, PASSPHRASE, env)
    assert (caught.value.part, caught.value.reason) == ("database", "belongs_to_another_vault")


def test_vault_from_a_newer_pont(vault_folder: Path, env: Environment) -> None:
    data_key = read_key_file(vault_folder / KEYS).unlock_with_passphrase(PASSPHRASE)
    connection = open_database(vault_folder / DATABASE, data_key)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(VaultTooNew):
        Vault.open(vault_folder, PASSPHRASE, env)


def test_open_removes_orphaned_temp_files(vault_folder: Path, env: Environment) -> None:
    (vault_folder / f"{TEMP_PREFIX}dead-vault.keys").write_bytes(b"x")
    Vault.open(vault_folder, PASSPHRASE, env).close()
    assert not any(n.startswith(TEMP_PREFIX) for n in os.listdir(vault_folder))


# -- passphrase and recovery key ------------------------------------------------------------


def test_change_passphrase_rewraps_without_rewriting_the_database(
    vault_folder: Path, env: Environment
) -> None:
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.people.add("Ada Lovelace", "owner")
        vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database_before = digest(vault_folder / DATABASE)
        keys_before = digest(vault_folder / KEYS)
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        assert digest(vault_folder / DATABASE) == database_before
        assert digest(vault_folder / KEYS) != keys_before
        assert vault.people.all()[0].name == "Ada Lovelace"  # still open and working
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_folder, PASSPHRASE, env)
    with Vault.open(vault_folder, NEW_PASSPHRASE, env) as vault:
        assert [p.name for p in vault.people.all()] == ["Ada Lovelace"]


def test_change_passphrase_needs_the_old_one(vault: Vault, vault_folder: Path) -> None:
    before = snapshot(vault_folder)
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("not it", NEW_PASSPHRASE)
    with pytest.raises(InvalidInput):
        vault.change_passphrase(PASSPHRASE, "")
    assert snapshot(vault_folder) == before


def test_failed_passphrase_change_keeps_the_old_one(vault_folder: Path, clock: object) -> None:
    env = Environment(calibrate=lambda: KDF_FLOOR, file_ops=FailingReplace())
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        keys_before = digest(vault_folder / KEYS)
        with pytest.raises(DiskFull):
            vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        assert digest(vault_folder / KEYS) == keys_before
    Vault.open(vault_folder, PASSPHRASE).close()


def test_recovery_key_still_works_after_passphrase_change(
    vault_folder: Path, recovery_key: str, env: Environment
) -> None:
    # The CLI promises "Your recovery key still works": changing the passphrase must not
    # invalidate the printed recovery kit.
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    Vault.open_with_recovery_key(vault_folder, recovery_key, env).close()


def test_reset_with_recovery_key(vault_folder: Path, recovery_key: str, env: Environment) -> None:
    with Vault.open_with_recovery_key(vault_folder, recovery_key.lower(), env) as vault:
        vault.reset_passphrase(NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_folder, PASSPHRASE, env)
    Vault.open(vault_folder, NEW_PASSPHRASE, env).close()


def test_recovery_key_still_works_after_reset(
    vault_folder: Path, recovery_key: str, env: Environment
) -> None:
    with Vault.open_with_recovery_key(vault_folder, recovery_key, env) as vault:
        vault.reset_passphrase(NEW_PASSPHRASE)
    Vault.open_with_recovery_key(vault_folder, recovery_key, env).close()


def test_wrong_recovery_key(vault_folder: Path, recovery_key: str, env: Environment) -> None:
    before = snapshot(vault_folder)
    wrong = ("B" if recovery_key[0] != "B" else "C") + recovery_key[1:]
    with pytest.raises(WrongRecoveryKey):
        Vault.open_with_recovery_key(vault_folder, wrong, env)
    with pytest.raises(InvalidInput):
        Vault.open_with_recovery_key(vault_folder, "ABCD-EFGH", env)
    assert snapshot(vault_folder) == before


def test_new_recovery_key_invalidates_the_old(
    vault_folder: Path, recovery_key: str, env: Environment
) -> None:
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        fresh = vault.new_recovery_key()
    assert fresh != recovery_key
    with pytest.raises(WrongRecoveryKey):
        Vault.open_with_recovery_key(vault_folder, recovery_key, env)
    Vault.open_with_recovery_key(vault_folder, fresh, env).close()
    Vault.open(vault_folder, PASSPHRASE, env).close()


# -- remembered devices ----------------------------------------------------------------------


def test_remember_open_forget(
    vault_folder: Path, env: Environment, memory_keyring: MemoryKeyring
) -> None:
    devices = DeviceKeys(memory_keyring)
    with pytest.raises(KeyringUnavailable) as caught:
        Vault.open_with_device(vault_folder, devices, env)
    assert caught.value.reason == "not_remembered"
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        ident = vault.remember_on_device(devices)
        assert vault.remembered_devices() == [ident]
        vault_id = vault.vault_id
    assert devices.load(vault_id, ident) is not None
    with Vault.open_with_device(vault_folder, devices, env) as vault:
        assert vault.vault_id == vault_id
        assert vault.forget_device(devices) == 1
        assert vault.remembered_devices() == []
    assert memory_keyring.items == {}
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, devices, env)
    Vault.open(vault_folder, PASSPHRASE, env).close()


def test_other_devices_keyring_does_not_open(
    vault_folder: Path, env: Environment, memory_keyring: MemoryKeyring
) -> None:
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.remember_on_device(DeviceKeys(memory_keyring))
        forgotten = vault.forget_device(DeviceKeys(MemoryKeyring()))  # not this keyring's slot
        assert forgotten == 0
        assert len(vault.remembered_devices()) == 1
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, DeviceKeys(MemoryKeyring()), env)
    # a tampered secret in the keyring does not open it either
    address = next(iter(memory_keyring.items))
    memory_keyring.items[address] = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, DeviceKeys(memory_keyring), env)


def test_remember_with_locked_keyring_changes_nothing(
    vault: Vault, vault_folder: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.locked = True
    before = snapshot(vault_folder)
    with pytest.raises(KeyringUnavailable) as caught:
        vault.remember_on_device(DeviceKeys(memory_keyring))
    assert caught.value.reason == "locked"
    assert snapshot(vault_folder) == before
    assert vault.remembered_devices() == []


def test_remember_rolls_back_the_keyring_when_the_key_file_cannot_be_written(
    vault_folder: Path, memory_keyring: MemoryKeyring, clock: object
) -> None:
    env = Environment(calibrate=lambda: KDF_FLOOR, file_ops=FailingReplace())
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        with pytest.raises(DiskFull):
            vault.remember_on_device(DeviceKeys(memory_keyring))
        assert vault.remembered_devices() == []
    assert memory_keyring.items == {}


def test_device_still_works_after_passphrase_change(
    vault_folder: Path, env: Environment, memory_keyring: MemoryKeyring
) -> None:
    devices = DeviceKeys(memory_keyring)
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        vault.remember_on_device(devices)
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    Vault.open_with_device(vault_folder, devices, env).close()


def test_too_many_devices_never_makes_the_vault_unreadable(
    vault_folder: Path, env: Environment
) -> None:
    with Vault.open(vault_folder, PASSPHRASE, env) as vault:
        for _ in range(MAX_DEVICES):
            vault.remember_on_device(DeviceKeys(MemoryKeyring()))
        # One more is either refused with a clear error or accepted; either way the
        # key file on disk must stay readable and the passphrase must still open it.
        outcome: PontError | None = None
        try:
            vault.remember_on_device(DeviceKeys(MemoryKeyring()))
        except PontError as error:
            outcome = error
        assert not isinstance(outcome, VaultDamaged), outcome
    read_key_file(vault_folder / KEYS)
    Vault.open(vault_folder, PASSPHRASE, env).close()


# -- care ------------------------------------------------------------------------------------


def test_check_healthy(vault: Vault) -> None:
    assert vault.check() == []


def test_erase_field(vault: Vault) -> None:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(ada, "nhsNumber", "943 476 5919")
    vault.profiles.set(ada, "familyName", "Lovelace")
    assert vault.erase_field(ada, "nhsNumber") == 1
    assert [f.key for f in vault.profiles.fields(ada)] == ["familyName"]
    assert vault.profiles.history(ada, "nhsNumber") == []
    assert vault.check() == []


def test_copy_database(vault: Vault, vault_folder: Path, tmp_path: Path) -> None:
    vault.people.add("Ada Lovelace", "owner")
    target = tmp_path / "copy.db"
    vault.copy_database_to(target)
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"
    data_key = read_key_file(vault_folder / KEYS).unlock_with_passphrase(PASSPHRASE)
    copy = open_database(target, data_key)
    try:
        assert copy.execute("SELECT name FROM people").fetchall() == [("Ada Lovelace",)]
    finally:
        copy.close()

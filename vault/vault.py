"""An open vault: the one object through which the app and the CLI reach a person's data.

A vault is a folder holding two files: ``vault.db`` (SQLCipher, encrypted with a random
data key) and ``vault.keys`` (that key, wrapped by the passphrase, the recovery key and
any remembered devices). The key file's presence marks a complete vault. A database
without one is never deleted or replaced: an old key file (a backup, a sync service's
history) may still open it, so creating a vault there is refused.

The vault folder is the owner's alone (0700) and so are its files (0600): creating one
makes it so, and opening one tightens a folder that a copy, an unzip or a sync client
left readable (``Vault.tightened`` says what was changed, once).

Unlocking checks the passphrase against the key file first, so a wrong passphrase
never touches the database and is never confused with damage.
"""

from __future__ import annotations

import contextlib
import secrets
import stat
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from vault import _crypto
from vault._crypto import KdfParams, TokenBytes
from vault.atomic import (
    REAL_OPS,
    FileOps,
    make_owner_only,
    make_private_folder,
    remove_abandoned_staging,
    remove_orphans,
)
from vault.credentials import Credentials
from vault.database import (
    Connection,
    Database,
    DatabaseError,
    classify,
    integrity_problems,
    open_database,
    query,
    remove_new_database,
    transaction,
)
from vault.device import DeviceKeys
from vault.documents import Documents
from vault.errors import (
    InvalidInput,
    KeyringUnavailable,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
)
from vault.holder_keys import HolderKeys
from vault.keyfile import (
    KeyFile,
    new_key_file,
    parse_key_file,
    read_key_file,
    write_key_file,
)
from vault.ledger import Ledger
from vault.model import Clock, system_clock, timestamp
from vault.organisations import Organisations
from vault.people import People
from vault.profile import Profiles
from vault.recovery import SECRET_BYTES, format_recovery_key, parse_recovery_key

DATABASE = "vault.db"
KEYS = "vault.keys"
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Environment:
    """What the core takes from the world, injected so tests control it."""

    clock: Clock = system_clock
    token_bytes: TokenBytes = secrets.token_bytes
    file_ops: FileOps = REAL_OPS
    calibrate: Callable[[], KdfParams] = _crypto.calibrate_kdf


@dataclass(frozen=True)
class Created:
    """A new vault and its recovery key, to be shown once and never stored."""

    vault: Vault
    recovery_key: str


def vault_exists(folder: Path) -> bool:
    return (folder / KEYS).exists()


class Vault:
    """An unlocked vault. Close (lock) it when done; every call after that raises."""

    def __init__(self, folder: Path, key_file: KeyFile, data_key: bytes, env: Environment) -> None:
        self.folder = folder
        self.env = env
        self._key_file = key_file
        self._data_key: bytes | None = data_key
        # Before SQLite opens the database: the -wal and -shm it makes copy its mode.
        self.tightened: tuple[str, ...] = tighten_vault_folder(folder)
        self._database = Database(open_database(folder / DATABASE, data_key), folder / DATABASE)
        self.people = People(self._database, env.clock)
        self.profiles = Profiles(self._database, env.clock)
        self.documents = Documents(self._database, env.clock)
        self.organisations = Organisations(self._database, env.clock)
        self.holder_keys = HolderKeys(self._database, env.clock, env.token_bytes)
        self.ledger = Ledger(self._database, env.clock)
        self.credentials = Credentials(self._database, env.clock, self.profiles, self.holder_keys)
        self._check_identity()

    # -- making and opening --------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        env: Environment | None = None,
    ) -> Created:
        """Make a new vault in ``folder``. Refuses to overwrite an existing one
        (``VaultExists``), and to touch a database left without its key file
        (``VaultDamaged("key file", "missing")``: restore the key file or a backup, or
        move the folder aside)."""
        env = env or Environment()
        if not passphrase:
            raise InvalidInput("passphrase", "required")
        _check_free_for_vault(folder)
        # The slow part first (calibration, Argon2id), so the moment between the database
        # and its key file appearing is as short as it can be.
        data_key = env.token_bytes(_crypto.KEY_BYTES)
        recovery_secret = env.token_bytes(SECRET_BYTES)
        vault_id = str(uuid.UUID(bytes=env.token_bytes(16), version=4))
        params = kdf or env.calibrate()
        key_file = new_key_file(
            vault_id, data_key, passphrase, recovery_secret, params, env.token_bytes
        )
        make_private_folder(folder)
        make_owner_only(folder, 0o700)  # the vault folder, even if it was already there
        remove_orphans(folder)
        connection = open_database(folder / DATABASE, data_key, create=True)  # never replaces
        try:
            try:
                with transaction(connection):
                    connection.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [("vault_id", vault_id), ("created_at", timestamp(env.clock()))],
                    )
            finally:
                connection.close()
            write_key_file(folder / KEYS, key_file, env.file_ops)
        except BaseException:
            remove_new_database(folder / DATABASE)  # ours, made above: it never had keys
            raise
        vault = cls(folder, key_file, data_key, env)
        return Created(vault, format_recovery_key(recovery_secret))

    @classmethod
    def open(cls, folder: Path, passphrase: str, env: Environment | None = None) -> Vault:
        """Unlock with the passphrase: ``WrongPassphrase`` or ``VaultDamaged`` otherwise."""
        key_file = _read_keys(folder)
        return cls(
            folder, key_file, key_file.unlock_with_passphrase(passphrase), env or Environment()
        )

    @classmethod
    def open_with_recovery_key(
        cls, folder: Path, recovery_key: str, env: Environment | None = None
    ) -> Vault:
        key_file = _read_keys(folder)
        data_key = key_file.unlock_with_recovery_key(parse_recovery_key(recovery_key))
        return cls(folder, key_file, data_key, env or Environment())

    @classmethod
    def open_with_device(
        cls, folder: Path, devices: DeviceKeys, env: Environment | None = None
    ) -> Vault:
        """Unlock with a key remembered on this device; ``KeyringUnavailable`` if none works."""
        key_file = _read_keys(folder)
        for ident in key_file.device_ids():
            secret = devices.load(key_file.vault_id, ident)
            if secret is None:
                continue
            with contextlib.suppress(WrongPassphrase):
                data_key = key_file.unlock_with_device_key(ident, secret)
                return cls(folder, key_file, data_key, env or Environment())
        raise KeyringUnavailable("not_remembered")

    # -- state ---------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return self._key_file.vault_id

    @property
    def kdf(self) -> KdfParams:
        return self._key_file.kdf

    @property
    def connection(self) -> Connection:
        """The raw SQLCipher connection (``VaultLocked`` once closed)."""
        return self._database.raw

    @property
    def is_open(self) -> bool:
        return self._data_key is not None

    def close(self) -> None:
        """Lock: checkpoint the WAL into the database and forget the key."""
        if self.is_open:
            with contextlib.suppress(DatabaseError, VaultLocked):
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._database.close()
        self.holder_keys.drop_loaded()
        self._data_key = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keys ----------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the data key under ``new``. Only the key file changes, atomically."""
        self._key_file.unlock_with_passphrase(old)
        self.reset_passphrase(new, kdf)

    def reset_passphrase(self, new: str, kdf: KdfParams | None = None) -> None:
        """Set a new passphrase without the old one (after unlocking with the recovery key)."""
        if not new:
            raise InvalidInput("passphrase", "required")
        params = kdf or self.env.calibrate()
        self._save_keys(
            self._key_file.with_passphrase(self._key(), new, params, self.env.token_bytes)
        )

    def new_recovery_key(self) -> str:
        """Replace the recovery key (the old one stops working); returns the new one."""
        secret = self.env.token_bytes(SECRET_BYTES)
        self._save_keys(self._key_file.with_recovery_key(self._key(), secret, self.env.token_bytes))
        return format_recovery_key(secret)

    def remember_on_device(self, devices: DeviceKeys) -> str:
        """Store a device key in the OS keyring so this device unlocks without the passphrase."""
        ident = str(uuid.UUID(bytes=self.env.token_bytes(16), version=4))
        secret = self.env.token_bytes(_crypto.KEY_BYTES)
        devices.save(self.vault_id, ident, secret)
        try:
            self._save_keys(
                self._key_file.with_device_key(self._key(), ident, secret, self.env.token_bytes)
            )
        except BaseException:
            with contextlib.suppress(KeyringUnavailable):
                devices.delete(self.vault_id, ident)
            raise
        return ident

    def forget_device(self, devices: DeviceKeys) -> int:
        """Remove every device slot whose key this keyring holds; returns how many."""
        held = [
            i for i in self._key_file.device_ids() if devices.load(self.vault_id, i) is not None
        ]
        changed = self._key_file
        for ident in held:
            changed = changed.without_device(ident)
        if held:
            self._save_keys(changed)
        for ident in held:
            with contextlib.suppress(KeyringUnavailable):
                devices.delete(self.vault_id, ident)
        return len(held)

    def remembered_devices(self) -> list[str]:
        return self._key_file.device_ids()

    # -- care ----------------------------------------------------------------------

    def check(self) -> list[str]:
        """Verify every page's authentication code and the structure. Empty when healthy."""
        return integrity_problems(self.connection)

    def erase_field(self, person_id: int, key: str, entry: int | None = None) -> int:
        """Delete a field and its whole history, and scrub it from the files (T11)."""
        erased = self.profiles.erase(person_id, key, entry)
        self.compact()
        return erased

    def compact(self) -> None:
        """Rewrite the database so nothing deleted survives in free pages or the WAL."""
        db = self.connection
        # FTS5 keeps a deleted row's terms in old index segments until they are merged.
        with transaction(db):
            db.execute("INSERT INTO field_search (field_search) VALUES ('optimize')")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def copy_database_to(self, target: Path) -> None:
        """A consistent, still-encrypted copy of the database (safe while writing goes on)."""
        copy = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            copy.execute(f"PRAGMA key = \"x'{self._key().hex()}'\"")
            # One step: copied in steps, SQLite restarts the copy after every commit by
            # another connection, so a busy vault could never finish its backup.
            self.connection.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode = DELETE")
        except sqlcipher3.Error as error:
            raise classify(error, target) from None
        finally:
            copy.close()

    def meta(self, key: str) -> str | None:
        rows = query(self.connection, "SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    # -- internals -----------------------------------------------------------------

    def _key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked
        return self._data_key

    def _save_keys(self, changed: KeyFile) -> None:
        path = self.folder / KEYS
        # Never write a key file that would not read back (it would lock the person out).
        if parse_key_file(changed.to_bytes()) != changed:
            raise VaultDamaged("key file", "would_not_read_back")
        write_key_file(path, changed, self.env.file_ops)
        # Read back: a key file that does not parse to what we meant is a failed change.
        if read_key_file(path) != changed:
            raise VaultDamaged("key file", "write_verify_failed")
        self._key_file = changed

    def _check_identity(self) -> None:
        if self.meta("vault_id") != self._key_file.vault_id:
            self.close()
            raise VaultDamaged("database", "belongs_to_another_vault")


def _read_keys(folder: Path) -> KeyFile:
    if not vault_exists(folder):
        if (folder / DATABASE).exists():
            raise VaultDamaged("key file", "missing")
        raise VaultNotFound(str(folder))
    remove_orphans(folder)
    remove_abandoned_staging(folder.resolve())  # a restore killed half-way
    return read_key_file(folder / KEYS)


def _check_free_for_vault(folder: Path) -> None:
    if vault_exists(folder):
        raise VaultExists(str(folder))
    if any((folder / f"{DATABASE}{suffix}").exists() for suffix in ("", *_SIDECARS)):
        raise VaultDamaged("key file", "missing")
    if folder.is_dir() and folder.stat().st_mode & stat.S_ISVTX:
        raise InvalidInput("vault", "shared_folder", "choose a folder of your own")


def tighten_vault_folder(folder: Path) -> tuple[str, ...]:
    """Make the vault folder 0700 and Pont's files in it 0600; the names of what changed
    ("folder", "vault.db" …), for the person to be told once. No paths: they can name people."""
    changed = ["folder"] if make_owner_only(folder, 0o700) else []
    for name in (KEYS, DATABASE, *(f"{DATABASE}{suffix}" for suffix in _SIDECARS)):
        if make_owner_only(folder / name, 0o600):
            changed.append(name)
    return tuple(changed)

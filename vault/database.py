"""The SQLCipher connection: keyed, durable, and refusing to run unencrypted.

The database is keyed with the raw 256-bit data key (``x'…'``), never a passphrase, so
SQLCipher runs no key derivation of its own on open. WAL with ``synchronous=FULL``
keeps every acknowledged commit across a crash or power cut. Errors from SQLCipher are
classified here: by the time a connection is opened the key file has already proved
the key right, so a database that will not decrypt is damaged, not a wrong passphrase.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from vault.atomic import classify_os_error
from vault.errors import (
    DiskFull,
    EngineNotEncrypted,
    StorageError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultTooNew,
)
from vault.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:  # sqlcipher3 ships no types; its API is the standard library's
    from sqlite3 import Connection as Connection
    from sqlite3 import Cursor
else:
    Connection = sqlcipher3.Connection
    Cursor = sqlcipher3.Cursor
DatabaseError = sqlcipher3.DatabaseError
PART = "database"

# 64 MiB page cache: warm reads then cost the same as an unencrypted database (P4).
CACHE_KIB = 64 * 1024
# Less free space than a few pages: a write that failed for "no reason" failed for this.
_FULL_BELOW = 64 * 1024


class Database:
    """The connection as the vault's stores hold it: once the vault locks, every use raises
    ``VaultLocked`` instead of reaching a closed (or reopened) connection."""

    def __init__(self, connection: Connection, path: Path | None = None) -> None:
        self._connection: Connection | None = connection
        self._path = path

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def raw(self) -> Connection:
        if self._connection is None:
            raise VaultLocked
        return self._connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self.raw.execute(sql, params)
        except sqlcipher3.Error as error:
            raise _classify(error, self._path) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        try:
            return self.raw.executemany(sql, rows)
        except sqlcipher3.Error as error:
            raise _classify(error, self._path) from None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None


def open_database(path: Path, data_key: bytes, *, create: bool = False) -> Connection:
    """Open (or create) the vault database with its data key and bring the schema up to date.

    ``create`` never replaces a file (``VaultExists``); a database it made and could not
    finish is removed again, so a failed creation leaves nothing behind."""
    if not create and not path.exists():
        raise VaultDamaged(PART, "missing")
    if create:
        _create_private(path)
    try:
        return _connect(path, data_key)
    except BaseException:
        if create:
            remove_new_database(path)
        raise


def remove_new_database(path: Path) -> None:
    """Remove a database (and its -wal, -shm, -journal) that this process has just created
    and that never had a key file, so nothing could ever open it. Never call it for any
    other database."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def _connect(path: Path, data_key: bytes) -> Connection:
    try:
        connection: Connection = sqlcipher3.connect(
            str(path), isolation_level=None, cached_statements=256
        )
    except sqlcipher3.Error as error:
        raise _classify(error, path) from None
    try:
        _key(connection, data_key)
        _configure(connection)
        _migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _create_private(path: Path) -> None:
    # SQLite would create the file with the umask's permissions; its -wal and -shm
    # files copy the database's, so owner-only here keeps all three private.
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise VaultExists(str(path)) from None
    except OSError as error:
        raise classify_os_error(error, path) from None


def _key(connection: Connection, data_key: bytes) -> None:
    if len(data_key) != 32:
        raise ValueError("data key must be 32 bytes")
    # The key is hex of random bytes: no quoting problem, no user text in the statement.
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    version = connection.execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0]:
        raise EngineNotEncrypted
    # SQLCipher logs HMAC failures to stderr by default; we report them ourselves.
    connection.execute("PRAGMA cipher_log_level = NONE")


def _configure(connection: Connection) -> None:
    try:
        # The first statement that reads page 1: a damaged header or wrong key fails here.
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise VaultDamaged(PART, f"journal_mode_{mode}")
        for pragma in (
            "synchronous = FULL",
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            f"cache_size = -{CACHE_KIB}",
        ):
            connection.execute(f"PRAGMA {pragma}")
        if sys.platform == "darwin":  # plain fsync does not reach the platter on macOS
            connection.execute("PRAGMA fullfsync = ON")
            connection.execute("PRAGMA checkpoint_fullfsync = ON")
    except sqlcipher3.Error as error:
        raise _classify(error, None) from None


def _migrate(connection: Connection) -> None:
    try:
        found = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlcipher3.Error as error:
        raise _classify(error, None) from None
    if found > SCHEMA_VERSION:
        raise VaultTooNew(found, SCHEMA_VERSION)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with transaction(connection):
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {int(version)}")


@contextlib.contextmanager
def transaction(connection: Connection | Database) -> Iterator[Connection | Database]:
    """One durable write transaction; rolled back on any error, errors classified."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlcipher3.Error as error:
        raise _classify(error, _path_of(connection)) from None
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException as error:
        with contextlib.suppress(sqlcipher3.Error):
            connection.execute("ROLLBACK")
        if isinstance(error, sqlcipher3.Error):
            raise _classify(error, _path_of(connection)) from None
        raise


def query(connection: Connection | Database, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Run a read and return all rows, with SQLCipher errors classified."""
    try:
        return connection.execute(sql, params).fetchall()
    except sqlcipher3.Error as error:
        raise _classify(error, _path_of(connection)) from None


def classify(error: Exception, path: Path | None = None) -> Exception:
    """The core's error for a raw SQLCipher exception raised by a caller's statement."""
    if isinstance(error, sqlcipher3.Error):
        return _classify(error, path)
    return error


def integrity_problems(connection: Connection) -> list[str]:
    """Full check: every page's HMAC and the b-tree structure. Empty when healthy."""
    try:
        problems = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
        structure = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlcipher3.Error as error:
        return [f"unreadable: {type(error).__name__}"]
    return problems + [line for line in structure if line != "ok"]


def _path_of(connection: Connection | Database) -> Path | None:
    return connection.path if isinstance(connection, Database) else None


def _disk_is_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _FULL_BELOW
    except OSError:
        return False


def _classify(error: Exception, path: Path | None) -> Exception:
    code = getattr(error, "sqlite_errorcode", None)
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or code == 13:
        return DiskFull(str(path or PART))
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or code in (11, 26):
        return VaultDamaged(PART, "unreadable")
    if path is not None and _disk_is_full(path):
        # Some full-disk failures arrive as a generic error (the backup API's, or an I/O
        # error on the WAL); the free space says what they were.
        return DiskFull(str(path))
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")):
        return StorageError(str(path or PART), name.lower())
    if isinstance(error, sqlcipher3.OperationalError | sqlcipher3.InternalError):
        return StorageError(str(path or PART), name.lower() or "operational")
    # Anything else is a programming error in Pont: let it surface as a bug.
    return error

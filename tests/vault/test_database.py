"""The SQLCipher connection: really encrypted, durable settings, schema, and classified errors."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.database import (
    Connection,
    integrity_problems,
    open_database,
    query,
    transaction,
)
from vault.errors import VaultDamaged, VaultExists, VaultTooNew
from vault.schema import SCHEMA_VERSION

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
MARKER = "Plaintext-Marker-Lovelace-1815"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "vault.db"
    connection = open_database(path, KEY, create=True)
    with transaction(connection):
        connection.execute("INSERT INTO meta (key, value) VALUES ('note', ?)", (MARKER,))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Connection]:
    connection = open_database(db_path, KEY)
    yield connection
    connection.close()


def scalar(connection: Connection, sql: str) -> object:
    return connection.execute(sql).fetchone()[0]


def test_engine_is_sqlcipher(db: Connection) -> None:
    version = scalar(db, "PRAGMA cipher_version")
    assert isinstance(version, str)
    assert version.split(".")[0] == "4"


def test_file_is_not_plaintext_sqlite(db_path: Path) -> None:
    data = db_path.read_bytes()
    assert data[:16] != b"SQLite format 3\x00"
    assert MARKER.encode() not in data
    assert b"CREATE TABLE" not in data


def test_wal_is_encrypted_too(db: Connection, db_path: Path) -> None:
    with transaction(db):
        db.execute("INSERT INTO meta (key, value) VALUES ('wal', ?)", (MARKER + "-wal",))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    assert MARKER.encode() not in wal.read_bytes()


def test_durable_settings(db: Connection) -> None:
    assert scalar(db, "PRAGMA journal_mode") == "wal"
    assert scalar(db, "PRAGMA synchronous") == 2  # FULL
    assert scalar(db, "PRAGMA foreign_keys") == 1
    assert scalar(db, "PRAGMA secure_delete") == 1


def test_schema_version_and_tables(db: Connection) -> None:
    assert scalar(db, "PRAGMA user_version") == SCHEMA_VERSION
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert {"meta", "people", "fields", "field_versions", "documents", "field_search"} <= tables
    assert query(db, "SELECT value FROM meta WHERE key = 'note'") == [(MARKER,)]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_files_are_owner_only(db: Connection, db_path: Path) -> None:
    with transaction(db):
        db.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_create_refuses_existing_file(db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(VaultExists):
        open_database(db_path, KEY, create=True)
    assert db_path.read_bytes() == before


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(VaultDamaged) as caught:
        open_database(tmp_path / "vault.db", KEY)
    assert (caught.value.part, caught.value.reason) == ("database", "missing")


def test_newer_schema_is_refused(db: Connection, db_path: Path) -> None:
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(VaultTooNew) as caught:
        open_database(db_path, KEY)
    assert (caught.value.found, caught.value.known) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)


def test_wrong_key_is_damage(db_path: Path) -> None:
    # The key file proved the key before this point, so a key that fails here means damage.
    before = db_path.read_bytes()
    with pytest.raises(VaultDamaged) as caught:
        open_database(db_path, OTHER_KEY)
    assert (caught.value.part, caught.value.reason) == ("database", "unreadable")
    assert db_path.read_bytes() == before


def test_key_must_be_32_bytes(db_path: Path) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        open_database(db_path, KEY[:16])


@pytest.mark.parametrize(
    "content", [b"", b"\x00" * 8192, os.urandom(8192), b"SQLite format 3\x00" + b"\x00" * 4080]
)
def test_garbage_file_is_damage(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vault.db"
    path.write_bytes(content)
    if not content:
        # An empty file is a brand-new database to SQLite: it must still open and migrate.
        connection = open_database(path, KEY)
        assert scalar(connection, "PRAGMA user_version") == SCHEMA_VERSION
        connection.close()
        return
    with pytest.raises(VaultDamaged):
        open_database(path, KEY)


def test_damaged_header_is_damage(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[100] ^= 0xFF
    db_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        open_database(db_path, KEY)


def test_integrity_check_finds_a_damaged_page(db: Connection, db_path: Path) -> None:
    with transaction(db):
        db.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [(f"k{i}", "v" * 500) for i in range(200)],
        )
    assert integrity_problems(db) == []
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = db_path.stat().st_size
    assert size > 4096 * 10
    data = bytearray(db_path.read_bytes())
    data[4096 * 5 + 200] ^= 0x01  # one bit, in the middle of a page
    db_path.write_bytes(bytes(data))
    reopened = open_database(db_path, KEY)  # page 1 is fine
    try:
        assert integrity_problems(reopened) != []
    finally:
        reopened.close()


def test_transaction_rolls_back(db: Connection) -> None:
    def fail_midway() -> None:
        with transaction(db):
            db.execute("INSERT INTO meta (key, value) VALUES ('gone', 'x')")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert query(db, "SELECT * FROM meta WHERE key = 'gone'") == []
    assert not db.in_transaction


def test_constraint_violation_is_a_bug_not_a_classified_error(db: Connection) -> None:
    # A programming error must surface as itself, not be dressed up as damage.
    with pytest.raises(Exception) as caught, transaction(db):  # noqa: PT011
        db.execute("INSERT INTO meta (key, value) VALUES ('note', 'duplicate')")
    assert type(caught.value).__name__ == "IntegrityError"
    assert not db.in_transaction


def test_reopen_keeps_data(db_path: Path) -> None:
    for _ in range(2):
        connection = open_database(db_path, KEY)
        assert query(connection, "SELECT value FROM meta WHERE key = 'note'") == [(MARKER,)]
        connection.close()

"""The benchmark's data: a 20-person vault built through Pont's core, and its unkeyed twin.

The vault is created with Pont's default KDF calibration and every person is filled with
``Profiles.set_many`` (one transaction per person), so its pages are laid out exactly as
the app would lay them out. The twin is an unkeyed ``sqlcipher3`` database with Pont's
own schema (``vault.schema.MIGRATIONS``) and pragmas, filled by replaying the statements
the core actually ran (SQL text and parameters, recorded by ``Recorder`` under the
core's own ``Profiles`` and cross-checked against the connection's trace), in the same
order and with the same transaction boundaries. No SQL of the core is copied here, so
the baseline follows the core when it changes. A checksum of every table's contents
then proves both files hold the same rows.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from common import now

from vault import database
from vault._crypto import KDF_FLOOR
from vault.keyfile import read_key_file
from vault.profile import Profiles
from vault.schema import MIGRATIONS, SCHEMA_VERSION
from vault.vault import DATABASE, KEYS, Vault

PASSPHRASE = "correct horse battery staple pont bench"  # noqa: S105 (a bench vault)
SECTIONS = (
    "Contact", "Address", "Identity", "Health", "Finance", "Education",
    "Work", "Travel", "Device", "Consent", "Insurance", "Household",
)  # fmt: skip

# The pragmas Pont's ``database._configure`` sets, minus the key (kept in step by hand:
# the bench fails loudly in ``check_pragmas`` if the core's settings drift from these).
PRAGMAS = (
    "synchronous = FULL",
    "foreign_keys = ON",
    "secure_delete = ON",
    "temp_store = MEMORY",
    f"cache_size = -{database.CACHE_KIB}",
)


@dataclass(frozen=True)
class Shape:
    people: int
    owner_fields: int
    relative_fields: int

    @property
    def total_fields(self) -> int:
        return self.owner_fields + (self.people - 1) * self.relative_fields


FULL = Shape(people=20, owner_fields=10_000, relative_fields=2_500)
QUICK = Shape(people=4, owner_fields=2_000, relative_fields=500)


@dataclass
class Built:
    """Paths and facts about the data built for one run."""

    shape: Shape
    calibrated: Path  # vault folder, default calibration
    floor: Path  # the same vault, passphrase re-wrapped at the KDF floor
    plain: Path  # unkeyed sqlcipher3 twin
    stdlib: Path  # byte copy of the twin, read with the stdlib sqlite3
    owner_id: int
    data_key: bytes
    timings: dict[str, float] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


def words(rng: random.Random, count: int = 3000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 10))))
    return sorted(found)


def profile_values(rng: random.Random, vocabulary: list[str], count: int) -> dict[str, str]:
    """``count`` custom text fields, ~60-byte values of words, keys in sorted order."""
    values = {}
    for index in range(count):
        section = SECTIONS[index % len(SECTIONS)]
        key = f"custom:{section} {rng.choice(vocabulary)} {index:05d}"
        values[key] = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 12)))
    return dict(sorted(values.items()))


def connect_plain(path: Path, module: Any = sqlcipher3) -> Any:
    """An unkeyed connection configured like ``vault.database`` configures the vault's."""
    connection = module.connect(str(path), isolation_level=None, cached_statements=256)
    connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        raise RuntimeError(f"journal_mode {mode}")
    for pragma in PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def connect_keyed(path: Path, data_key: bytes) -> Any:
    """A raw-key connection to the vault database with the same pragmas (raw SQL rows)."""
    connection = sqlcipher3.connect(str(path), isolation_level=None, cached_statements=256)
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    connection.execute("PRAGMA journal_mode = WAL").fetchone()
    for pragma in PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def check_pragmas(vault_connection: Any, plain_connection: Any) -> dict[str, Any]:
    """The settings that matter, read back from both sides; raises if they differ."""
    names = ("journal_mode", "synchronous", "foreign_keys", "secure_delete", "temp_store",
             "cache_size", "page_size")  # fmt: skip
    got = {}
    for name in names:
        ours = vault_connection.execute(f"PRAGMA {name}").fetchone()[0]
        theirs = plain_connection.execute(f"PRAGMA {name}").fetchone()[0]
        if str(ours) != str(theirs):
            raise RuntimeError(f"pragma {name}: vault {ours!r} vs baseline {theirs!r}")
        got[name] = ours
    return got


def close_checkpointed(connection: Any) -> None:
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


# -- the core's statements, recorded and replayed ------------------------------------

Statement = tuple[str, tuple[Any, ...], bool]  # SQL text, parameters, executemany?


class Recorder:
    """Stands in for the vault's connection under a core store (``Profiles``): logs every
    statement the core issues, with its SQL text and parameters, and passes it through.

    Anything other than ``execute``/``executemany`` raises, so a core change that reaches
    the connection another way fails the bench loudly instead of escaping the replay.
    """

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self.log: list[Statement] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        self.log.append((sql, tuple(params), False))
        return self._connection.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = [tuple(row) for row in rows]
        self.log.append((sql, tuple(rows), True))
        return self._connection.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"bench Recorder does not pass on {name!r}; replay would miss it")


def recorded(
    connection: Any, clock: Any, action: Callable[[Profiles], Any], check: bool = True
) -> tuple[Any, list[Statement]]:
    """Run ``action`` on a ``Profiles`` over ``connection``; return its result and statements.

    With ``check``, the connection's own trace (``set_trace_callback``: everything SQLite
    ran on it, however issued) must match the recorded statements one for one.
    """
    recorder = Recorder(connection)
    traced: list[str] = []
    if check:
        connection.set_trace_callback(traced.append)
    try:
        result = action(Profiles(recorder, clock))
    finally:
        if check:
            connection.set_trace_callback(None)
    if check:
        ours = [shape(sql) for sql, params, many in recorder.log for _ in (params if many else [0])]
        theirs = trace_shapes(traced)
        if ours != theirs:
            first = next(
                (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), None
            )
            raise RuntimeError(
                f"the recorder missed statements the core ran: {len(ours)} recorded, "
                f"{len(theirs)} traced, first difference at {first}"
            )
    return result, recorder.log


def replay(db: Any, statements: Iterable[Statement]) -> None:
    """Run recorded statements, text and parameters unchanged, on another connection."""
    for sql, params, many in statements:
        if many:
            db.executemany(sql, params)
            continue
        cursor = db.execute(sql, params)
        if cursor.description is not None:
            cursor.fetchall()


def shape(sql: str) -> str:
    """A statement with its literals replaced by ``?`` and its whitespace collapsed."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b(?:\d+|NULL)\b", "?", sql)
    return " ".join(sql.split())


def trace_shapes(traced: Iterable[str]) -> list[str]:
    """Shapes of the statements a trace callback saw, minus SQLite's own nested ones.

    "--" lines are FTS5's nested statements; "SELECT k, v FROM" is its config read on
    first use of a connection. Only the statements the caller issued are kept.
    """
    return [
        shape(sql)
        for sql in traced
        if not (sql.startswith("--") or sql.startswith("SELECT k, v FROM"))
    ]


def build(scratch: Path, shape_: Shape, log: Callable[[str], None]) -> Built:
    """The vault, filled person by person with ``Profiles.set_many``, and its unkeyed twin,
    filled by replaying the very statements the core ran."""
    timings: dict[str, float] = {}
    rng = random.Random(20261121)
    vocabulary = words(rng)
    folder = scratch / "vault-calibrated"

    start = now()
    created = Vault.create(folder, PASSPHRASE)  # default Environment: calibrates the KDF
    timings["create_with_calibration_s"] = now() - start
    vault = created.vault
    log(f"vault created, KDF {vault.kdf} ({timings['create_with_calibration_s']:.1f} s)")

    owner = vault.people.add("Owner Person", role="owner").person.id
    ids = [owner] + [
        vault.people.add(f"Relative {n:02d}").person.id for n in range(1, shape_.people)
    ]
    plain = scratch / "plain.db"
    twin = create_twin(vault.connection, plain)

    set_many_s = replay_s = 0.0
    traced_people = 0
    for index, person in enumerate(ids):
        count = shape_.owner_fields if person == owner else shape_.relative_fields
        values = profile_values(rng, vocabulary, count)
        # One relative is cross-checked against the connection's trace (as is every P6
        # save); the rest are not, so the trace callback does not slow the timed fill.
        check = index == 1
        began = now()
        changed, statements = recorded(
            vault.connection, vault.env.clock, lambda p, i=person, v=values: p.set_many(i, v), check
        )
        took = now() - began
        if len(changed) != count or not all(c.changed for c in changed):
            raise RuntimeError("set_many did not write every field")
        if person == owner:
            timings["owner_set_many_s"] = took
        set_many_s += took
        traced_people += check
        began = now()
        replay(twin, statements)
        replay_s += now() - began
    timings["fill_s"] = set_many_s
    timings["replay_plain_s"] = replay_s
    log(f"{shape_.total_fields} fields written with Profiles.set_many in {set_many_s:.1f} s")
    log(f"unkeyed twin replayed in {replay_s:.1f} s")
    vault.close()
    close_checkpointed(twin)
    data_key = read_key_file(folder / KEYS).unlock_with_passphrase(PASSPHRASE)
    facts: dict[str, Any] = {
        "same_rows": same_rows(folder / DATABASE, data_key, plain),
        "trace_checked_people": traced_people,
    }

    stdlib = scratch / "stdlib.db"
    shutil.copyfile(plain, stdlib)

    floor = scratch / "vault-floor"
    shutil.copytree(folder, floor)
    with Vault.open(floor, PASSPHRASE) as copy:
        copy.reset_passphrase(PASSPHRASE, KDF_FLOOR)
    facts["kdf_calibrated"] = vars(read_key_file(folder / KEYS).kdf)
    facts["kdf_floor"] = vars(read_key_file(floor / KEYS).kdf)
    return Built(shape_, folder, floor, plain, stdlib, owner, data_key, timings, facts)


def create_twin(vault_connection: Any, target: Path) -> Any:
    """An unkeyed database with Pont's schema and the vault's meta and people rows.

    Schema: ``vault.schema.MIGRATIONS``, one transaction per version as
    ``database._migrate`` runs them; then meta in one transaction (``Vault.create``) and
    each person in its own (``People.add``), with the values read back from the vault.
    """
    meta = vault_connection.execute("SELECT key, value FROM meta").fetchall()
    people = vault_connection.execute(
        "SELECT id, uuid, role, name, created_at FROM people ORDER BY id"
    ).fetchall()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    db = connect_plain(target)
    for version in range(1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        for statement in MIGRATIONS[version]:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {int(version)}")
        db.execute("COMMIT")
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta)
    db.execute("COMMIT")
    for person in people:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO people (id, uuid, role, name, created_at) VALUES (?,?,?,?,?)",
                   tuple(person))  # fmt: skip
        db.execute("COMMIT")
    return db


def _digest(rows: Iterable[Any]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(tuple(row)).encode())
    return h.hexdigest()


TABLE_ORDER = {
    "meta": "SELECT * FROM meta ORDER BY key",
    "people": "SELECT * FROM people ORDER BY id",
    "fields": "SELECT * FROM fields ORDER BY person_id, key, entry",
    "field_versions": "SELECT * FROM field_versions ORDER BY person_id, key, entry, version",
    "field_search": "SELECT rowid, * FROM field_search ORDER BY rowid",
}


def same_rows(vault_db: Path, data_key: bytes, *plain: Path) -> dict[str, int]:
    """Row counts per table, after checking the unkeyed databases hold the vault's rows."""
    keyed = connect_keyed(vault_db, data_key)
    unkeyed = [connect_plain(path) for path in plain]
    counts = {}
    try:
        for table, sql in TABLE_ORDER.items():
            expected = _digest(keyed.execute(sql))
            for path, connection in zip(plain, unkeyed, strict=True):
                if _digest(connection.execute(sql)) != expected:
                    raise RuntimeError(
                        f"baseline {path.name} differs from the vault in table {table}"
                    )
            counts[table] = keyed.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        keyed.close()
        for connection in unkeyed:
            connection.close()
    return counts


def page_facts(path: Path, data_key: bytes | None) -> dict[str, int]:
    connection = sqlite3.connect(str(path)) if data_key is None else connect_keyed(path, data_key)
    try:
        return {
            name: connection.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("page_size", "page_count", "freelist_count")
        }
    finally:
        connection.close()

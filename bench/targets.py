"""The four measured targets of DESIGN.md §8: P1 unlock, P3 open + load, P6 save, P8 size.

Each function returns a list of report rows (dicts) plus details. A row has the baseline,
the measured figure, the median of the per-repeat paired ratios, the target and a verdict.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3
from common import interleaved, now, paired, summary
from dataset import (
    PASSPHRASE,
    Built,
    Statement,
    check_pragmas,
    close_checkpointed,
    connect_keyed,
    connect_plain,
    page_facts,
    recorded,
    replay,
    same_rows,
    shape,
)

from vault import _crypto
from vault.keyfile import normalise, read_key_file
from vault.model import system_clock, timestamp
from vault.profile import Profiles
from vault.vault import DATABASE, KEYS, Environment, Vault

# The core's save as it was before ``fields.search_rowid`` (2026-11-21): the FTS row was
# deleted by its UNINDEXED columns, which scans the whole index. Frozen history, kept only
# for the "P6 previous core path" row; it is not meant to follow the core.
PREVIOUS_SAVE = (
    "SELECT version, value, provenance, document_id FROM fields"
    " WHERE person_id = ? AND key = ? AND entry = ?",
    "SELECT max(version) FROM field_versions WHERE person_id = ? AND key = ? AND entry = ?",
    "INSERT INTO field_versions (person_id, key, entry, version, value, provenance,"
    " document_id, changed_at) VALUES (?,?,?,?,?,?,?,?)",
    "INSERT OR REPLACE INTO fields (person_id, key, entry, value, version, provenance,"
    " document_id, updated_at) VALUES (?,?,?,?,?,?,?,?)",
    "DELETE FROM field_search WHERE person_id = ? AND key = ? AND entry = ?",
    "INSERT INTO field_search (text, person_id, key, entry) VALUES (?,?,?,?)",
)
# P6 runs the core with this fixed clock, so every copy ends with identical rows.
P6_MOMENT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _row(
    ident: str,
    what: str,
    baseline_label: str,
    baseline: dict[str, Any],
    measured: dict[str, Any],
    ratio: dict[str, Any],
    target: str,
    met: bool | None,
    unit: str = "ms",
    note: str = "",
) -> dict[str, Any]:
    return {
        "id": ident,
        "what": what,
        "baseline_label": baseline_label,
        "baseline": baseline,
        "measured": measured,
        "ratio": ratio,
        "target": target,
        "verdict": "info" if met is None else ("met" if met else "not met"),
        "unit": unit,
        "note": note,
    }


# -- P1: unlock ---------------------------------------------------------------------


def p1_unlock(folder: Path, label: str, expected: int, repeats: int) -> dict[str, Any]:
    """Vault.open + owner lookup + profiles.fields vs the vault's own Argon2id alone."""
    key_file = read_key_file(folder / KEYS)
    secret = normalise(PASSPHRASE)

    def kdf(_: int) -> float:
        start = now()
        _crypto.derive_passphrase_key(secret, key_file.kdf_salt, key_file.kdf)
        return now() - start

    def unlock(_: int) -> float:
        start = now()
        vault = Vault.open(folder, PASSPHRASE)
        owner = vault.people.all()[0]
        fields = vault.profiles.fields(owner.id)
        elapsed = now() - start
        vault.close()
        if len(fields) != expected:
            raise RuntimeError(f"loaded {len(fields)} fields, expected {expected}")
        return elapsed

    samples = interleaved({"t_kdf": kdf, "unlock": unlock}, repeats)
    t_kdf, measured = samples["t_kdf"], samples["unlock"]
    limits = [1.10 * k + 0.050 for k in t_kdf]
    against_limit = paired(measured, limits)
    overhead = summary([m - k for m, k in zip(measured, t_kdf, strict=True)])
    params = key_file.kdf
    kdf_text = f"m={params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}"
    row = _row(
        f"P1 ({label})",
        f"unlock: Vault.open + people.all + profiles.fields(owner), {expected} fields; "
        f"Argon2id {kdf_text}",
        "T_KDF: derive_passphrase_key alone, same params",
        summary(t_kdf),
        summary(measured),
        paired(measured, t_kdf),
        "≤ 1.10 × T_KDF + 50 ms",
        against_limit["median"] <= 1.0,
        note=f"overhead over T_KDF median {overhead['median'] * 1e3:.1f} ms; "
        f"measured / (1.10·T_KDF + 50 ms) = {against_limit['median']:.3f}",
    )
    row["limit_ratio"] = against_limit
    row["overhead"] = overhead
    row["kdf"] = vars(params)
    return row


# -- P3: open + load a profile --------------------------------------------------------


def p3_open_load(built: Built, repeats: int) -> list[dict[str, Any]]:
    key_file = read_key_file(built.calibrated / KEYS)
    env = Environment()
    owner, expected = built.owner_id, built.shape.owner_fields
    # "SQL only" runs the statement Profiles.fields runs, recorded from the core itself.
    probe = connect_plain(built.plain)
    _, load = recorded(probe, system_clock, lambda p: p.fields(owner))
    probe.close()
    if len(load) != 1 or load[0][2]:
        raise RuntimeError(f"Profiles.fields ran {len(load)} statements, expected one")
    load_sql, load_params, _ = load[0]
    splits: dict[str, dict[str, list[float]]] = {}

    def record(name: str, index: int, opened: float, loaded: float) -> float:
        if index >= 0:
            parts = splits.setdefault(name, {"open": [], "load": []})
            parts["open"].append(opened)
            parts["load"].append(loaded)
        return opened + loaded

    def check(rows: list[Any]) -> None:
        if len(rows) != expected:
            raise RuntimeError(f"loaded {len(rows)} rows, expected {expected}")

    def pont(index: int) -> float:
        start = now()
        vault = Vault(built.calibrated, key_file, built.data_key, env)
        middle = now()
        fields = vault.profiles.fields(owner)
        end = now()
        vault.close()
        check(fields)
        return record("pont", index, middle - start, end - middle)

    def mirrored(name: str, path: Path, module: Any) -> Any:
        # What Vault.__init__ does after keying: schema version read, identity check.
        def run(index: int) -> float:
            start = now()
            connection = connect_plain(path, module)
            connection.execute("PRAGMA user_version").fetchone()
            connection.execute("SELECT value FROM meta WHERE key = ?", ("vault_id",)).fetchall()
            profiles = Profiles(connection, system_clock)
            middle = now()
            fields = profiles.fields(owner)
            end = now()
            close_checkpointed(connection)
            check(fields)
            return record(name, index, middle - start, end - middle)

        return run

    def sql_only(name: str, opener: Any) -> Any:
        def run(index: int) -> float:
            start = now()
            connection = opener()
            middle = now()
            rows = connection.execute(load_sql, load_params).fetchall()
            end = now()
            close_checkpointed(connection)
            check(rows)
            return record(name, index, middle - start, end - middle)

        return run

    samples = interleaved(
        {
            "pont": pont,
            "sc-plain": mirrored("sc-plain", built.plain, sqlcipher3),
            "sqlite3": mirrored("sqlite3", built.stdlib, sqlite3),
            "sql-keyed": sql_only(
                "sql-keyed", lambda: connect_keyed(built.calibrated / DATABASE, built.data_key)
            ),
            "sql-plain": sql_only("sql-plain", lambda: connect_plain(built.plain)),
        },
        repeats,
    )
    split_summary = {
        name: {part: summary(values)["median"] for part, values in parts.items()}
        for name, parts in splits.items()
    }

    def split_note(name: str) -> str:
        s = split_summary[name]
        return f"open {s['open'] * 1e3:.1f} ms + load {s['load'] * 1e3:.1f} ms"

    what = (
        f"open (Vault with the unwrapped data key) + profiles.fields(owner), "
        f"{expected} fields of {built.shape.total_fields} in the file; fresh connection"
    )
    rows = [
        _row(
            "P3",
            what,
            "unkeyed sqlcipher3, same file contents, same pragmas, same Profiles.fields",
            summary(samples["sc-plain"]),
            summary(samples["pont"]),
            paired(samples["pont"], samples["sc-plain"]),
            "≤ 1.5×",
            paired(samples["pont"], samples["sc-plain"])["median"] <= 1.5,
            note=f"Pont {split_note('pont')}; baseline {split_note('sc-plain')}",
        ),
        _row(
            "P3 vs stdlib",
            what,
            f"stdlib sqlite3 {sqlite3.sqlite_version}, byte copy of the unkeyed file",
            summary(samples["sqlite3"]),
            summary(samples["pont"]),
            paired(samples["pont"], samples["sqlite3"]),
            "≤ 1.25× (anchors §4)",
            paired(samples["pont"], samples["sqlite3"])["median"] <= 1.25,
            note=f"baseline {split_note('sqlite3')}",
        ),
        _row(
            "P3 SQL only",
            "raw-key connection + SELECT … fetchall (no Field objects): the cipher's share",
            "unkeyed sqlcipher3, same SQL",
            summary(samples["sql-plain"]),
            summary(samples["sql-keyed"]),
            paired(samples["sql-keyed"], samples["sql-plain"]),
            "—",
            None,
            note=f"keyed {split_note('sql-keyed')}; unkeyed {split_note('sql-plain')}",
        ),
    ]
    rows[0]["splits_median_s"] = split_summary
    return rows


# -- P6: one durable save ---------------------------------------------------------------


def p6_save(built: Built, scratch: Path, repeats: int, batch: int) -> dict[str, Any]:
    """profiles.set of one field, vs the core's own statements replayed unkeyed."""
    copies = {name: scratch / f"p6-{name}.db" for name in ("keyed", "plain", "insert", "previous")}
    shutil.copyfile(built.calibrated / DATABASE, copies["keyed"])
    for name in ("plain", "insert", "previous"):
        shutil.copyfile(built.plain, copies[name])
    env = Environment(clock=lambda: P6_MOMENT)
    vaults = {}
    for name in ("vault", "record"):  # the timed vault, and one the saves are recorded on
        folder = scratch / f"p6-{name}"
        shutil.copytree(built.floor, folder)
        vaults[name] = Vault(folder, read_key_file(folder / KEYS), built.data_key, env)
    vault, recorder = vaults["vault"], vaults["record"]
    keyed = connect_keyed(copies["keyed"], built.data_key)
    plain = connect_plain(copies["plain"])
    insert = connect_plain(copies["insert"])
    previous = connect_plain(copies["previous"])
    pragmas = check_pragmas(vault.connection, plain)

    owner = built.owner_id
    keys = [r[0] for r in plain.execute("SELECT key FROM fields WHERE person_id = ? "
                                        "ORDER BY key", (owner,))]  # fmt: skip
    per_save: dict[str, list[float]] = {}
    warmup = 1

    def edits(index: int) -> list[tuple[str, str]]:
        base = (index + 10) * batch
        return [
            (keys[(base + n) * 7919 % len(keys)], f"edited value {index} {n} of a bench field")
            for n in range(batch)
        ]

    # The baseline's statements: the core's own, recorded (and checked against the
    # connection's trace) while it makes every edit of the run, in order, on a copy of
    # the vault. Every copy starts with the same rows and takes the same edits in the
    # same order, so search rowids and versions come out the same everywhere.
    recordings: dict[int, list[list[Statement]]] = {}
    for index in range(-warmup, repeats):
        recordings[index] = []
        for key, value in edits(index):
            changed, statements = recorded(
                recorder.connection, env.clock, lambda p, k=key, v=value: p.set(owner, k, v)
            )
            if not changed.changed:
                raise RuntimeError("recorded save did not change the field")
            recordings[index].append(statements)
    recorder.close()
    example = recordings[0][0]
    fts_delete = [
        (sql, params) for sql, params, _ in example if sql.startswith("DELETE FROM field_search")
    ]
    plans = {
        "core": [r[-1] for sql, params in fts_delete
                 for r in plain.execute("EXPLAIN QUERY PLAN " + sql, params)],
        "previous": [r[-1] for r in plain.execute("EXPLAIN QUERY PLAN " + PREVIOUS_SAVE[4],
                                                  (owner, keys[0], 0))],
    }  # fmt: skip

    def timed(name: str, index: int, save: Any) -> float:
        times = []
        for n, (key, value) in enumerate(edits(index)):
            encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
            stamp = timestamp(system_clock())
            start = now()
            save(index, n, key, value, encoded, stamp)
            times.append(now() - start)
        if index >= 0:
            per_save.setdefault(name, []).extend(times)
        return summary(times)["median"]

    def pont_save(index: int, n: int, key: str, value: str, encoded: str, stamp: str) -> None:
        if not vault.profiles.set(owner, key, value).changed:
            raise RuntimeError("save did not change the field")

    def replayed(db: Any) -> Any:
        def save(index: int, n: int, key: str, value: str, encoded: str, stamp: str) -> None:
            replay(db, recordings[index][n])

        return save

    def previous_save(index: int, n: int, key: str, value: str, encoded: str, stamp: str) -> None:
        select_current, select_max, insert_version, upsert, delete, insert_search = PREVIOUS_SAVE
        db = previous
        db.execute("BEGIN IMMEDIATE")
        db.execute(select_current, (owner, key, 0)).fetchone()
        version = db.execute(select_max, (owner, key, 0)).fetchone()[0] + 1
        db.execute(insert_version, (owner, key, 0, version, encoded, "self", None, stamp))
        db.execute(upsert, (owner, key, 0, encoded, version, "self", None, stamp))
        db.execute(delete, (owner, key, 0))
        db.execute(insert_search, (value, owner, key, 0))
        db.execute("COMMIT")

    counter = iter(range(10**6, 10**7))

    def insert_save(index: int, n: int, key: str, value: str, encoded: str, stamp: str) -> None:
        insert.execute("BEGIN IMMEDIATE")
        insert.execute("INSERT INTO field_versions (person_id, key, entry, version, value,"
                       " provenance, document_id, changed_at) VALUES (?,?,?,?,?,?,?,?)",
                       (owner, "custom:Bench insert", 0, next(counter), encoded, "self", None,
                        stamp))  # fmt: skip
        insert.execute("COMMIT")

    samples = interleaved(
        {
            "pont": lambda i: timed("pont", i, pont_save),
            "sql-keyed": lambda i: timed("sql-keyed", i, replayed(keyed)),
            "sql-plain": lambda i: timed("sql-plain", i, replayed(plain)),
            "insert-plain": lambda i: timed("insert-plain", i, insert_save),
            "previous-plain": lambda i: timed("previous-plain", i, previous_save),
        },
        repeats,
        warmup,
    )
    vault.close()
    for connection in (keyed, plain, insert, previous):
        close_checkpointed(connection)
    # The timed vault, the one the saves were recorded on and the raw-key replay must all
    # hold exactly the rows of the unkeyed replay.
    for name in ("vault", "record"):
        same_rows(scratch / f"p6-{name}" / DATABASE, built.data_key, copies["plain"])
    same_rows(copies["keyed"], built.data_key, copies["plain"])

    measured = summary(samples["pont"])
    vs_sql = paired(samples["pont"], samples["sql-plain"])
    med = {name: summary(values)["median"] * 1e3 for name, values in samples.items()}
    rows = [
        _row(
            "P6",
            "profiles.set(owner, key, text): validation, history row, FTS update, one "
            "WAL+FULL commit",
            "the core's recorded statements replayed on the unkeyed twin, WAL+FULL",
            summary(samples["sql-plain"]),
            measured,
            vs_sql,
            "≤ 1.3×",
            vs_sql["median"] <= 1.3,
            note=f"same statements with the raw key, no Pont Python: {med['sql-keyed']:.2f} ms "
            f"(cipher alone {paired(samples['sql-keyed'], samples['sql-plain'])['median']:.2f}×); "
            f"query plan of the core's FTS delete: {_plan_text(plans['core'])}",
        ),
        _row(
            "P6 vs insert",
            "the same Pont save",
            "one-row INSERT txn on the unkeyed twin, WAL+FULL",
            summary(samples["insert-plain"]),
            measured,
            paired(samples["pont"], samples["insert-plain"]),
            "—",
            None,
        ),
        _row(
            "P6 frame",
            "the same Pont save, absolute",
            "one frame",
            {"n": 1, "min": 0.016, "median": 0.016, "max": 0.016, "spread": 0.0},
            measured,
            summary([m / 0.016 for m in samples["pont"]]),
            "≤ 16 ms (anchors §4)",
            measured["median"] <= 0.016,
        ),
        _row(
            "P6 previous core path",
            "the core's save before fields.search_rowid (FTS row deleted by its UNINDEXED "
            "columns), unkeyed: before/after evidence, frozen copy of the old SQL",
            "the current core's recorded statements on the unkeyed twin",
            summary(samples["sql-plain"]),
            summary(samples["previous-plain"]),
            paired(samples["previous-plain"], samples["sql-plain"]),
            "—",
            None,
            note="query plan of the previous FTS delete: " + _plan_text(plans["previous"]),
        ),
    ]
    rows[0]["statements"] = [shape(sql) for sql, _, _ in example]
    rows[0]["trace_checked_saves"] = sum(len(r) for r in recordings.values())
    rows[0]["pragmas"] = pragmas
    rows[0]["fts_delete_plan"] = plans
    rows[0]["saves_per_repeat"] = batch
    rows[0]["per_save_all"] = {name: summary(v) for name, v in per_save.items()}
    return {"rows": rows}


# -- P8: file size ----------------------------------------------------------------------


def p8_size(built: Built) -> dict[str, Any]:
    vault_db = built.calibrated / DATABASE
    sizes = {
        "vault": os.path.getsize(vault_db),
        "vault_wal": _size(Path(f"{vault_db}-wal")),
        "plain": os.path.getsize(built.plain),
        "plain_wal": _size(Path(f"{built.plain}-wal")),
    }
    ratio = (sizes["vault"] + sizes["vault_wal"]) / (sizes["plain"] + sizes["plain_wal"])
    pages = {"vault": page_facts(vault_db, built.data_key), "plain": page_facts(built.plain, None)}
    one = {"n": 1, "min": ratio, "median": ratio, "max": ratio, "spread": 0.0}
    row = _row(
        "P8",
        f"vault.db after checkpoint, {built.shape.people} people, "
        f"{built.shape.total_fields} fields (+ versions, FTS5)",
        "the same rows in the unkeyed twin, after checkpoint",
        _bytes(sizes["plain"] + sizes["plain_wal"]),
        _bytes(sizes["vault"] + sizes["vault_wal"]),
        one,
        "≤ 1.05× (≤ 1.06× with FTS5)",
        ratio <= 1.06,
        unit="bytes",
        note=f"{pages['vault']['page_count']} vs {pages['plain']['page_count']} pages of "
        f"{pages['plain']['page_size']} B; under 1.05 without the FTS5 allowance: "
        f"{'yes' if ratio <= 1.05 else 'no'}",
    )
    row["sizes"] = sizes
    row["pages"] = pages
    return row


def _plan_text(plan: list[str]) -> str:
    """EXPLAIN QUERY PLAN lines of an FTS5 delete, with what FTS5's index string means.

    FTS5 always shows as ``SCAN … VIRTUAL TABLE``; ``INDEX 0:=`` is its rowid lookup and
    a bare ``INDEX 0:`` a walk over every row.
    """
    if not plan:
        return "none"
    text = "; ".join(plan)
    if all(line.endswith(":=") for line in plan):
        return f"{text} (FTS5 rowid lookup)"
    if any(line.endswith(":") for line in plan):
        return f"{text} (FTS5 full scan)"
    return text


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _bytes(value: int) -> dict[str, Any]:
    return {"n": 1, "min": value, "median": value, "max": value, "spread": 0.0}

"""Pont's performance benchmark: P1, P3, P6, P8, P9, P10, P11 of DESIGN.md §8 as same-run ratios.

Not a test: it never fails on a slow figure. It writes a Markdown report and a JSON file.

    .venv/bin/python bench/run.py                 # full run, ~2 min
    .venv/bin/python bench/run.py --quick         # smoke run, < 1 min
    .venv/bin/python bench/run.py --out bench/reports/latest.md [--dir /some/disk]

Without ``--out`` a full run writes ``bench/reports/<date>.md``, ``latest.md`` and
``latest.json``; a quick run writes ``bench/reports/quick.md`` and ``quick.json``.
With ``--out X.md`` the JSON goes beside it as ``X.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from common import fsync_cost, machine_info, now, scratch_dir
from dataset import FULL, QUICK, build
from packets import p9_make_packet, p10_verify
from packets import setup as packet_setup
from report import write
from startup import p11_cold_start
from targets import p1_unlock, p3_open_load, p6_save, p8_size

REPORTS = Path(__file__).resolve().parent / "reports"
REPEATS = {
    "full": {
        "p1_calibrated": 9,
        "p1_floor": 15,
        "p3": 21,
        "p6": 11,
        "p6_batch": 20,
        "p9": 15,
        "p9_batch": 20,
        "p10": 15,
        "p10_batch": 50,
        "p10_corpus": 5000,
        "p10_passes": 3,
        "p11": 41,
        "p11_warmup": 2,
    },
    "quick": {
        "p1_calibrated": 2,
        "p1_floor": 2,
        "p3": 3,
        "p6": 3,
        "p6_batch": 5,
        "p9": 3,
        "p9_batch": 5,
        "p10": 3,
        "p10_batch": 20,
        "p10_corpus": 300,
        "p10_passes": 2,
        "p11": 3,
        "p11_warmup": 1,
    },
}

NOTES = [
    "P1 times passphrase → profile visible: Vault.open (key file read, Argon2id, AES-GCM "
    "unwrap, SQLCipher open with the raw key, pragmas, schema check, identity check) + "
    "people.all() + profiles.fields(owner) (10k Field objects, JSON-decoded). The "
    "baseline is the vault's own Argon2id call with the vault's own KdfParams and salt.",
    "P3 keeps everything but the key equal: same file contents (rows checked identical), "
    "same pragmas (read back and compared), same Profiles.fields code on the unkeyed "
    "connection, fresh connection every repeat (pages come from the OS cache). 'P3 SQL "
    "only' strips the Python Field construction to show the cipher's own share.",
    "P6 'measured' includes Pont's Python work (catalogue lookup, validation, JSON "
    "encoding, timestamp, transaction wrapper, FieldChanged) and the cipher; the baseline "
    "replays the very statements the core ran for the same edit (recorded beforehand on "
    "a copy of the vault under the core's own Profiles, SQL text and parameters, checked "
    "one for one against the connection's trace), BEGIN IMMEDIATE … COMMIT included. "
    "Each repeat is the median of a batch of single saves on a long-lived connection; "
    "each save edits a different owner field. P6 runs the core with a fixed clock so "
    "that afterwards the timed vault, the recording vault, the raw-key replay and the "
    "unkeyed replay are checked to hold identical rows.",
    "'P6 previous core path' replays a frozen copy of the core's save before "
    "fields.search_rowid (FTS row deleted by its UNINDEXED columns, a scan of the whole "
    "index): the before/after evidence of that change, measured in the same run.",
    "P8 compares vault.db with the unkeyed twin after PRAGMA wal_checkpoint(TRUNCATE); "
    "both were written by the same statement sequence. Pont's schema has FTS5, so the "
    "1.06× allowance applies.",
    "The fill: every person is written with Profiles.set_many (the core's only bulk "
    "entry point: one transaction per person, entry 0 only, provenance 'self'); the "
    "statements it ran are replayed on the unkeyed twin. Before fields.search_rowid the "
    "fill was quadratic (57,500 fields took 185 s) and relatives went through a side "
    "door; that is gone.",
    "P9 uses its own small vault (Vault.create at the KDF floor; owner with six catalogue "
    "fields, one organisation; answers to the same ShareOrder, channel 'file'). Each "
    "packet gets a fresh id and salts from prepare/issue_packet; prepare runs untimed "
    "before every timed packet except in 'P9 with prepare'. The baseline is composed "
    "of: canonical json.dumps of the same claims + public claims (one serialisation), "
    "one deterministic ECDSA P-256/SHA-256 signature (DER, the flavour the core uses), "
    "AES-256-GCM of payload ‖ signature under a fixed key with a fresh nonce, and one "
    "BEGIN IMMEDIATE / INSERT (id, packet id, time, sealed blob) / COMMIT on an unkeyed "
    "sqlcipher3 file with the vault's pragmas (WAL, synchronous=FULL). Pont signs twice "
    "(issuer JWT and KB-JWT) where the baseline signs once: that is part of the format.",
    "P10 verifies packets issued by the core's issue_packet from the claims prepare "
    "builds, each with its own packet id, salts and nonce; 4 ES256 keys, half the "
    "packets for another recipient. Every packet is checked to verify (key trusted, six "
    "disclosures) before timing. One thread: the batch row is per core by construction.",
    "P11 runs fresh interpreters: bench/pont_first_paint.py (the pont entry point, "
    "ui.launch.main, with the app's --quit-after-first-paint hook, which exits after the "
    "lock screen's first paint) vs "
    "bench/qt_bare.py, both leaving with os._exit(0) after the first paint pass; "
    "QT_QPA_PLATFORM=offscreen, XDG_CONFIG_HOME in the scratch folder with the P9 vault "
    "as the recent vault (so the unlock page shows). Warm-up runs fill the page cache.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, few repeats")
    parser.add_argument("--out", type=Path, help="Markdown report path (JSON beside it)")
    parser.add_argument("--dir", help="scratch folder on the disk under test (default: TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)

    started = dt.datetime.now().astimezone()
    t0 = now()
    mode = "quick" if args.quick else "full"
    reps = REPEATS[mode]
    shape = QUICK if args.quick else FULL
    scratch = Path(scratch_dir(args.dir))

    def log(message: str) -> None:
        print(f"[{now() - t0:6.1f} s] {message}", file=sys.stderr, flush=True)

    try:
        machine = machine_info(str(scratch))
        fsync_ms = fsync_cost(str(scratch)) * 1e3
        built = build(scratch, shape, log)
        rows: list[dict[str, Any]] = []
        rows.append(p8_size(built))
        log("P8 done")
        rows[:0] = p3_open_load(built, reps["p3"])
        log("P3 done")
        p1 = [
            p1_unlock(built.calibrated, "calibrated", shape.owner_fields, reps["p1_calibrated"]),
            p1_unlock(built.floor, "floor", shape.owner_fields, reps["p1_floor"]),
        ]
        rows[:0] = p1
        log("P1 done")
        p6 = p6_save(built, scratch, reps["p6"], reps["p6_batch"])
        rows[len(p1) + 3 : len(p1) + 3] = p6["rows"]
        log("P6 done")
        packets = packet_setup(scratch)
        rows += p9_make_packet(packets, reps["p9"], reps["p9_batch"])["rows"]
        log("P9 done")
        rows += p10_verify(packets, reps["p10"], reps["p10_batch"], reps["p10_corpus"],
                           reps["p10_passes"])["rows"]  # fmt: skip
        packets.vault.close()
        packets.baseline_db.close()
        log("P10 done")
        rows += p11_cold_start(scratch, packets.vault.folder, reps["p11"],
                               reps["p11_warmup"])["rows"]  # fmt: skip
        log("P11 done")
    finally:
        if args.keep:
            log(f"scratch kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    result = {
        "meta": {
            "started": started.isoformat(timespec="seconds"),
            "quick": args.quick,
            "machine": machine,
            "fsync_ms": fsync_ms,
            "loadavg_end": os.getloadavg(),
            "shape": vars(shape),
            "total_fields": shape.total_fields,
            "timings": built.timings,
            "same_rows": built.facts["same_rows"],
            "trace_checked_people": built.facts["trace_checked_people"],
            "kdf_calibrated": built.facts["kdf_calibrated"],
            "kdf_floor": built.facts["kdf_floor"],
            "repeats": reps,
            "elapsed_s": now() - t0,
        },
        "rows": rows,
        "notes": NOTES,
    }
    if args.out:
        outputs = [(args.out, args.out.with_suffix(".json"))]
    elif args.quick:
        outputs = [(REPORTS / "quick.md", REPORTS / "quick.json")]
    else:
        dated = REPORTS / f"{started.date().isoformat()}.md"
        outputs = [
            (dated, REPORTS / "latest.json"),
            (REPORTS / "latest.md", REPORTS / "latest.json"),
        ]
    for markdown_path, json_path in outputs:
        write(result, markdown_path, json_path)
        log(f"report written: {markdown_path}")
    for row in rows:
        print(f"{row['id']:22s} ratio {row['ratio']['median']:7.3f}  {row['verdict']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

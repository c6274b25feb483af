"""P9 make one packet and P10 verify one packet (DESIGN.md §8), as same-run ratios.

A small vault is made through the core (``Vault.create`` at the KDF floor, an owner with
catalogue fields, one organisation). Every packet is answered the way the app answers:
``vault.share.prepare`` builds the claims, then the core's send path signs and records it.

P9's baseline is the least a signed, sealed and durably recorded envelope can cost in
Python: one canonical ``json.dumps`` of the same claims, one ES256 signature, one
AES-256-GCM seal of payload ‖ signature, and one single-row INSERT transaction on an
unkeyed WAL + ``synchronous=FULL`` sqlcipher3 database. P10's baseline is the irreducible
part of checking a packet: split, base64url-decode the JWS parts, two ECDSA P-256
verifications (issuer JWT and KB-JWT) and SHA-256 of every disclosure and of the
presentation (``sd_hash``).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from common import interleaved, now, paired, summary
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from dataset import PASSPHRASE, connect_plain
from targets import _row

from vault import share
from vault._crypto import KDF_FLOOR
from vault.packets.keys import generate_holder_key
from vault.packets.pdf import render_packet_pdf
from vault.packets.sdjwt import issue_packet, verify_packet
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Vault

# A typical answer to a GP registration: six catalogue fields, one of them structured.
OWNER_FIELDS: tuple[tuple[str, Any], ...] = (
    ("givenName", "Ada"),
    ("familyName", "Lovelace"),
    ("birthDate", "1950-03-17"),
    ("address", {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}),
    ("nhsNumber", "9434765919"),
    ("telephone", "07700 900123"),
)
ORGANISATION = ("Leeds GP", "registrations@leeds-gp.example")
# The same ECDSA flavour the core signs with (RFC 6979 deterministic), so the ratio
# measures Pont's overhead and not the choice of nonce generation (~2 µs here).
_ECDSA = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
_ECDSA_VERIFY = ec.ECDSA(hashes.SHA256())
BATCH_VERIFY_TARGET = 2_000  # packets per second per core (DESIGN.md §8, P10)


@dataclasses.dataclass
class PacketBench:
    """The small vault every packet is made from, and the order it answers."""

    vault: Vault
    order: ShareOrder
    out: Path
    baseline_db: Any
    info: dict[str, Any]


def setup(scratch: Path) -> PacketBench:
    start = now()
    vault = Vault.create(scratch / "packets-vault", PASSPHRASE, kdf=KDF_FLOOR).vault
    owner = vault.people.add("Ada Lovelace", "owner").person.id
    for key, value in OWNER_FIELDS:
        vault.profiles.set(owner, key, value)
    organisation = vault.organisations.add(*ORGANISATION).organisation.id
    order = ShareOrder(
        person_id=owner,
        organisation_id=organisation,
        purpose="Register as a patient",
        selections=tuple(Selection(key) for key, _ in OWNER_FIELDS),
        reference="CASE-42",
        channel="file",
    )
    db = connect_plain(scratch / "p9-baseline.db")
    db.execute("CREATE TABLE envelopes (id INTEGER PRIMARY KEY, packet_id TEXT NOT NULL,"
               " issued_at TEXT NOT NULL, body BLOB NOT NULL)")  # fmt: skip
    vault.holder_keys.default()  # the key exists before the first timed packet, as in use
    return PacketBench(vault, order, scratch / "packets-out", db, {"setup_s": now() - start})


# -- the core's send path, split where send itself splits ----------------------------------


def _issue(bench: PacketBench, prepared: share.Prepared) -> tuple[bytes, Any]:
    """``send`` up to the files: key lookup, issue_packet (sign + bind); the key used."""
    key = share.signer(bench.vault, prepared)
    machine = issue_packet(
        key.key,
        claims=prepared.claims,
        public_claims=prepared.public_claims,
        issued_at=int(prepared.issued_at.timestamp()),
        expires_at=int(prepared.expires_at.timestamp()),
        audience=prepared.audience,
        nonce=prepared.nonce,
        packet_id=prepared.packet_id,
        token_bytes=bench.vault.env.token_bytes,
    ).encode("ascii")
    return machine, key


def _record(bench: PacketBench, prepared: share.Prepared, key_id: int, machine: bytes) -> None:
    # share._ledger_entry is the very NewEntry send records (private, used read-only here).
    bench.vault.ledger.record(share._ledger_entry(prepared, key_id, machine))


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")  # fmt: skip


# -- P9 -------------------------------------------------------------------------------------


def p9_make_packet(bench: PacketBench, repeats: int, batch: int) -> dict[str, Any]:
    vault = bench.vault
    signer = ec.generate_private_key(ec.SECP256R1())
    aead = AESGCM(AESGCM.generate_key(bit_length=256))
    parts: dict[str, list[float]] = {}
    packet_sizes: list[int] = []
    envelope_sizes: list[int] = []

    def keep(name: str, index: int, value: float) -> None:
        if index >= 0:
            parts.setdefault(name, []).append(value)

    def raw(index: int) -> float:
        times = []
        for _ in range(batch):
            prepared = prepare(vault, bench.order)  # untimed: only its claims are used
            content = {**prepared.claims, **prepared.public_claims}
            t0 = now()
            payload = canonical(content)
            der = signer.sign(payload, _ECDSA)
            sealed = aead.encrypt(os.urandom(12), payload + der, None)
            t1 = now()
            bench.baseline_db.execute("BEGIN IMMEDIATE")
            bench.baseline_db.execute(
                "INSERT INTO envelopes (packet_id, issued_at, body) VALUES (?,?,?)",
                (prepared.packet_id, prepared.issued_at.isoformat(), sealed),
            )
            bench.baseline_db.execute("COMMIT")
            t2 = now()
            keep("raw_crypto", index, t1 - t0)
            keep("raw_insert", index, t2 - t1)
            times.append(t2 - t0)
            envelope_sizes.append(len(sealed))
        return summary(times)["median"]

    def core(with_prepare: bool) -> Any:
        def run(index: int) -> float:
            times = []
            for _ in range(batch):
                t0 = now()
                prepared = prepare(vault, bench.order)
                t1 = now()
                machine, key = _issue(bench, prepared)
                t2 = now()
                _record(bench, prepared, key.id, machine)
                t3 = now()
                if not with_prepare:
                    keep("core_issue", index, t2 - t1)
                    keep("core_ledger", index, t3 - t2)
                    packet_sizes.append(len(machine))
                else:
                    keep("prepare", index, t1 - t0)
                times.append((t3 - t0) if with_prepare else (t3 - t1))
            return summary(times)["median"]

        return run

    def send_file(index: int) -> float:
        prepared = prepare(vault, bench.order)
        t0 = now()
        shared = send(vault, prepared, bench.out)
        elapsed = now() - t0
        if set(shared.files) != {"pdf", "sd-jwt"}:
            raise RuntimeError(f"send wrote {sorted(shared.files)}")
        for path in shared.files.values():
            path.unlink()
        return elapsed

    def pdf(index: int) -> float:
        prepared = prepare(vault, bench.order)
        machine, key = _issue(bench, prepared)
        summary_with_key = dataclasses.replace(prepared.summary, key_fingerprint=key.key.thumbprint)
        t0 = now()
        rendered = render_packet_pdf(summary_with_key, machine, key.key.private_key,
                                     now=prepared.issued_at)  # fmt: skip
        elapsed = now() - t0
        keep("pdf_bytes", index, float(len(rendered)))
        return elapsed

    before = vault.ledger.count()
    samples = interleaved(
        {"raw": raw, "core": core(False), "core+prepare": core(True),
         "send": send_file, "pdf": pdf},
        repeats,
    )  # fmt: skip
    recorded = vault.ledger.count() - before
    med = {name: summary(v)["median"] * 1e3 for name, v in parts.items() if name != "pdf_bytes"}
    baseline_label = (
        "raw: json.dumps(sort_keys, compact) of the same claims + 1 ES256 sign + "
        "AES-256-GCM seal + 1-row INSERT txn, unkeyed sqlcipher3 WAL+FULL"
    )
    base = summary(samples["raw"])
    rows = [
        _row(
            "P9",
            "make one packet: send's core path without the files — "
            "share.signer + sdjwt.issue_packet (6 disclosures, ES256, issuer JWT + "
            "KB-JWT) + ledger.record (one WAL+FULL txn in the vault)",
            baseline_label,
            base,
            summary(samples["core"]),
            paired(samples["core"], samples["raw"]),
            "≤ 2×",
            paired(samples["core"], samples["raw"])["median"] <= 2.0,
            note=f"Pont: key lookup + issue {med['core_issue']:.2f} ms, ledger.record "
            f"{med['core_ledger']:.2f} ms; raw: canonicalise + sign + seal "
            f"{med['raw_crypto']:.3f} ms, INSERT txn {med['raw_insert']:.2f} ms; packet "
            f"{summary(packet_sizes)['median']:.0f} B, raw envelope "
            f"{summary(envelope_sizes)['median']:.0f} B; {batch} packets per repeat "
            "(median of the batch)",
        ),
        _row(
            "P9 with prepare",
            "the same plus vault.share.prepare (reads the fields, builds claims, consent "
            "record and the PDF summary)",
            "the same raw baseline",
            base,
            summary(samples["core+prepare"]),
            paired(samples["core+prepare"], samples["raw"]),
            "—",
            None,
            note=f"prepare alone {med['prepare']:.2f} ms",
        ),
        _row(
            "P9 send(file)",
            "vault.share.send(channel='file') end to end: sign + ledger + PDF render + "
            "atomic writes of the .pdf and .sd-jwt (prepare untimed)",
            "the same raw baseline",
            base,
            summary(samples["send"]),
            paired(samples["send"], samples["raw"]),
            "—",
            None,
            note="one send per repeat",
        ),
        _row(
            "P9 PDF render",
            "render_packet_pdf alone (human layer, attachment, PAdES-style signature)",
            "the same raw baseline",
            base,
            summary(samples["pdf"]),
            paired(samples["pdf"], samples["raw"]),
            "—",
            None,
            note=f"PDF {summary(parts['pdf_bytes'])['median'] / 1024:.0f} KiB; one render "
            "per repeat",
        ),
    ]
    rows[0]["parts_median_ms"] = med
    rows[0]["ledger_entries_written"] = recorded
    rows[0]["batch"] = batch
    return {"rows": rows}


# -- P10 ------------------------------------------------------------------------------------


def _b64d(part: bytes) -> bytes:
    return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))


def _raw_jws_verify(token: bytes, key: ec.EllipticCurvePublicKey) -> None:
    head, body, sig = token.split(b".")
    _b64d(head)
    _b64d(body)
    raw = _b64d(sig)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    key.verify(der, token[: len(head) + 1 + len(body)], _ECDSA_VERIFY)


def raw_verify(packet: bytes, key: ec.EllipticCurvePublicKey) -> None:
    """The irreducible checks, with the public key already loaded (no JWK import)."""
    parts = packet.split(b"~")
    _raw_jws_verify(parts[0], key)
    for disclosure in parts[1:-1]:
        hashlib.sha256(disclosure).digest()
    hashlib.sha256(packet[: len(packet) - len(parts[-1])]).digest()  # sd_hash
    _raw_jws_verify(parts[-1], key)


@dataclasses.dataclass(frozen=True)
class Corpus:
    packets: list[bytes]
    keys: list[ec.EllipticCurvePublicKey]  # the public key of each packet, preloaded
    audiences: list[str]
    nonces: list[str]
    thumbprints: frozenset[str]


def make_corpus(bench: PacketBench, count: int, key_count: int = 4) -> Corpus:
    """``count`` different packets (own salts, ids, nonces) from ``key_count`` ES256 keys.

    Claims and public claims are the ones ``prepare`` builds for the bench order; only the
    packet id, reference and (for half of them) the recipient vary.
    """
    prepared = prepare(bench.vault, bench.order)
    holders = [generate_holder_key() for _ in range(key_count)]
    issued = int(time.time())
    packets, keys, audiences, nonces = [], [], [], []
    for n in range(count):
        holder = holders[n % key_count]
        audience = prepared.audience if n % 2 == 0 else f"org{n % 97}@example.org"
        nonce = f"CASE-{n:06d}"
        public = {**prepared.public_claims, "reference": nonce}
        packets.append(issue_packet(
            holder, claims=prepared.claims, public_claims=public, issued_at=issued,
            expires_at=issued + 30 * 86400, audience=audience, nonce=nonce,
        ).encode("ascii"))  # fmt: skip
        keys.append(holder.private_key.public_key())
        audiences.append(audience)
        nonces.append(nonce)
    return Corpus(packets, keys, audiences, nonces, frozenset(h.thumbprint for h in holders))


def p10_verify(
    bench: PacketBench, repeats: int, batch: int, corpus_size: int, batch_repeats: int
) -> dict[str, Any]:
    start = now()
    corpus = make_corpus(bench, corpus_size)
    built_s = now() - start
    packets = corpus.packets
    disclosed = {len(p.split(b"~")) - 2 for p in packets}
    # every packet must pass both ways before anything is timed
    clock = int(time.time())
    for n, packet in enumerate(packets):
        checked = verify_packet(
            packet, now=clock, audience=corpus.audiences[n], nonce=corpus.nonces[n],
            trusted_keys=corpus.thumbprints,
        )  # fmt: skip
        if not checked.key_trusted or len(checked.disclosed) != len(OWNER_FIELDS):
            raise RuntimeError("bench packet did not verify as expected")
        raw_verify(packet, corpus.keys[n])

    def pont_one(n: int) -> None:
        verify_packet(packets[n], now=clock, audience=corpus.audiences[n],
                      nonce=corpus.nonces[n], trusted_keys=corpus.thumbprints)  # fmt: skip

    def single(verify: Any) -> Any:
        def run(index: int) -> float:
            times = []
            for m in range(batch):
                n = ((index + 1) * batch + m) % len(packets)
                t0 = now()
                verify(n)
                times.append(now() - t0)
            return summary(times)["median"]

        return run

    samples = interleaved(
        {"pont": single(pont_one), "raw": single(lambda n: raw_verify(packets[n], corpus.keys[n]))},
        repeats,
    )

    def whole(verify: Any) -> Any:
        def run(index: int) -> float:
            t0 = now()
            for n in range(len(packets)):
                verify(n)
            return (now() - t0) / len(packets)

        return run

    throughput = interleaved(
        {"pont": whole(pont_one), "raw": whole(lambda n: raw_verify(packets[n], corpus.keys[n]))},
        batch_repeats,
    )
    per_packet = summary(throughput["pont"])
    per_second = 1 / per_packet["median"]
    raw_per_second = 1 / summary(throughput["raw"])["median"]
    budget = 1 / BATCH_VERIFY_TARGET
    size = summary([len(p) for p in packets])["median"]
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    rows = [
        _row(
            "P10",
            f"verify one packet: sdjwt.verify_packet(aud, nonce, trusted_keys) on a typical "
            f"packet ({len(OWNER_FIELDS)} disclosures, ES256, {size:.0f} B)",
            "raw: split + base64url-decode the JWS parts, 2 ECDSA P-256 verifies (JWT, "
            "KB-JWT) + SHA-256 of each disclosure and of sd_hash, key preloaded",
            summary(samples["raw"]),
            summary(samples["pont"]),
            paired(samples["pont"], samples["raw"]),
            "≤ 2.5×",
            paired(samples["pont"], samples["raw"])["median"] <= 2.5,
            note=f"{batch} packets per repeat (median of the batch), cycling through "
            f"{len(packets)} different packets; the baseline gets the public key loaded, "
            "Pont imports and validates cnf.jwk from each packet",
        ),
        _row(
            "P10 batch",
            f"batch verify: verify_packet over {len(packets)} different packets "
            f"({len(corpus.thumbprints)} keys), one thread, seconds per packet",
            f"budget at {BATCH_VERIFY_TARGET:,} packets/s",
            {"n": 1, "min": budget, "median": budget, "max": budget, "spread": 0.0},
            per_packet,
            summary([t / budget for t in throughput["pont"]]),
            f"≥ {BATCH_VERIFY_TARGET:,} packets/s per core (ratio ≤ 1)",
            per_second >= BATCH_VERIFY_TARGET,
            note=f"{per_second:,.0f} packets/s (raw baseline, interleaved: "
            f"{raw_per_second:,.0f}/s, Pont/raw "
            f"{paired(throughput['pont'], throughput['raw'])['median']:.2f}×); "
            f"{batch_repeats} passes over the corpus",
        ),
    ]
    rows[1]["packets_per_second"] = per_second
    rows[1]["raw_packets_per_second"] = raw_per_second
    rows[1]["corpus"] = {"packets": len(packets), "keys": len(corpus.thumbprints),
                         "disclosures": sorted(disclosed), "median_bytes": size,
                         "build_s": built_s, "cpu_affinity": affinity}  # fmt: skip
    return {"rows": rows}

"""T12: the KDF floor and the unlock budget. T13: KDF caps and header downgrade."""

from __future__ import annotations

import base64
import json
import resource
import statistics
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE
from sechelp import figure

from vault import _crypto
from vault._crypto import KDF_CAP, KDF_FLOOR
from vault.errors import VaultDamaged, WrongPassphrase
from vault.keyfile import _canonical
from vault.vault import Vault


def test_t12_kdf_floor_and_unlock_budget(tmp_path: Path, record_property) -> None:
    folder = tmp_path / "calibrated"
    start = time.perf_counter()
    created = Vault.create(folder, "budget passphrase")  # default calibration
    create_seconds = time.perf_counter() - start
    kdf = created.vault.kdf
    created.vault.close()
    body = json.loads((folder / "vault.keys").read_text())
    salt = base64.urlsafe_b64decode(body["kdf"]["salt"] + "==")
    times = []
    for _ in range(10):
        start = time.perf_counter()
        Vault.open(folder, "budget passphrase").close()
        times.append(time.perf_counter() - start)
    times.sort()
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    figure(
        record_property,
        "T12",
        kdf=body["kdf"]["name"],
        m_mib=kdf.memory_kib // 1024,
        t=kdf.iterations,
        p=kdf.lanes,
        salt_bytes=len(salt),
        unlock_median_ms=f"{1000 * median:.0f}",
        unlock_p95_ms=f"{1000 * p95:.0f}",
        create_ms=f"{1000 * create_seconds:.0f}",
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    )
    assert body["kdf"]["name"] == "argon2id"
    assert kdf.memory_kib >= 64 * 1024
    assert kdf.iterations >= 3
    assert kdf.lanes >= 4
    assert len(salt) == 16
    assert 0.3 <= median <= 3.0


def rewrite(folder: Path, change: Any, *, fix_checksum: bool = True) -> None:
    body = json.loads((folder / "vault.keys").read_text())
    body.pop("checksum")
    change(body)
    if fix_checksum:
        body["checksum"] = _crypto.digest(_canonical(body))
    else:
        body["checksum"] = json.loads((folder / "vault.keys").read_text())["checksum"]
    (folder / "vault.keys").write_text(json.dumps(body, indent=2, sort_keys=True) + "\n")


def kdf_set(name: str, value: Any):
    return lambda body: body["kdf"].__setitem__(name, value)


def slot_set(kind: str, name: str, value: Any):
    def change(body: dict[str, Any]) -> None:
        for slot in body["slots"]:
            if slot["kind"] == kind:
                slot[name] = value

    return change


def b64(n: int) -> str:
    return base64.urlsafe_b64encode(bytes(range(7, 7 + n))).rstrip(b"=").decode()


OUT_OF_RANGE = {
    "m=0": kdf_set("memory_kib", 0),
    "m=floor-1": kdf_set("memory_kib", KDF_FLOOR.memory_kib - 1),
    "m=cap+1": kdf_set("memory_kib", KDF_CAP.memory_kib + 1),
    "m=4GiB": kdf_set("memory_kib", 4 * 1024 * 1024),
    "m=-1": kdf_set("memory_kib", -1),
    "m=str": kdf_set("memory_kib", "65536"),
    "m=float": kdf_set("memory_kib", 65536.0),
    "m=2^64": kdf_set("memory_kib", 2**64),
    "t=0": kdf_set("iterations", 0),
    "t=2": kdf_set("iterations", 2),
    "t=cap+1": kdf_set("iterations", KDF_CAP.iterations + 1),
    "t=10^6": kdf_set("iterations", 10**6),
    "t=bool": kdf_set("iterations", True),
    "p=0": kdf_set("lanes", 0),
    "p=3": kdf_set("lanes", 3),
    "p=cap+1": kdf_set("lanes", KDF_CAP.lanes + 1),
    "p=2^24": kdf_set("lanes", 2**24),
    "kdf=argon2d": kdf_set("name", "argon2d"),
    "salt=short": kdf_set("salt", b64(8)),
    "salt=long": kdf_set("salt", b64(64)),
    "version=0": lambda body: body.__setitem__("version", 0),
    "version=2": lambda body: body.__setitem__("version", 2),
    "format=other": lambda body: body.__setitem__("format", "other"),
    "vault_id=short": lambda body: body.__setitem__("vault_id", "x"),
    "nonce=short": slot_set("passphrase", "nonce", b64(8)),
    "wrapped=short": slot_set("passphrase", "wrapped", b64(16)),
}

IN_RANGE = {
    "m=floor+8KiB": kdf_set("memory_kib", KDF_FLOOR.memory_kib + 8),
    "t=4": kdf_set("iterations", 4),
    "p=5": kdf_set("lanes", 5),
    "salt=random": kdf_set("salt", b64(16)),
    "vault_id=random": lambda body: body.__setitem__("vault_id", str(uuid.uuid4())),
    "nonce=random": slot_set("passphrase", "nonce", b64(12)),
    "wrapped=random": slot_set("passphrase", "wrapped", b64(48)),
    "slot_id=set": slot_set("passphrase", "id", "x"),
}

AT_CAPS = {
    "m=cap": kdf_set("memory_kib", KDF_CAP.memory_kib),
    "t=cap": kdf_set("iterations", KDF_CAP.iterations),
    "p=cap": kdf_set("lanes", KDF_CAP.lanes),
}


def attempt(folder: Path) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        Vault.open(folder, PASSPHRASE).close()
        outcome = "UNLOCKED"
    except VaultDamaged as error:
        outcome = f"VaultDamaged:{error.reason}"
    except WrongPassphrase:
        outcome = "WrongPassphrase"
    return outcome, time.perf_counter() - start


def run_mutations(
    vault_folder: Path, mutations: dict[str, Any], *, fix_checksum: bool = True
) -> dict[str, tuple[str, float]]:
    original = (vault_folder / "vault.keys").read_bytes()
    results = {}
    for name, change in mutations.items():
        rewrite(vault_folder, change, fix_checksum=fix_checksum)
        results[name] = attempt(vault_folder)
        (vault_folder / "vault.keys").write_bytes(original)
    return results


def test_t13_kdf_caps_and_downgrade(vault_folder: Path, record_property) -> None:
    rejected = run_mutations(vault_folder, OUT_OF_RANGE)
    in_range = run_mutations(vault_folder, IN_RANGE)
    unchecked = run_mutations(vault_folder, {**OUT_OF_RANGE, **IN_RANGE}, fix_checksum=False)
    Vault.open(vault_folder, PASSPHRASE).close()  # the untouched file still opens
    all_results = {**rejected, **in_range, **unchecked}
    unlocks = [k for k, (o, _) in all_results.items() if o == "UNLOCKED"]
    slowest_reject = max(seconds for _, seconds in rejected.values())
    figure(
        record_property,
        "T13",
        mutations=len(all_results),
        unlocks=len(unlocks),
        out_of_range=len(rejected),
        reject_max_ms=f"{1000 * slowest_reject:.1f}",
        in_range=summary(in_range),
        unchecked=summary(unchecked),
    )
    assert unlocks == []
    assert all(o.startswith("VaultDamaged") for o, _ in rejected.values()), rejected
    assert slowest_reject < 0.05, {k: s for k, (_, s) in rejected.items() if s >= 0.05}
    assert all(o.startswith("VaultDamaged") for o, _ in unchecked.values()), unchecked


@pytest.mark.slow
def test_t13_in_range_maximum_parameters_still_fail(vault_folder: Path, record_property) -> None:
    results = run_mutations(vault_folder, AT_CAPS)
    figure(record_property, "T13-caps", mutations=len(results), outcomes=summary(results))
    assert all(o != "UNLOCKED" for o, _ in results.values())


def summary(results: dict[str, tuple[str, float]]) -> str:
    return ",".join(f"{k}:{v}" for k, v in sorted(Counter(o for o, _ in results.values()).items()))

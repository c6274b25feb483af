"""The key file: strict parsing, authenticated headers, and every way to unwrap the data key."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from vault._crypto import KDF_CAP, KDF_FLOOR, KdfParams, derive_passphrase_key
from vault.errors import VaultDamaged, WrongPassphrase, WrongRecoveryKey
from vault.keyfile import (
    MAX_BYTES,
    MAX_DEVICES,
    KeyFile,
    new_key_file,
    parse_key_file,
    read_key_file,
    write_key_file,
)

PASSPHRASE = "Café au lait, 4 sugars"  # contains é: NFC and NFD differ
DATA_KEY = bytes(range(32))
RECOVERY = b"r" * 20
VAULT_ID = "3f1e2d4c-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def key_file() -> KeyFile:
    return new_key_file(VAULT_ID, DATA_KEY, PASSPHRASE, RECOVERY, KDF_FLOOR, secrets.token_bytes)


def body_of(key_file: KeyFile) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(key_file.to_bytes())
    return body


def signed(body: dict[str, Any]) -> bytes:
    """Serialise ``body`` with a freshly computed checksum, as a forger (or bit rot) would."""
    unsigned = {k: v for k, v in body.items() if k != "checksum"}
    canonical = json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode("ascii")
    return json.dumps({**unsigned, "checksum": hashlib.sha256(canonical).hexdigest()}).encode()


def damaged(data: bytes) -> str:
    with pytest.raises(VaultDamaged) as caught:
        parse_key_file(data)
    assert caught.value.part == "key file"
    return caught.value.reason


# -- round trip and unlocking ------------------------------------------------------------


def test_round_trip(key_file: KeyFile) -> None:
    data = key_file.to_bytes()
    assert parse_key_file(data) == key_file
    assert parse_key_file(data).to_bytes() == data


def test_file_round_trip(key_file: KeyFile, tmp_path: Path) -> None:
    path = tmp_path / "vault.keys"
    write_key_file(path, key_file)
    assert read_key_file(path) == key_file


def test_key_file_holds_no_secret_in_clear(key_file: KeyFile) -> None:
    data = key_file.to_bytes()
    assert DATA_KEY.hex().encode() not in data
    assert PASSPHRASE.encode() not in data
    assert b"Caf" not in data


def test_passphrase_unlocks(key_file: KeyFile) -> None:
    assert key_file.unlock_with_passphrase(PASSPHRASE) == DATA_KEY


def test_nfd_passphrase_unlocks_an_nfc_one(key_file: KeyFile) -> None:
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    assert key_file.unlock_with_passphrase(decomposed) == DATA_KEY


def test_wrong_passphrase(key_file: KeyFile) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        key_file.unlock_with_passphrase(PASSPHRASE + " ")
    assert type(caught.value) is WrongPassphrase


def test_recovery_key_unlocks(key_file: KeyFile) -> None:
    assert key_file.unlock_with_recovery_key(RECOVERY) == DATA_KEY
    with pytest.raises(WrongRecoveryKey):
        key_file.unlock_with_recovery_key(b"x" * 20)


def test_new_recovery_key_replaces_the_old(key_file: KeyFile) -> None:
    changed = key_file.with_recovery_key(DATA_KEY, b"n" * 20, secrets.token_bytes)
    assert [s.kind for s in changed.slots].count("recovery") == 1
    assert changed.unlock_with_recovery_key(b"n" * 20) == DATA_KEY
    with pytest.raises(WrongRecoveryKey):
        changed.unlock_with_recovery_key(RECOVERY)


def test_changed_passphrase(key_file: KeyFile) -> None:
    changed = key_file.with_passphrase(DATA_KEY, "new one", KDF_FLOOR, secrets.token_bytes)
    assert changed.kdf_salt != key_file.kdf_salt
    reread = parse_key_file(changed.to_bytes())
    assert reread.unlock_with_passphrase("new one") == DATA_KEY
    with pytest.raises(WrongPassphrase):
        reread.unlock_with_passphrase(PASSPHRASE)
    # the recovery slot survives a passphrase change
    assert reread.unlock_with_recovery_key(RECOVERY) == DATA_KEY


def test_device_slots_add_and_remove(key_file: KeyFile) -> None:
    one, two = b"1" * 32, b"2" * 32
    changed = key_file.with_device_key(DATA_KEY, "laptop", one, secrets.token_bytes)
    changed = changed.with_device_key(DATA_KEY, "desktop", two, secrets.token_bytes)
    changed = parse_key_file(changed.to_bytes())
    assert changed.device_ids() == ["laptop", "desktop"]
    assert changed.unlock_with_device_key("laptop", one) == DATA_KEY
    assert changed.unlock_with_device_key("desktop", two) == DATA_KEY
    with pytest.raises(WrongPassphrase):
        changed.unlock_with_device_key("laptop", two)
    with pytest.raises(WrongPassphrase):
        changed.unlock_with_device_key("phone", one)

    removed = parse_key_file(changed.without_device("laptop").to_bytes())
    assert removed.device_ids() == ["desktop"]
    with pytest.raises(WrongPassphrase):
        removed.unlock_with_device_key("laptop", one)
    assert removed.unlock_with_device_key("desktop", two) == DATA_KEY


def test_re_adding_a_device_replaces_its_slot(key_file: KeyFile) -> None:
    changed = key_file.with_device_key(DATA_KEY, "laptop", b"1" * 32, secrets.token_bytes)
    changed = changed.with_device_key(DATA_KEY, "laptop", b"3" * 32, secrets.token_bytes)
    assert changed.device_ids() == ["laptop"]
    assert changed.unlock_with_device_key("laptop", b"3" * 32) == DATA_KEY
    with pytest.raises(WrongPassphrase):
        changed.unlock_with_device_key("laptop", b"1" * 32)


def test_no_recovery_slot_is_damage(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["slots"] = [s for s in body["slots"] if s["kind"] != "recovery"]
    parsed = parse_key_file(signed(body))
    with pytest.raises(VaultDamaged) as caught:
        parsed.unlock_with_recovery_key(RECOVERY)
    assert caught.value.reason == "no_recovery_slot"


# -- damage ----------------------------------------------------------------------------


def test_checksum_damage(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["checksum"] = ("0" if body["checksum"][0] != "0" else "1") + body["checksum"][1:]
    assert damaged(json.dumps(body).encode()) == "checksum"


def test_changed_field_without_new_checksum_is_damage(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["kdf"]["iterations"] += 1
    assert damaged(json.dumps(body).encode()) == "checksum"


def test_missing_checksum(key_file: KeyFile) -> None:
    body = body_of(key_file)
    del body["checksum"]
    assert damaged(json.dumps(body).encode()) == "checksum"


def test_flipped_byte_anywhere_is_damage(key_file: KeyFile) -> None:
    data = bytearray(key_file.to_bytes())
    for position in range(0, len(data), 37):
        copy = bytearray(data)
        copy[position] ^= 0x01
        with pytest.raises(VaultDamaged):
            parse_key_file(bytes(copy))


def test_duplicate_keys(key_file: KeyFile) -> None:
    text = key_file.to_bytes().decode()
    doubled = text.replace('"vault_id":', '"vault_id": "aaaaaaaa-bbbb", "vault_id":', 1)
    assert doubled != text
    assert damaged(doubled.encode()) == "malformed"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers(key_file: KeyFile, constant: str) -> None:
    text = key_file.to_bytes().decode()
    memory = f'"memory_kib": {KDF_FLOOR.memory_kib}'
    assert memory in text
    assert damaged(text.replace(memory, f'"memory_kib": {constant}').encode()) == "malformed"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("kdf", "memory_kib"), str(KDF_FLOOR.memory_kib)),
        (("kdf", "memory_kib"), float(KDF_FLOOR.memory_kib)),
        (("kdf", "lanes"), True),
        (("kdf", "iterations"), None),
        (("kdf", "salt"), 12345),
        (("vault_id",), 42),
        (("vault_id",), "short"),
        (("slots",), "not a list"),
        (("kdf",), []),
    ],
)
def test_wrong_types(key_file: KeyFile, path: tuple[str, ...], value: Any) -> None:
    body = body_of(key_file)
    holder = body
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = value
    assert damaged(signed(body)) == "malformed"


def test_wrong_slot_field_types(key_file: KeyFile) -> None:
    for field, value in (("nonce", 7), ("wrapped", "AAAA"), ("kind", "fingerprint"), ("id", 1)):
        body = body_of(key_file)
        body["slots"][0][field] = value
        assert damaged(signed(body)) == "malformed", field


def test_padded_base64_is_refused(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["kdf"]["salt"] += "=="
    assert damaged(signed(body)) == "malformed"


def test_missing_field(key_file: KeyFile) -> None:
    body = body_of(key_file)
    del body["kdf"]["lanes"]
    assert damaged(signed(body)) == "malformed"


@pytest.mark.parametrize(
    "data", [b"", b"[]", b'"text"', b"\xff\xfe{}", b"{" * 100_000, '{"é": 1}'.encode()]
)
def test_not_json_object(data: bytes) -> None:
    assert damaged(data) in {"malformed", "too_large"}


def test_oversize(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["padding"] = "x" * MAX_BYTES
    assert damaged(signed(body)) == "too_large"


def test_oversize_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "vault.keys"
    path.write_bytes(b" " * (MAX_BYTES * 4))
    with pytest.raises(VaultDamaged) as caught:
        read_key_file(path)
    assert caught.value.reason == "too_large"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VaultDamaged) as caught:
        read_key_file(tmp_path / "vault.keys")
    assert (caught.value.part, caught.value.reason) == ("key file", "missing")


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("version", 2, "unknown_version"),
        ("version", 0, "unknown_version"),
        ("format", "keepass", "not_a_key_file"),
    ],
)
def test_unknown_format_or_version(key_file: KeyFile, field: str, value: Any, reason: str) -> None:
    body = body_of(key_file)
    body[field] = value
    assert damaged(signed(body)) == reason


def test_unknown_kdf(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["kdf"]["name"] = "pbkdf2"
    assert damaged(signed(body)) == "unknown_kdf"


def test_slot_count_rules(key_file: KeyFile) -> None:
    body = body_of(key_file)
    passphrase = next(s for s in body["slots"] if s["kind"] == "passphrase")
    body["slots"].append(dict(passphrase))
    assert damaged(signed(body)) == "slots"
    body = body_of(key_file)
    body["slots"] = [s for s in body["slots"] if s["kind"] != "passphrase"]
    assert damaged(signed(body)) == "slots"


# -- KDF parameters: capped before any derivation, and authenticated --------------------


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(4 * 1024 * 1024, 3, 4),  # 4 GiB
        KdfParams(KDF_CAP.memory_kib * 1024, 3, 4),  # 1 TiB
        KdfParams(KDF_FLOOR.memory_kib, 2**31, 4),
        KdfParams(KDF_FLOOR.memory_kib, 3, 255),
        KdfParams(8 * 1024, 3, 4),  # below the floor: a downgrade
        KdfParams(KDF_FLOOR.memory_kib, 1, 4),
        KdfParams(KDF_FLOOR.memory_kib, 3, 1),
        KdfParams(-1, 3, 4),
    ],
)
def test_kdf_out_of_range_is_refused_before_deriving(key_file: KeyFile, params: KdfParams) -> None:
    body = body_of(key_file)
    body["kdf"].update(
        memory_kib=params.memory_kib, iterations=params.iterations, lanes=params.lanes
    )
    start = time.perf_counter()
    assert damaged(signed(body)) == "kdf_out_of_range"
    # A functional check, not a benchmark: deriving 4 GiB would take many seconds (or fail).
    assert time.perf_counter() - start < 0.5


def test_derivation_itself_refuses_out_of_range_params() -> None:
    start = time.perf_counter()
    with pytest.raises(ValueError, match="outside"):
        derive_passphrase_key(b"x", b"\0" * 16, KdfParams(4 * 1024 * 1024, 3, 4))
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["kdf"].update(iterations=b["kdf"]["iterations"] + 1),
        lambda b: b["kdf"].update(memory_kib=b["kdf"]["memory_kib"] + 1024),
        lambda b: b["kdf"].update(lanes=b["kdf"]["lanes"] + 1),
        lambda b: b.update(vault_id=VAULT_ID.replace("1", "2")),
    ],
    ids=["iterations", "memory", "lanes", "vault_id"],
)
def test_in_range_header_change_never_unlocks(key_file: KeyFile, change: Any) -> None:
    body = body_of(key_file)
    change(body)
    tampered = parse_key_file(signed(body))  # the checksum is right: only AEAD can tell
    with pytest.raises(WrongPassphrase):
        tampered.unlock_with_passphrase(PASSPHRASE)


def test_vault_id_change_also_breaks_the_recovery_slot(key_file: KeyFile) -> None:
    body = body_of(key_file)
    body["vault_id"] = "00000000-0000-4000-8000-000000000000"
    tampered = parse_key_file(signed(body))
    with pytest.raises(WrongRecoveryKey):
        tampered.unlock_with_recovery_key(RECOVERY)


def test_kdf_change_breaks_only_the_passphrase_slot(key_file: KeyFile) -> None:
    # The KDF parameters are bound into the passphrase slot alone, so a passphrase change
    # (new salt and parameters) leaves the recovery key working.
    body = body_of(key_file)
    body["kdf"]["iterations"] += 1
    tampered = parse_key_file(signed(body))
    with pytest.raises(WrongPassphrase):
        tampered.unlock_with_passphrase(PASSPHRASE)
    assert tampered.unlock_with_recovery_key(RECOVERY) == DATA_KEY


def test_slot_swap_never_unlocks(key_file: KeyFile) -> None:
    changed = key_file.with_device_key(DATA_KEY, "laptop", b"1" * 32, secrets.token_bytes)
    body = body_of(changed)
    device = next(s for s in body["slots"] if s["kind"] == "device")
    device["id"] = "desktop"
    tampered = parse_key_file(signed(body))
    with pytest.raises(WrongPassphrase):
        tampered.unlock_with_device_key("desktop", b"1" * 32)


def test_many_devices_stay_readable(key_file: KeyFile) -> None:
    changed = key_file
    for number in range(MAX_DEVICES):
        changed = changed.with_device_key(DATA_KEY, f"d{number}", b"1" * 32, secrets.token_bytes)
    assert len(parse_key_file(changed.to_bytes()).device_ids()) == MAX_DEVICES


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 30_000 + b"]" * 30_000,
        b'{"a":' * 9_000 + b"1" + b"}" * 9_000,
        b'{"format": "pont-vault-keys", "format": "pont-vault-keys"}',
        b'{"version": 1e999}',
    ],
    ids=["30000-deep-list", "9000-deep-object", "duplicate-key", "huge-number"],
)
def test_hostile_key_file_json_is_damage(data: bytes) -> None:
    assert len(data) <= 64 * 1024
    with pytest.raises(VaultDamaged) as caught:
        parse_key_file(data)
    assert caught.value.reason == "malformed"

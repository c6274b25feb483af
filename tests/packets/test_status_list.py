"""Token Status Lists (draft-ietf-oauth-status-list-17): bit order, signing, reading, limits."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from vckit import IAT, b64e, decode_part, issuer_key, resign

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose
from vault.packets.status_list import (
    INVALID,
    MAX_LIST_BYTES,
    REASON_CODES,
    SUSPENDED,
    VALID,
    StatusList,
    read_status_list,
    sign_status_list,
)

URI = "https://leeds.example/status/1"

# The draft's own examples (its "Status List" section): statuses and the lists it prints.
ONE_BIT = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
TWO_BIT = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]


@pytest.mark.parametrize(
    ("bits", "statuses", "raw", "lst"),
    [
        (1, ONE_BIT, bytes([0xB9, 0xA3]), "eNrbuRgAAhcBXQ"),
        (2, TWO_BIT, bytes([0xC9, 0x44, 0xF9]), "eNo76fITAAPfAgc"),
    ],
)
def test_bit_order_matches_the_drafts_examples(
    bits: int, statuses: list[int], raw: bytes, lst: str
) -> None:
    made = StatusList.new(len(statuses), bits)
    for index, value in enumerate(statuses):
        made = made.with_status(index, value)
    assert made.raw == raw
    key = issuer_key()
    # read back the draft's own compressed list, inside a token we sign
    token = sign_status_list(key.private_key, made, uri=URI, issued_at=IAT)
    payload = decode_part(token, 1)
    payload["status_list"]["lst"] = lst
    theirs = read_status_list(resign(token, key, payload=payload), issuer=key.verifying)
    assert [theirs.statuses.status(i) for i in range(len(statuses))] == statuses


def test_token_shape_and_round_trip() -> None:
    key = issuer_key()
    statuses = StatusList.new(1000).with_status(7, INVALID).with_status(8, SUSPENDED)
    token = sign_status_list(key.private_key, statuses, uri=URI, issued_at=IAT, ttl=3600)
    assert decode_part(token, 0) == {
        "alg": "ES256",
        "jwk": dict(key.public_jwk),
        "kid": key.thumbprint,
        "typ": "statuslist+jwt",
    }
    payload = decode_part(token, 1)
    assert (payload["sub"], payload["iat"], payload["ttl"]) == (URI, IAT, 3600)
    assert payload["iss"] == jose.thumbprint_uri(key.thumbprint)
    assert payload["status_list"]["bits"] == 2
    read = read_status_list(token, issuer=key.verifying, now=IAT)
    assert (read.uri, read.iat, read.ttl, read.statuses.size) == (URI, IAT, 3600, 1000)
    assert [read.statuses.status(i) for i in (6, 7, 8, 9)] == [VALID, INVALID, SUSPENDED, VALID]


def test_sizes_and_indexes() -> None:
    assert StatusList.new(1).raw == b"\x00"
    assert StatusList.new(5, 8).raw == bytes(5)
    assert StatusList.new(9, 1).size == 16  # whole bytes; entries past --size stay valid
    for bad in (0, -1):
        with pytest.raises(InvalidInput):
            StatusList.new(bad)
    with pytest.raises(InvalidInput):
        StatusList.new(10, 3)
    with pytest.raises(InvalidInput) as caught:
        StatusList.new(4).status(4)
    assert caught.value.reason == "out_of_range"
    with pytest.raises(InvalidInput):
        StatusList.new(4).with_status(0, 4)  # 2 bits hold 0..3


def _reason(token: str, **kw: Any) -> str:
    with pytest.raises(InvalidPacket) as caught:
        read_status_list(token, **kw)
    assert caught.value.reason in REASON_CODES
    return caught.value.reason


def test_negatives() -> None:
    key, other = issuer_key(), issuer_key(b"other")
    token = sign_status_list(
        key.private_key, StatusList.new(8), uri=URI, issued_at=IAT, expires_at=IAT + 60
    )
    assert _reason(token, issuer=other.verifying) == "status_list_wrong_issuer"
    assert _reason(resign(token, other), issuer=key.verifying) == "status_list_bad_signature"
    assert _reason(token, issuer=key.verifying, now=IAT + 60) == "status_list_expired"
    header = decode_part(token, 0)
    assert _reason(resign(token, key, header={**header, "typ": "JWT"})) == "status_list_malformed"
    payload = decode_part(token, 1)
    assert _reason(resign(token, key, payload={**payload, "sub": ""})) == "status_list_malformed"
    not_zlib = {**payload, "status_list": {"bits": 2, "lst": b64e(b"\x00\x01")}}
    assert _reason(resign(token, key, payload=not_zlib)) == "status_list_malformed"
    truncated = {**payload, "status_list": {"bits": 2, "lst": b64e(zlib.compress(b"x" * 99)[:-3])}}
    assert _reason(resign(token, key, payload=truncated)) == "status_list_malformed"
    assert _reason("not a token") == "status_list_malformed"


@pytest.mark.parametrize(
    "change",
    [{"alg": {"crv": "P-256"}}, {"alg": ["ES256"]}, {"alg": 256}, {"alg": None}, {"alg": "none"},
     {"kid": {"k": 1}}, {"typ": ["statuslist+jwt"]}, {"x5c": ["AA"]}],
    ids=["alg-object", "alg-list", "alg-number", "alg-null", "alg-none", "kid-object",
         "typ-list", "x5c"],
)  # fmt: skip
def test_a_header_of_any_shape_is_malformed_not_a_crash(change: dict[str, Any]) -> None:
    """Fuzzing found an object as ``alg`` raising TypeError (an unhashable value looked up in
    the allow-list); every header now goes through jose.check_header."""
    key = issuer_key()
    token = sign_status_list(key.private_key, StatusList.new(8), uri=URI, issued_at=IAT)
    header = {**decode_part(token, 0), **change}
    for issuer in (None, key.verifying):
        assert _reason(resign(token, key, header=header), issuer=issuer) == "status_list_malformed"


@pytest.mark.parametrize("bits", [2.0, 1.0, True, "2", [2], 3, 16])
def test_a_width_that_is_not_an_allowed_integer_is_malformed(bits: object) -> None:
    """bits 2.0 equals 2 in Python: it was read, then every lookup raised TypeError."""
    key = issuer_key()
    token = sign_status_list(key.private_key, StatusList.new(8), uri=URI, issued_at=IAT)
    payload = decode_part(token, 1)
    payload["status_list"]["bits"] = bits
    assert _reason(resign(token, key, payload=payload)) == "status_list_malformed"


def test_a_deflate_bomb_stops_at_the_limit() -> None:
    key = issuer_key()
    token = sign_status_list(key.private_key, StatusList.new(8), uri=URI, issued_at=IAT)
    payload = decode_part(token, 1)
    bomb = zlib.compress(bytes(MAX_LIST_BYTES * 4), 9)  # 16 MiB of zeros in ~16 KiB
    payload["status_list"] = {"bits": 1, "lst": b64e(bomb)}
    assert len(bomb) < 64 * 1024
    assert _reason(resign(token, key, payload=payload)) == "status_list_too_large"

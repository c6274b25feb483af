"""Issuing, presenting and verifying packets; golden vectors (T16) and salts (T19).

Regenerate the committed vectors (only when the format changes on purpose) with
``PYTHONPATH=.:tests .venv/bin/python tests/packets/test_sdjwt.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import seeded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose, keys, sdjwt

VECTORS = Path(__file__).parent / "vectors"
IAT = 1_735_732_800  # 2025-01-01T12:00:00Z
CLAIMS = {
    "given_name": "Ann",
    "family_name": "Example",
    "birthdate": "1970-01-01",
    "address": {"line1": "1 High Street", "town": "Exampleton", "postcode": "AB1 2CD"},
    "nhs_number": "943 476 5919",
}
PUBLIC = {
    "purpose": "Register with a GP practice",
    "consent": {"retention": "P6Y", "onward_sharing": False, "withdraw": "mailto:ann@example.org"},
    "provenance": {"nhs_number": "self-declared"},
}


def holder(alg: str = "ES256", seed: bytes = b"holder") -> keys.HolderKey:
    return keys.generate_holder_key(alg, seeded(seed))


def packet(h: keys.HolderKey, **kw: Any) -> str:
    args: dict[str, Any] = {
        "claims": CLAIMS,
        "public_claims": PUBLIC,
        "issued_at": IAT,
        "expires_at": IAT + 86400,
        "audience": "https://gp.example",
        "nonce": "REF-1",
        "token_bytes": seeded(b"salts"),
    }
    args.update(kw)
    return sdjwt.issue_packet(h, **args)


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES256", "Ed25519"])
def test_round_trip(alg: str) -> None:
    h = holder(alg)
    p = packet(h, packet_id="pkt-7", decoys=3)
    result = sdjwt.verify_packet(
        p, now=IAT + 60, audience="https://gp.example", nonce="REF-1", trusted_keys={h.thumbprint}
    )
    assert result.disclosed == CLAIMS
    assert result.claims == PUBLIC
    assert (result.jti, result.iat, result.exp) == ("pkt-7", IAT, IAT + 86400)
    assert (result.aud, result.nonce, result.kb_iat) == ("https://gp.example", "REF-1", IAT)
    assert result.thumbprint == h.thumbprint
    assert result.key_trusted is True
    assert result.iss == "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + h.thumbprint
    assert result.header == {"alg": alg, "typ": "dc+sd-jwt"}
    assert result.kb_header == {"alg": alg, "typ": "kb+jwt"}
    assert result.public_jwk == dict(h.public_jwk)


def test_bytes_str_bytearray_inputs_agree() -> None:
    p = packet(holder())
    a = sdjwt.verify_packet(p, now=IAT)
    assert sdjwt.verify_packet(p.encode(), now=IAT) == a
    assert sdjwt.verify_packet(bytearray(p.encode()), now=IAT) == a


def test_untrusted_key_is_reported_not_rejected() -> None:
    p = packet(holder())
    assert sdjwt.verify_packet(p, now=IAT, trusted_keys={"someone-else"}).key_trusted is False
    assert sdjwt.verify_packet(p, now=IAT).key_trusted is None


def test_payload_shape() -> None:
    h = holder()
    sd = sdjwt.issue_sd_jwt(
        h,
        claims=CLAIMS,
        public_claims=PUBLIC,
        issued_at=IAT,
        expires_at=IAT + 10,
        decoys=4,
        token_bytes=seeded(b"x"),
    )
    header_b64, payload_b64, _ = sd.issuer_jwt.split(".")
    assert jose.b64url_decode(header_b64) == b'{"alg":"ES256","typ":"dc+sd-jwt"}'
    payload = json.loads(jose.b64url_decode(payload_b64))
    assert payload["_sd"] == sorted(payload["_sd"])
    assert len(payload["_sd"]) == len(CLAIMS) + 4
    assert payload["_sd_alg"] == "sha-256"
    assert payload["cnf"] == {"jwk": dict(h.public_jwk)}
    assert not set(CLAIMS) & set(payload)
    for d in sd.disclosures:
        salt, name, value = json.loads(jose.b64url_decode(d.encoded))
        assert len(jose.b64url_decode(salt)) == 16
        assert CLAIMS[name] == value
        assert d.digest in payload["_sd"]


def test_skew_boundaries() -> None:
    p = packet(holder())
    exp = IAT + 86400
    sdjwt.verify_packet(p, now=exp + 299)
    sdjwt.verify_packet(p, now=IAT - 300)
    sdjwt.verify_packet(p, now=exp - 1, skew=0)
    with pytest.raises(InvalidPacket, match="expired"):
        sdjwt.verify_packet(p, now=exp, skew=0)


def test_replayed_to_another_audience_and_request() -> None:
    """T18: the same bytes presented to org B, or for another case, are refused."""
    p = packet(holder())
    for kwargs, code in [
        ({"audience": "https://bank.example"}, "audience_mismatch"),
        ({"nonce": "REF-2"}, "nonce_mismatch"),
        ({"now": IAT + 86400 + 301}, "expired"),
    ]:
        args: dict[str, Any] = {"now": IAT, **kwargs}
        with pytest.raises(InvalidPacket) as caught:
            sdjwt.verify_packet(p, **args)
        assert caught.value.reason == code


def test_crlf_conversion_fails_cleanly() -> None:
    p = packet(holder()).encode()
    for damaged in (
        p + b"\r\n",
        p.replace(b"~", b"~\r\n"),
        b"\r\n".join(p[i : i + 76] for i in range(0, len(p), 76)),
    ):
        with pytest.raises(InvalidPacket) as caught:
            sdjwt.verify_packet(damaged, now=IAT)
        assert caught.value.reason == "invalid_characters"


# --- minimal disclosure and salts (T19) -----------------------------------------------------


def test_undisclosed_values_are_absent() -> None:
    h = holder()
    sd = sdjwt.issue_sd_jwt(
        h,
        claims=CLAIMS,
        public_claims={"purpose": "GP"},
        issued_at=IAT,
        expires_at=IAT + 10,
        token_bytes=seeded(b"y"),
    )
    shown = {"given_name", "family_name"}
    p = sdjwt.present(sd, h, audience="a", nonce="n", issued_at=IAT, disclose=shown)
    decoded = b"".join(
        jose.b64url_decode(part) for piece in p.split("~") for part in piece.split(".")
    )
    plain = p.encode() + decoded
    for name, value in CLAIMS.items():
        for needle in [name, *(_leaves(value))]:
            assert (needle.encode() in plain) == (name in shown), needle
    result = sdjwt.verify_packet(p, now=IAT)
    assert set(result.disclosed) == shown


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _leaves(v)]
    return [str(value)]


def test_dictionary_attack_on_birthdate_finds_nothing() -> None:
    sd = sdjwt.issue_sd_jwt(
        holder(),
        claims={"birthdate": "1970-01-01"},
        public_claims={},
        issued_at=IAT,
        expires_at=IAT + 10,
    )
    digests = set(json.loads(jose.b64url_decode(sd.issuer_jwt.split(".")[1]))["_sd"])
    day, hits = dt.date(1900, 1, 1), 0
    while day.year < 2030:
        guess = day.isoformat()
        for salt in ("", jose.b64url_encode(bytes(16))):
            encoded = jose.b64url_encode(jose.dump_json([salt, "birthdate", guess]))
            hits += sdjwt.digest(encoded) in digests
        hits += jose.b64url_encode(hashlib.sha256(guess.encode()).digest()) in digests
        day += dt.timedelta(days=1)
    assert hits == 0


def test_salts_come_from_token_bytes_and_are_16_bytes() -> None:
    asked: list[int] = []

    def spy(n: int) -> bytes:
        asked.append(n)
        return secrets.token_bytes(n)

    d = sdjwt.make_disclosure("x", 1, spy)
    assert asked == [sdjwt.SALT_BYTES]
    assert sdjwt.SALT_BYTES >= 16
    assert len(jose.b64url_decode(d.salt)) == 16


def test_a_million_salts_no_duplicates() -> None:
    """T19: the default generator, 10^6 draws of SALT_BYTES, 0 duplicates, all ≥ 16 bytes."""
    draw = secrets.token_bytes
    salts = {draw(sdjwt.SALT_BYTES) for _ in range(1_000_000)}
    assert len(salts) == 1_000_000
    assert min(map(len, salts)) >= 16


def test_repeated_claims_get_fresh_salts() -> None:
    sd = sdjwt.issue_sd_jwt(
        holder(), claims=CLAIMS, public_claims={}, issued_at=IAT, expires_at=IAT + 10
    )
    assert len({d.salt for d in sd.disclosures}) == len(CLAIMS)


# --- issuance input checks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "public", "code"),
    [
        ({"iss": "x"}, {}, "reserved_name"),
        ({"_sd": []}, {}, "reserved_name"),
        ({}, {"cnf": {}}, "reserved_name"),
        ({"": 1}, {}, "reserved_name"),
        ({"a": float("nan")}, {}, "not_json"),
        ({"a": "\ud800"}, {}, "not_json"),
        ({"a": (1, 2)}, {}, "not_json"),
        ({"a": {1: 2}}, {}, "not_json"),
        ({"a": 2**60}, {}, "not_json"),
        ({"a": {"_sd": ["x"]}}, {}, "reserved_name"),
        ({}, {"p": [{"...": "x"}]}, "reserved_name"),
        ({"a": 1}, {"a": 2}, "duplicate_claim"),
    ],
)
def test_issue_rejects_bad_claims(
    claims: dict[str, Any], public: dict[str, Any], code: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        sdjwt.issue_sd_jwt(
            holder(), claims=claims, public_claims=public, issued_at=IAT, expires_at=IAT + 1
        )
    assert caught.value.reason == code


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"expires_at": IAT}, "before_issue"),
        ({"issued_at": -1}, "not_time"),
        ({"issued_at": True}, "not_time"),
        ({"decoys": 65}, "range"),
        ({"packet_id": ""}, "empty"),
        ({"audience": ""}, "empty"),
        ({"nonce": ""}, "empty"),
    ],
)
def test_issue_rejects_bad_parameters(kw: dict[str, Any], code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        packet(holder(), **kw)
    assert caught.value.reason == code


# --- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES256", "Ed25519"])
def test_pkcs8_round_trip_and_determinism(alg: str) -> None:
    h = holder(alg, b"k")
    again = keys.holder_key_from_pkcs8(keys.holder_key_to_pkcs8(h))
    assert again.thumbprint == h.thumbprint == holder(alg, b"k").thumbprint
    assert again.alg == alg
    assert again == h
    assert holder(alg, b"other").thumbprint != h.thumbprint
    assert "private_key" not in repr(h)


def test_pkcs8_rejects_other_keys() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    p384 = ec.generate_private_key(ec.SECP384R1()).private_bytes(
        Encoding.DER, PrivateFormat.PKCS8, NoEncryption()
    )
    for data, code in [(b"junk", "format"), (p384, "unsupported")]:
        with pytest.raises(InvalidInput) as caught:
            keys.holder_key_from_pkcs8(data)
        assert caught.value.reason == code
    with pytest.raises(InvalidInput):
        keys.generate_holder_key("RS256")


# --- golden vectors (T16) ---------------------------------------------------------------------


VECTOR_SPECS: dict[str, dict[str, Any]] = {
    "es256": {"alg": "ES256", "decoys": 2, "nonce": "GP-REF-0042"},
    "ed25519": {"alg": "Ed25519", "decoys": 0, "nonce": "GP-REF-0043"},
}


def _recording(seed: bytes, draws: list[str]) -> Callable[[int], bytes]:
    source = seeded(seed)

    def token_bytes(n: int) -> bytes:
        out = source(n)
        draws.append(out.hex())
        return out

    return token_bytes


def _replaying(draws: list[str]) -> Callable[[int], bytes]:
    queue = [bytes.fromhex(d) for d in draws]

    def token_bytes(n: int) -> bytes:
        out = queue.pop(0)
        assert len(out) == n
        return out

    return token_bytes


def build_vector(spec: dict[str, Any], draws: list[str] | None) -> dict[str, Any]:
    """Build a vector; with ``draws=None`` record fresh seeded draws, else replay them."""
    recorded: list[str] = []
    rng = (
        _recording(b"golden-" + spec["alg"].encode(), recorded)
        if draws is None
        else _replaying(draws)
    )
    h = keys.generate_holder_key(spec["alg"], rng)
    inputs = {
        "claims": CLAIMS,
        "public_claims": PUBLIC,
        "issued_at": IAT,
        "expires_at": IAT + 30 * 86400,
        "packet_id": "01JGOLDEN" + spec["alg"].upper(),
        "decoys": spec["decoys"],
    }
    sd = sdjwt.issue_sd_jwt(h, token_bytes=rng, **inputs)
    presentation = {
        "audience": "https://gp.example/registrations",
        "nonce": spec["nonce"],
        "issued_at": IAT + 120,
    }
    p = sdjwt.present(sd, h, **presentation)
    return {
        "description": f"Pont packet, {spec['alg']}; regenerate only on purpose",
        "alg": spec["alg"],
        "random_draws": recorded if draws is None else draws,
        "private_key_pkcs8": jose.b64url_encode(keys.holder_key_to_pkcs8(h)),
        "public_jwk": dict(h.public_jwk),
        "thumbprint": h.thumbprint,
        "inputs": inputs,
        "presentation": presentation,
        "verify_at": IAT + 3600,
        "disclosures": [
            {"encoded": d.encoded, "salt": d.salt, "name": d.name, "digest": d.digest}
            for d in sd.disclosures
        ],
        "issuer_jwt": sd.issuer_jwt,
        "sd_hash": sdjwt.digest(p[: p.rindex("~") + 1]),
        "packet": p,
    }


@pytest.mark.parametrize("name", sorted(VECTOR_SPECS))
def test_golden_vector_regenerates_byte_identical(name: str) -> None:
    stored = json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))
    rebuilt = build_vector(VECTOR_SPECS[name], stored["random_draws"])
    assert rebuilt == stored
    assert rebuilt["packet"].encode("ascii") == stored["packet"].encode("ascii")


@pytest.mark.parametrize("name", sorted(VECTOR_SPECS))
def test_golden_vector_verifies(name: str) -> None:
    stored = json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))
    result = sdjwt.verify_packet(
        stored["packet"],
        now=stored["verify_at"],
        audience=stored["presentation"]["audience"],
        nonce=stored["presentation"]["nonce"],
        trusted_keys={stored["thumbprint"]},
    )
    assert result.disclosed == stored["inputs"]["claims"]
    assert result.claims == stored["inputs"]["public_claims"]
    assert result.key_trusted is True


# --- fuzzing the verifier (T21) ---------------------------------------------------------------

FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_GOOD = packet(holder(), packet_id="fuzz")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_verify_random_bytes(data: bytes) -> None:
    with pytest.raises(InvalidPacket):
        sdjwt.verify_packet(data, now=IAT)


@FUZZ
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_fuzz_verify_alphabet_text(text: str) -> None:
    with pytest.raises(InvalidPacket):
        sdjwt.verify_packet(text, now=IAT)


@FUZZ
@given(st.data())
def test_fuzz_verify_mutated_packet(data: st.DataObject) -> None:
    p = _GOOD
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(p)))
        op = data.draw(st.sampled_from(["replace", "delete", "insert", "truncate"]))
        ch = data.draw(st.sampled_from(_ALPHABET))
        if op == "replace" and i < len(p):
            p = p[:i] + ch + p[i + 1 :]
        elif op == "delete":
            p = p[:i] + p[i + 1 :]
        elif op == "insert":
            p = p[:i] + ch + p[i:]
        else:
            p = p[:i]
    if p == _GOOD:
        return
    with pytest.raises(InvalidPacket):
        sdjwt.verify_packet(p, now=IAT)


@FUZZ
@given(st.lists(st.binary(min_size=1, max_size=80), min_size=1, max_size=4))
def test_fuzz_verify_swapped_disclosures(blobs: list[bytes]) -> None:
    jwt, *_rest, kb = _GOOD.split("~")
    fake = "~".join(jose.b64url_encode(b) for b in blobs)
    with pytest.raises(InvalidPacket):
        sdjwt.verify_packet(f"{jwt}~{fake}~{kb}", now=IAT)


if __name__ == "__main__":
    VECTORS.mkdir(exist_ok=True)
    for vector_name, vector_spec in VECTOR_SPECS.items():
        vector = build_vector(vector_spec, None)
        (VECTORS / f"{vector_name}.json").write_text(
            json.dumps(vector, indent=2, ensure_ascii=True) + "\n", encoding="utf-8"
        )


@pytest.mark.parametrize(
    ("name", "value"),
    [("pont", "disclosure"), ("pont", ["disclosure"]), ("pont", 1), ("provenance", "self"),
     ("provenance", [1]), ("provenance", None)],
)
def test_pont_claims_of_another_type_are_refused(name: str, value: Any) -> None:
    """A stranger can self-sign any claims: verify_bytes(...).as_dict() and the app's verify
    screen called ``.get`` on a "pont"/"provenance" string (AttributeError), found while
    writing the tests/fuzz packet_signed target. Their types are checked once, here."""
    h = holder("Ed25519")
    p = packet(h, public_claims={**PUBLIC, name: value})
    with pytest.raises(InvalidPacket) as refused:
        sdjwt.verify_packet(p, now=IAT + 60)
    assert refused.value.reason == "invalid_claim"
    assert refused.value.detail.startswith(f"{name} must be ")

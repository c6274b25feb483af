"""Strict base64url, JSON, JWK and JWS primitives (T20 small-order keys, T21 fuzzing)."""

from __future__ import annotations

import base64
import contextlib
import json
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joserfc.jwk import ECKey, OKPKey

from vault.errors import InvalidPacket
from vault.packets import jose, keys

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reason(fn: Any, *args: Any) -> str:
    with pytest.raises(InvalidPacket) as caught:
        fn(*args)
    return caught.value.reason


# --- base64url --------------------------------------------------------------------------------


@given(st.binary(max_size=200))
def test_b64url_round_trip(data: bytes) -> None:
    text = jose.b64url_encode(data)
    assert "=" not in text
    assert jose.b64url_decode(text) == data
    assert jose.b64url_decode(text.encode()) == data


@pytest.mark.parametrize("bad", ["QQ==", "QQ=", "Q", "QR", "QUJ", "a+b/", "a b", "ab\n",
                                 "é", "QUJD\r\n", "QUJD=", "-_-_-"])
def test_b64url_rejects(bad: str) -> None:
    assert reason(jose.b64url_decode, bad) == "bad_base64url"


def test_b64url_canonical_trailing_bits() -> None:
    assert jose.b64url_decode("QQ") == b"A"
    assert reason(jose.b64url_decode, "QR") == "bad_base64url"  # same byte, spare bit set


@FUZZ
@given(st.one_of(st.binary(max_size=64), st.text(max_size=64)))
def test_fuzz_b64url_decode(data: bytes | str) -> None:
    try:
        out = jose.b64url_decode(data)
    except InvalidPacket as exc:
        code = exc.reason
    else:
        code = "ok"
        assert jose.b64url_encode(out) == (data if isinstance(data, str) else data.decode())
    assert code in {"ok", "bad_base64url"}


# --- strict JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    (b'{"a":1,"a":2}', "json_duplicate_key"),
    (b'{"a":1,"\\u0061":2}', "json_duplicate_key"),
    (b'[{"x":{"b":1,"b":1}}]', "json_duplicate_key"),
    (b"NaN", "json_invalid_number"),
    (b"[Infinity]", "json_invalid_number"),
    (b"[-Infinity]", "json_invalid_number"),
    (b"1E400", "json_invalid_number"),
    (b"-1e400", "json_invalid_number"),
    (b"9007199254740992", "json_invalid_number"),
    (b"-9007199254740992", "json_invalid_number"),
    (b"1" * 5000, "json_invalid_number"),
    (b'"\\ud800"', "json_lone_surrogate"),
    (b'"\\udc00x"', "json_lone_surrogate"),
    (b'{"\\udbff":1}', "json_lone_surrogate"),
    (b'"\xed\xa0\x80"', "json_bad_utf8"),
    (b'"\xff"', "json_bad_utf8"),
    (b"\xef\xbb\xbf{}", "json_syntax"),
    (b"{} {}", "json_syntax"),
    (b"{'a':1}", "json_syntax"),
    (b'{"a":1,}', "json_syntax"),
    (b'"a\x01"', "json_syntax"),
    (b"", "json_syntax"),
    (b"[" * 33 + b"]" * 33, "json_too_deep"),
    (b"[" * 100_000 + b"]" * 100_000, "json_too_deep"),
    (b'{"a":' * 40 + b"1" + b"}" * 40, "json_too_deep"),
])
def test_parse_json_rejects(text: bytes, code: str) -> None:
    assert reason(jose.parse_json, text) == code


def test_parse_json_accepts() -> None:
    assert jose.parse_json(b"[" * 32 + b"]" * 32) is not None
    assert jose.parse_json(b'{"a":"\\ud83d\\ude00","b":9007199254740991,"c":1.5e300}') == {
        "a": "\U0001f600", "b": 2**53 - 1, "c": 1.5e300}


def test_parse_json_size_cap() -> None:
    assert reason(jose.parse_json, b'"' + b"a" * (1 << 20) + b'"') == "too_large"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "\ud800", {"a": object()}])
def test_dump_json_rejects(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        jose.dump_json(value)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_parse_json_bytes(data: bytes) -> None:
    with contextlib.suppress(InvalidPacket):
        jose.parse_json(data)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=5), c, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(JSONISH)
def test_fuzz_parse_json_structured(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=True).encode()
    try:
        parsed = jose.parse_json(text)
    except InvalidPacket as exc:
        code = exc.reason
    else:
        code = "ok"
        assert json.dumps(parsed) == json.dumps(value)
    assert code in {"ok", "json_invalid_number", "json_lone_surrogate", "json_too_deep"}


# --- JWK and thumbprints ----------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES256", "Ed25519"])
def test_jwk_round_trip_and_thumbprint_matches_joserfc(alg: str) -> None:
    holder = keys.generate_holder_key(alg)
    imported = jose.import_public_jwk(dict(holder.public_jwk))
    assert imported.jwk == holder.public_jwk
    assert imported.thumbprint == holder.thumbprint
    other = (ECKey if alg == "ES256" else OKPKey).import_key(dict(holder.public_jwk))
    assert other.thumbprint() == holder.thumbprint
    assert other.thumbprint_uri() == jose.thumbprint_uri(holder.thumbprint)


def test_p256_invalid_curve_point_rejected() -> None:
    jwk = dict(keys.generate_holder_key().public_jwk)
    y = int.from_bytes(jose.b64url_decode(jwk["y"]), "big")
    jwk["y"] = jose.b64url_encode(((y + 1) % (2**256 - 2**224 + 2**192 + 2**96 - 1))
                                  .to_bytes(32, "big"))
    assert reason(jose.import_public_jwk, jwk) == "invalid_key"
    # A point of a weak curve with the same x (y = 0) is rejected too.
    jwk["y"] = jose.b64url_encode(bytes(32))
    assert reason(jose.import_public_jwk, jwk) == "invalid_key"


_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P
_Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _decode_point(y: int, sign: int) -> tuple[int, int]:
    y %= _P
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _SQRT_M1 % _P
    assert (x * x - x2) % _P == 0
    return (_P - x if x and (x & 1) != sign else x), y


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    (x1, y1), (x2, y2) = a, b
    t = _D * x1 * x2 * y1 * y2 % _P
    x3 = (x1 * y2 + x2 * y1) * pow(1 + t, _P - 2, _P) % _P
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, _P - 2, _P) % _P
    return x3, y3


def _small_order_encodings() -> list[bytes]:
    out = []
    for y in (1, _P - 1, 0, _Y8, _P - _Y8, _P, _P + 1):
        for sign in (0, 1):
            out.append((y | sign << 255).to_bytes(32, "little"))
    return out


def test_small_order_list_is_the_eight_torsion() -> None:
    points = set()
    for y in (1, _P - 1, 0, _Y8, _P - _Y8):
        for sign in (0, 1):
            point = _decode_point(y, sign)
            acc = point
            for _ in range(3):
                acc = _add(acc, acc)  # 8·P
            assert acc == (0, 1)
            points.add(point)
    assert len(points) == 8


@pytest.mark.parametrize("encoding", _small_order_encodings(), ids=lambda b: b.hex()[:8])
def test_ed25519_small_order_keys_rejected(encoding: bytes) -> None:
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": jose.b64url_encode(encoding)}
    assert reason(jose.import_public_jwk, jwk) == "weak_key"


def test_library_alone_accepts_identity_key() -> None:
    """Why the wrapper exists: the identity key + trivial signature verifies any message."""
    identity = (1).to_bytes(32, "little")
    raw = Ed25519PublicKey.from_public_bytes(identity)
    try:
        raw.verify(identity + bytes(32), b"any message")
    except InvalidSignature:
        pytest.skip("this cryptography build rejects the identity key itself")
    # The library accepted a forgery; our import refuses the key outright.
    assert reason(jose.import_public_jwk, {"kty": "OKP", "crv": "Ed25519",
                                           "x": jose.b64url_encode(identity)}) == "weak_key"


def test_ed25519_off_curve_and_noncanonical() -> None:
    assert jose.ed25519_point_problem((_P + 5).to_bytes(32, "little")) == "invalid_key"
    off = next(y for y in range(2, 100) if pow(((y * y - 1) * (_D * y * y + 1)) % _P,
                                               (_P - 1) // 2, _P) != 1)
    assert jose.ed25519_point_problem(off.to_bytes(32, "little")) == "invalid_key"
    good = keys.generate_holder_key("Ed25519").public_jwk["x"]
    assert jose.ed25519_point_problem(jose.b64url_decode(good)) is None


@pytest.mark.parametrize("jwk", [
    {"kty": "EC", "crv": "P-256", "x": "AA"},
    {"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"},
    {"kty": "OKP", "crv": "X25519", "x": jose.b64url_encode(bytes(range(32)))},
    {"kty": "OKP", "crv": "Ed25519", "x": jose.b64url_encode(bytes(33))},
    {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
    {"kty": "oct", "k": "AAAA"},
    {},
    [],
    "jwk",
])
def test_import_public_jwk_rejects(jwk: Any) -> None:
    assert reason(jose.import_public_jwk, jwk) == "invalid_key"


# --- signatures and compact JWS ---------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES256", "Ed25519"])
def test_sign_verify_raw(alg: str) -> None:
    holder = keys.generate_holder_key(alg)
    sig = jose.sign(holder.private_key, b"msg")
    assert len(sig) == 64
    assert jose.verify(holder.verifying, b"msg", sig)
    assert not jose.verify(holder.verifying, b"msg!", sig)
    assert not jose.verify(holder.verifying, b"msg", sig[:-1])
    assert not jose.verify(holder.verifying, b"msg", bytes(64))


def test_es256_is_deterministic_and_raw_r_s() -> None:
    holder = keys.generate_holder_key("ES256")
    assert jose.sign(holder.private_key, b"m") == jose.sign(holder.private_key, b"m")
    assert isinstance(holder.verifying.key, ec.EllipticCurvePublicKey)


@pytest.mark.parametrize(("token", "code"), [
    (b"a.b", "malformed_jws"),
    (b"a.b.c.d", "malformed_jws"),
    (b"e30.e30.", "malformed_jws"),
    (b"W10.e30.AAAA", "malformed_jws"),
    (b"e30.W10.AAAA", "malformed_jws"),
    (b"e30.e30.A", "bad_base64url"),
])
def test_parse_compact_rejects(token: bytes, code: str) -> None:
    assert reason(jose.parse_compact, token) == code


@pytest.mark.parametrize(("header", "code"), [
    ({"alg": "none", "typ": "t"}, "alg_not_allowed"),
    ({"alg": "EdDSA", "typ": "t"}, "alg_not_allowed"),
    ({"typ": "t"}, "alg_not_allowed"),
    ({"alg": "ES256", "typ": "t", "crit": []}, "unsupported_header"),
    ({"alg": "ES256", "typ": "x"}, "wrong_typ"),
    ({"alg": "ES256", "typ": "t", "kid": 3}, "unsupported_header"),
])
def test_check_header(header: dict[str, Any], code: str) -> None:
    assert reason(jose.check_header, header, "t") == code
    assert reason(jose.check_header, header, "t", "kb_") == "kb_" + code


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_parse_compact(data: bytes) -> None:
    with contextlib.suppress(InvalidPacket):
        jose.parse_compact(data)


@FUZZ
@given(st.lists(st.binary(max_size=60), min_size=3, max_size=3))
def test_fuzz_parse_compact_encoded_parts(parts: list[bytes]) -> None:
    token = b".".join(base64.urlsafe_b64encode(p).rstrip(b"=") for p in parts)
    with contextlib.suppress(InvalidPacket):
        jose.parse_compact(token)


@pytest.mark.parametrize(
    "alg", [{"kty": "EC"}, ["ES256"], 256, 1.5, None, True, "none", "HS256", "es256"]
)
def test_check_header_refuses_an_alg_of_any_other_shape(alg: object) -> None:
    """Every JWS header Pont reads goes through check_header: no JSON value is looked up in
    the allow-list before it is known to be a string (an object raised TypeError)."""
    with pytest.raises(InvalidPacket) as refused:
        jose.check_header({"alg": alg, "typ": "x"}, "x")
    assert refused.value.reason == "alg_not_allowed"

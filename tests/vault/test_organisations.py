"""Organisations: add, update, find, and the public keys they publish for encryption."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from fakes import FixedClock

from vault.database import query
from vault.errors import InvalidInput, NotFound
from vault.organisations import (
    PUBLIC_KEY_REASONS,
    Organisations,
    check_encryption_key,
)
from vault.vault import Vault

X25519_P = 2**255 - 19
SMALL_ORDER = [
    0,
    1,
    325606250916557431795983626356110631294008115727848805560023387167927233504,
    39382357235489614581723060781553021112529911719440698176882885853963445705823,
    X25519_P - 1,
]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def p256_jwk() -> dict[str, str]:
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64(numbers.x.to_bytes(32, "big")),
        "y": b64(numbers.y.to_bytes(32, "big")),
    }


def x25519_jwk() -> dict[str, str]:
    raw = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "X25519", "x": b64(raw)}


@pytest.fixture
def organisations(vault: Vault) -> Organisations:
    return vault.organisations


def key_reason(jwk: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_encryption_key(jwk)
    assert caught.value.field == "public_key"
    assert caught.value.reason in PUBLIC_KEY_REASONS
    return caught.value.reason


# --- the store --------------------------------------------------------------------------------


def test_add_and_get(organisations: Organisations) -> None:
    key = x25519_jwk()
    change = organisations.add(
        "  Leeds   City Council ", "Council.Tax@LEEDS.gov.uk", key, "Council tax office"
    )
    assert change.created
    org = change.organisation
    assert org.name == "Leeds City Council"
    assert org.email == "Council.Tax@leeds.gov.uk"
    assert org.public_key == dict(sorted(key.items()))
    assert org.notes == "Council tax office"
    assert org.created_at == "2026-11-21T09:30:00Z"
    assert organisations.get(org.id) == org


def test_minimal_organisation(organisations: Organisations) -> None:
    org = organisations.add("HMRC").organisation
    assert (org.email, org.public_key, org.notes) == (None, None, "")
    assert organisations.add("DVLA", email="  ").organisation.email is None


def test_key_is_stored_as_canonical_json(vault: Vault, organisations: Organisations) -> None:
    key = p256_jwk()
    org = organisations.add("Bank", public_key=dict(reversed(list(key.items())))).organisation
    stored = query(vault.connection, "SELECT public_key FROM organisations WHERE id = ?", (org.id,))
    assert stored[0][0] == json.dumps(key, separators=(",", ":"), sort_keys=True)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "required"),
        ("   ", "required"),
        ("Evil\x00Corp", "control_character"),
        ("Evil\u202eproC", "control_character"),
        ("Line\nbreak", "control_character"),
        ("Trailing separator\u2028", "control_character"),
        ("Trailing next line\x85", "control_character"),
        ("x" * 201, "too_long"),
    ],
)
def test_bad_names_refused(organisations: Organisations, name: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        organisations.add(name)
    assert (caught.value.field, caught.value.reason) == ("name", reason)
    assert organisations.all() == []


def test_bad_email_refused(organisations: Organisations) -> None:
    with pytest.raises(InvalidInput) as caught:
        organisations.add("Council", email="not an email")
    assert caught.value.field == "email"
    assert organisations.all() == []


def test_bad_key_changes_nothing(organisations: Organisations) -> None:
    with pytest.raises(InvalidInput):
        organisations.add("Council", public_key={**p256_jwk(), "d": "secret"})
    assert organisations.all() == []


def test_update_some_details(organisations: Organisations) -> None:
    org = organisations.add("GP", "reception@gp.nhs.uk", x25519_jwk(), "old notes").organisation
    change = organisations.update(org.id, name="Park Surgery", notes="")
    assert not change.created
    updated = change.organisation
    assert (updated.name, updated.notes) == ("Park Surgery", "")
    assert (updated.email, updated.public_key) == (org.email, org.public_key)
    cleared = organisations.update(org.id, email=None, public_key=None).organisation
    assert (cleared.email, cleared.public_key, cleared.name) == (None, None, "Park Surgery")


def test_update_refuses_bad_input_and_keeps_old(organisations: Organisations) -> None:
    org = organisations.add("Bank", "help@bank.co.uk").organisation
    with pytest.raises(InvalidInput):
        organisations.update(org.id, name="Fine name", email="broken@")
    assert organisations.get(org.id) == org


def test_update_unknown(organisations: Organisations) -> None:
    with pytest.raises(NotFound):
        organisations.update(99, name="Nobody")


def test_get_unknown(organisations: Organisations) -> None:
    with pytest.raises(NotFound):
        organisations.get(1)


def test_all_sorted_by_name(organisations: Organisations, clock: FixedClock) -> None:
    for name in ("leeds City Council", "DVLA", "Barclays"):
        organisations.add(name)
        clock.advance(seconds=1)
    assert [o.name for o in organisations.all()] == ["Barclays", "DVLA", "leeds City Council"]


def test_find(organisations: Organisations) -> None:
    leeds = organisations.add("Leeds City Council").organisation
    york = organisations.add("City of York Council").organisation
    assert organisations.find(str(leeds.id)) == leeds
    assert organisations.find(york.uuid) == york
    assert organisations.find("leeds city  council") == leeds
    assert organisations.find("York") == york
    with pytest.raises(InvalidInput) as caught:
        organisations.find("council")
    assert caught.value.reason == "ambiguous"
    with pytest.raises(NotFound):
        organisations.find("Sheffield")


def test_find_same_name_twice_is_ambiguous(organisations: Organisations) -> None:
    organisations.add("HMRC", "one@hmrc.gov.uk")
    organisations.add("hmrc", "two@hmrc.gov.uk")
    with pytest.raises(InvalidInput):
        organisations.find("HMRC")


# --- public keys ------------------------------------------------------------------------------


def test_good_keys() -> None:
    p256, x25519 = p256_jwk(), x25519_jwk()
    assert check_encryption_key(p256) == dict(sorted(p256.items()))
    assert check_encryption_key(x25519) == dict(sorted(x25519.items()))
    extras = {**x25519, "kid": "2026-1", "use": "enc", "alg": "HPKE-4"}
    assert check_encryption_key(extras)["kid"] == "2026-1"
    assert check_encryption_key({**p256, "alg": "HPKE-0"})["alg"] == "HPKE-0"


def test_private_key_refused() -> None:
    private = X25519PrivateKey.generate()
    jwk = {**x25519_jwk(), "d": b64(private.private_bytes_raw())}
    assert key_reason(jwk) == "private_key"
    assert key_reason({**p256_jwk(), "d": "AAAA"}) == "private_key"


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
        {"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "oct", "k": "c2VjcmV0"},
        {"kty": "OKP", "crv": "X448", "x": "AA"},
        {},
    ],
)
def test_unsupported_keys(jwk: dict[str, str]) -> None:
    assert key_reason(jwk) in {"unsupported_key", "private_key"}


@pytest.mark.parametrize("jwk", [None, "key", [1, 2], {"kty": 1}, {"kty": "EC", "x": None}])
def test_not_a_jwk(jwk: object) -> None:
    assert key_reason(jwk) == "bad_type"


def test_unknown_members_and_options() -> None:
    assert key_reason({**x25519_jwk(), "x5c": "cert"}) == "unknown_member"
    assert key_reason({**p256_jwk(), "use": "sig"}) == "bad_use"
    assert key_reason({**p256_jwk(), "alg": "ES256"}) == "bad_alg"
    assert key_reason({**x25519_jwk(), "alg": "HPKE-0"}) == "bad_alg"
    assert key_reason({**x25519_jwk(), "kid": "a\nb"}) == "bad_kid"
    assert key_reason({**x25519_jwk(), "kid": "k" * 101}) == "bad_kid"


def test_missing_coordinate() -> None:
    jwk = p256_jwk()
    del jwk["y"]
    assert key_reason(jwk) == "invalid_key"


def test_p256_point_off_the_curve() -> None:
    jwk = p256_jwk()
    y = int.from_bytes(base64.urlsafe_b64decode(jwk["y"] + "="), "big")
    jwk["y"] = b64(((y + 1) % 2**256).to_bytes(32, "big"))
    assert key_reason(jwk) == "invalid_key"


def test_p256_coordinate_not_reduced() -> None:
    p = 2**256 - 2**224 + 2**192 + 2**96 - 1
    jwk = {**p256_jwk(), "x": b64((p + 1).to_bytes(32, "big"))}
    assert key_reason(jwk) == "invalid_key"


@pytest.mark.parametrize("coordinate", ["", "AAAA", "A" * 44, "A" * 42 + "+/", "A" * 42 + "B="])
def test_malformed_coordinates(coordinate: str) -> None:
    assert key_reason({"kty": "OKP", "crv": "X25519", "x": coordinate}) == "invalid_key"


def test_non_canonical_base64url() -> None:
    # 43 characters carry 258 bits; the last 2 must be zero for a 32-byte value.
    good = x25519_jwk()["x"]
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(good[-1])
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    bad = good[:-1] + alphabet[last ^ 1]
    assert key_reason({"kty": "OKP", "crv": "X25519", "x": bad}) == "invalid_key"


@pytest.mark.parametrize("u", SMALL_ORDER)
def test_small_order_x25519_refused(u: int) -> None:
    jwk = {"kty": "OKP", "crv": "X25519", "x": b64(u.to_bytes(32, "little"))}
    assert key_reason(jwk) == "weak_key"


@pytest.mark.parametrize("u", [X25519_P, X25519_P + 1, 2**255 + 9])
def test_non_canonical_x25519_refused(u: int) -> None:
    jwk = {"kty": "OKP", "crv": "X25519", "x": b64(u.to_bytes(32, "little"))}
    assert key_reason(jwk) == "invalid_key"


def test_small_order_points_really_are_weak() -> None:
    # The list is not folklore: an exchange with each gives the all-zero secret, which
    # cryptography refuses.
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    ours = X25519PrivateKey.generate()
    for u in SMALL_ORDER:
        with pytest.raises(ValueError, match="shared key"):
            ours.exchange(X25519PublicKey.from_public_bytes(u.to_bytes(32, "little")))

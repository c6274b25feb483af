"""Organisations: add, update, find, and the public keys they publish for encryption."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from fakes import FixedClock

from vault.database import query
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.organisations import (
    NOTICE_REASONS,
    PUBLIC_KEY_REASONS,
    Claim,
    Notice,
    Organisations,
    Recognised,
    check_encryption_key,
    key_fingerprint,
    same_key,
)
from vault.packets.hpke import MLKEM_PUBLIC_BYTES, new_recipient_key, seal_packet
from vault.packets.jose import b64url_decode, b64url_encode
from vault.vault import Vault


def hpke_jwk() -> dict[str, str]:
    """A fresh public key of the one suite Pont seals with (kty AKP, alg MLKEM768-X25519)."""
    return new_recipient_key()[1]


def p256_jwk() -> dict[str, str]:
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url_encode(numbers.x.to_bytes(32, "big")),
        "y": b64url_encode(numbers.y.to_bytes(32, "big")),
    }


def x25519_jwk() -> dict[str, str]:
    raw = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "X25519", "x": b64url_encode(raw)}


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
    key = hpke_jwk()
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
    key = hpke_jwk()
    org = organisations.add("Bank", public_key=dict(reversed(list(key.items())))).organisation
    stored = query(vault.connection, "SELECT public_key FROM organisations WHERE id = ?", (org.id,))
    assert stored[0][0] == json.dumps(key, separators=(",", ":"), sort_keys=True)


def test_draft_is_checked_but_not_stored_until_kept(organisations: Organisations) -> None:
    key = hpke_jwk()
    draft = organisations.draft("  Example   Bank ", "Moves@BANK.example", key)
    assert (draft.id, draft.name, draft.email) == (0, "Example Bank", "Moves@bank.example")
    assert draft.public_key == dict(sorted(key.items()))
    assert organisations.all() == []
    kept = organisations.keep(draft)
    assert kept.created
    assert (kept.organisation.uuid, kept.organisation.name) == (draft.uuid, "Example Bank")
    assert kept.organisation.public_key == draft.public_key
    assert kept.organisation.created_at == "2026-11-21T09:30:00Z"
    again = organisations.keep(draft)  # a second try at sending stores nothing new
    assert not again.created
    assert again.organisation == kept.organisation
    assert organisations.keep(kept.organisation).organisation == kept.organisation
    assert organisations.all() == [kept.organisation]


def test_draft_refuses_what_add_refuses(organisations: Organisations) -> None:
    with pytest.raises(InvalidInput) as caught:
        organisations.draft("   ")
    assert caught.value.field == "name"
    with pytest.raises(InvalidInput):
        organisations.draft("Example Bank", "not an email")
    assert organisations.all() == []


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
        organisations.add("Council", public_key={**hpke_jwk(), "priv": "secret"})
    assert organisations.all() == []


def test_update_some_details(organisations: Organisations) -> None:
    org = organisations.add("GP", "reception@gp.nhs.uk", hpke_jwk(), "old notes").organisation
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
    jwk = hpke_jwk()
    assert check_encryption_key(jwk) == dict(sorted(jwk.items()))
    assert list(check_encryption_key(dict(reversed(list(jwk.items()))))) == ["alg", "kty", "pub"]
    extras = {**jwk, "kid": "2026-1", "use": "enc"}
    assert check_encryption_key(extras) == dict(sorted(extras.items()))


def test_kid_is_cleaned() -> None:
    assert check_encryption_key({**hpke_jwk(), "kid": "  2026-1 "})["kid"] == "2026-1"


def test_an_accepted_key_can_be_sealed_to() -> None:
    # The point of the check: what is stored is exactly what seal_packet can use.
    sealed = seal_packet(b"packet", check_encryption_key(hpke_jwk()), "Council")
    assert json.loads(sealed)["suite"].startswith("MLKEM768-X25519/")


def test_organisation_holds_an_hpke_key(organisations: Organisations) -> None:
    jwk = hpke_jwk()
    org = organisations.add("Council", public_key=jwk).organisation
    assert org.public_key == dict(sorted(jwk.items()))
    other = hpke_jwk()
    assert organisations.update(org.id, public_key=other).organisation.public_key == dict(
        sorted(other.items())
    )


@pytest.mark.parametrize("member", ["priv", "seed", "d", "p", "q", "dp", "dq", "qi", "oth", "k"])
def test_private_members_refused(member: str) -> None:
    assert key_reason({**hpke_jwk(), member: "AAAA"}) == "private_key"


def test_private_key_refused_before_anything_else() -> None:
    # Even a key Pont could never use: the message must be "that is your private key".
    private = X25519PrivateKey.generate()
    assert key_reason({**x25519_jwk(), "d": b64url_encode(private.private_bytes_raw())}) == (
        "private_key"
    )
    assert key_reason({"kty": "AKP", "alg": "ML-KEM-768", "pub": "AA", "priv": "AA"}) == (
        "private_key"
    )


@pytest.mark.parametrize(
    "jwk",
    [
        p256_jwk(),
        x25519_jwk(),
        {**x25519_jwk(), "alg": "HPKE-4"},
        {**p256_jwk(), "alg": "HPKE-0"},
        {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "AKP", "alg": "ML-KEM-768", "pub": "AAAA"},
        {"kty": "AKP", "alg": "ML-DSA-65", "pub": "AAAA"},
        {"kty": "AKP", "pub": "AAAA"},
        {"kty": "OKP", "alg": "MLKEM768-X25519", "pub": "AAAA"},
        {},
    ],
)
def test_unsupported_keys(jwk: dict[str, str]) -> None:
    assert key_reason(jwk) == "unsupported_key"


def test_no_fallback_for_a_classical_key(organisations: Organisations) -> None:
    for jwk in (p256_jwk(), x25519_jwk()):
        with pytest.raises(InvalidInput) as caught:
            organisations.add("Bank", public_key=jwk)
        assert caught.value.reason == "unsupported_key"
    assert organisations.all() == []


@pytest.mark.parametrize("jwk", [None, "key", [1, 2], {"kty": 1}, {"kty": "AKP", "pub": None}])
def test_not_a_jwk(jwk: object) -> None:
    assert key_reason(jwk) == "bad_type"


def test_unknown_members_and_options() -> None:
    assert key_reason({**hpke_jwk(), "x5c": "cert"}) == "unknown_member"
    assert key_reason({**hpke_jwk(), "crv": "X25519"}) == "unknown_member"
    assert key_reason({**hpke_jwk(), "use": "sig"}) == "bad_use"
    assert key_reason({**hpke_jwk(), "kid": "a\nb"}) == "bad_kid"
    assert key_reason({**hpke_jwk(), "kid": "k" * 101}) == "bad_kid"
    assert key_reason({**hpke_jwk(), "kid": "  "}) == "bad_kid"


def test_missing_pub() -> None:
    jwk = hpke_jwk()
    del jwk["pub"]
    assert key_reason(jwk) == "invalid_key"


X25519_P = 2**255 - 19
SMALL_ORDER = [
    0,
    1,
    325606250916557431795983626356110631294008115727848805560023387167927233504,
    39382357235489614581723060781553021112529911719440698176882885853963445705823,
    X25519_P - 1,
]


def _with_pub(raw: bytes) -> dict[str, str]:
    return {**hpke_jwk(), "pub": b64url_encode(raw)}


def test_pub_of_the_wrong_length() -> None:
    raw = b64url_decode(hpke_jwk()["pub"])
    assert key_reason(_with_pub(raw[:-1])) == "invalid_key"
    assert key_reason(_with_pub(raw + b"\0")) == "invalid_key"
    assert key_reason(_with_pub(raw[:MLKEM_PUBLIC_BYTES])) == "invalid_key"
    assert key_reason(_with_pub(b"")) == "invalid_key"


def test_pub_that_is_not_an_mlkem_key() -> None:
    # ML-KEM-768 coefficients are below q = 3329; all-ones bytes decode to 4095 (FIPS 203 §7.2).
    raw = b64url_decode(hpke_jwk()["pub"])
    assert key_reason(_with_pub(b"\xff" * MLKEM_PUBLIC_BYTES + raw[MLKEM_PUBLIC_BYTES:])) == (
        "invalid_key"
    )


def _with_x25519_u(u: int) -> dict[str, str]:
    raw = b64url_decode(hpke_jwk()["pub"])
    return _with_pub(raw[:MLKEM_PUBLIC_BYTES] + u.to_bytes(32, "little"))


@pytest.mark.parametrize("u", SMALL_ORDER)
def test_small_order_x25519_half_refused(u: int) -> None:
    jwk = _with_x25519_u(u)
    with pytest.raises(InvalidPacket, match="encapsulation failed"):
        seal_packet(b"packet", jwk, "Council")  # why: sealing to it can never work
    assert key_reason(jwk) == "weak_key"


@pytest.mark.parametrize("u", [X25519_P, X25519_P + 1, 2**255 + 9])
def test_non_canonical_x25519_half_refused(u: int) -> None:
    assert key_reason(_with_x25519_u(u)) == "invalid_key"


@pytest.mark.parametrize("pub", ["", "AAAA=", "A" * 5, "AA+/", "AA AA", "é"])
def test_malformed_pub(pub: str) -> None:
    assert key_reason({**hpke_jwk(), "pub": pub}) == "invalid_key"


def test_non_canonical_base64url() -> None:
    # 1216 bytes take 1622 characters, the last carrying 4 spare bits that must be zero.
    good = hpke_jwk()["pub"]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    bad = good[:-1] + alphabet[alphabet.index(good[-1]) ^ 1]
    assert key_reason({**hpke_jwk(), "pub": bad}) == "invalid_key"


def test_every_reason_can_happen() -> None:
    seen = {
        key_reason(None),
        key_reason({**hpke_jwk(), "priv": "AA"}),
        key_reason(p256_jwk()),
        key_reason({**hpke_jwk(), "x": "AA"}),
        key_reason({**hpke_jwk(), "use": "sig"}),
        key_reason({**hpke_jwk(), "pub": "AA"}),
        key_reason(_with_x25519_u(0)),
        key_reason({**hpke_jwk(), "kid": ""}),
    }
    assert seen == PUBLIC_KEY_REASONS


# --- recognising who asks (docs/request-format.md, "How Pont recognises an organisation") --


COUNCIL_EMAIL = "tax@council.example"


def recognised_as(organisations: Organisations, claim: Claim, chosen: int | None = None) -> Any:
    found = organisations.recognise(claim, chosen)
    return (found.organisation.id if found.organisation else None), reasons(found)


def reasons(found: Recognised) -> list[str]:
    return sorted(n.reason for n in found.notices)


def test_nothing_matches_a_new_organisation_and_its_key_is_first_seen(
    organisations: Organisations,
) -> None:
    organisations.add("Day Centre")
    key = hpke_jwk()
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL, key))
    assert found.organisation is None
    assert found.notices == (Notice("key_first_seen", "Leeds City Council", key_fingerprint(key)),)
    assert found.to_confirm == ()  # a new organisation's first key is simply pinned
    assert organisations.all()[0].name == "Day Centre"  # recognising stores nothing


def test_same_email_key_and_name_is_the_known_one(organisations: Organisations) -> None:
    key = hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, key).organisation
    claim = Claim(" Leeds  city council ", "TAX@Council.Example", key)
    assert recognised_as(organisations, claim) == (leeds.id, [])
    assert organisations.settle(organisations.recognise(claim), store=True) == leeds


def test_same_email_first_key_is_pinned_and_shown(organisations: Organisations) -> None:
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL).organisation
    key = hpke_jwk()
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL, key))
    assert found.organisation == leeds
    assert [n.reason for n in found.to_confirm] == ["key_first_seen"]  # a known one: a stop
    draft = organisations.settle(found)  # a preview: nothing stored yet
    assert (draft.id, same_key(draft.public_key, key)) == (leeds.id, True)
    assert organisations.get(leeds.id).public_key is None
    organisations.keep(draft)  # signing pins it
    assert same_key(organisations.get(leeds.id).public_key, key)


def test_same_email_other_key_is_refused_unless_accepted(organisations: Organisations) -> None:
    pinned, planted = hpke_jwk(), hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned).organisation
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL, planted))
    assert found.organisation == leeds
    assert reasons(found) == ["key_changed"]
    assert (found.pinned_fingerprint, found.claim_fingerprint) == (
        key_fingerprint(pinned),
        key_fingerprint(planted),
    )
    for store in (False, True):
        with pytest.raises(InvalidInput) as caught:
            organisations.settle(found, store=store)
        assert (caught.value.field, caught.value.reason) == ("organisation", "key_changed")
        assert key_fingerprint(pinned) in caught.value.detail
    assert same_key(organisations.get(leeds.id).public_key, pinned)
    accepted = organisations.settle(found, accept_new_key=True, store=True)
    assert accepted.id == leeds.id
    assert same_key(organisations.get(leeds.id).public_key, planted)


def test_a_preview_with_an_accepted_key_pins_it_only_when_kept(
    organisations: Organisations,
) -> None:
    pinned, new = hpke_jwk(), hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned).organisation
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL, new))
    draft = organisations.settle(found, accept_new_key=True)
    assert same_key(organisations.get(leeds.id).public_key, pinned)
    assert same_key(organisations.keep(draft).organisation.public_key, new)


def test_same_email_no_key_in_request_keeps_the_pinned_one(organisations: Organisations) -> None:
    pinned = hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned).organisation
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL))
    assert found.notices == (
        Notice("key_not_in_request", "Leeds City Council", key_fingerprint(pinned)),
    )
    assert found.to_confirm == ()
    assert organisations.settle(found, store=True) == leeds  # still sealed to the pinned key


def test_same_email_other_name_is_shown_and_the_stored_name_kept(
    organisations: Organisations,
) -> None:
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL).organisation
    found = organisations.recognise(Claim("Leeds Council Tax Refunds", COUNCIL_EMAIL))
    assert found.organisation == leeds
    assert found.notices == (
        Notice("name_differs", "Leeds City Council", "Leeds Council Tax Refunds"),
    )
    assert organisations.settle(found, store=True).name == "Leeds City Council"


def test_same_name_other_email_is_a_new_organisation_with_a_warning(
    organisations: Organisations,
) -> None:
    organisations.add("Leeds City Council", COUNCIL_EMAIL)
    found = organisations.recognise(Claim("Leeds City Council", "leeds.council@mail.example"))
    assert found.organisation is None
    assert found.notices == (
        Notice("same_name_elsewhere", "Leeds City Council", COUNCIL_EMAIL),
    )
    assert [n.reason for n in found.to_confirm] == ["same_name_elsewhere"]
    made = organisations.settle(found, store=True)
    assert made.email == "leeds.council@mail.example"
    assert len(organisations.all()) == 2


def test_no_email_matches_by_name(organisations: Organisations) -> None:
    pinned = hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned).organisation
    assert recognised_as(organisations, Claim("leeds city council")) == (
        leeds.id,
        ["key_not_in_request"],
    )
    # ... and the key rules apply as for an address
    assert recognised_as(organisations, Claim("Leeds City Council", None, hpke_jwk())) == (
        leeds.id,
        ["key_changed"],
    )


def test_no_email_matches_by_pinned_key(organisations: Organisations) -> None:
    key = hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, key).organisation
    assert recognised_as(organisations, Claim("LCC Revenues", None, key)) == (
        leeds.id,
        ["name_differs"],
    )


def test_other_email_with_a_key_pinned_elsewhere_is_new_and_warned(
    organisations: Organisations,
) -> None:
    key = hpke_jwk()
    organisations.add("Leeds City Council", COUNCIL_EMAIL, key)
    found = organisations.recognise(Claim("Leeds Refunds", "refunds@mail.example", key))
    assert found.organisation is None
    assert reasons(found) == ["key_first_seen", "key_of_another"]
    assert Notice("key_of_another", "Leeds City Council", key_fingerprint(key)) in found.notices
    assert [n.reason for n in found.to_confirm] == ["key_of_another"]


def test_a_bare_id_is_never_matched(organisations: Organisations) -> None:
    organisations.add("Day Centre")
    second = organisations.add("Leeds City Council", COUNCIL_EMAIL).organisation
    assert second.id == 2
    assert recognised_as(organisations, Claim("2")) == (None, [])
    assert recognised_as(organisations, Claim(second.uuid)) == (None, [])
    named_two = organisations.add("2").organisation
    assert recognised_as(organisations, Claim("2")) == (named_two.id, [])


def test_several_matches_take_the_one_of_that_name_else_ambiguous(
    organisations: Organisations,
) -> None:
    one = organisations.add("HMRC", "post@hmrc.example").organisation
    organisations.add("HMRC Self Assessment", "post@hmrc.example")
    assert recognised_as(organisations, Claim("HMRC", "post@hmrc.example")) == (one.id, [])
    with pytest.raises(InvalidInput) as caught:
        organisations.recognise(Claim("HM Revenue", "post@hmrc.example"))
    assert (caught.value.field, caught.value.reason) == ("organisation", "ambiguous")
    organisations.add("Day Centre")
    organisations.add("Day centre")
    with pytest.raises(InvalidInput):
        organisations.recognise(Claim("day centre"))


def test_a_chosen_organisation_is_compared_with_the_claim(organisations: Organisations) -> None:
    pinned = hpke_jwk()
    leeds = organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned).organisation
    organisations.add("Other", "other@mail.example")
    found = organisations.recognise(
        Claim("Leeds City Council", "other@mail.example", hpke_jwk()), leeds.id
    )
    assert found.organisation == leeds
    assert reasons(found) == ["email_differs", "key_changed"]
    with pytest.raises(InvalidInput):
        organisations.settle(found)
    found = organisations.recognise(Claim("Leeds City Council", COUNCIL_EMAIL, pinned), leeds.id)
    assert reasons(found) == []


def test_a_claim_is_checked_like_a_stored_organisation(organisations: Organisations) -> None:
    for claim, field in (
        (Claim("  "), "name"),
        (Claim("Bank", "not an address"), "email"),
        (Claim("Bank", None, p256_jwk()), "public_key"),
    ):
        with pytest.raises(InvalidInput) as caught:
            organisations.recognise(claim)
        assert caught.value.field == field


def test_every_notice_reason_can_happen(organisations: Organisations) -> None:
    pinned = hpke_jwk()
    organisations.add("Leeds City Council", COUNCIL_EMAIL, pinned)
    organisations.add("Bank", "bank@mail.example")
    seen: set[str] = set()
    for claim in (
        Claim("New", "new@mail.example", hpke_jwk()),
        Claim("Leeds City Council", COUNCIL_EMAIL, hpke_jwk()),
        Claim("Leeds City Council", COUNCIL_EMAIL),
        Claim("Leeds", COUNCIL_EMAIL),
        Claim("Leeds City Council", "x@mail.example", pinned),
    ):
        seen |= set(reasons(organisations.recognise(claim)))
    seen |= set(reasons(organisations.recognise(Claim("Bank", "y@mail.example"), 2)))
    assert seen == NOTICE_REASONS

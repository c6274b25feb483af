"""Independent SD-JWT implementations as second opinions on Pont's confirmations and packets.

* PyPI ``sd-jwt`` 0.10.4 (OpenWallet Foundation, the reference implementation): issues a
  credential to a Pont holder key that Pont imports; verifies Pont's presentations and packets.
* npm ``@sd-jwt/sd-jwt-vc`` 0.19.0 (OpenWallet Foundation, TypeScript) under node: verifies
  Pont's presentations (with an offline status list) and packets.

Both reject the standard negatives. Their known gaps are pinned here as tests, so a change in
either library shows up (docs/packet-format.md §5.8 lists them):

* ``sd-jwt`` does not check ``exp``/``nbf``/``iat`` (a TODO in its verifier), nor the header
  ``typ``, nor that every disclosure is referenced; its KB check assumes ES256.
* ``@sd-jwt/sd-jwt-vc`` checks the KB-JWT only when given a nonce, never its ``aud`` (the
  caller must: ``verify.cjs`` does), and not the header ``typ``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jwcrypto.jwk import JWK
from jwcrypto.jws import InvalidJWSSignature
from sd_jwt.common import SDObj
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier
from vckit import AUDIENCE, CLAIMS, DAY, IAT, NONCE, b64d, b64e, holder_key, issue, issuer_key
from vckit import present as present_credential

from vault.packets import jose, keys, sdjwt, sdjwt_vc
from vault.packets.sdjwt_vc import StatusReference
from vault.packets.status_list import INVALID, StatusList, sign_status_list
from vault.vault import Vault

NOW = IAT + DAY
URI = "https://leeds.example/status/7"


def jwcrypto_key(key: keys.HolderKey, *, private: bool = False) -> JWK:
    jwk = dict(key.public_jwk)
    if private:
        value = key.private_key.private_numbers().private_value  # type: ignore[union-attr]
        jwk["d"] = b64e(value.to_bytes(32, "big"))
    return JWK(**jwk)


def owf_verify(text: str, issuer: keys.HolderKey | None, **kw: Any) -> dict[str, Any]:
    """The reference verifier; ``issuer=None`` for a self-issued packet (key from cnf)."""

    def issuer_key_for(_iss: str, _header: dict[str, Any]) -> JWK:
        if issuer is not None:
            return jwcrypto_key(issuer)
        payload = json.loads(b64d(text.split("~")[0].split(".")[1]))
        return JWK(**payload["cnf"]["jwk"])

    args = {"expected_aud": AUDIENCE, "expected_nonce": NONCE}
    args.update(kw)
    payload: dict[str, Any] = SDJWTVerifier(text, issuer_key_for, **args).get_verified_payload()
    return payload


def tampered(text: str) -> str:
    jwt, first, *rest = text.split("~")
    salt, name, _value = json.loads(b64d(first))
    return "~".join([jwt, b64e(json.dumps([salt, name, "forged"]).encode()), *rest])


# --- an independent issuer, Pont as holder -------------------------------------------------------


def owf_credential(issuer: keys.HolderKey, holder: keys.HolderKey, claims: dict[str, Any]) -> str:
    user_claims: dict[Any, Any] = {SDObj(k): v for k, v in claims.items()}
    user_claims.update(
        iss=jose.thumbprint_uri(issuer.thumbprint),
        iat=IAT,
        exp=IAT + 365 * DAY,
        vct="https://credentials.example/address",
    )
    made = SDJWTIssuer(
        user_claims,
        jwcrypto_key(issuer, private=True),
        jwcrypto_key(holder),
        sign_alg="ES256",
        add_decoy_claims=True,
        extra_header_parameters={
            "typ": "dc+sd-jwt",
            "jwk": dict(issuer.public_jwk),
            "kid": issuer.thumbprint,
        },
    )
    text: str = made.sd_jwt_issuance
    return text


def test_a_credential_from_the_reference_issuer_imports_into_pont(vault: Vault) -> None:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(ada, "address", CLAIMS["address"])
    vault.profiles.set(ada, "birthDate", "1950-03-17")
    holder = vault.holder_keys.default().key
    council = issuer_key(b"owf-council")
    text = owf_credential(
        council, holder, {"address": CLAIMS["address"], "birthDate": "1950-03-17"}
    )
    stored = vault.credentials.import_credential(ada, text)
    assert stored.issuer_fingerprint == council.thumbprint
    assert stored.vct == "https://credentials.example/address"
    assert {c.claim for c in stored.claims} == {"address", "birthDate"}
    # and Pont presents it on, readable by the reference verifier again
    presented = vault.credentials.present(
        stored,
        ["address"],
        audience=AUDIENCE,
        nonce=NONCE,
        issued_at=int(vault.env.clock().timestamp()),
    )
    assert owf_verify(presented, council)["address"] == CLAIMS["address"]
    # bound to another holder, the same issuer's credential is refused
    stranger = owf_credential(council, holder_key(b"someone"), {"birthDate": "1950-03-17"})
    with pytest.raises(Exception, match="bound_to_another_holder"):
        vault.credentials.import_credential(ada, stranger)


# --- Pont as issuer and holder, the reference library verifying ----------------------------------


def test_reference_verifier_accepts_pont_presentations() -> None:
    issuer, holder = issuer_key(), holder_key()
    text = present_credential(issue(issuer, holder), holder, ("address", "birthDate_over_18"))
    payload = owf_verify(text, issuer)
    assert payload["address"] == CLAIMS["address"]
    assert payload["birthDate_over_18"] is True
    assert "birthDate" not in payload
    assert payload["vct"] == sdjwt_vc.CONFIRMATION_VCT


@pytest.mark.parametrize(
    ("name", "mutate", "kw"),
    [
        ("tampered disclosure", tampered, {}),
        ("wrong audience", None, {"expected_aud": "other@org.example"}),
        ("wrong nonce", None, {"expected_nonce": "OTHER"}),
    ],
)
def test_reference_verifier_rejects_the_negatives(name: str, mutate: Any, kw: Any) -> None:
    issuer, holder = issuer_key(), holder_key()
    text = present_credential(issue(issuer, holder), holder)
    with pytest.raises(ValueError, match="KB-JWT"):
        owf_verify(mutate(text) if mutate else text, issuer, **kw)


def test_reference_verifier_rejects_a_wrong_issuer_key() -> None:
    text = present_credential(issue(issuer_key(b"forger")), holder_key())
    with pytest.raises(InvalidJWSSignature):
        owf_verify(text, issuer_key())


def test_reference_verifier_gap_it_accepts_an_expired_credential() -> None:
    # Known gap (its verifier's "TODO: Check exp/nbf/iat"): Pont refuses this one
    # (test_sdjwt_vc: expired; test_confirmations: per field), and so does the npm library.
    issuer, holder = issuer_key(), holder_key()
    old = issue(issuer, holder, issued_at=IAT - 60 * DAY, expires_at=IAT - DAY)
    assert owf_verify(present_credential(old, holder), issuer)["address"] == CLAIMS["address"]


# --- the npm library --------------------------------------------------------------------------


def case(name: str, text: str, issuer: keys.HolderKey | None, **kw: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": name,
        "sd_jwt": text,
        "audience": AUDIENCE,
        "nonce": NONCE,
        "now": NOW,
        "issuer_jwk": None if issuer is None else dict(issuer.public_jwk),
        "status_lists": {},
    }
    item.update(kw)
    return item


def test_npm_verifier_accepts_pont_presentations_and_rejects_the_negatives(
    npm_verify: Any,
) -> None:
    issuer, holder = issuer_key(), holder_key()
    listed = issue(issuer, holder, status=StatusReference(3, URI))
    good = present_credential(listed, holder, ("birthDate_over_18",))
    valid = sign_status_list(issuer.private_key, StatusList.new(8), uri=URI, issued_at=IAT)
    revoked = sign_status_list(
        issuer.private_key, StatusList.new(8).with_status(3, INVALID), uri=URI, issued_at=IAT + 60
    )
    old = issue(issuer, holder, issued_at=IAT - 60 * DAY, expires_at=IAT - DAY)
    ed_holder = holder_key(b"ed", "Ed25519")
    results = npm_verify(
        [
            case("good", good, issuer, status_lists={URI: valid}),
            case("ed25519 holder", present_credential(issue(issuer, ed_holder), ed_holder), issuer),
            case("tampered disclosure", tampered(good), issuer, status_lists={URI: valid}),
            case(
                "wrong audience",
                good,
                issuer,
                audience="other@org.example",
                status_lists={URI: valid},
            ),
            case("wrong nonce", good, issuer, nonce="OTHER", status_lists={URI: valid}),
            case("expired", present_credential(old, holder), issuer),
            case("wrong issuer key", good, issuer_key(b"forger"), status_lists={URI: valid}),
            case("revoked", good, issuer, status_lists={URI: revoked}),
        ]
    )
    assert results["good"]["ok"], results["good"]
    assert results["good"]["payload"]["birthDate_over_18"] is True
    assert "birthDate" not in results["good"]["payload"]
    assert results["good"]["typ"] == "dc+sd-jwt"
    assert results["good"]["kb"]["aud"] == AUDIENCE
    assert results["ed25519 holder"]["ok"], results["ed25519 holder"]
    refused = {name: r["error"] for name, r in results.items() if not r["ok"]}
    assert set(refused) == {
        "tampered disclosure",
        "wrong audience",
        "wrong nonce",
        "expired",
        "wrong issuer key",
        "revoked",
    }
    assert "sd_hash" in refused["tampered disclosure"]
    assert "audience" in refused["wrong audience"]
    assert "Nonce" in refused["wrong nonce"]
    assert "expired" in refused["expired"]
    assert "Signature" in refused["wrong issuer key"]
    assert "Status is not valid" in refused["revoked"]


# --- Pont's ordinary packets ------------------------------------------------------------------


def pont_packet(alg: str = "ES256") -> str:
    holder = holder_key(b"packet-" + alg.encode(), alg)
    return sdjwt.issue_packet(
        holder,
        claims={"givenName": "Ada", "birthDate_over_18": True},
        public_claims={"vct": sdjwt.PACKET_VCT, "purpose": "Open an account"},
        issued_at=IAT,
        expires_at=IAT + 30 * DAY,
        audience=AUDIENCE,
        nonce=NONCE,
    )


def test_both_verifiers_accept_ponts_packets(npm_verify: Any) -> None:
    packet = pont_packet()
    payload = owf_verify(packet, None)
    assert (payload["vct"], payload["givenName"]) == (sdjwt.PACKET_VCT, "Ada")
    results = npm_verify(
        [
            case("es256", packet, None),
            case("ed25519", pont_packet("Ed25519"), None),
            case("tampered", tampered(packet), None),
            case("forwarded", packet, None, audience="other@org.example"),
            case("expired", packet, None, now=IAT + 31 * DAY),
        ]
    )
    assert results["es256"]["ok"], results["es256"]
    assert results["es256"]["payload"]["vct"] == sdjwt.PACKET_VCT
    assert results["ed25519"]["ok"], results["ed25519"]
    assert [n for n, r in results.items() if not r["ok"]] == ["tampered", "forwarded", "expired"]
    with pytest.raises(ValueError, match="KB-JWT"):
        owf_verify(tampered(packet), None)


def test_a_packet_from_share_carries_the_vct(vault: Vault, tmp_path: Any, npm_verify: Any) -> None:
    from vault.share import Selection, ShareOrder, prepare, send

    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(ada, "givenName", "Ada")
    org = vault.organisations.add("Bank", AUDIENCE).organisation
    order = ShareOrder(ada, org.id, "Open an account", (Selection("givenName"),), reference=NONCE)
    shared = send(vault, prepare(vault, order), tmp_path)
    packet = shared.files["sd-jwt"].read_text()
    assert owf_verify(packet, None)["vct"] == sdjwt.PACKET_VCT
    result = npm_verify([case("share", packet, None, now=int(vault.env.clock().timestamp()))])
    assert result["share"]["ok"], result["share"]
    assert result["share"]["payload"]["vct"] == sdjwt.PACKET_VCT


def test_both_verifiers_accept_the_confirmation_a_shared_packet_carries(
    vault: Vault, tmp_path: Any, npm_verify: Any
) -> None:
    """The presentation inside a packet's ``confirmations`` claim (§5.7), made by ``share``,
    checked on its own by both libraries with the issuer's key, for the packet's aud/nonce."""
    from vault.share import Selection, ShareOrder, prepare, send

    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(ada, "givenName", "Ada")
    vault.profiles.set(ada, "birthDate", "1950-03-17")
    council = issuer_key()
    holder = vault.holder_keys.default().key
    claims = {"birthDate": "1950-03-17", "birthDate_over_18": True}
    vault.credentials.import_credential(ada, issue(council, holder, claims=claims).serialise())
    org = vault.organisations.add("Bank", AUDIENCE).organisation
    selections = (Selection("givenName"), Selection("birthDate", None, "over_18"))
    order = ShareOrder(ada, org.id, "Open an account", selections, reference=NONCE)
    packet = send(vault, prepare(vault, order), tmp_path).files["sd-jwt"].read_text()
    now = int(vault.env.clock().timestamp())
    (entry,) = owf_verify(packet, None)["confirmations"]
    assert entry["claims"] == {"birthDate_over_18": "birthDate_over_18"}
    presentation = entry["presentation"]
    assert owf_verify(presentation, council)["birthDate_over_18"] is True
    with pytest.raises(InvalidJWSSignature):
        owf_verify(presentation, issuer_key(b"forger"))
    results = npm_verify(
        [
            case("packet", packet, None, now=now),
            case("confirmation", presentation, council, now=now),
            case("tampered", tampered(presentation), council, now=now),
            case("lifted", presentation, council, now=now, audience="other@org.example"),
        ]
    )
    assert results["packet"]["ok"], results["packet"]
    assert results["confirmation"]["ok"], results["confirmation"]
    assert results["confirmation"]["payload"]["birthDate_over_18"] is True
    assert "birthDate" not in results["confirmation"]["payload"]
    assert [n for n, r in results.items() if not r["ok"]] == ["tampered", "lifted"]

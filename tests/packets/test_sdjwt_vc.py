"""Confirmations as SD-JWT VCs: issuing, reading, presenting, verifying; the golden vector.

Regenerate the committed vector (only when the format changes on purpose) with
``PYTHONPATH=.:tests .venv/bin/python tests/packets/test_sdjwt_vc.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import seeded
from vckit import (
    AUDIENCE,
    CLAIMS,
    DAY,
    IAT,
    NONCE,
    b64d,
    b64e,
    decode_part,
    holder_key,
    issue,
    issuer_key,
    present,
    resign,
)

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose, keys, sdjwt, sdjwt_vc, status_list
from vault.packets.sdjwt_vc import StatusReference

VECTORS = Path(__file__).parent / "vectors"
NOW = IAT + DAY


def reason(call: Callable[[], Any]) -> str:
    with pytest.raises(InvalidPacket) as caught:
        call()
    assert caught.value.reason in sdjwt_vc.REASON_CODES
    return caught.value.reason


def verify(text: str, **kw: Any) -> sdjwt_vc.VerifiedCredential:
    args: dict[str, Any] = {"now": NOW, "audience": AUDIENCE, "nonce": NONCE}
    args.update(kw)
    return sdjwt_vc.verify_presentation(text, **args)


# --- the credential ------------------------------------------------------------------------------


def test_issued_credential_shape() -> None:
    issuer, holder = issuer_key(), holder_key()
    credential = issue(issuer, holder, status=StatusReference(7, "https://c.example/s/1"))
    text = credential.serialise()
    assert text.endswith("~")
    assert text.count("~") == len(CLAIMS) + 1
    header, payload = decode_part(text, 0), decode_part(text.split("~")[0], 1)
    assert header == {
        "alg": "ES256",
        "jwk": dict(issuer.public_jwk),
        "kid": issuer.thumbprint,
        "typ": "dc+sd-jwt",
    }
    assert payload["iss"] == jose.thumbprint_uri(issuer.thumbprint)
    assert payload["vct"] == sdjwt_vc.CONFIRMATION_VCT
    assert payload["cnf"] == {"jwk": dict(holder.public_jwk)}
    assert payload["status"] == {"status_list": {"idx": 7, "uri": "https://c.example/s/1"}}
    assert (payload["iat"], payload["exp"], payload["issuer_name"]) == (
        IAT,
        IAT + 365 * DAY,
        "Leeds City Council",
    )
    # every confirmed field is a disclosure, and nothing about the person is in the clear
    assert sorted(payload["_sd"]) == payload["_sd"]
    assert len(payload["_sd"]) == len(CLAIMS)
    assert "Park Row" not in json.dumps(payload)
    assert "1950" not in json.dumps(payload)


def test_read_credential_checks_and_reports() -> None:
    issuer, holder = issuer_key(), holder_key()
    read = sdjwt_vc.read_credential(issue(issuer, holder).serialise(), now=NOW)
    assert read.disclosed == CLAIMS
    assert read.claims == {}
    assert (read.vct, read.issuer_name, read.iat, read.exp) == (
        sdjwt_vc.CONFIRMATION_VCT,
        "Leeds City Council",
        IAT,
        IAT + 365 * DAY,
    )
    assert read.issuer.thumbprint == issuer.thumbprint
    assert read.holder.thumbprint == holder.thumbprint
    assert (read.issuer_trusted, read.expired, read.key_binding) == (None, False, None)
    later = sdjwt_vc.read_credential(issue(issuer, holder).serialise(), now=IAT + 400 * DAY)
    assert later.expired is True  # reported, not raised: the caller decides


@pytest.mark.parametrize(
    ("kw", "field", "code"),
    [
        ({"claims": {}}, "claims", "empty"),
        ({"claims": {"vct": "x"}}, "vct", "reserved_name"),
        ({"claims": {"status": 1}}, "status", "reserved_name"),
        ({"claims": {"cnf": 1}}, "cnf", "reserved_name"),
        ({"claims": {"a": float("nan")}}, "a", "not_json"),
        ({"expires_at": IAT}, "expires_at", "before_issue"),
        ({"vct": " "}, "vct", "empty"),
    ],
)
def test_issue_refuses(kw: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        issue(**kw)
    assert (caught.value.field, caught.value.reason) == (field, code)


def test_issue_refuses_an_issuer_key_that_is_not_es256() -> None:
    with pytest.raises(InvalidInput) as caught:
        issue(issuer=holder_key(b"ed", "Ed25519"))
    assert caught.value.field == "issuer_key"


# --- presenting -------------------------------------------------------------------------------


def test_presentation_carries_only_the_chosen_disclosures() -> None:
    issuer, holder = issuer_key(), holder_key()
    credential = issue(issuer, holder)
    text = present(credential, holder, ("birthDate_over_18",))
    by_name = {d.name: d.encoded for d in credential.disclosures}
    assert by_name["birthDate_over_18"] in text
    assert by_name["birthDate"] not in text
    assert by_name["address"] not in text
    assert "1950" not in json.dumps([b64d(p).decode("latin-1") for p in text.split("~")[1:-1]])
    checked = verify(text, trusted={issuer.thumbprint: issuer.verifying})
    assert checked.disclosed == {"birthDate_over_18": True}
    assert checked.issuer_trusted is True
    binding = checked.key_binding
    assert binding is not None
    assert (binding.aud, binding.nonce, binding.iat) == (AUDIENCE, NONCE, NOW)
    kb_payload = decode_part(text.split("~")[-1], 1)
    assert kb_payload["sd_hash"] == sdjwt.digest(text[: text.rindex("~") + 1])


def test_present_refuses_another_holder_or_an_unknown_claim() -> None:
    holder = holder_key()
    verified = sdjwt_vc.read_credential(issue(holder=holder).serialise(), now=NOW)
    with pytest.raises(InvalidInput) as caught:
        sdjwt_vc.present_credential(
            verified,
            holder_key(b"other"),
            claims=["address"],
            audience=AUDIENCE,
            nonce=NONCE,
            issued_at=NOW,
        )
    assert caught.value.reason == "not_bound"
    with pytest.raises(InvalidInput) as unknown:
        sdjwt_vc.present_credential(
            verified, holder, claims=["nhsNumber"], audience=AUDIENCE, nonce=NONCE, issued_at=NOW
        )
    assert unknown.value.reason == "not_in_credential"


def test_untrusted_issuer_is_reported_with_its_fingerprint_not_rejected() -> None:
    stranger = issuer_key(b"stranger")
    text = present(issue(stranger))
    checked = verify(text, trusted={issuer_key().thumbprint: issuer_key().verifying})
    assert checked.issuer_trusted is False
    assert checked.issuer.thumbprint == stranger.thumbprint


def test_a_trusted_kid_without_jwk_uses_the_trust_list_key() -> None:
    issuer, holder = issuer_key(), holder_key()
    credential = issue(issuer, holder)
    header = decode_part(credential.issuer_jwt, 0)
    del header["jwk"]
    jwt = resign(credential.issuer_jwt, issuer, header=header)
    text = "~".join([jwt, *(d.encoded for d in credential.disclosures), ""])
    # without a trust list nothing names the key: refused, never guessed
    assert reason(lambda: sdjwt_vc.read_credential(text, now=NOW)) == "issuer_key_unknown"
    read = sdjwt_vc.read_credential(text, now=NOW, trusted={issuer.thumbprint: issuer.verifying})
    assert read.issuer_trusted is True
    assert read.holder.thumbprint == holder.thumbprint


# --- negatives: each rule has its reason --------------------------------------------------


def _tamper_disclosure(text: str) -> str:
    jwt, first, *rest = text.split("~")
    salt, name, _value = json.loads(b64d(first))
    changed = b64e(json.dumps([salt, name, {"lines": ["2 Other Road"]}]).encode())
    return "~".join([jwt, changed, *rest])


def _other_issuer_signature(text: str) -> str:
    jwt, *rest = text.split("~")
    return "~".join([resign(jwt, issuer_key(b"forger")), *rest])


def _header(text: str, change: Callable[[dict[str, Any]], None]) -> str:
    jwt, *rest = text.split("~")
    header = decode_part(jwt, 0)
    change(header)
    return "~".join([resign(jwt, issuer_key(), header=header), *rest])


def _payload(text: str, change: Callable[[dict[str, Any]], None]) -> str:
    jwt, *rest = text.split("~")
    payload = decode_part(jwt, 1)
    change(payload)
    return "~".join([resign(jwt, issuer_key(), payload=payload), *rest])


def _forged_key(h: dict[str, Any]) -> None:
    h["jwk"] = dict(issuer_key(b"forger").public_jwk)


ISSUED = issue().serialise()
NEGATIVE_CREDENTIALS: dict[str, tuple[Callable[[str], str], str]] = {
    "tampered disclosure": (_tamper_disclosure, "disclosure_unreferenced"),
    "signed by another key": (_other_issuer_signature, "bad_signature"),
    "header names a forged key": (lambda t: _header(t, _forged_key), "bad_signature"),
    "typ vc+sd-jwt": (lambda t: _header(t, lambda h: h.update(typ="vc+sd-jwt")), "wrong_typ"),
    "x5c header": (lambda t: _header(t, lambda h: h.update(x5c=["AA"])), "unsupported_header"),
    "alg none": (lambda t: _header(t, lambda h: h.update(alg="none")), "alg_not_allowed"),
    "alg an object": (lambda t: _header(t, lambda h: h.update(alg={"a": 1})), "alg_not_allowed"),
    "alg a list": (lambda t: _header(t, lambda h: h.update(alg=["ES256"])), "alg_not_allowed"),
    "kid a number": (lambda t: _header(t, lambda h: h.update(kid=7)), "unsupported_header"),
    "iss of another key": (
        lambda t: _payload(t, lambda p: p.update(iss=jose.thumbprint_uri("x" * 43))),
        "issuer_mismatch",
    ),
    "no vct": (lambda t: _payload(t, lambda p: p.pop("vct")), "missing_claim"),
    "no cnf": (lambda t: _payload(t, lambda p: p.pop("cnf")), "missing_claim"),
    "status without uri": (
        lambda t: _payload(t, lambda p: p.update(status={"status_list": {"idx": 1}})),
        "invalid_claim",
    ),
    "issued in the future": (
        lambda t: _payload(t, lambda p: p.update(iat=NOW + DAY, exp=NOW + 9 * DAY)),
        "not_yet_valid",
    ),
    "a key binding on a credential to import": (
        lambda t: t + "e30.e30.AA",
        "unexpected_key_binding",
    ),
    "whitespace": (lambda t: t + "\n", "invalid_characters"),
    "no disclosures separator": (lambda t: t.split("~")[0], "malformed_serialization"),
}


@pytest.mark.parametrize("name", sorted(NEGATIVE_CREDENTIALS))
def test_read_credential_negatives(name: str) -> None:
    mutate, expected = NEGATIVE_CREDENTIALS[name]
    assert reason(lambda: sdjwt_vc.read_credential(mutate(ISSUED), now=NOW)) == expected


def test_a_disclosed_reserved_claim_is_refused() -> None:
    issuer = issuer_key()
    credential = issue(issuer)
    sneaky = sdjwt.make_disclosure("vct", "urn:other", seeded(b"x"))
    payload = decode_part(credential.issuer_jwt, 1)
    payload["_sd"] = sorted([*payload["_sd"], sneaky.digest])
    jwt = resign(credential.issuer_jwt, issuer, payload=payload)
    text = "~".join([jwt, sneaky.encoded, ""])
    assert reason(lambda: sdjwt_vc.read_credential(text, now=NOW)) == "disclosure_reserved_claim"


def test_a_nested_disclosure_is_refused() -> None:
    issuer = issuer_key()
    inner = sdjwt.make_disclosure("town", "Leeds", seeded(b"n"))
    credential = issue(issuer, claims={"birthDate": "1950-03-17"})
    payload = decode_part(credential.issuer_jwt, 1)
    payload["address"] = {"_sd": [inner.digest]}
    jwt = resign(credential.issuer_jwt, issuer, payload=payload)
    text = "~".join([jwt, *(d.encoded for d in credential.disclosures), inner.encoded, ""])
    assert reason(lambda: sdjwt_vc.read_credential(text, now=NOW)) == "nested_disclosure"


NEGATIVE_PRESENTATIONS: dict[str, tuple[dict[str, Any], str]] = {
    "another audience": ({"audience": "other@org.example"}, "audience_mismatch"),
    "another nonce": ({"nonce": "OTHER"}, "nonce_mismatch"),
}


@pytest.mark.parametrize("name", sorted(NEGATIVE_PRESENTATIONS))
def test_presentation_bound_to_recipient(name: str) -> None:
    kw, expected = NEGATIVE_PRESENTATIONS[name]
    assert reason(lambda: verify(present(issue()), **kw)) == expected


def test_presentation_negatives() -> None:
    holder, issuer = holder_key(), issuer_key()
    credential = issue(issuer, holder)
    good = present(credential, holder, ("address", "birthDate"))
    jwt, d1, d2, kb = good.split("~")
    assert verify(good).disclosed.keys() == {"address", "birthDate"}
    # a disclosure removed after the KB-JWT was made, or one added
    assert reason(lambda: verify("~".join([jwt, d1, kb]))) == "kb_sd_hash_mismatch"
    extra = next(d.encoded for d in credential.disclosures if d.name == "birthDate_over_18")
    assert reason(lambda: verify("~".join([jwt, d1, d2, extra, kb]))) == "kb_sd_hash_mismatch"
    # the KB-JWT stripped, or signed by a key the credential is not bound to
    assert reason(lambda: verify("~".join([jwt, d1, d2, ""]))) == "missing_key_binding"
    thief = holder_key(b"thief")
    stolen = sdjwt_vc.read_credential(credential.serialise(), now=NOW)
    forged_kb = resign(kb, thief)
    assert reason(lambda: verify("~".join([jwt, d1, d2, forged_kb]))) == "kb_bad_signature"
    with pytest.raises(InvalidInput):
        sdjwt_vc.present_credential(
            stolen, thief, claims=["address"], audience=AUDIENCE, nonce=NONCE, issued_at=NOW
        )
    # a tampered disclosure in a presentation
    assert reason(lambda: verify(_tamper_disclosure(good))) == "disclosure_unreferenced"


def test_ed25519_holder_works() -> None:
    holder = holder_key(b"ed-holder", "Ed25519")
    text = present(issue(holder=holder), holder)
    assert verify(text).holder.alg == "Ed25519"


# --- golden vector ------------------------------------------------------------------------------


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


def build_vector(draws: list[str] | None) -> dict[str, Any]:
    """The confirmation vector; ``draws=None`` records fresh seeded draws, else replays."""
    recorded: list[str] = []
    rng = _recording(b"golden-confirmation", recorded) if draws is None else _replaying(draws)
    issuer = keys.generate_holder_key("ES256", rng)
    holder = keys.generate_holder_key("ES256", rng)
    reference = StatusReference(3, "https://leeds.example/status/2026-03")
    inputs = {
        "issuer_name": "Leeds City Council",
        "claims": CLAIMS,
        "issued_at": IAT,
        "expires_at": IAT + 365 * DAY,
        "decoys": 1,
    }
    credential = sdjwt_vc.issue_credential(
        issuer.private_key,
        holder_jwk=holder.public_jwk,
        status=reference,
        token_bytes=rng,
        **inputs,
    )
    presentation = {
        "claims": ["birthDate_over_18"],
        "audience": AUDIENCE,
        "nonce": NONCE,
        "issued_at": IAT + DAY,
    }
    verified = sdjwt_vc.read_credential(credential.serialise(), now=IAT + DAY)
    presented = sdjwt_vc.present_credential(verified, holder, **presentation)
    revoked = status_list.StatusList.new(16).with_status(3, status_list.INVALID)
    token = status_list.sign_status_list(
        issuer.private_key, revoked, uri=reference.uri, issued_at=IAT + 2 * DAY
    )
    return {
        "description": "Pont confirmation (SD-JWT VC), ES256; regenerate only on purpose",
        "random_draws": recorded if draws is None else draws,
        "issuer": {
            "private_key_pkcs8": jose.b64url_encode(keys.holder_key_to_pkcs8(issuer)),
            "public_jwk": dict(issuer.public_jwk),
            "thumbprint": issuer.thumbprint,
        },
        "holder": {
            "private_key_pkcs8": jose.b64url_encode(keys.holder_key_to_pkcs8(holder)),
            "public_jwk": dict(holder.public_jwk),
            "thumbprint": holder.thumbprint,
        },
        "inputs": inputs,
        "status": {"idx": reference.idx, "uri": reference.uri},
        "disclosures": [
            {"encoded": d.encoded, "salt": d.salt, "name": d.name, "digest": d.digest}
            for d in credential.disclosures
        ],
        "issuer_jwt": credential.issuer_jwt,
        "credential": credential.serialise(),
        "presentation_inputs": presentation,
        "presentation": presented,
        "sd_hash": sdjwt.digest(presented[: presented.rindex("~") + 1]),
        "status_list": {"token": token, "revoked_index": 3, "bits": 2, "size": 16},
        "verify_at": IAT + 3 * DAY,
    }


def test_golden_vector_regenerates_byte_identical() -> None:
    stored = json.loads((VECTORS / "confirmation-es256.json").read_text(encoding="utf-8"))
    assert build_vector(stored["random_draws"]) == stored


def test_golden_vector_checks_by_hand() -> None:
    stored = json.loads((VECTORS / "confirmation-es256.json").read_text(encoding="utf-8"))
    jwt, disclosure, kb = stored["presentation"].split("~")
    assert jwt == stored["issuer_jwt"]
    over_18 = next(d for d in stored["disclosures"] if d["name"] == "birthDate_over_18")
    assert disclosure == over_18["encoded"]
    assert b64e(hashlib.sha256(disclosure.encode("ascii")).digest()) == over_18["digest"]
    assert over_18["digest"] in decode_part(jwt, 1)["_sd"]
    assert decode_part(kb, 1)["sd_hash"] == stored["sd_hash"]
    checked = sdjwt_vc.verify_presentation(
        stored["presentation"],
        now=stored["verify_at"],
        audience=AUDIENCE,
        nonce=NONCE,
        trusted={
            stored["issuer"]["thumbprint"]: jose.import_public_jwk(stored["issuer"]["public_jwk"])
        },
    )
    assert checked.disclosed == {"birthDate_over_18": True}
    token = status_list.read_status_list(stored["status_list"]["token"], issuer=checked.issuer)
    assert token.uri == stored["status"]["uri"]
    assert token.statuses.status(3) == status_list.INVALID
    assert token.statuses.status(2) == status_list.VALID


if __name__ == "__main__":
    (VECTORS / "confirmation-es256.json").write_text(
        json.dumps(build_vector(None), indent=2, ensure_ascii=True) + "\n", encoding="utf-8"
    )

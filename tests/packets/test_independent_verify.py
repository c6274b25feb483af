"""T16: a second implementation (joserfc + hashlib + json) checks 1,000 random packets.

Our signer is in-house over ``cryptography``; here ``joserfc`` verifies both JWS signatures
with the ``cnf`` key, and the SD digests and ``sd_hash`` are recomputed from scratch.
The reverse direction is checked too: packets signed by joserfc verify with our verifier.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
from typing import Any

from joserfc import jws
from joserfc.jwk import ECKey, OKPKey

from vault.packets import keys, sdjwt

PACKETS = 1000
IAT = 1_767_225_600


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(7 if depth < 2 else 4)
    if kind == 0:
        return "".join(rng.choice("abcXYZ 09-é€😀\"\\/") for _ in range(rng.randrange(12)))
    if kind == 1:
        return rng.randrange(-(2**53) + 1, 2**53)
    if kind == 2:
        return rng.choice([True, False, None])
    if kind == 3:
        return rng.uniform(-1e6, 1e6)
    if kind in (4, 5):
        return {f"k{i}": _random_value(rng, depth + 1) for i in range(rng.randrange(4))}
    return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]


def _random_packet(rng: random.Random, holders: list[keys.HolderKey]) -> tuple[
        str, keys.HolderKey, dict[str, Any], dict[str, Any]]:
    holder = rng.choice(holders)
    claims = {f"field_{i}_{rng.randrange(1000)}": _random_value(rng) for i in range(rng.randrange(
        0, 9))}
    public = {"purpose": _random_value(rng), "consent": {"retention": f"P{rng.randrange(9)}Y"}}
    packet = sdjwt.issue_packet(
        holder, claims=claims, public_claims=public, issued_at=IAT,
        expires_at=IAT + rng.randrange(60, 10**7), audience=f"https://org{rng.randrange(99)}.example",
        nonce=f"ref-{rng.randrange(10**9)}", decoys=rng.randrange(0, 5),
        token_bytes=rng.randbytes,
    )
    return packet, holder, claims, public


def _independent_check(packet: str, holder: keys.HolderKey, claims: dict[str, Any]) -> bool:
    jwt, *disclosures, kb = packet.split("~")
    payload = json.loads(_b64d(jwt.split(".")[1]))
    jwk = payload["cnf"]["jwk"]
    key = ECKey.import_key(jwk) if jwk["kty"] == "EC" else OKPKey.import_key(jwk)
    issuer = jws.deserialize_compact(jwt, key, algorithms=[holder.alg])
    binding = jws.deserialize_compact(kb, key, algorithms=[holder.alg])
    header, kb_header = issuer.headers(), binding.headers()
    kb_claims = json.loads(binding.payload)
    presented = packet[: packet.rindex("~") + 1]
    found = {}
    for d in disclosures:
        digest = _b64e(hashlib.sha256(d.encode("ascii")).digest())
        if digest not in payload["_sd"]:
            return False
        _salt, name, value = json.loads(_b64d(d))
        found[name] = value
    return (
        header["typ"] == "dc+sd-jwt" and kb_header["typ"] == "kb+jwt"
        and payload["iss"] == key.thumbprint_uri()
        and key.thumbprint() == holder.thumbprint
        and payload["_sd_alg"] == "sha-256"
        and kb_claims["sd_hash"] == _b64e(hashlib.sha256(presented.encode()).digest())
        and found == claims
    )


def test_joserfc_verifies_a_thousand_random_packets() -> None:
    rng = random.Random(20250101)
    holders = [keys.generate_holder_key(alg, rng.randbytes)
               for alg in ("ES256", "Ed25519", "ES256", "Ed25519")]
    ok = 0
    for _ in range(PACKETS):
        packet, holder, claims, public = _random_packet(rng, holders)
        ok += _independent_check(packet, holder, claims)
        ours = sdjwt.verify_packet(packet, now=IAT)
        assert ours.disclosed == claims
        assert ours.claims == public
    assert ok == PACKETS


def _joserfc_packet(holder: keys.HolderKey, jwk: Any, rng: random.Random) -> str:
    """Build a packet with joserfc as the signer and hashlib for the digests."""
    salt = _b64e(rng.randbytes(16))
    disclosure = _b64e(json.dumps([salt, "given_name", "Zoë"]).encode())
    payload = {
        "_sd": [_b64e(hashlib.sha256(disclosure.encode()).digest())], "_sd_alg": "sha-256",
        "cnf": {"jwk": dict(holder.public_jwk)}, "iat": IAT, "exp": IAT + 600,
        "iss": jwk.thumbprint_uri(), "jti": f"j{rng.randrange(10**6)}", "purpose": "test",
    }
    jwt = jws.serialize_compact({"alg": holder.alg, "typ": "dc+sd-jwt"},
                                json.dumps(payload, indent=1), jwk, algorithms=[holder.alg])
    presented = f"{jwt}~{disclosure}~"
    kb = jws.serialize_compact(
        {"alg": holder.alg, "typ": "kb+jwt"},
        json.dumps({"aud": "org", "nonce": "n", "iat": IAT,
                    "sd_hash": _b64e(hashlib.sha256(presented.encode()).digest())}),
        jwk, algorithms=[holder.alg])
    return presented + kb


def test_our_verifier_accepts_joserfc_signed_packets() -> None:
    rng = random.Random(7)
    for alg in ("ES256", "Ed25519"):
        holder = keys.generate_holder_key(alg, rng.randbytes)
        pem = holder.private_key
        jwk = ECKey.import_key(pem) if alg == "ES256" else OKPKey.import_key(pem)
        for _ in range(100):
            result = sdjwt.verify_packet(_joserfc_packet(holder, jwk, rng), now=IAT,
                                         audience="org", nonce="n")
            assert result.disclosed == {"given_name": "Zoë"}
            assert result.thumbprint == holder.thumbprint

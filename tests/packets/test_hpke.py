"""Sealing the machine packet to an organisation (HPKE, RFC 9180), and what binds it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from vault.errors import InvalidPacket
from vault.packets import hpke, sdjwt
from vault.packets.jose import b64url_decode, b64url_encode
from vault.packets.keys import generate_holder_key

AUD = "https://www.leeds.gov.uk/council-tax"
PACKET = b"eyJhbGciOiJFUzI1NiJ9.eyJ4IjoxfQ.c2ln~WyJzIiwibiIsInYiXQ~kb.jwt.sig"

# RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode.
A11 = {
    "info": "4f6465206f6e2061204772656369616e2055726e",
    "skRm": "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
    "pkRm": "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
    "enc": "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    "key": "4531685d41d65f03dc48f6b8302c05b0",
    "base_nonce": "56d890e5accaaf011cff4b7d",
    "pt": "4265617574792069732074727574682c20747275746820626561757479",
    "aad": "436f756e742d30",
    "ct": "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a9"
          "6d8770ac83d07bea87e13c512a",
}


def v(name: str) -> bytes:
    return bytes.fromhex(A11[name])


@pytest.fixture(scope="module")
def org_a() -> tuple[hpke.RecipientPrivateKey, dict[str, str]]:
    return hpke.new_recipient_key()


@pytest.fixture(scope="module")
def org_b() -> tuple[hpke.RecipientPrivateKey, dict[str, str]]:
    return hpke.new_recipient_key()


@pytest.fixture(scope="module")
def envelope(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]]) -> bytes:
    return hpke.seal_packet(PACKET, org_a[1], AUD)


def edit(envelope: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    fields = json.loads(envelope)
    change(fields)
    return json.dumps(fields).encode()


def reason_of(envelope: bytes, key: hpke.RecipientPrivateKey, audience: str = AUD) -> str:
    with pytest.raises(InvalidPacket) as caught:
        hpke.open_packet(envelope, key, audience)
    return caught.value.reason


# --- known answers (T20) ------------------------------------------------------------------------


def test_rfc9180_a11_vector_decrypts_with_the_library() -> None:
    """The library's HPKE (same key schedule as our suite) reproduces RFC 9180 A.1.1 seq 0.

    The public API has no AAD argument, and the RFC's vectors all use one; the binding's
    private helper takes it. Our suite's hybrid KEM has no RFC 9180 vectors at all.
    """
    from cryptography.hazmat.bindings._rust import openssl

    decrypt = getattr(openssl.hpke, "_decrypt_with_aad", None)
    if decrypt is None:
        pytest.skip("this cryptography build has no AAD-capable HPKE helper")
    suite = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
    sk = x25519.X25519PrivateKey.from_private_bytes(v("skRm"))
    assert sk.public_key().public_bytes_raw() == v("pkRm")
    assert decrypt(suite, v("enc") + v("ct"), sk, info=v("info"), aad=v("aad")) == v("pt")


def test_rfc9180_a11_key_schedule_through_the_public_api() -> None:
    """Public ``Suite.decrypt`` (empty AAD) opens a ciphertext made with the RFC's key and
    base_nonce: the library derives RFC 9180's key schedule from ``enc``, ``skRm``, ``info``."""
    aead = AESGCM(v("key"))
    assert aead.encrypt(v("base_nonce"), v("pt"), v("aad")) == v("ct")  # the vector itself
    ct_no_aad = aead.encrypt(v("base_nonce"), v("pt"), None)
    suite = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
    sk = x25519.X25519PrivateKey.from_private_bytes(v("skRm"))
    assert suite.decrypt(v("enc") + ct_no_aad, sk, info=v("info")) == v("pt")


def test_the_hybrid_suite_runs_in_this_build() -> None:
    assert hpke.suite_available()


# --- round trip and format ------------------------------------------------------------------------


def test_round_trip(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                    envelope: bytes) -> None:
    assert hpke.open_packet(envelope, org_a[0], AUD) == PACKET


def test_envelope_format(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                         envelope: bytes) -> None:
    assert envelope.endswith(b"}\n")
    assert envelope.isascii()
    fields = json.loads(envelope)
    assert set(fields) == {"format", "version", "suite", "recipient", "aud", "enc", "ct"}
    assert fields["format"] == "pont-sealed"
    assert fields["version"] == 1
    assert fields["suite"] == "MLKEM768-X25519/HKDF-SHA256/AES-256-GCM"
    assert fields["recipient"] == org_a[0].thumbprint
    assert fields["aud"] == AUD
    assert len(b64url_decode(fields["enc"])) == KEM.MLKEM768_X25519.enc_length() == 1120
    assert len(b64url_decode(fields["ct"])) == len(PACKET) + 16
    assert PACKET not in envelope


def test_each_seal_is_fresh(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]]) -> None:
    assert hpke.seal_packet(PACKET, org_a[1], AUD) != hpke.seal_packet(PACKET, org_a[1], AUD)


def test_crlf_line_end_from_mail_transport_is_tolerated(
        org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]], envelope: bytes) -> None:
    assert hpke.open_packet(envelope[:-1] + b"\r\n", org_a[0], AUD) == PACKET


def test_jwk_and_private_key_round_trip(
        org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]], envelope: bytes) -> None:
    key, jwk = org_a
    assert jwk["kty"] == "AKP"
    assert jwk["alg"] == "MLKEM768-X25519"
    assert len(b64url_decode(jwk["pub"])) == 1184 + 32
    assert hpke.load_recipient_jwk(jwk)[1] == key.thumbprint == hpke.thumbprint(jwk["pub"])
    reloaded = hpke.RecipientPrivateKey.from_bytes(key.to_bytes())
    assert len(key.to_bytes()) == 96
    assert hpke.open_packet(envelope, reloaded, AUD) == PACKET


def test_info_binds_label_suite_recipient_and_audience() -> None:
    info = hpke.hpke_info("THUMB", "aud")
    suite = hpke.SUITE.encode()
    assert info == (b"pont packet v1" + len(suite).to_bytes(2, "big") + suite
                    + b"\x00\x05THUMB" + b"\x00\x03aud")


# --- refusals with specific reasons ---------------------------------------------------------------


def test_wrong_recipient(org_b: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                         envelope: bytes) -> None:
    assert reason_of(envelope, org_b[0]) == "sealed_wrong_recipient"


def test_relabelled_recipient_still_fails(org_b: tuple[hpke.RecipientPrivateKey,
                                                       dict[str, str]], envelope: bytes) -> None:
    forged = edit(envelope, lambda f: f.update(recipient=org_b[0].thumbprint))
    assert reason_of(forged, org_b[0]) == "sealed_decrypt_failed"


def test_altered_audience(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                          envelope: bytes) -> None:
    other = edit(envelope, lambda f: f.update(aud="https://evil.example"))
    assert reason_of(other, org_a[0]) == "sealed_wrong_audience"
    # Claiming the new audience on both sides still fails: the audience is in HPKE info.
    assert reason_of(other, org_a[0], "https://evil.example") == "sealed_decrypt_failed"
    assert reason_of(envelope, org_a[0], "https://evil.example") == "sealed_wrong_audience"


@pytest.mark.parametrize("member", ["ct", "enc"])
def test_altered_ciphertext(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                            envelope: bytes, member: str) -> None:
    def flip(fields: dict[str, Any]) -> None:
        raw = bytearray(b64url_decode(fields[member]))
        raw[len(raw) // 2] ^= 0x01
        fields[member] = b64url_encode(bytes(raw))

    assert reason_of(edit(envelope, flip), org_a[0]) == "sealed_decrypt_failed"


def test_truncated(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                   envelope: bytes) -> None:
    key = org_a[0]
    assert reason_of(envelope[: len(envelope) // 2], key) == "sealed_malformed"
    shorter = edit(envelope, lambda f: f.update(ct=b64url_encode(b64url_decode(f["ct"])[:-1])))
    assert reason_of(shorter, key) == "sealed_decrypt_failed"
    tagless = edit(envelope, lambda f: f.update(ct=b64url_encode(b64url_decode(f["ct"])[:15])))
    assert reason_of(tagless, key) == "sealed_malformed"
    no_enc = edit(envelope, lambda f: f.update(enc=b64url_encode(b64url_decode(f["enc"])[:32])))
    assert reason_of(no_enc, key) == "sealed_malformed"
    assert reason_of(b"", key) == "sealed_malformed"


@pytest.mark.parametrize(("mutate", "reason"), [
    (lambda e: edit(e, lambda f: f.update(suite="X25519/HKDF-SHA256/AES-128-GCM")),
     "sealed_unsupported_suite"),
    (lambda e: edit(e, lambda f: f.update(version=2)), "sealed_unsupported_version"),
    (lambda e: edit(e, lambda f: f.update(version=True)), "sealed_malformed"),
    (lambda e: edit(e, lambda f: f.update(format="age")), "sealed_malformed"),
    (lambda e: edit(e, lambda f: f.update(extra="x")), "sealed_malformed"),
    (lambda e: edit(e, lambda f: f.pop("aud")), "sealed_malformed"),
    (lambda e: edit(e, lambda f: f.update(ct=f["ct"] + "=")), "sealed_malformed"),
    (lambda e: edit(e, lambda f: f.update(ct="+" + f["ct"][1:])), "sealed_malformed"),
    (lambda e: e.replace(b'"format"', b'"aud":"x","format"'), "sealed_malformed"),
    (lambda e: e + b"trailing", "sealed_malformed"),
    (lambda e: b"junk" + e, "sealed_malformed"),
    (lambda e: b"\xef\xbb\xbf" + e, "sealed_malformed"),
    (lambda e: e.replace(b'"version":1', b'"version":NaN'), "sealed_malformed"),
    (lambda e: b"[" + e + b"]", "sealed_malformed"),
    (lambda e: b"{" * 100_000 + b"}" * 100_000, "sealed_malformed"),
    (lambda e: b" " * (3 << 20), "sealed_too_large"),
])
def test_malformed_envelopes(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                             envelope: bytes, mutate: Callable[[bytes], bytes],
                             reason: str) -> None:
    assert reason_of(mutate(envelope), org_a[0]) == reason


@pytest.mark.parametrize(("jwk", "reason"), [
    ({"kty": "OKP", "crv": "X25519", "x": "AAAA"}, "sealed_unsupported_key"),
    ({"kty": "AKP", "alg": "MLKEM1024-P384", "pub": "AAAA"}, "sealed_unsupported_key"),
    ({"kty": "AKP", "alg": "MLKEM768-X25519"}, "sealed_bad_key"),
    ({"kty": "AKP", "alg": "MLKEM768-X25519", "pub": "AAAA"}, "sealed_bad_key"),
    ({"kty": "AKP", "alg": "MLKEM768-X25519", "pub": "A+/="}, "sealed_bad_key"),
    ({"kty": "AKP", "alg": "MLKEM768-X25519", "pub": b64url_encode(b"\xff" * 1216)},
     "sealed_bad_key"),
    ("not a JWK", "sealed_bad_key"),
])
def test_unknown_or_bad_recipient_keys_are_refused(jwk: Any, reason: str) -> None:
    with pytest.raises(InvalidPacket) as caught:
        hpke.seal_packet(PACKET, jwk, AUD)
    assert caught.value.reason == reason


@pytest.mark.parametrize("audience", ["", "line\nbreak", "x" * 3000])
def test_bad_audiences_are_refused(org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
                                   audience: str) -> None:
    with pytest.raises(InvalidPacket) as caught:
        hpke.seal_packet(PACKET, org_a[1], audience)
    assert caught.value.reason == "sealed_bad_audience"


def test_oversized_packet_is_refused(org_a: tuple[hpke.RecipientPrivateKey,
                                                  dict[str, str]]) -> None:
    with pytest.raises(InvalidPacket) as caught:
        hpke.seal_packet(b"x" * ((1 << 20) + 1), org_a[1], AUD)
    assert caught.value.reason == "sealed_too_large"


def test_bad_private_key_bytes() -> None:
    with pytest.raises(InvalidPacket) as caught:
        hpke.RecipientPrivateKey.from_bytes(b"\x00" * 95)
    assert caught.value.reason == "sealed_bad_key"


def test_no_silent_downgrade_when_the_hybrid_kem_is_missing(
        monkeypatch: pytest.MonkeyPatch,
        org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]], envelope: bytes) -> None:
    monkeypatch.setattr(hpke, "suite_available", lambda: False)
    for action in (lambda: hpke.seal_packet(PACKET, org_a[1], AUD), hpke.new_recipient_key,
                   lambda: hpke.open_packet(envelope, org_a[0], AUD)):
        with pytest.raises(InvalidPacket) as caught:
            action()
        assert caught.value.reason == "sealed_suite_unavailable"


# --- forwarding (T18): re-sealing to another organisation -----------------------------------


def test_reencrypting_for_org_b_is_caught_by_the_audience_inside_the_signed_packet(
        org_a: tuple[hpke.RecipientPrivateKey, dict[str, str]],
        org_b: tuple[hpke.RecipientPrivateKey, dict[str, str]]) -> None:
    """HPKE binds the *envelope* to a key and audience, but org A can decrypt and re-seal the
    plaintext to org B under B's audience: HPKE alone cannot stop that. What stops it is the
    signed Key Binding JWT inside the packet, whose ``aud`` is org A; org B's verifier checks
    it against its own audience and rejects the forwarded packet."""
    aud_b = "https://www.bradford.gov.uk/benefits"
    holder = generate_holder_key()
    packet = sdjwt.issue_packet(
        holder, claims={"name": "Zoë Ó Briain"}, public_claims={"purpose": "council tax"},
        issued_at=1_772_546_700, expires_at=1_772_546_700 + 86_400, audience=AUD,
        nonce="CT-2026-00417").encode("ascii")
    at_a = hpke.open_packet(hpke.seal_packet(packet, org_a[1], AUD), org_a[0], AUD)
    forwarded = hpke.seal_packet(at_a, org_b[1], aud_b)  # org A misbehaves
    at_b = hpke.open_packet(forwarded, org_b[0], aud_b)  # the envelope alone looks fine …
    assert at_b == packet
    with pytest.raises(InvalidPacket) as caught:  # … the signed audience does not
        sdjwt.verify_packet(at_b, now=1_772_546_760, audience=aud_b)
    assert caught.value.reason == "audience_mismatch"
    assert sdjwt.verify_packet(at_a, now=1_772_546_760, audience=AUD).aud == AUD

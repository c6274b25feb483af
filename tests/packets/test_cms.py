"""The PDF signature's CMS container: Pont's DER against asn1crypto's and pyHanko's.

asn1crypto and pyHanko are independent encoders: the container Pont writes must be the one
pyHanko's own builder writes for the same digest and certificate (all but the signature
value, which differs by the nonce), and every DER element must be asn1crypto's encoding.
The signed PDFs are checked end to end by pyHanko's validator and poppler's pdfsig in
test_pdf.py.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import cms as asn1_cms
from asn1crypto import core
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vault.packets import cms
from vault.packets.certificate import make_certificate

NOW = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)
DIGEST = hashlib.sha256(b"the byte ranges of a PDF").digest()
Holder = tuple[ec.EllipticCurvePrivateKey, x509.Certificate]


@pytest.mark.parametrize("value", [0, 1, 127, 128, 255, 256, 65535, 2**159 + 7, 2**160 - 1])
def test_integers_are_asn1cryptos_encoding(value: int) -> None:
    assert cms.integer(value) == core.Integer(value).dump()


def test_negative_integers_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        cms.integer(-1)


@pytest.mark.parametrize("size", [0, 1, 127, 128, 255, 256, 65535, 65536, 70_000])
def test_lengths_short_and_long_form(size: int) -> None:
    value = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert cms.octets(value) == core.OctetString(value).dump()


@pytest.mark.parametrize("dotted", [
    "1.2.840.113549.1.7.2", "2.16.840.1.101.3.4.2.1", "1.2.840.10045.4.3.2",
    "1.2.840.113549.1.9.16.2.47", "2.5.4.3", "0.9.2342.19200300.100.1.25", "2.999.16383",
])  # fmt: skip
def test_object_identifiers(dotted: str) -> None:
    assert cms.oid(dotted) == core.ObjectIdentifier(dotted).dump()


def test_a_set_is_ordered_by_encoding() -> None:
    members = [core.OctetString(b"\x02" * 3).dump(), core.Integer(5).dump(), core.Null().dump()]
    expected = core.SetOf.load(cms.set_of(*members)).dump(force=True)  # asn1crypto re-sorts
    assert cms.set_of(*members) == expected
    assert cms.set_of(*members) == cms.set_of(*reversed(members))


@pytest.fixture(scope="module")
def holder() -> Holder:
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = make_certificate(
        key, holder_name="Zoë Ó Briain", thumbprint="NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
        not_before=NOW, not_after=NOW + timedelta(days=30),
    )  # fmt: skip
    return key, certificate


def _pyhanko_container(holder: Holder) -> asn1_cms.ContentInfo:
    """What pyHanko's own CMS builder writes for a PAdES signature over DIGEST."""
    key, certificate = holder
    (cert,) = load_certs_from_pemder_data(certificate.public_bytes(Encoding.DER))
    key_der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(key_der, None),
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    return asyncio.run(signer.async_sign(DIGEST, "sha256", use_pades=True))


def test_the_container_is_pyhankos_but_for_the_signature_value(holder: Holder) -> None:
    key, certificate = holder
    ours = asn1_cms.ContentInfo.load(cms.signed_data(DIGEST, certificate, key))
    theirs = _pyhanko_container(holder)
    assert ours.dump() == ours.dump(force=True)  # our bytes are DER as asn1crypto writes it
    our_info, their_info = ours["content"]["signer_infos"][0], theirs["content"]["signer_infos"][0]
    assert our_info["signature"].native != their_info["signature"].native
    their_info["signature"] = our_info["signature"].native
    assert ours.dump() == theirs.dump(force=True)


def test_the_signature_covers_the_signed_attributes(holder: Holder) -> None:
    key, certificate = holder
    ours = asn1_cms.ContentInfo.load(cms.signed_data(DIGEST, certificate, key))
    info = ours["content"]["signer_infos"][0]
    attributes = {attr["type"].native: attr["values"][0] for attr in info["signed_attrs"]}
    assert set(attributes) == {"content_type", "message_digest", "signing_certificate_v2"}
    assert attributes["message_digest"].native == DIGEST
    cert_id = attributes["signing_certificate_v2"]["certs"][0]
    certificate_der = certificate.public_bytes(Encoding.DER)
    assert cert_id["cert_hash"].native == hashlib.sha256(certificate_der).digest()
    signed = info["signed_attrs"].untag().dump(force=True)  # the SET, as RFC 5652 §5.4 signs it
    key.public_key().verify(info["signature"].native, signed, ec.ECDSA(hashes.SHA256()))
    assert info["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"
    digests = ours["content"]["digest_algorithms"].native
    assert digests == [{"algorithm": "sha256", "parameters": None}]


def test_the_container_is_deterministic(holder: Holder) -> None:
    key, certificate = holder
    assert cms.signed_data(DIGEST, certificate, key) == cms.signed_data(DIGEST, certificate, key)
    other = hashlib.sha256(b"another document").digest()
    assert cms.signed_data(other, certificate, key) != cms.signed_data(DIGEST, certificate, key)


def test_a_digest_that_is_not_sha256_is_refused(holder: Holder) -> None:
    key, certificate = holder
    with pytest.raises(ValueError, match="SHA-256"):
        cms.signed_data(bytes(20), certificate, key)  # a SHA-1-sized digest

"""The PDF signature's CMS container (PAdES baseline B-B), written directly as DER.

pyHanko lays out the signature dictionary, reserves the space and digests the byte ranges
(its interrupted-signing API); the container that fills the space is built here. pyHanko's
general CMS builder assembles it from asn1crypto objects, re-encoding each one several times:
~10 ms a signature, a third of a send. This is the same container (tested field for field
against pyHanko's) in well under a millisecond:

    ContentInfo { signedData, SignedData {
        version 1, digestAlgorithms { sha256 }, encapContentInfo { data } (detached),
        certificates { the holder's self-signed certificate },
        signerInfos { SignerInfo {
            version 1, sid IssuerAndSerialNumber, digestAlgorithm sha256,
            signedAttrs { contentType data, messageDigest, signingCertificateV2 },
            signatureAlgorithm ecdsa-with-SHA256, signature } } } }

No signing-time attribute: PAdES puts the time in the signature dictionary (``/M``). The
ECDSA signature is deterministic (RFC 6979), as every signature Pont makes.
"""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding

_ECDSA = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)


# --- DER (X.690), only what the container uses ------------------------------------------------


def _tlv(tag: int, content: bytes) -> bytes:
    """One DER element: tag, definite length (short or long form), content."""
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


def sequence(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def set_of(*parts: bytes) -> bytes:
    return _tlv(0x31, _members(parts))


def _members(parts: tuple[bytes, ...]) -> bytes:
    """The content of a SET OF: DER orders the members by their encodings (X.690 §11.6)."""
    return b"".join(sorted(parts))


def tagged(number: int, content: bytes) -> bytes:
    """A constructed context-specific tag ``[number]`` around ``content`` (0 ≤ number ≤ 30)."""
    return _tlv(0xA0 | number, content)


def integer(value: int) -> bytes:
    """A non-negative INTEGER in the fewest bytes (a leading 0 when the top bit is set)."""
    if value < 0:
        raise ValueError("only non-negative integers are encoded")
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def octets(value: bytes) -> bytes:
    return _tlv(0x04, value)


def oid(dotted: str) -> bytes:
    """An OBJECT IDENTIFIER from its dotted form (``1.2.840.113549.1.7.2``)."""
    first, second, *rest = (int(arc) for arc in dotted.split("."))
    body = bytearray()
    for arc in (40 * first + second, *rest):
        chunk = [arc & 0x7F]
        while arc > 0x7F:
            arc >>= 7
            chunk.append(0x80 | (arc & 0x7F))
        body.extend(reversed(chunk))
    return _tlv(0x06, bytes(body))


_NULL = b"\x05\x00"
_SHA256 = sequence(oid("2.16.840.1.101.3.4.2.1"), _NULL)
_ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"))
_DATA = oid("1.2.840.113549.1.7.1")
_SIGNED_DATA = oid("1.2.840.113549.1.7.2")
_CONTENT_TYPE = oid("1.2.840.113549.1.9.3")
_MESSAGE_DIGEST = oid("1.2.840.113549.1.9.4")
_SIGNING_CERTIFICATE_V2 = oid("1.2.840.113549.1.9.16.2.47")  # RFC 5035


# --- the container -----------------------------------------------------------------------------


def signed_data(
    document_digest: bytes,
    certificate: x509.Certificate,
    signing_key: ec.EllipticCurvePrivateKey,
) -> bytes:
    """The DER ContentInfo of a detached PAdES signature over ``document_digest`` (SHA-256
    of the PDF's byte ranges), signed by ``signing_key`` for ``certificate``."""
    if len(document_digest) != hashlib.sha256().digest_size:
        raise ValueError("the document digest must be SHA-256")
    certificate_der = certificate.public_bytes(Encoding.DER)
    issuer = certificate.issuer.public_bytes()
    serial = integer(certificate.serial_number)
    attributes = _members((
        _attribute(_CONTENT_TYPE, _DATA),
        _attribute(_MESSAGE_DIGEST, octets(document_digest)),
        _attribute(_SIGNING_CERTIFICATE_V2, _signing_certificate(certificate_der, issuer, serial)),
    ))  # fmt: skip
    # What is signed is the attributes' DER as a SET; the SignerInfo holds them as [0].
    signature = signing_key.sign(_tlv(0x31, attributes), _ECDSA)
    signer_info = sequence(
        integer(1),
        sequence(issuer, serial),
        _SHA256,
        tagged(0, attributes),
        _ECDSA_WITH_SHA256,
        octets(signature),
    )
    content = sequence(
        integer(1),
        set_of(_SHA256),
        sequence(_DATA),
        tagged(0, certificate_der),
        set_of(signer_info),
    )
    return sequence(_SIGNED_DATA, tagged(0, content))


def _attribute(kind: bytes, value: bytes) -> bytes:
    return sequence(kind, set_of(value))


def _signing_certificate(certificate_der: bytes, issuer: bytes, serial: bytes) -> bytes:
    """SigningCertificateV2 with one ESSCertIDv2: the certificate's SHA-256 (the default hash,
    so not named) and its issuer (a directoryName, [4]) and serial number."""
    cert_id = sequence(
        octets(hashlib.sha256(certificate_der).digest()),
        sequence(sequence(tagged(4, issuer)), serial),
    )
    return sequence(sequence(cert_id))

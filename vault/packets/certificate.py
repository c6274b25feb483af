"""A self-signed X.509 certificate for the holder's P-256 key, made only to sign the PDF.

PDF signatures (PAdES / CMS) name the signer by a certificate, so the human layer needs one.
Nobody vouches for it: the certificate is self-signed, and PDF readers will say the signer's
identity is not trusted. What it proves is that the PDF was signed by the key whose RFC 7638
thumbprint is printed on the page and in the machine packet. The serial number is derived from
that thumbprint, so the same key always yields a recognisable certificate.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vault.errors import InvalidInput

ORGANISATION = "Pont personal data vault"
MAX_NAME = 64  # RFC 5280 upper bound for commonName


def _common_name(holder_name: str) -> str:
    """The holder's name as the commonName. Names are checked once, where Pont takes them in
    (``vault/people.py``); this adds no rule of its own, so every name Pont accepts signs —
    a Persian name with a zero-width non-joiner (U+200C) included. It only keeps the name
    on one line of text a certificate can encode."""
    name = " ".join(holder_name.split())  # no line breaks
    if not name or any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        raise InvalidInput("holder_name", "format")
    return name[:MAX_NAME]


def _serial(thumbprint: str) -> int:
    # 19 bytes of SHA-256 with the top bit clear: positive and within RFC 5280's 20 octets.
    digest = hashlib.sha256(("pont-pdf-cert:" + thumbprint).encode("utf-8")).digest()
    return int.from_bytes(digest[:19], "big") | 1


def make_certificate(
    signing_key: ec.EllipticCurvePrivateKey,
    *,
    holder_name: str,
    thumbprint: str,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """Self-sign a certificate (ECDSA-SHA256) for ``signing_key``.

    Subject and issuer are ``CN=<holder name>, O=Pont personal data vault``. Validity runs from
    ``not_before`` (clamped one minute earlier, for clock skew) to ``not_after``.
    Raises ``InvalidInput`` for a key that is not P-256 or an empty validity window.
    """
    if not isinstance(signing_key.curve, ec.SECP256R1):
        raise InvalidInput("signing_key", "unsupported")
    if not_after <= not_before:
        raise InvalidInput("expires_at", "before_issued")
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, _common_name(holder_name)),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
    ])
    public_key = signing_key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(_serial(thumbprint))
        .not_valid_before(not_before - timedelta(minutes=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    return builder.sign(signing_key, hashes.SHA256())

"""Packets: what leaves the vault.

The machine layer is an SD-JWT (RFC 9901) with a mandatory Key Binding JWT, signed by the
holder's key (ES256 by default, Ed25519 optional): ``jose`` holds the strict encodings and
signature primitives, ``keys`` the holder's signing key, ``sdjwt`` issuance and the
organisation-side verifier. The human layer is a signed PDF (``pdf``, with ``certificate``
for the PAdES signer), optionally sealed to the organisation's key (``hpke``), and handed
over as an email draft (``email_draft``). The format is specified in ``docs/packet-format.md``.
"""

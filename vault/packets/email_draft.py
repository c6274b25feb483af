"""The email hand-off: an unsent ``.eml`` draft the person's own mail client opens.

Plain text only (no HTML part), ``X-Unsent: 1`` so Outlook opens it as a draft, and no
``From`` / ``Date`` / ``Message-ID`` (the client fills them). Every outside text is treated as
plain text: header values with line breaks are refused, attachment names are sanitised.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Final

from vault.errors import InvalidInput
from vault.packets.pdf import ATTACHMENT_NAME, PacketSummary, format_time, group_fingerprint, plain
from vault.text import hidden_character
from vault.validate import ascii_email

MAX_SUBJECT: Final = 200
MAX_FILENAME: Final = 80
_SAFE_NAME: Final = re.compile(r"[^A-Za-z0-9._ -]+")


def _check_header(name: str, value: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(name, "format")
    index = hidden_character(value)
    if index is not None:  # CR/LF and friends: header injection; bidi: a disguised header
        raise InvalidInput(name, "control_character", f"U+{ord(value[index]):04X}")
    return value.strip()


def _recipient(to: str) -> str:
    to = _check_header("to", to)
    if not to:
        return ""
    # The domain as A-labels: an international one in raw UTF-8 or as an RFC 2047 word
    # is not an address a mail client reads back.
    address = ascii_email(to, "to")
    try:
        return str(Address(addr_spec=address))
    except (HeaderParseError, ValueError, IndexError):
        raise InvalidInput("to", "format") from None


def safe_filename(name: str) -> str:
    """An attachment name with no path, no control or odd characters, and an extension kept."""
    base = unicodedata.normalize("NFKD", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = base.encode("ascii", "ignore").decode("ascii")
    base = _SAFE_NAME.sub("_", base).strip(" ._")
    if len(base) > MAX_FILENAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_FILENAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 \
            else base[:MAX_FILENAME]
    return base or "attachment"


def build_draft(to: str, subject: str, body: str,
                attachments: list[tuple[str, bytes, str]]) -> bytes:
    """The ``.eml`` bytes. ``attachments`` are ``(filename, data, media type)``.

    Raises ``InvalidInput`` for CR/LF or other control characters in ``to``/``subject``, an
    address that is not a single plain ``local@domain``, or a bad media type.
    """
    message = EmailMessage(policy=policy.SMTP)
    recipient = _recipient(to)
    if recipient:
        message["To"] = recipient
    message["Subject"] = _check_header("subject", subject)[:MAX_SUBJECT]
    message["X-Unsent"] = "1"
    message.set_content(plain(body, multiline=True) + "\n", subtype="plain", charset="utf-8",
                        cte="quoted-printable")
    for filename, data, media_type in attachments:
        maintype, _, subtype = media_type.partition("/")
        if not re.fullmatch(r"[a-z]+", maintype) or not re.fullmatch(r"[a-z0-9.+-]+", subtype):
            raise InvalidInput("media_type", "format")
        message.add_attachment(bytes(data), maintype=maintype, subtype=subtype,
                               filename=safe_filename(filename))
    if message.is_multipart():
        message.set_boundary(_boundary(message))
    return message.as_bytes()


def _boundary(message: EmailMessage) -> str:
    # Derived from the content, so the same draft gives the same bytes, and no part (made
    # before the boundary existed) can contain it except by a SHA-256 collision.
    digest = hashlib.sha256()
    for part in message.walk():
        payload = part.get_payload(decode=True)
        digest.update(payload if isinstance(payload, bytes) else b"")
        digest.update(b"\x00")
    digest.update(str(message.get("Subject", "")).encode("utf-8"))
    return "pont-" + digest.hexdigest()[:40]


# The email's first sentence, by what the packet is (vault/ledger.py KINDS).
_OPENINGS = {
    "disclosure": "Please find attached the information you asked for",
    "update": "Some information I gave you has changed: please find attached the up-to-date "
    "information, which replaces what I sent before",
    "withdrawal": "Please find attached my notice withdrawing the consent I gave you",
    "erasure": "Please find attached my request that you erase the personal information you "
    "hold",
    "access": "Please find attached my request for a copy of the personal information you hold",
    "objection": "Please find attached my objection to your use of personal information",
}
_SHARING = frozenset({"disclosure", "update"})  # the kinds that share data on terms


def draft_subject(summary: PacketSummary) -> str:
    """``<title> (ref. <reference>)`` on one line."""
    reference = plain(summary.reference)
    title = plain(summary.title)
    return f"{title} (ref. {reference})" if reference else title


def draft_body(summary: PacketSummary, has_password: bool, attachments: Sequence[str]) -> str:
    """The plain-language email text that goes with a packet. ``attachments`` are the names
    of the files attached (as :func:`build_draft` will name them), so the text points the
    reader at exactly those files."""
    names = [safe_filename(name) for name in attachments]
    pdfs = [n for n in names if n.lower().endswith(".pdf")]
    signed = [n for n in names if n.lower().endswith(".sd-jwt")]
    sealed = [n for n in names if n.lower().endswith(".json")]
    organisation = plain(summary.organisation_name) or "Sir or Madam"
    reference = plain(summary.reference)
    about = plain(summary.subject_name)
    lines = [
        f"Dear {organisation},",
        "",
        _OPENINGS.get(summary.kind, "Please find attached my notice")
        + (f" (your reference {reference})" if reference else "") + f", about {about}.",
        f"Purpose: {plain(summary.purpose)}",
        "",
    ]
    if summary.acting_statement:
        lines += [plain(summary.acting_statement), ""]
    if names:
        lines += ["Attached: " + "; ".join(_attachment_line(n) for n in names) + ".", ""]
    if pdfs:
        shows = (
            "It lists what I am sharing, the terms on which I share it,"
            if summary.kind in _SHARING
            else "It sets out this notice in full,"
        )
        lines += [
            f"{pdfs[0]} can be opened in any PDF reader. {shows} and how long it is valid "
            f"(until {format_time(summary.expires_at)}).",
            "",
        ]
    fingerprint = group_fingerprint(plain(summary.key_fingerprint))  # as the PDF prints it
    lines += [*_how_to_check(pdfs, signed, sealed), fingerprint, ""]
    if has_password:
        lines += ["The PDF is protected with a password. I will give you the password by phone;"
                  " it is not in this email.", ""]
    lines += ["Kind regards,", plain(summary.holder_name)]
    return "\n".join(lines)


def _attachment_line(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".pdf"):
        return f"{name} (for reading)"
    if lowered.endswith(".sd-jwt"):
        return f"{name} (the same information as signed data, for checking)"
    if lowered.endswith(".json"):
        return f"{name} (the information, encrypted to your organisation's key)"
    return name


def _how_to_check(pdfs: list[str], signed: list[str], sealed: list[str]) -> list[str]:
    if sealed:
        return [
            f"To open and check it: pont verify --key YOUR-PRIVATE-KEY {sealed[0]} decrypts it"
            " with your organisation's private key and confirms the signature and that the"
            " data is meant for you. The signer's key fingerprint is:",
        ]
    packet = signed[0] if signed else ATTACHMENT_NAME
    what = f"{pdfs[0]} and {packet} are" if pdfs else f"{packet} is"
    return [
        f"To check it: {what} signed. The free Pont verifier (pont verify {packet}, or the"
        " Pont verifier page) confirms the signature and that the data is meant for you."
        " The signer's key fingerprint is:",
    ]

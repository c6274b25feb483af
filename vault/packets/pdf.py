"""The human layer: a signed A4 PDF that any clerk can read, carrying the machine packet.

Order of work: lay out the page with fpdf2 (a bundled DejaVu font, every outside text drawn
as plain text, never markup) → attach the machine packet as ``packet.sd-jwt`` → optionally
encrypt (AES-256, one-off password) → sign last with pyHanko (PAdES B-B, ECDSA P-256, a
self-signed certificate for the holder's key) as an incremental update.
"""

from __future__ import annotations

import asyncio
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from fpdf import FPDF
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSigningSession, PdfTBSDocument
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vault.errors import InvalidInput
from vault.model import format_date
from vault.packets import cms, fonts, layout
from vault.packets.certificate import make_certificate

ATTACHMENT_NAME = "packet.sd-jwt"
ATTACHMENT_TYPE = "application/sd-jwt"
MIN_PASSWORD = 8
_FONT = fonts.SANS
_MONO = fonts.MONO
# Bidirectional overrides/isolates could make a value read differently from its bytes.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


@dataclass(frozen=True)
class SummaryField:
    """One disclosed field as a person reads it."""

    label: str
    value: str  # display value; may span lines
    provenance: str  # "self-declared", "backed by an attached document (SHA-256 …)", …


@dataclass(frozen=True)
class PacketSummary:
    """Everything the PDF shows. All strings are plain text, never markup."""

    title: str
    kind: str  # "disclosure", "update", "withdrawal", "erasure request", …
    holder_name: str
    subject_name: str
    acting_statement: str | None
    organisation_name: str
    organisation_email: str
    reference: str
    purpose: str
    fields: tuple[SummaryField, ...]
    consent_lines: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    packet_id: str
    supersedes: str | None
    key_fingerprint: str  # RFC 7638 thumbprint, base64url
    verify_instructions: str
    notice: str = ""  # a withdrawal's, erasure request's … own words, drawn across the page


# --- text helpers ----------------------------------------------------------------------------


def plain(text: str, *, multiline: bool = False) -> str:
    """Outside text made safe to draw: no control or bidi-override characters.

    Line breaks survive only when ``multiline``; tabs become spaces. Nothing is interpreted.
    """
    out = []
    for char in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        if char == "\n":
            out.append("\n" if multiline else " ")
        elif char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:
            out.append(char)
    return "".join(out).strip()


def format_time(moment: datetime) -> str:
    """``3 March 2026, 14:05 UTC`` — English, independent of the machine's locale."""
    if moment.tzinfo is None:
        raise InvalidInput("time", "naive_datetime")
    when = moment.astimezone(UTC)
    return f"{format_date(when.date())}, {when:%H:%M} UTC"


def group_fingerprint(thumbprint: str, size: int = 4) -> str:
    """Split a thumbprint into groups of ``size`` so it can be read aloud."""
    return " ".join(thumbprint[i : i + size] for i in range(0, len(thumbprint), size))


# --- layout --------------------------------------------------------------------------------------


class _PacketPdf(FPDF):  # fpdf is Any to mypy (no type hints shipped)
    def __init__(self, packet_id: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._packet_id = packet_id
        fonts.add_fonts(self)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FONT, size=8)
        self.set_text_color(90, 90, 90)
        text = f"Page {self.page_no()} of {{nb}} · packet id {self._packet_id}"
        self.cell(0, 6, text, align="C")

    def output(self, *args: Any, **kwargs: Any) -> Any:
        return super().output(*args, output_producer_class=fonts.OutputProducer, **kwargs)


def _new_document(summary: PacketSummary, now: datetime) -> _PacketPdf:
    pdf = _PacketPdf(plain(summary.packet_id))
    pdf.set_creation_date(now)
    pdf.set_title(plain(summary.title))
    pdf.set_author(plain(summary.holder_name))
    pdf.set_creator("Pont personal data vault")
    pdf.set_lang("en-GB")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    return pdf


_BODY = layout.Style(_FONT)
_HEADING = layout.Style(_FONT, "B", 12.5, 7)
_TITLE = layout.Style(_FONT, "B", 18, 9)
_NAVY = (20, 40, 90)
_GREY = (70, 70, 70)
_BLACK = (0, 0, 0)
_KIND_LINES = {
    "disclosure": "Personal data disclosed by the sender, signed with Pont.",
    "update": "An update to personal data the sender disclosed before, signed with Pont.",
    "withdrawal": "A notice withdrawing consent, signed by the sender with Pont.",
    "erasure": "A request to erase personal data (UK GDPR Article 17), signed by the sender "
    "with Pont.",
    "access": "A request for a copy of personal data (UK GDPR Article 15), signed by the "
    "sender with Pont.",
    "objection": "An objection to processing (UK GDPR Article 21), signed by the sender "
    "with Pont.",
}


def _heading(pdf: _PacketPdf, text: str, follows: float = 2 * _BODY.line_height) -> None:
    """A section heading, moved to the next page with ``follows`` mm of what comes after."""
    pdf.ln(3)
    layout.keep(pdf, _HEADING.line_height + follows)
    pdf.set_text_color(*_NAVY)
    layout.paragraph(pdf, text, _HEADING)
    pdf.set_text_color(*_BLACK)


def _paragraph(pdf: _PacketPdf, text: str) -> None:
    layout.paragraph(pdf, text, _BODY)


def _title(pdf: _PacketPdf, summary: PacketSummary) -> None:
    pdf.set_text_color(*_NAVY)
    layout.paragraph(pdf, plain(summary.title), _TITLE)
    pdf.set_text_color(*_GREY)
    kind = plain(summary.kind)
    _paragraph(pdf, _KIND_LINES.get(kind, f"{kind.capitalize()}, signed by the sender with Pont."))
    pdf.set_text_color(*_BLACK)


def _acting_box(pdf: _PacketPdf, statement: str) -> None:
    pdf.ln(2)
    amber = (255, 243, 205)
    title = layout.Style(_FONT, "B", 11, 7)
    body = layout.Style(_FONT, "", 10.5, 5.5)
    layout.use(pdf, body)
    lines = layout.wrap(pdf, plain(statement, multiline=True), pdf.epw - 6)
    layout.keep(pdf, title.line_height + body.line_height * min(len(lines), 3))
    layout.draw_lines(pdf, ["Sent on someone else's behalf"], title, indent=3, fill=amber)
    layout.draw_lines(pdf, lines, body, indent=3, fill=amber)
    pdf.set_fill_color(*amber)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.epw, 2, style="F")
    pdf.set_y(pdf.get_y() + 2)
    pdf.set_fill_color(255, 255, 255)


def details_rows(summary: PacketSummary) -> list[tuple[str, str]]:
    """The details block (from, about, to, reference …), in the PDF's order and words."""
    to = plain(summary.organisation_name)
    if summary.organisation_email:
        to += f" <{plain(summary.organisation_email)}>"  # drawn as text, never a link
    rows = [
        ("From", plain(summary.holder_name)),
        ("About", plain(summary.subject_name)),
        ("To", to),
        ("Reference", plain(summary.reference) or "(none given)"),
        ("Purpose", plain(summary.purpose, multiline=True)),
        ("Issued", format_time(summary.issued_at)),
        ("Valid until", format_time(summary.expires_at)),
        ("Packet id", plain(summary.packet_id)),
    ]
    if summary.supersedes:
        rows.append(("Replaces packet", plain(summary.supersedes)))
    return rows


def _details(pdf: _PacketPdf, summary: PacketSummary) -> None:
    pdf.ln(2)
    rows = [(label + ":", value) for label, value in details_rows(summary)]
    layout.table(pdf, rows, layout.Table((0.22, 0.78), _BODY, padding_x=0.5, padding_y=0.5))


def _notice(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "The notice")
    _paragraph(pdf, plain(summary.notice, multiline=True))


def _fields(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "The information disclosed", follows=3 * _BODY.line_height + 4)
    if not summary.fields:
        _paragraph(pdf, "No personal data fields are disclosed in this packet.")
        return
    rows = [
        (plain(f.label), plain(f.value, multiline=True), plain(f.provenance))
        for f in summary.fields
    ]
    spec = layout.Table(
        (0.26, 0.44, 0.30),
        _BODY,
        heading=("Item", "Value", "Evidence"),
        rules=True,
        fill=(240, 243, 248),
    )
    pdf.set_draw_color(150, 150, 150)
    layout.table(pdf, rows, spec)
    pdf.set_draw_color(*_BLACK)


def _consent(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "Consent and retention terms")
    for line in summary.consent_lines:
        layout.use(pdf, _BODY)
        lines = layout.wrap(pdf, plain(line, multiline=True), pdf.epw - 7)
        layout.keep(pdf, _BODY.line_height * min(len(lines), 3))
        layout.draw_lines(pdf, ["•"], _BODY, indent=2)
        pdf.set_y(pdf.get_y() - _BODY.line_height)
        layout.draw_lines(pdf, lines, _BODY, indent=7)


def _fingerprint(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "Sender's key fingerprint", follows=3 * _BODY.line_height + 8)
    _paragraph(
        pdf,
        "The packet and this PDF are signed with the key below. If you have seen "
        "this sender before, the fingerprint should be the same; you can also ask "
        "the sender to read it to you.",
    )
    pdf.ln(1)
    if not plain(summary.key_fingerprint):  # a preview (render_packet_pdf refuses this)
        _paragraph(pdf, "(Added here when the packet is signed.)")
        return
    layout.paragraph(pdf, group_fingerprint(plain(summary.key_fingerprint)),
                     layout.Style(_MONO, "", 12, 7))  # fmt: skip


CHECK_STEPS = (
    f"This PDF carries the signed data file {ATTACHMENT_NAME} as an attachment (open the "
    "attachments panel of your PDF reader; browser viewers may not show it). The same file is "
    "usually also attached to the email.",
    f"Check it with the free Pont verifier: run  pont verify {ATTACHMENT_NAME}  or open "
    "verifier.html in a browser and choose the file. It confirms the signature, that the "
    "packet is meant for you, and that it has not expired.",
    "The PDF itself is signed too: your PDF reader's signature panel shows it has not been "
    "changed since signing. It will also say the signer's identity is not certified by an "
    "authority; that is expected: compare the key fingerprint instead.",
)


def check_steps(summary: PacketSummary) -> list[str]:
    """The numbered "How to check" steps, each said once: Pont's own, then the summary's."""
    extra = plain(summary.verify_instructions, multiline=True)
    return [*CHECK_STEPS, *([extra] if extra and extra not in CHECK_STEPS else [])]


def _how_to_check(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "How to check this document", follows=3 * _BODY.line_height)
    for number, step in enumerate(check_steps(summary), start=1):
        layout.use(pdf, _BODY)
        lines = layout.wrap(pdf, step, pdf.epw - 6)
        if len(lines) * _BODY.line_height < pdf.eph / 2:
            layout.keep(pdf, len(lines) * _BODY.line_height)  # a step never breaks
        layout.draw_lines(pdf, [f"{number}."], _BODY)
        pdf.set_y(pdf.get_y() - _BODY.line_height)
        layout.draw_lines(pdf, lines, _BODY, indent=6)
        pdf.ln(1)


def layout_pdf(summary: PacketSummary, machine_packet: bytes | None, *, now: datetime) -> bytes:
    """The unsigned, unencrypted PDF with its attachment: the same bytes for the same
    inputs (no clock, no randomness). Without ``machine_packet``, the pages alone: what
    the share preview shows before anything is signed."""
    pdf = _new_document(summary, now)
    _title(pdf, summary)
    if summary.acting_statement:
        _acting_box(pdf, summary.acting_statement)
    _details(pdf, summary)
    if summary.notice:
        _notice(pdf, summary)
    if summary.fields or not summary.notice:
        _fields(pdf, summary)
    if summary.consent_lines:
        _consent(pdf, summary)
    _fingerprint(pdf, summary)
    _how_to_check(pdf, summary)
    if machine_packet is None:
        return bytes(pdf.output())
    pdf.embed_file(
        bytes=machine_packet,
        basename=ATTACHMENT_NAME,
        mime_type=ATTACHMENT_TYPE,
        modification_date=now,
        creation_date=now,
        desc="Signed machine-readable packet (SD-JWT)",
    )
    return bytes(pdf.output())


def encrypt_pdf(document: bytes, password: str) -> bytes:
    """Re-write ``document`` with PDF 2.0 standard encryption (AES-256, revision 6).

    The owner password is random and thrown away: the one-off ``password`` opens the file.
    """
    writer = copy_into_new_writer(PdfFileReader(BytesIO(document), strict=False))
    writer.encrypt(secrets.token_urlsafe(32), password)  # type: ignore[no-untyped-call]
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


# --- signing -----------------------------------------------------------------------------------


class _FixedTimeSigner(signers.PdfSigner):
    """A PdfSigner whose signing time is ``now`` from the caller, never the system clock."""

    def __init__(self, now: datetime, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._now = now

    def init_signing_session(
        self,
        pdf_out: Any,
        existing_fields_only: bool = False,
    ) -> PdfSigningSession:
        session: PdfSigningSession = super().init_signing_session(
            pdf_out, existing_fields_only=existing_fields_only
        )
        session.system_time = self._now
        return session


def sign_pdf(
    document: bytes,
    summary: PacketSummary,
    signing_key: ec.EllipticCurvePrivateKey,
    *,
    now: datetime,
    password: str | None = None,
) -> bytes:
    """Append a PAdES B-B signature (invisible field ``PontSignature``) to ``document``.

    pyHanko writes the signature dictionary and digests the byte ranges. The CMS container
    that fills them is ``cms.signed_data``; a password-protected PDF's is pyHanko's own,
    which adds the ISO 32004 MAC an AES-256 file's signature carries (keyed from the file's
    encryption key).
    """
    writer = IncrementalPdfFileWriter(BytesIO(document), strict=False)
    if password is not None:
        writer.encrypt(password)  # type: ignore[no-untyped-call]
    meta = signers.PdfSignatureMetadata(
        field_name="PontSignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"{plain(summary.kind).capitalize()} sent with Pont",
        name=plain(summary.holder_name),
    )
    certificate = make_certificate(
        signing_key,
        holder_name=summary.holder_name,
        thumbprint=summary.key_fingerprint,
        not_before=summary.issued_at,
        not_after=summary.expires_at,
    )
    certificate_der = certificate.public_bytes(Encoding.DER)
    (holder,) = load_certs_from_pemder_data(certificate_der)
    # The container holds the certificate, its issuer name twice more (signer id, signing
    # certificate attribute), ~500 bytes of attributes and signature and, with a password,
    # the MAC; /Contents is hex. Reserving it here spares pyHanko a trial signing.
    reserved = 2 * (2 * len(certificate_der) + 1024)
    out = BytesIO()
    if password is None:
        signer = _FixedTimeSigner(now, meta, signer=signers.ExternalSigner(
            holder, SimpleCertificateStore(), signature_value=b""  # type: ignore[no-untyped-call]
        ))  # fmt: skip
        asyncio.run(_fill(signer, writer, out, reserved, certificate, signing_key))
    else:
        key_der = signing_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        signer = _FixedTimeSigner(now, meta, signer=signers.SimpleSigner(
            signing_cert=holder,
            signing_key=load_private_key_from_pemder_data(key_der, None),
            cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
        ))  # fmt: skip
        signer.sign_pdf(writer, output=out, bytes_reserved=reserved)
    return out.getvalue()


async def _fill(
    signer: signers.PdfSigner,
    writer: IncrementalPdfFileWriter,
    out: BytesIO,
    reserved: int,
    certificate: x509.Certificate,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    """pyHanko's interrupted signing: the document digested, then Pont's container in."""
    digest, _, output = await signer.async_digest_doc_for_signing(
        writer, bytes_reserved=reserved, output=out
    )
    container = cms.signed_data(digest.document_digest, certificate, signing_key)
    await PdfTBSDocument.async_finish_signing(output, digest, container)


def _check_inputs(
    summary: PacketSummary,
    signing_key: ec.EllipticCurvePrivateKey,
    now: datetime,
    password: str | None,
) -> None:
    if not isinstance(signing_key, ec.EllipticCurvePrivateKey) or not isinstance(
        signing_key.curve, ec.SECP256R1
    ):
        raise InvalidInput("signing_key", "unsupported")
    for name, moment in (
        ("now", now),
        ("issued_at", summary.issued_at),
        ("expires_at", summary.expires_at),
    ):
        if moment.tzinfo is None:
            raise InvalidInput(name, "naive_datetime")
    if not summary.issued_at <= now < summary.expires_at:
        raise InvalidInput("now", "outside_validity")
    if password is not None and len(password) < MIN_PASSWORD:
        raise InvalidInput("password", "too_short")
    if not plain(summary.packet_id) or not plain(summary.key_fingerprint):
        raise InvalidInput("summary", "missing_identifier")


def render_packet_pdf(
    summary: PacketSummary,
    machine_packet: bytes,
    signing_key: ec.EllipticCurvePrivateKey,
    *,
    now: datetime,
    password: str | None = None,
) -> bytes:
    """Render, attach, optionally encrypt, and sign the human layer; return the PDF bytes.

    Raises ``InvalidInput`` for a non-P-256 key, naive datetimes, ``now`` outside
    ``issued_at``..``expires_at``, a password shorter than 8 characters or a missing id.
    """
    _check_inputs(summary, signing_key, now, password)
    unsigned = layout_pdf(summary, machine_packet, now=now)
    if password is not None:
        unsigned = encrypt_pdf(unsigned, password)
    return sign_pdf(unsigned, summary, signing_key, now=now, password=password)

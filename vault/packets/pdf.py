"""The human layer: a signed A4 PDF that any clerk can read, carrying the machine packet.

Order of work: lay out the page with fpdf2 (a bundled DejaVu font, every outside text drawn
as plain text, never markup) → attach the machine packet as ``packet.sd-jwt`` → optionally
encrypt (AES-256, one-off password) → sign last with pyHanko (PAdES B-B, ECDSA P-256, a
self-signed certificate for the holder's key) as an incremental update.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from io import BytesIO
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vault.errors import InvalidInput
from vault.model import format_date
from vault.packets.certificate import make_certificate

ATTACHMENT_NAME = "packet.sd-jwt"
ATTACHMENT_TYPE = "application/sd-jwt"
MIN_PASSWORD = 8
_FONT = "DejaVu"
_MONO = "DejaVuMono"
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

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FONT, size=8)
        self.set_text_color(90, 90, 90)
        text = f"Page {self.page_no()} of {{nb}} · packet id {self._packet_id}"
        self.cell(0, 6, text, align="C")


@contextmanager
def _font_paths() -> Iterator[dict[str, str]]:
    folder = resources.files("resources") / "fonts"
    names = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}
    with ExitStack() as stack:
        yield {
            style: str(stack.enter_context(resources.as_file(folder / name)))
            for style, name in names.items()
        }


def _new_document(summary: PacketSummary, now: datetime) -> _PacketPdf:
    pdf = _PacketPdf(plain(summary.packet_id))
    with _font_paths() as paths:
        pdf.add_font(_FONT, "", paths[""])
        pdf.add_font(_FONT, "B", paths["B"])
        pdf.add_font(_MONO, "", paths["mono"])
    pdf.set_creation_date(now)
    pdf.set_title(plain(summary.title))
    pdf.set_author(plain(summary.holder_name))
    pdf.set_creator("Pont personal data vault")
    pdf.set_lang("en-GB")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    return pdf


def _heading(pdf: _PacketPdf, text: str, size: float = 12.5) -> None:
    pdf.ln(3)
    pdf.set_font(_FONT, "B", size)
    pdf.set_text_color(20, 40, 90)
    pdf.multi_cell(0, 7, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(_FONT, size=10)


def _paragraph(pdf: _PacketPdf, text: str, height: float = 5.2) -> None:
    pdf.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _title(pdf: _PacketPdf, summary: PacketSummary) -> None:
    pdf.set_font(_FONT, "B", 18)
    pdf.set_text_color(20, 40, 90)
    pdf.multi_cell(0, 9, plain(summary.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, size=10)
    pdf.set_text_color(70, 70, 70)
    kind = plain(summary.kind).capitalize() or "Disclosure"
    _paragraph(pdf, f"{kind} of personal data, signed by the sender with Pont.")
    pdf.set_text_color(0, 0, 0)


def _acting_box(pdf: _PacketPdf, statement: str) -> None:
    pdf.ln(2)
    pdf.set_fill_color(255, 243, 205)
    pdf.set_draw_color(200, 150, 30)
    pdf.set_font(_FONT, "B", 11)
    pdf.multi_cell(
        0,
        7,
        "Sent on someone else's behalf",
        border="LTR",
        fill=True,
        padding=(1, 3, 0, 3),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font(_FONT, size=10.5)
    pdf.multi_cell(
        0,
        5.5,
        plain(statement, multiline=True),
        border="LBR",
        fill=True,
        padding=(0, 3, 2, 3),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_draw_color(0, 0, 0)
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


def _table(
    pdf: _PacketPdf,
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    headings: bool,
    padding: float = 1.0,
) -> None:
    pdf.set_font(_FONT, size=10)
    pdf.set_draw_color(150, 150, 150)
    with pdf.table(
        col_widths=widths,
        first_row_as_headings=headings,
        markdown=False,
        line_height=5.2,
        padding=(padding, 1.5),
        text_align="LEFT",
        v_align="TOP",
        cell_fill_color=(240, 243, 248),
        cell_fill_mode="ROWS" if headings else "NONE",
        borders_layout="HORIZONTAL_LINES" if headings else "NONE",
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)


def _details(pdf: _PacketPdf, summary: PacketSummary) -> None:
    pdf.ln(2)
    rows = [(label + ":", value) for label, value in details_rows(summary)]
    _table(pdf, list(rows), (0.22, 0.78), headings=False, padding=0.5)


def _fields(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "The information disclosed")
    if not summary.fields:
        _paragraph(pdf, "No personal data fields are disclosed in this packet.")
        return
    rows: list[tuple[str, ...]] = [("Item", "Value", "Evidence")]
    rows += [
        (plain(f.label), plain(f.value, multiline=True), plain(f.provenance))
        for f in summary.fields
    ]
    _table(pdf, rows, (0.26, 0.44, 0.30), headings=True)


def _consent(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "Consent and retention terms")
    for line in summary.consent_lines:
        pdf.set_x(pdf.l_margin + 2)
        pdf.multi_cell(
            0,
            5.2,
            "•  " + plain(line, multiline=True),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _fingerprint(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "Sender's key fingerprint")
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
    pdf.set_font(_MONO, size=12)
    pdf.multi_cell(
        0,
        7,
        group_fingerprint(plain(summary.key_fingerprint)),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font(_FONT, size=10)


def _how_to_check(pdf: _PacketPdf, summary: PacketSummary) -> None:
    _heading(pdf, "How to check this document")
    steps = [
        f"This PDF carries the signed data file {ATTACHMENT_NAME} as an attachment (open the "
        "attachments panel of your PDF reader; browser viewers may not show it). The same "
        "file is usually also attached to the email.",
        f"Check it with the free Pont verifier: run  pont verify {ATTACHMENT_NAME}  or open "
        "the Pont verifier page and choose the file. It confirms the signature, that the "
        "packet is meant for you, and that it has not expired.",
        "The PDF itself is signed too: your PDF reader's signature panel shows it has not been "
        "changed since signing. It will also say the signer's identity is not certified by an "
        "authority; that is expected: compare the key fingerprint instead.",
    ]
    extra = plain(summary.verify_instructions, multiline=True)
    for number, step in enumerate([*steps, *([extra] if extra else [])], start=1):
        pdf.multi_cell(0, 5.2, f"{number}.  {step}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
    _fields(pdf, summary)
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


def _simple_signer(
    summary: PacketSummary,
    key: ec.EllipticCurvePrivateKey,
) -> signers.SimpleSigner:
    certificate = make_certificate(
        key,
        holder_name=summary.holder_name,
        thumbprint=summary.key_fingerprint,
        not_before=summary.issued_at,
        not_after=summary.expires_at,
    )
    key_der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    (cert,) = load_certs_from_pemder_data(certificate.public_bytes(Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(key_der, None),
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )


def sign_pdf(
    document: bytes,
    summary: PacketSummary,
    signing_key: ec.EllipticCurvePrivateKey,
    *,
    now: datetime,
    password: str | None = None,
) -> bytes:
    """Append a PAdES B-B signature (invisible field ``PontSignature``) to ``document``."""
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
    signer = _FixedTimeSigner(now, meta, signer=_simple_signer(summary, signing_key))
    out = BytesIO()
    signer.sign_pdf(writer, output=out)
    return out.getvalue()


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

"""The human layer PDF: layout, plain text, attachment, password, PAdES signature."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID
from pdftext import tool
from pyhanko.pdf_utils.crypt import pdfmac
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from vault.errors import InvalidInput
from vault.packets import pdf
from vault.packets.certificate import ORGANISATION, make_certificate
from vault.packets.pdf import PacketSummary, SummaryField, render_packet_pdf

NOW = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)
PACKET = b"eyJhbGciOiJFUzI1NiIsInR5cCI6ImV4YW1wbGUrc2Qtand0In0.e30.c2ln~WyJzYWx0Il0~kb.jwt"
FINGERPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
PASSWORD = "tulip-harbour-93"
CANARY = "CANARY-9434765919-NOT-DISCLOSED"


def make_summary(**changes: object) -> PacketSummary:
    summary = PacketSummary(
        title="Disclosure for Leeds City Council",
        kind="disclosure",
        holder_name="John Smith",
        subject_name="Zoë Ó Briain <b>bold</b> **x**",
        acting_statement=(
            "Sent by John Smith as attorney for Mary Smith under a Lasting Power of Attorney "
            "for property and financial affairs, OPG reference 7000-1234-5678"),
        organisation_name="Leeds City Council <img src=x onerror=alert(1)>",
        organisation_email="council.tax@leeds.gov.uk",
        reference="CT-2026-00417",
        purpose="Council tax single person discount",
        fields=(
            SummaryField("Full name", "Łukasz Nowak", "self-declared"),
            SummaryField("Address", "12 Park Lane\nLeeds\nLS1 4AB",
                         "backed by an attached document (SHA-256 9f86d081…)"),
            SummaryField("Date of birth", "1 April 1980", "self-declared"),
        ),
        consent_lines=("Keep this data for no longer than 6 years.",
                       "Do not share it with anyone else.",
                       "To withdraw consent, email the sender."),
        issued_at=NOW,
        expires_at=NOW + timedelta(days=30),
        packet_id="pkt_01HZX3J5Q8M7R2",
        supersedes=None,
        key_fingerprint=FINGERPRINT,
        verify_instructions="Or call 0113 000 0000 and ask for the data team.",
    )
    return replace(summary, **changes)  # type: ignore[arg-type]



def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def signed(key: ec.EllipticCurvePrivateKey) -> bytes:
    return render_packet_pdf(make_summary(), PACKET, key, now=NOW)


@pytest.fixture(scope="module")
def encrypted(key: ec.EllipticCurvePrivateKey) -> bytes:
    return render_packet_pdf(make_summary(), PACKET, key, now=NOW, password=PASSWORD)


@pytest.fixture
def signed_file(signed: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "packet.pdf"
    path.write_bytes(signed)
    return path


@pytest.fixture
def encrypted_file(encrypted: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted)
    return path


# --- text --------------------------------------------------------------------------------------


@pytest.mark.poppler
def test_text_has_every_part_of_the_layout(signed_file: Path) -> None:
    text = run("pdftotext", "-layout", str(signed_file), "-").stdout
    for expected in ["Disclosure for Leeds City Council", "Sent on someone else's behalf",
                     "OPG reference 7000-1234-5678", "From:", "About:", "To:", "Reference:",
                     "CT-2026-00417", "Purpose:", "Issued:", "3 March 2026, 14:05 UTC",
                     "Valid until:", "2 April 2026, 14:05 UTC", "The information disclosed",
                     "Łukasz Nowak", "LS1 4AB", "self-declared", "Consent and retention terms",
                     "Do not share it with anyone else.", "How to check this document",
                     "pont verify packet.sd-jwt", "0113 000 0000", "Page 1 of",
                     "packet id pkt_01HZX3J5Q8M7R2", "council.tax@leeds.gov.uk"]:
        assert expected in text, expected


@pytest.mark.poppler
def test_outside_text_is_drawn_literally_never_as_markup(signed_file: Path) -> None:
    text = run("pdftotext", str(signed_file), "-").stdout
    assert "Zoë Ó Briain <b>bold</b> **x**" in text
    assert "<img src=x onerror=alert(1)>" in text


@pytest.mark.poppler
def test_fingerprint_is_printed_in_groups(signed_file: Path) -> None:
    text = run("pdftotext", str(signed_file), "-").stdout
    assert pdf.group_fingerprint(FINGERPRINT) in text
    assert pdf.group_fingerprint(FINGERPRINT).startswith("NzbL sXh8 uDCc ")


@pytest.mark.poppler
def test_long_packets_flow_onto_more_pages_with_a_footer_on_each(
        key: ec.EllipticCurvePrivateKey, tmp_path: Path) -> None:
    many = tuple(SummaryField(f"Field {i}", f"Value {i}\nsecond line", "self-declared")
                 for i in range(60))
    path = tmp_path / "long.pdf"
    path.write_bytes(render_packet_pdf(make_summary(fields=many), PACKET, key, now=NOW))
    text = run("pdftotext", str(path), "-").stdout
    pages = text.count("\f")
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages} · packet id pkt_01HZX3J5Q8M7R2" in text
    assert "Value 59" in text


def test_plain_strips_controls_and_bidi_overrides() -> None:
    assert pdf.plain("a\x00b\u202ec\td") == "abc d"
    assert pdf.plain("one\r\ntwo") == "one two"
    assert pdf.plain("one\r\ntwo", multiline=True) == "one\ntwo"
    assert pdf.plain("<b>x</b> **y**") == "<b>x</b> **y**"


def test_layout_is_deterministic_for_a_fixed_time() -> None:
    first = pdf.layout_pdf(make_summary(), PACKET, now=NOW)
    assert first == pdf.layout_pdf(make_summary(), PACKET, now=NOW)
    assert first.startswith(b"%PDF-")


# --- attachment -------------------------------------------------------------------------------


@pytest.mark.poppler
def test_pdfdetach_lists_and_returns_the_exact_packet(signed_file: Path, tmp_path: Path) -> None:
    listing = run("pdfdetach", "-list", str(signed_file)).stdout
    assert "1 embedded files" in listing
    assert "1: packet.sd-jwt" in listing
    out = tmp_path / "out.sd-jwt"
    assert run("pdfdetach", "-save", "1", "-o", str(out), str(signed_file)).returncode == 0
    assert out.read_bytes() == PACKET


def test_pypdf_reads_the_attachment_and_its_media_type(signed: bytes) -> None:
    reader = PdfReader(BytesIO(signed))
    assert reader.attachments == {"packet.sd-jwt": [PACKET]}
    assert b"/Subtype /application#2Fsd-jwt" in signed


def test_binary_packet_bytes_survive(key: ec.EllipticCurvePrivateKey) -> None:
    data = bytes(range(256)) * 4 + b"\r\n\r"
    document = render_packet_pdf(make_summary(), data, key, now=NOW)
    assert PdfReader(BytesIO(document)).attachments["packet.sd-jwt"] == [data]


# --- signature ----------------------------------------------------------------------------------


@pytest.mark.poppler
def test_pdfsig_reports_a_valid_signature(signed_file: Path) -> None:
    report = run("pdfsig", str(signed_file)).stdout
    assert "Signature Validation: Signature is Valid." in report
    assert "Signer Certificate Common Name: John Smith" in report
    assert "Signing Time: Mar 03 2026 14:05:00" in report
    assert "ETSI.CAdES.detached" in report
    assert "Total document signed" in report
    # Self-signed: never "Certificate is Trusted" ("issuer is unknown" or "has
    # Expired" appears depends on today's date against the fixed test validity).
    assert "Certificate is Trusted" not in report


@pytest.mark.poppler
def test_pdfsig_detects_a_changed_byte(signed: bytes, tmp_path: Path) -> None:
    position = signed.index(PACKET) + 10  # inside the attachment stream: a signed range
    tampered = bytearray(signed)
    tampered[position] ^= 0x01
    path = tmp_path / "tampered.pdf"
    path.write_bytes(bytes(tampered))
    report = run("pdfsig", str(path)).stdout
    assert "Signature is Valid." not in report


def test_pyhanko_finds_the_signature_intact_but_untrusted(signed: bytes,
                                                          key: ec.EllipticCurvePrivateKey,
                                                          ) -> None:
    reader = PdfFileReader(BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[]))
    assert status.intact
    assert status.valid
    assert not embedded.signer_info["unsigned_attrs"]  # a plain file's has no MAC
    assert not status.trusted
    assert status.coverage is not None
    assert status.coverage.name == "ENTIRE_FILE"
    cert_key = embedded.signer_cert.public_key.native["public_key"]
    assert cert_key == key.public_key().public_bytes(Encoding.X962,
                                                     PublicFormat.UncompressedPoint)


def test_signing_time_comes_from_now_not_the_clock(signed: bytes) -> None:
    reader = PdfFileReader(BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    assert str(embedded.sig_object["/M"]).startswith("D:20260303140500")
    assert embedded.self_reported_timestamp == NOW


# --- password -----------------------------------------------------------------------------------


@pytest.mark.poppler
def test_password_protected_pdf_opens_only_with_the_password(encrypted_file: Path,
                                                             tmp_path: Path) -> None:
    assert run("pdftotext", str(encrypted_file), "-").returncode != 0
    text = run("pdftotext", "-upw", PASSWORD, str(encrypted_file), "-").stdout
    assert "Łukasz Nowak" in text
    info = run("pdfinfo", "-upw", PASSWORD, str(encrypted_file)).stdout
    assert "AES-256" in info
    assert "Signature is Valid." in run("pdfsig", "-upw", PASSWORD, str(encrypted_file)).stdout
    out = tmp_path / "att"
    run("pdfdetach", "-upw", PASSWORD, "-save", "1", "-o", str(out), str(encrypted_file))
    assert out.read_bytes() == PACKET


def test_password_protected_bytes_hide_names_and_packet(encrypted: bytes) -> None:
    for secret in [PACKET, b"Nowak", b"Smith", "Łukasz".encode(), b"CT-2026-00417"]:
        assert secret not in encrypted
    reader = PdfReader(BytesIO(encrypted))
    assert reader.is_encrypted
    reader.decrypt(PASSWORD)
    assert reader.attachments["packet.sd-jwt"] == [PACKET]


def test_pyhanko_validates_the_encrypted_signature(encrypted: bytes) -> None:
    reader = PdfFileReader(BytesIO(encrypted))
    reader.decrypt(PASSWORD)
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[]))
    assert status.intact
    assert status.valid
    # An AES-256 file's signature carries the ISO 32004 MAC, keyed from the file key.
    unsigned = embedded.signer_info["unsigned_attrs"]
    assert [a["type"].native for a in unsigned] == ["pdf_mac_data"]
    pdfmac.validate_pdf_mac(reader)  # raises PdfMacValidationError when it does not hold


# --- minimal disclosure (T19) ---------------------------------------------------------------


@pytest.mark.poppler
def test_canary_outside_the_summary_never_reaches_the_pdf(signed: bytes,
                                                          signed_file: Path) -> None:
    assert CANARY.encode() not in signed
    assert CANARY not in run("pdftotext", str(signed_file), "-").stdout
    assert b"Nowak" not in signed  # page text is compressed: no raw plaintext names either


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "kwargs", "field"), [
    ({}, {"now": NOW.replace(tzinfo=None)}, "now"),
    ({}, {"now": NOW + timedelta(days=31)}, "now"),
    ({}, {"now": NOW - timedelta(seconds=1)}, "now"),
    ({}, {"password": "short"}, "password"),
    ({"packet_id": " "}, {}, "summary"),
])
def test_bad_inputs_are_refused(key: ec.EllipticCurvePrivateKey, changes: dict[str, object],
                                kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"now": NOW, **kwargs}
    with pytest.raises(InvalidInput) as caught:
        render_packet_pdf(make_summary(**changes), PACKET, key, **args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_only_p256_keys_sign() -> None:
    with pytest.raises(InvalidInput):
        render_packet_pdf(make_summary(), PACKET, ec.generate_private_key(ec.SECP384R1()),
                          now=NOW)


# --- certificate --------------------------------------------------------------------------------


def test_certificate_names_the_holder_and_spans_the_packet_validity(
        key: ec.EllipticCurvePrivateKey) -> None:
    cert = make_certificate(key, holder_name="Zoë\nÓ Briain", thumbprint=FINGERPRINT,
                            not_before=NOW, not_after=NOW + timedelta(days=30))
    assert cert.subject == cert.issuer
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Zoë Ó Briain"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value \
        == ORGANISATION
    assert cert.not_valid_after_utc == NOW + timedelta(days=30)
    assert cert.not_valid_before_utc <= NOW
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    key.public_key().verify(cert.signature, cert.tbs_certificate_bytes,
                            ec.ECDSA(hashes.SHA256()))
    again = make_certificate(key, holder_name="x", thumbprint=FINGERPRINT, not_before=NOW,
                             not_after=NOW + timedelta(days=1))
    assert again.serial_number == cert.serial_number > 0
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False


# --- picture -------------------------------------------------------------------------------------


@pytest.mark.poppler
def test_first_page_renders_to_an_image(signed_file: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "page"
    result = run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                 str(signed_file), str(prefix))
    assert result.returncode == 0
    image = prefix.with_suffix(".png").read_bytes()
    assert image.startswith(b"\x89PNG")
    assert len(image) > 10_000

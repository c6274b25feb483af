"""The unsent .eml draft: plain text, exact attachments, no header injection."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest

from vault.errors import InvalidInput
from vault.packets.email_draft import build_draft, draft_body, draft_subject, safe_filename
from vault.packets.pdf import PacketSummary, SummaryField

NOW = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\r\n%%EOF\n"
PACKET = b"eyJhbGciOiJFUzI1NiJ9.e30.c2ln~WyJzIl0~kb\n"
CANARY = "CANARY-9434765919-NOT-DISCLOSED"


def summary(**changes: object) -> PacketSummary:
    base = PacketSummary(
        title="Disclosure for Leeds City Council", kind="disclosure", holder_name="John Smith",
        subject_name="Zoë Ó Briain", acting_statement=None,
        organisation_name="Leeds <b>City</b> Council **now**",
        organisation_email="council.tax@leeds.gov.uk", reference="CT-2026-00417",
        purpose="Council tax single person discount",
        fields=(SummaryField("Full name", "Zoë Ó Briain", "self-declared"),),
        consent_lines=("Keep for 6 years.",), issued_at=NOW, expires_at=NOW + timedelta(days=30),
        packet_id="pkt_1", supersedes=None,
        key_fingerprint="NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
        verify_instructions="")
    return replace(base, **changes)  # type: ignore[arg-type]


def draft(to: str = "council.tax@leeds.gov.uk", subject: str = "Disclosure (ref. CT-1)",
          body: str = "Hello", attachments: list[tuple[str, bytes, str]] | None = None,
          ) -> bytes:
    if attachments is None:
        attachments = [("packet.pdf", PDF, "application/pdf"),
                       ("packet.sd-jwt", PACKET, "application/sd-jwt")]
    return build_draft(to, subject, body, attachments)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def test_headers_make_an_unsent_draft_for_the_client_to_complete() -> None:
    message = parse(draft())
    assert message["To"] == "council.tax@leeds.gov.uk"
    assert message["Subject"] == "Disclosure (ref. CT-1)"
    assert message["X-Unsent"] == "1"
    for absent in ("From", "Date", "Message-ID", "Sender", "Reply-To", "Cc", "Bcc"):
        assert message[absent] is None


def test_attachments_come_back_byte_identical() -> None:
    message = parse(draft())
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == ["packet.pdf", "packet.sd-jwt"]
    assert [p.get_content_type() for p in parts] == ["application/pdf", "application/sd-jwt"]
    assert [p.get_payload(decode=True) for p in parts] == [PDF, PACKET]


def test_body_is_plain_text_only() -> None:
    message = parse(draft(body="Dear <b>Leeds</b>\n<img src=x>"))
    types = [part.get_content_type() for part in message.walk()]
    assert "text/html" not in types
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == "Dear <b>Leeds</b>\n<img src=x>\n"


def test_wire_format_uses_crlf_and_is_deterministic() -> None:
    data = draft()
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data == draft()


def test_no_attachments_gives_a_single_text_part() -> None:
    message = parse(draft(attachments=[]))
    assert not message.is_multipart()
    assert message.get_content_type() == "text/plain"


@pytest.mark.parametrize(("to", "subject"), [
    ("a@b.example\r\nBcc: victim@x.example", "s"),
    ("a@b.example\nBcc: victim@x.example", "s"),
    ("a@b.example", "Hi\r\nBcc: victim@x.example"),
    ("a@b.example", "Hi\rX-Evil: 1"),
    ("a@b.example", "Hi\u2028there"),
    ("a@b.example", "Hi\x00"),
])
def test_line_breaks_in_headers_are_refused(to: str, subject: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        draft(to=to, subject=subject)
    assert caught.value.reason == "control_character"


@pytest.mark.parametrize("to", ["a@b.example, evil@x.example", "Evil <evil@x.example>",
                                "no-at-sign", "a@b@c", "a;b@c.example"])
def test_only_a_single_plain_address_is_accepted(to: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        draft(to=to)
    assert (caught.value.field, caught.value.reason) == ("to", "format")


def test_empty_to_leaves_the_field_for_the_person() -> None:
    assert parse(draft(to=""))["To"] is None


def test_non_ascii_subject_is_encoded_not_injected() -> None:
    message = parse(draft(subject="Données pour Zoë Ó Briain"))
    assert message["Subject"] == "Données pour Zoë Ó Briain"


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Windows\\evil.pdf", "evil.pdf"),
    ("evil\r\nContent-Type: text/html.pdf", "html.pdf"),
    ("evil\r\nContent-Type: x.pdf", "evil_Content-Type_ x.pdf"),
    ("Zoë Ó Briain.pdf", "Zoe O Briain.pdf"),
    ("...", "attachment"),
    ('a"b;c.pdf', "a_b_c.pdf"),
])
def test_filenames_are_sanitised(name: str, expected: str) -> None:
    assert safe_filename(name) == expected
    message = parse(draft(attachments=[(name, b"x", "application/pdf")]))
    (part,) = message.iter_attachments()
    assert part.get_filename() == expected


def test_long_filenames_keep_their_extension() -> None:
    name = safe_filename("x" * 300 + ".pdf")
    assert len(name) <= 80
    assert name.endswith(".pdf")


@pytest.mark.parametrize("media_type", ["text/html\r\nX: 1", "application", "Application/PDF",
                                        "application/pdf; name=x"])
def test_bad_media_types_are_refused(media_type: str) -> None:
    with pytest.raises(InvalidInput):
        draft(attachments=[("a.pdf", b"x", media_type)])


NAMES = [f"2026-03-03-leeds-city-council-pkt_1abc.{ext}" for ext in ("pdf", "sd-jwt")]


def test_draft_body_reads_plainly() -> None:
    body = draft_body(summary(), has_password=False, attachments=NAMES)
    assert body.startswith("Dear Leeds <b>City</b> Council **now**,")
    assert "Please find attached" in body
    assert "your reference CT-2026-00417" in body
    assert "any PDF reader" in body
    assert f"pont verify {NAMES[1]}" in body
    assert "packet.sd-jwt" not in body  # no file of that name is attached
    assert "NzbL sXh8 uDCc d-6M NwXF 4W_7 noWX FZAf HkxZ sRGC 9Xs" in body  # as the PDF prints it
    assert "2 April 2026, 14:05 UTC" in body
    assert "password" not in body.lower()
    assert body.endswith("Kind regards,\nJohn Smith")


@pytest.mark.parametrize(
    ("kind", "opening"),
    [
        ("update", "Some information I gave you has changed: please find attached the "
         "up-to-date information, which replaces what I sent before"),
        ("withdrawal", "my notice withdrawing the consent I gave you"),
        ("erasure", "my request that you erase the personal information you hold"),
        ("access", "my request for a copy of the personal information you hold"),
        ("objection", "my objection to your use of personal information"),
    ],
)
def test_a_notice_or_update_says_what_it_is(kind: str, opening: str) -> None:
    body = draft_body(summary(kind=kind), has_password=False, attachments=NAMES)
    assert f"{opening} (your reference CT-2026-00417), about Zoë Ó Briain." in body
    assert "the information you asked for" not in body
    sharing = "the terms on which I share it" in body
    assert sharing is (kind == "update")
    assert ("sets out this notice in full" in body) is (kind != "update")


def test_draft_body_with_a_password_promises_a_phone_call() -> None:
    body = draft_body(summary(), has_password=True, attachments=NAMES)
    assert "I will give you the password by phone" in body


def test_draft_body_in_carer_mode_carries_the_acting_statement() -> None:
    statement = "Sent by John Smith as attorney for Mary Smith under a Lasting Power of Attorney"
    assert statement in draft_body(summary(acting_statement=statement), False, NAMES)


def test_subject_from_summary_is_one_line() -> None:
    assert draft_subject(summary(title="Disclosure\r\nBcc: x@y")) == \
        "Disclosure Bcc: x@y (ref. CT-2026-00417)"
    build_draft("a@b.example", draft_subject(summary(title="A\nB")), "x", [])


def test_whole_draft_round_trip_and_canary_absent() -> None:
    s = summary()
    data = build_draft(s.organisation_email, draft_subject(s), draft_body(s, True, NAMES),
                       [("packet.pdf", PDF, "application/pdf"),
                        ("packet.sd-jwt", PACKET, "application/sd-jwt")])
    assert CANARY.encode() not in data
    message = parse(data)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert CANARY not in body.get_content()
    assert "Zoë Ó Briain" in body.get_content()
    assert [p.get_payload(decode=True) for p in message.iter_attachments()] == [PDF, PACKET]


def test_draft_body_names_each_attached_file() -> None:
    body = draft_body(summary(), has_password=False, attachments=NAMES)
    assert f"Attached: {NAMES[0]} (for reading); {NAMES[1]} (the same information" in body
    assert f"{NAMES[0]} can be opened in any PDF reader" in body
    assert f"To check it: {NAMES[0]} and {NAMES[1]} are signed" in body


def test_draft_body_for_a_sealed_packet_says_how_to_open_it() -> None:
    sealed = "2026-03-03-leeds-city-council-pkt_1abc.sealed.json"
    body = draft_body(summary(), has_password=False, attachments=[sealed])
    assert f"Attached: {sealed} (the information, encrypted to your organisation's key)" in body
    assert f"pont verify --key YOUR-PRIVATE-KEY {sealed}" in body
    assert "PDF reader" not in body
    assert ".sd-jwt" not in body


def test_draft_body_names_the_files_as_the_draft_attaches_them() -> None:
    odd = ["../Leeds: Council ✓.pdf"]
    body = draft_body(summary(), has_password=False, attachments=odd)
    message = parse(build_draft("a@b.example", "s", body, [(odd[0], PDF, "application/pdf")]))
    (attached,) = [p.get_filename() for p in message.iter_attachments()]
    assert f"Attached: {attached} (for reading)" in body


def test_an_international_domain_is_sent_as_a_labels() -> None:
    message = parse(draft(to="info@bücher.example"))
    assert message["To"] == "info@xn--bcher-kva.example"
    assert b"xn--bcher-kva.example" in draft(to="info@bücher.example")


@pytest.mark.parametrize(("to", "detail"), [
    ("jörg@leeds.example", "local part not ASCII"),
    ("a@xn--zz.example", "domain not IDNA2008"),
])
def test_an_address_a_header_cannot_carry_is_refused_with_the_reason(to: str, detail: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        draft(to=to)
    error = caught.value
    assert (error.field, error.reason, error.detail) == ("to", "format", detail)


@pytest.mark.parametrize("to", ["a\u200b@b.example", "a@b\u202e.example", "a\U000e0041@b.example"])
def test_hidden_characters_in_an_address_are_refused(to: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        draft(to=to)
    assert caught.value.reason == "control_character"

"""Issue 10 #4: a PDF's pages are bound to its signed packet, and it carries one packet only.

The sender is the attacker here: she signs with her own key (so every signature check
passes) a PDF whose pages say something other than the packet inside, or that carries a
second packet for a reader that looks elsewhere. Every kind of PDF Pont writes stays VALID.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE, FixedClock
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from vault._crypto import KDF_FLOOR
from vault.notices import send_notice
from vault.packets.keys import HolderKey, generate_holder_key
from vault.packets.pdf import PacketSummary, SummaryField, layout_pdf, render_packet_pdf, sign_pdf
from vault.packets.sdjwt import issue_packet, verify_packet
from vault.page import field_label, summary_of
from vault.share import Selection, ShareOrder, prepare, send
from vault.updates import tell_them_once
from vault.vault import Environment, Vault
from vault.verify import Checks, verify_bytes, verify_file

GP = "patients@gp.example"
PASSWORD = "one-off-Pa55word"


@dataclass
class Made:
    """The PDFs a real vault wrote, one of each kind, and the moment they are checked at."""

    now: datetime
    pdfs: dict[str, Path]


@pytest.fixture(scope="module")
def made(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Made]:
    root = tmp_path_factory.mktemp("bound")
    shutil.copytree(template_vault[0], root / "vault")
    clock = FixedClock()
    env = Environment(clock=clock, calibrate=lambda: KDF_FLOOR)
    with Vault.open(root / "vault", PASSPHRASE, env) as vault:
        ada = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set(ada, "givenName", "Ada")
        vault.profiles.set(ada, "birthDate", "1950-03-17")
        home = {"lines": ["1 Park Row", "Flat 2"], "town": "Leeds", "postcode": "LS1 5AB"}
        vault.profiles.set(ada, "address", home)
        vault.profiles.set(ada, "address", {**home, "lines": ["9 Old Lane"]})
        grace = vault.people.add("Grace Hopper").person.id
        vault.profiles.set(grace, "medications", "Levothyroxine 50mcg")
        vault.people.set_authority(
            grace,
            "lpa_health_welfare",
            {"opg_reference": "M-1234-5678-9012", "access_code": "V7K2-9QXM-4TRB"},
        )
        gp = vault.organisations.add("Park Row Surgery", GP).organisation.id
        out = root / "out"

        def share(person: int, *selections: Selection, **extra: Any) -> Any:
            order = ShareOrder(person, gp, "Register as a patient", selections, **extra)
            return send(vault, prepare(vault, order), out)

        disclosure = share(
            ada,
            Selection("givenName"),
            Selection("birthDate", 0, "over_18"),
            Selection("address", 0),
            Selection("address", 1),
            reference="GP-42",
        )
        locked = share(ada, Selection("givenName"), pdf_password=PASSWORD, channel="file")
        acting = share(grace, Selection("medications"), channel="file")
        clock.advance(days=1)
        vault.profiles.set(ada, "givenName", "Augusta", entry=0)
        update = tell_them_once(vault, ada, "givenName", 0, out)[0]
        withdrawal = send_notice(vault, disclosure.packet_id, "withdrawal", out, "file")
        erasure = send_notice(vault, locked.packet_id, "erasure", out, "file")
        shared = {
            "disclosure": disclosure,
            "password": locked,
            "acting": acting,
            "withdrawal": withdrawal,
            "erasure": erasure,
            "update": update,
        }
        yield Made(clock.now, {kind: s.files["pdf"] for kind, s in shared.items()})


@pytest.mark.parametrize(
    "kind", ["disclosure", "password", "acting", "withdrawal", "erasure", "update"]
)
def test_every_kind_pont_writes_is_valid(made: Made, kind: str) -> None:
    verdict = verify_file(made.pdfs[kind], Checks(now=made.now, pdf_password=PASSWORD))
    assert verdict.valid, verdict
    assert verdict.container == "pdf"


# --- the sender's own forgery: valid signatures, pages that lie ---------------------------------


@dataclass
class Sender:
    """Mallory, with her own key and her own valid packet."""

    key: HolderKey
    machine: bytes
    summary: PacketSummary  # the pages her packet makes
    now: datetime


@pytest.fixture(scope="module")
def sender() -> Sender:
    return mallory({"givenName": "Mallory", "address": {"lines": ["5 Elm St"], "town": "York"}})


def mallory(claims: dict[str, Any]) -> Sender:
    key = generate_holder_key()
    now = datetime.fromisoformat("2026-11-21T09:30:00+00:00")
    moment = int(now.timestamp())
    machine = issue_packet(
        key,
        claims=claims,
        public_claims={
            "pont": {"version": 1, "kind": "disclosure"},
            "subject_name": "Mallory Smith",
            "purpose": "Register as a patient",
            "recipient": {"name": "Park Row Surgery", "email": GP},
            "consent": {"lawfulBasis": "consent", "termination": "Until I leave."},
            "provenance": {name: {"kind": "self"} for name in claims},
        },
        issued_at=moment,
        expires_at=moment + 86400,
        audience=GP,
        nonce="GP-42",
    ).encode("ascii")
    summary = summary_of(verify_packet(machine, now=moment))
    return Sender(key, machine, summary, now)


def signed(
    sender: Sender, summary: PacketSummary, edit: Callable[[bytes], bytes] | None = None
) -> bytes:
    """A PDF with ``summary``'s pages around her packet, signed with her key."""
    if edit is None:
        return render_packet_pdf(summary, sender.machine, sender.key.private_key, now=sender.now)
    unsigned = edit(layout_pdf(summary, sender.machine, now=sender.now))
    return sign_pdf(unsigned, summary, sender.key.private_key, now=sender.now)


def reason(sender: Sender, pdf: bytes) -> str | None:
    verdict = verify_bytes(pdf, Checks(now=sender.now))
    assert verdict.valid == (verdict.reason is None)
    return verdict.reason


def test_her_honest_pdf_is_valid(sender: Sender) -> None:
    """The control: the same construction with the true pages passes."""
    assert reason(sender, signed(sender, sender.summary)) is None


def test_pages_showing_another_person_around_her_packet_are_refused(sender: Sender) -> None:
    victim = generate_holder_key()
    lie = replace(
        sender.summary,
        holder_name="Ada Lovelace",
        subject_name="Ada Lovelace",
        fields=(SummaryField("First name", "Ada", "self-declared"),),
        key_fingerprint=victim.thumbprint,
    )
    assert reason(sender, signed(sender, lie)) == "pdf_pages_mismatch"


def _changed(value: Any, name: str) -> Any:
    if name == "key_fingerprint":
        return generate_holder_key().thumbprint
    if name == "issued_at":
        return value - timedelta(minutes=1)
    if name == "expires_at":
        return value + timedelta(days=1)
    if name == "fields":
        first = value[0]
        return (replace(first, provenance="backed by an attached document"), *value[1:])
    if isinstance(value, tuple):
        return (*value[:-1], value[-1] + " Or sell it.")
    return (value or "") + " (changed)"


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(PacketSummary)])
def test_every_word_on_the_pages_is_bound(sender: Sender, name: str) -> None:
    """The class: whichever part of the pages differs from the packet, the PDF is refused."""
    lie = replace(sender.summary, **{name: _changed(getattr(sender.summary, name), name)})
    assert reason(sender, signed(sender, lie)) == "pdf_pages_mismatch"


def _with_page_change(
    change: Callable[[IncrementalPdfFileWriter, Any], None],
) -> Callable[[bytes], bytes]:
    def edit(document: bytes) -> bytes:
        writer = IncrementalPdfFileWriter(BytesIO(document), strict=False)
        page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
        change(writer, page_ref.get_object())
        writer.update_container(page_ref.get_object())
        out = BytesIO()
        writer.write(out)
        return out.getvalue()

    return edit


def _swap_font_program(writer: IncrementalPdfFileWriter, page: Any) -> None:
    """Same content stream, but glyphs that draw other letters: only the font differs."""
    fonts = page["/Resources"]["/Font"]
    descriptor = fonts[next(iter(fonts))]["/DescendantFonts"][0]["/FontDescriptor"]
    program = descriptor.raw_get("/FontFile2").get_object()
    data = bytearray(program.data)
    data[len(data) // 2] ^= 0xFF
    descriptor["/FontFile2"] = writer.add_object(generic.StreamObject(stream_data=bytes(data)))
    writer.update_container(descriptor)


def _overlay_annotation(writer: IncrementalPdfFileWriter, page: Any) -> None:
    """A free-text box drawn over the details, added before signing."""
    note = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
            generic.pdf_name("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (50, 700, 400, 760)]
            ),
            generic.pdf_name("/Contents"): generic.pdf_string("From: Ada Lovelace"),
        }
    )
    page["/Annots"] = generic.ArrayObject([writer.add_object(note)])


def _crop_box(writer: IncrementalPdfFileWriter, page: Any) -> None:
    """Hide part of the page by an inherited crop box on the page tree."""
    pages = writer.root["/Pages"]
    pages["/CropBox"] = generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 400)])
    writer.update_container(pages)


@pytest.mark.parametrize(
    "change", [_swap_font_program, _overlay_annotation, _crop_box], ids=lambda c: c.__name__
)
def test_the_page_objects_are_bound_not_only_the_text(
    sender: Sender, change: Callable[[IncrementalPdfFileWriter, Any], None]
) -> None:
    pdf = signed(sender, sender.summary, _with_page_change(change))
    assert reason(sender, pdf) == "pdf_pages_mismatch"


def test_a_pdf_another_tool_wrote_is_unsupported(sender: Sender) -> None:
    def retitle(document: bytes) -> bytes:
        ours, theirs = b"(Pont personal data vault)", b"(Another PDF writer 1.0.0)"
        return document.replace(b"/Creator " + ours, b"/Creator " + theirs)

    assert reason(sender, signed(sender, sender.summary, retitle)) == "pdf_layout_unsupported"


def test_a_packet_with_more_text_than_its_pages_can_hold_is_not_laid_out(
    sender: Sender,
) -> None:
    """Bounded work: 600,000 characters cannot be on one page, so nothing is drawn."""
    flood = mallory({"givenName": "M" * 600_000})
    pdf = render_packet_pdf(sender.summary, flood.machine, flood.key.private_key, now=flood.now)
    verdict = verify_bytes(pdf, Checks(now=flood.now))
    assert (verdict.reason, verdict.detail) == (
        "pdf_pages_mismatch",
        "the pages cannot hold the packet's text",
    )


def test_a_claim_name_of_many_underscores_is_labelled_as_it_is() -> None:
    name = "givenName" + "_" * 200_000
    assert field_label(name) == name
    assert field_label("address_1") == "Home address (2)"
    assert field_label("birthDate_over_18") == "Date of birth (over 18)"


# --- one packet only ----------------------------------------------------------------------------


def _second_packet(sender: Sender) -> bytes:
    moment = int(sender.now.timestamp())
    return issue_packet(
        sender.key,
        claims={"givenName": "Ada"},
        public_claims={"purpose": "Register as a patient"},
        issued_at=moment,
        expires_at=moment + 86400,
        audience=GP,
        nonce="GP-42",
    ).encode("ascii")


def _file_spec(
    writer: IncrementalPdfFileWriter, data: bytes, name: str
) -> generic.DictionaryObject:
    stream = generic.StreamObject(
        {generic.pdf_name("/Type"): generic.pdf_name("/EmbeddedFile")}, stream_data=data
    )
    return generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Filespec"),
            generic.pdf_name("/F"): generic.pdf_string(name),
            generic.pdf_name("/EF"): generic.DictionaryObject(
                {generic.pdf_name("/F"): writer.add_object(stream)}
            ),
        }
    )


def _loose_file_spec(writer: IncrementalPdfFileWriter, data: bytes) -> None:
    writer.root["/AF"].append(writer.add_object(_file_spec(writer, data, "packet.sd-jwt")))


def _second_name(writer: IncrementalPdfFileWriter, data: bytes) -> None:
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    names += [generic.pdf_string("packet.sd-jwt"), writer.add_object(_file_spec(writer, data, "x"))]


def _attachment_annotation(writer: IncrementalPdfFileWriter, data: bytes) -> None:
    """A direct file specification inside a file-attachment annotation on no page."""
    note = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FileAttachment"),
            generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4),
            generic.pdf_name("/FS"): _file_spec(writer, data, "packet.sd-jwt"),
        }
    )
    writer.add_object(note)


def _name_tree_kids(writer: IncrementalPdfFileWriter, data: bytes) -> None:
    files = writer.root["/Names"]["/EmbeddedFiles"]
    leaf = generic.DictionaryObject(
        {
            generic.pdf_name("/Names"): generic.ArrayObject(
                [
                    generic.pdf_string("packet.sd-jwt"),
                    writer.add_object(_file_spec(writer, data, "y")),
                ]
            ),
            generic.pdf_name("/Limits"): generic.ArrayObject(
                [generic.pdf_string("packet.sd-jwt"), generic.pdf_string("packet.sd-jwt")]
            ),
        }
    )
    files["/Kids"] = generic.ArrayObject([writer.add_object(leaf)])


@pytest.mark.parametrize(
    "add",
    [_loose_file_spec, _second_name, _attachment_annotation, _name_tree_kids],
    ids=lambda a: a.__name__,
)
def test_a_second_packet_anywhere_is_refused(
    sender: Sender, add: Callable[[IncrementalPdfFileWriter, bytes], None]
) -> None:
    second = _second_packet(sender)

    def edit(document: bytes) -> bytes:
        writer = IncrementalPdfFileWriter(BytesIO(document), strict=False)
        add(writer, second)
        writer.update_root()
        out = BytesIO()
        writer.write(out)
        return out.getvalue()

    assert reason(sender, signed(sender, sender.summary, edit)) == "pdf_extra_packet"

"""Answering a request: ``vault.share.prepare`` and ``send`` (journeys 4 and 5).

Prepare shows exactly what goes; send signs it, writes the files and records the ledger
entry; a failed write leaves neither files nor a ledger entry behind.
"""

from __future__ import annotations

import email
import errno
import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import PASSPHRASE, FixedClock
from pdftext import tool

from vault._crypto import KDF_FLOOR
from vault.atomic import FileOps
from vault.errors import DiskFull, InvalidInput
from vault.packets import jose
from vault.packets.hpke import new_recipient_key, open_packet
from vault.packets.sdjwt import verify_packet
from vault.share import Selection, ShareOrder, pairwise_subject, prepare, send
from vault.vault import Environment, Vault
from vault.verify import Checks, verify_file

ORG_EMAIL = "registrations@leeds-gp.example"
PDF_PASSWORD = "tell-me-by-phone"
HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB", "from": "2020-01-01"}
OLD_HOME = {
    "lines": ["7 Micklegate"],
    "town": "York",
    "postcode": "YO1 6JX",
    "from": "2010-01-01",
    "to": "2019-12-31",
}


# --- helpers ----------------------------------------------------------------------------------



def pdftotext(path: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    args = [tool("pdftotext")]
    if password is not None:
        args += ["-upw", password]
    return subprocess.run(
        [*args, str(path), "-"], capture_output=True, text=True, check=False, timeout=60
    )


def make_owner(vault: Vault) -> int:
    person = vault.people.add("Ada Lovelace", "owner").person
    vault.profiles.set(person.id, "givenName", "Ada")
    vault.profiles.set(person.id, "familyName", "Lovelace")
    vault.profiles.set(person.id, "birthDate", "1950-03-17")
    vault.profiles.set(person.id, "address", HOME)
    vault.profiles.set(person.id, "address", OLD_HOME)  # a past address: added, ends nothing
    vault.profiles.set(person.id, "nhsNumber", "9434765919")
    vault.profiles.set(person.id, "telephone", "07700 900123")
    return person.id


def make_org(vault: Vault, name: str = "Leeds GP", mail: str | None = ORG_EMAIL, key=None) -> int:
    return vault.organisations.add(name, mail, key).organisation.id


def order(person: int, org: int, *selections: Selection, **extra: object) -> ShareOrder:
    extra.setdefault("reference", "CASE-42")
    return ShareOrder(
        person_id=person,
        organisation_id=org,
        purpose="Register as a patient",
        selections=selections or (Selection("givenName"),),
        **extra,  # type: ignore[arg-type]
    )


def packet_of(shared_files: dict[str, Path]) -> bytes:
    return shared_files["sd-jwt"].read_bytes()


@pytest.fixture
def person(vault: Vault) -> int:
    return make_owner(vault)


@pytest.fixture
def org(vault: Vault) -> int:
    return make_org(vault)


# --- prepare: exactly what goes -----------------------------------------------------------------


def test_prepare_shows_exactly_the_selected_fields(vault: Vault, person: int, org: int) -> None:
    prepared = prepare(
        vault,
        order(person, org, Selection("givenName"), Selection("familyName"), Selection("address")),
    )
    assert prepared.claims == {
        "givenName": "Ada",
        "familyName": "Lovelace",
        "address": {**HOME, "country": "GB"},
    }
    assert [row.label for row in prepared.summary.fields] == [
        "First name",
        "Last name",
        "Home address",
    ]
    values = [row.value for row in prepared.summary.fields]
    assert values[:2] == ["Ada", "Lovelace"]
    assert values[2].splitlines()[:3] == ["1 Park Row", "Leeds", "LS1 5AB"]
    assert sorted(prepared.public_claims["consent"]["piiCategory"]) == [
        "address",
        "familyName",
        "givenName",
    ]
    everything = repr(prepared.claims) + repr(prepared.public_claims) + repr(prepared.summary)
    for unselected in ("1950-03-17", "9434765919", "7700900123", "Micklegate"):
        assert unselected not in everything


def test_derived_forms_replace_the_value(vault: Vault, person: int, org: int) -> None:
    prepared = prepare(
        vault,
        order(
            person,
            org,
            Selection("birthDate", 0, "over_18"),
            Selection("address", 0, "postcode_district"),
        ),
    )
    assert prepared.claims == {"birthDate_over_18": True, "address_postcode_district": "LS1"}
    assert [(r.label, r.value) for r in prepared.summary.fields] == [
        ("Date of birth (over 18)", "Yes"),
        ("Home address (postcode district)", "LS1"),
    ]
    text = repr(prepared.summary) + repr(prepared.public_claims)
    assert "1950" not in text
    assert "5AB" not in text
    assert {(f.key, f.form) for f in prepared.sent} == {
        ("birthDate", "over_18"),
        ("address", "postcode_district"),
    }


def test_a_second_entry_is_named_with_its_index(vault: Vault, person: int, org: int) -> None:
    prepared = prepare(vault, order(person, org, Selection("address", 0), Selection("address", 1)))
    assert prepared.claims["address"]["town"] == "Leeds"
    assert prepared.claims["address_1"]["town"] == "York"
    assert set(prepared.public_claims["provenance"]) == {"address", "address_1"}


def test_selecting_the_same_entry_twice_is_refused(vault: Vault, person: int, org: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        prepare(
            vault,
            order(
                person, org, Selection("givenName"), Selection("givenName"), Selection("givenName")
            ),
        )
    assert caught.value.reason == "selected_twice"


def test_provenance_self_and_document(vault: Vault, person: int, org: int) -> None:
    added = vault.documents.add(
        io.BytesIO(b"%PDF-1.4 a passport scan"), "passport.pdf", "application/pdf", person
    )
    vault.profiles.set(
        person,
        "passportNumber",
        "123456789",
        provenance="document",
        document_id=added.attachment.document.id,
    )
    prepared = prepare(
        vault, order(person, org, Selection("givenName"), Selection("passportNumber"))
    )
    sha = added.attachment.document.sha256
    assert prepared.public_claims["provenance"] == {
        "givenName": {"kind": "self"},
        "passportNumber": {"kind": "document", "sha256": sha},
    }
    proofs = [row.provenance for row in prepared.summary.fields]
    assert proofs[0] == "self-declared"
    assert sha[:16] in proofs[1]


def test_pairwise_subject_is_stable_per_organisation(vault: Vault, person: int, org: int) -> None:
    other = make_org(vault, "Leeds City Council", "council@leeds.example")
    first = prepare(vault, order(person, org)).public_claims["sub"]
    again = prepare(vault, order(person, org)).public_claims["sub"]
    elsewhere = prepare(vault, order(person, other)).public_claims["sub"]
    assert first == again
    assert first != elsewhere
    people = vault.people.get(person)
    assert first == pairwise_subject(people.uuid, vault.organisations.get(org).uuid)
    assert people.uuid not in repr(prepare(vault, order(person, org)).public_claims)


def test_a_packet_prepared_for_a_draft_organisation_is_the_one_sent(
    vault: Vault, person: int, tmp_path: Path, clock: FixedClock
) -> None:
    draft = vault.organisations.draft("Example Bank", "moves@bank.example")
    prepared = prepare(vault, order(person, draft.id), draft)
    assert vault.organisations.all() == []  # a preview stores nothing
    kept = vault.organisations.keep(draft).organisation
    final = replace(
        prepared, organisation=kept, order=replace(prepared.order, organisation_id=kept.id)
    )
    shared = send(vault, final, tmp_path / "out")
    people = vault.people.get(person)
    assert prepared.public_claims["sub"] == pairwise_subject(people.uuid, kept.uuid)
    checks = Checks(now=clock.now, audience="moves@bank.example", nonce="CASE-42")
    verdict = verify_file(shared.files["sd-jwt"], checks)
    assert verdict.valid, verdict
    assert vault.ledger.get(shared.packet_id).organisation_id == kept.id


def test_nothing_selected_or_no_purpose_is_refused(vault: Vault, person: int, org: int) -> None:
    empty = ShareOrder(person, org, "Purpose", ())
    with pytest.raises(InvalidInput, match="selection"):
        prepare(vault, empty)
    with pytest.raises(InvalidInput, match="purpose"):
        prepare(vault, ShareOrder(person, org, "  ", (Selection("givenName"),)))


# --- carer mode ---------------------------------------------------------------------------------


def relative(vault: Vault, kind: str | None) -> int:
    grace = vault.people.add("Grace Hopper").person
    vault.profiles.set(grace.id, "givenName", "Grace")
    vault.profiles.set(grace.id, "medications", "Levothyroxine 50mcg")
    if kind is not None:
        vault.people.set_authority(
            grace.id,
            kind,
            {
                "registered_on": "2021-04-01",
                "opg_reference": "M-1234-5678-9012",
                "access_code": "V7K2-9QXM-4TRB",
                "access_code_expires": "2027-04-01",
            },
        )
    return grace.id


def test_relative_without_authority_is_refused(vault: Vault, person: int, org: int) -> None:
    grace = relative(vault, None)
    with pytest.raises(InvalidInput) as caught:
        prepare(vault, order(grace, org, Selection("givenName")))
    assert (caught.value.field, caught.value.reason) == ("authority", "missing")


def test_health_under_property_and_finance_is_refused(vault: Vault, person: int, org: int) -> None:
    grace = relative(vault, "lpa_property_finance")
    with pytest.raises(InvalidInput) as caught:
        prepare(vault, order(grace, org, Selection("givenName"), Selection("medications")))
    assert caught.value.reason == "health_not_covered"
    assert "medications" in caught.value.detail
    # Non-health fields are fine under the same authority.
    assert prepare(vault, order(grace, org, Selection("givenName"))).claims == {
        "givenName": "Grace"
    }


@pytest.mark.poppler
def test_health_under_health_and_welfare_acts_for_the_relative(
    vault: Vault, person: int, org: int, tmp_path: Path
) -> None:
    grace = relative(vault, "lpa_health_welfare")
    prepared = prepare(vault, order(grace, org, Selection("givenName"), Selection("medications")))
    assert prepared.claims["medications"] == "Levothyroxine 50mcg"
    act = prepared.public_claims["act"]
    assert act["by"] == "Ada Lovelace"
    assert act["for"] == "Grace Hopper"
    assert act["authority"]["kind"] == "lpa_health_welfare"
    assert act["authority"]["opg_reference"] == "M-1234-5678-9012"
    assert prepared.public_claims["subject_name"] == "Grace Hopper"
    shared = send(vault, prepared, tmp_path / "out")
    text = " ".join(pdftotext(shared.files["pdf"]).stdout.split())
    assert "Sent by Ada Lovelace for Grace Hopper under a Lasting Power of Attorney" in text
    assert "health and welfare" in text
    assert "M-1234-5678-9012" in text
    verified = verify_packet(packet_of(shared.files), now=int(prepared.issued_at.timestamp()))
    assert verified.claims["act"] == act


# --- send: files --------------------------------------------------------------------------------


def test_send_by_email_writes_pdf_sdjwt_and_eml(
    vault: Vault, person: int, org: int, tmp_path: Path, clock: FixedClock
) -> None:
    prepared = prepare(vault, order(person, org, Selection("givenName"), Selection("address")))
    shared = send(vault, prepared, tmp_path / "out")
    assert set(shared.files) == {"pdf", "sd-jwt", "email"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in shared.files.values()
    )
    assert shared.files["pdf"].read_bytes().startswith(b"%PDF-")
    checks = Checks(now=clock.now, audience=ORG_EMAIL, nonce="CASE-42")
    for kind in ("pdf", "sd-jwt"):
        verdict = verify_file(shared.files[kind], checks)
        assert verdict.valid, verdict
        assert verdict.packet is not None
        assert verdict.packet.jti == shared.packet_id
        assert verdict.packet.disclosed == prepared.claims
    message = email.message_from_bytes(shared.files["email"].read_bytes())
    assert message["To"] == ORG_EMAIL
    names = sorted(part.get_filename() for part in message.walk() if part.get_filename())
    assert names == sorted([shared.files["pdf"].name, shared.files["sd-jwt"].name])
    attached = {
        part.get_filename(): part.get_payload(decode=True)
        for part in message.walk()
        if part.get_filename()
    }
    assert attached[shared.files["sd-jwt"].name] == packet_of(shared.files)


def test_send_by_file_writes_pdf_and_sdjwt_only(
    vault: Vault, person: int, org: int, tmp_path: Path
) -> None:
    shared = send(vault, prepare(vault, order(person, org, channel="file")), tmp_path / "out")
    assert set(shared.files) == {"pdf", "sd-jwt"}
    assert len(list((tmp_path / "out").iterdir())) == 2
    assert vault.ledger.get(shared.packet_id).channel == "file"


# Names in scripts that need joiners (Persian, Hindi, Malayalam) and other hard text.
HARD_NAMES = (
    "علی\u200cرضا",  # Persian: a zero-width non-joiner between the two parts
    "क्\u200dष",  # Devanagari: a zero-width joiner
    "ന്\u200dന",  # Malayalam chillu with a ZWJ
    "Zoë Ó Briain",
    "José\u0301",  # a combining mark
    "李小龍",
    "Ada " + "Lovelace-Byron " * 8,  # longer than a certificate's 64-character commonName
)


def test_every_name_pont_accepts_signs_a_packet(vault: Vault, org: int, tmp_path: Path) -> None:
    """Issue 9 §3: the PDF's certificate has no name rule of its own (a ZWNJ made every share
    fail with "holder_name: format"). Each name the vault takes in sends, and the PDF's
    signer certificate carries it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    owner = vault.people.add("Ada", "owner").person.id
    vault.profiles.set(owner, "givenName", "Ada")
    accepted = []
    for name in HARD_NAMES:
        try:
            person = vault.people.rename(owner, name).person
        except InvalidInput:
            continue  # refused at the door: not a name Pont accepts
        accepted.append(name)
        shared = send(vault, prepare(vault, order(person.id, org, channel="file")), tmp_path / name)
        assert verify_file(shared.files["pdf"], Checks(now=vault.env.clock())).valid
        with shared.files["pdf"].open("rb") as file:
            signer = PdfFileReader(file).embedded_signatures[0].signer_cert
            common_name = signer.subject.native["common_name"]
        assert common_name == " ".join(person.name.split())[:64]
    assert "علی\u200cرضا" in accepted


def test_an_organisation_can_hold_an_hpke_key(vault: Vault) -> None:
    """BUG: ``check_encryption_key`` accepts only EC P-256 / OKP X25519 JWKs, but sealing
    (``vault.packets.hpke``) accepts only the ``AKP`` MLKEM768-X25519 key that
    ``new_recipient_key`` makes, so no organisation (and no request file) can carry a key
    Pont can encrypt to."""
    _, public = new_recipient_key()
    added = vault.organisations.add("Sealed Practice", "sealed@gp.example", public)
    assert added.organisation.public_key == public


def test_encrypt_writes_only_the_sealed_envelope(
    vault: Vault, person: int, tmp_path: Path, clock: FixedClock
) -> None:
    private, public = new_recipient_key()
    org = make_org(vault, "Sealed Practice", "sealed@gp.example", public)
    prepared = prepare(vault, order(person, org, Selection("givenName"), encrypt=True))
    shared = send(vault, prepared, tmp_path / "out")
    assert set(shared.files) == {"sealed", "email"}
    assert [p.suffix for p in sorted((tmp_path / "out").iterdir())] == [".eml", ".json"]
    envelope = shared.files["sealed"].read_bytes()
    assert b"Ada" not in envelope
    message = email.message_from_bytes(shared.files["email"].read_bytes())
    payloads = [p.get_payload(decode=True) for p in message.walk() if p.get_filename()]
    assert payloads == [envelope]
    machine = open_packet(envelope, private, "sealed@gp.example")
    assert machine == vault.ledger.machine_packet(shared.packet_id)
    verdict = verify_file(
        shared.files["sealed"],
        Checks(
            now=clock.now,
            audience="sealed@gp.example",
            unseal=lambda data, aud: open_packet(data, private, aud or ""),
        ),
    )
    assert verdict.valid, verdict
    assert verdict.container == "sealed"
    assert verdict.packet is not None
    assert verdict.packet.disclosed == {"givenName": "Ada"}


def test_encrypt_without_an_organisation_key_is_refused(
    vault: Vault, person: int, org: int, tmp_path: Path
) -> None:
    prepared = prepare(vault, order(person, org, encrypt=True))
    with pytest.raises(InvalidInput) as caught:
        send(vault, prepared, tmp_path / "out")
    assert caught.value.reason == "organisation_has_no_key"
    assert vault.ledger.count() == 0
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []


def test_encrypt_and_pdf_password_together_are_refused(vault: Vault, person: int, org: int) -> None:
    with pytest.raises(InvalidInput, match="not_with_encryption"):
        prepare(vault, order(person, org, encrypt=True, pdf_password=PDF_PASSWORD))


@pytest.mark.poppler
def test_pdf_password_opens_it_and_nothing_else_does(
    vault: Vault, person: int, org: int, tmp_path: Path, clock: FixedClock
) -> None:
    prepared = prepare(vault, order(person, org, Selection("givenName"), pdf_password=PDF_PASSWORD))
    shared = send(vault, prepared, tmp_path / "out")
    pdf = shared.files["pdf"]
    opened = pdftotext(pdf, PDF_PASSWORD)
    assert opened.returncode == 0, opened.stderr
    assert "Ada" in opened.stdout
    locked = pdftotext(pdf)
    assert locked.returncode != 0
    assert "Ada" not in locked.stdout
    wrong = pdftotext(pdf, "not-the-password")
    assert wrong.returncode != 0
    good = verify_file(pdf, Checks(now=clock.now, pdf_password=PDF_PASSWORD))
    assert good.valid, good
    assert verify_file(pdf, Checks(now=clock.now)).reason == "pdf_password_required"
    # The email says a password is needed and does not contain it.
    raw = shared.files["email"].read_bytes()
    assert PDF_PASSWORD.encode() not in raw


# --- send: ledger ------------------------------------------------------------------------------


def test_ledger_records_the_exact_field_versions(
    vault: Vault, person: int, org: int, tmp_path: Path
) -> None:
    vault.profiles.set(person, "telephone", "07700 900456")  # version 2
    prepared = prepare(
        vault,
        order(
            person,
            org,
            Selection("telephone"),
            Selection("address", 1),
            Selection("birthDate", 0, "over_18"),
        ),
    )
    shared = send(vault, prepared, tmp_path / "out")
    entry = vault.ledger.get(shared.packet_id)
    assert shared.entry == entry
    assert [(f.key, f.entry, f.version, f.form) for f in entry.fields] == [
        ("address", 1, 1, "full"),
        ("birthDate", 0, 1, "over_18"),
        ("telephone", 0, 2, "full"),
    ]
    assert (entry.kind, entry.status, entry.channel) == ("disclosure", "active", "email")
    assert (entry.purpose, entry.reference) == ("Register as a patient", "CASE-42")
    assert entry.issued_at == "2026-11-21T09:30:00Z"
    assert entry.expires_at == "2026-12-21T09:30:00Z"
    assert vault.ledger.machine_packet(shared.packet_id) == packet_of(shared.files)


class FailingOps(FileOps):
    """Refuses to put any file whose name ends with ``suffix`` in place (disk full)."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def replace(self, source: Path, target: Path) -> None:
        if target.name.endswith(self.suffix):
            raise OSError(errno.ENOSPC, "No space left on device")
        super().replace(source, target)


@pytest.mark.parametrize("suffix", [".pdf", ".sd-jwt", ".eml"])
def test_a_failed_write_leaves_no_entry_and_no_files(
    vault_folder: Path, clock: FixedClock, tmp_path: Path, suffix: str
) -> None:
    env = Environment(clock=clock, calibrate=lambda: KDF_FLOOR, file_ops=FailingOps(suffix))
    with Vault.open(vault_folder, PASSPHRASE, env) as failing:
        person = make_owner(failing)
        org = make_org(failing)
        out = tmp_path / "out"
        with pytest.raises(DiskFull):
            send(failing, prepare(failing, order(person, org)), out)
        assert failing.ledger.count() == 0
        left = sorted(p.name for p in out.iterdir()) if out.exists() else []
        assert left == [], f"partial packet files left behind: {left}"


# --- keys ---------------------------------------------------------------------------------------


def signer(shared_files: dict[str, Path]) -> str:
    jwt = packet_of(shared_files).split(b"~")[0]
    payload = jose.parse_json(jose.b64url_decode(jwt.split(b".")[1]))
    return str(payload["cnf"]["jwk"]["x"])


def test_default_key_is_reused_and_pairwise_keys_differ(
    vault: Vault, person: int, org: int, tmp_path: Path
) -> None:
    council = make_org(vault, "Leeds City Council", "council@leeds.example")
    bank = make_org(vault, "Northern Bank", "change@bank.example")
    gp_1 = send(vault, prepare(vault, order(person, org)), tmp_path / "a")
    council_1 = send(vault, prepare(vault, order(person, council)), tmp_path / "b")
    assert signer(gp_1.files) == signer(council_1.files)
    assert gp_1.entry.holder_key_id == council_1.entry.holder_key_id
    bank_1 = send(vault, prepare(vault, order(person, bank, pairwise_key=True)), tmp_path / "c")
    council_2 = send(
        vault, prepare(vault, order(person, council, pairwise_key=True)), tmp_path / "d"
    )
    keys = {signer(f.files) for f in (gp_1, bank_1, council_2)}
    assert len(keys) == 3
    # The organisation's own key stays its key for later packets.
    bank_2 = send(vault, prepare(vault, order(person, bank, pairwise_key=True)), tmp_path / "e")
    assert signer(bank_2.files) == signer(bank_1.files)
    assert bank_2.entry.holder_key_id == bank_1.entry.holder_key_id
    # The default key did not change because of the pairwise ones.
    gp_2 = send(vault, prepare(vault, order(person, org)), tmp_path / "f")
    assert signer(gp_2.files) == signer(gp_1.files)
    assert len(vault.holder_keys.fingerprints()) == 3


def test_a_whole_field_form_counts_every_entry(vault: Vault, person: int, org: int) -> None:
    # "How many adults live here": computed over all household members, each recorded sent.
    vault.profiles.set(
        person,
        "householdMembers",
        {"name": "Bo", "relationship": "child", "birthDate": "2015-01-01"},
    )
    vault.profiles.set(
        person,
        "householdMembers",
        {"name": "Cy", "relationship": "partner", "birthDate": "1980-01-01"},
    )
    order = ShareOrder(
        person_id=person,
        organisation_id=org,
        purpose="Council tax",
        selections=(Selection("householdMembers", 0, "count_adults"),),
    )
    prepared = prepare(vault, order)
    assert prepared.claims == {"householdMembers_count_adults": 1}
    assert [(f.key, f.entry) for f in prepared.sent] == [
        ("householdMembers", 0),
        ("householdMembers", 1),
    ]
    assert "Bo" not in str(prepared.public_claims) + str(prepared.summary)

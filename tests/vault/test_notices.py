"""Withdrawing consent and asking for erasure, access or objection (journey 8)."""

from __future__ import annotations

import email
import subprocess
from pathlib import Path

import pytest
from fakes import FixedClock
from pdftext import tool

from vault.errors import InvalidInput, NotFound
from vault.notices import NOTICE_KINDS, notice_text, send_notice
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Vault
from vault.verify import Checks, verify_file

ORG = "dpo@council.example"



@pytest.fixture
def original(vault: Vault, tmp_path: Path) -> str:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(person, "givenName", "Ada")
    vault.profiles.set(person, "nationalInsuranceNumber", "QQ123456C")
    org = vault.organisations.add("Leeds City Council", ORG).organisation.id
    prepared = prepare(
        vault,
        ShareOrder(
            person,
            org,
            "Single person discount",
            (Selection("givenName"), Selection("nationalInsuranceNumber")),
            reference="CT-991",
        ),
    )
    return send(vault, prepared, tmp_path / "sent").packet_id


@pytest.mark.parametrize("kind", NOTICE_KINDS)
def test_notice_is_signed_and_discloses_nothing(
    vault: Vault, original: str, tmp_path: Path, clock: FixedClock, kind: str
) -> None:
    clock.advance(days=2)
    shared = send_notice(vault, original, kind, tmp_path / "notice")
    assert set(shared.files) == {"pdf", "sd-jwt", "email"}
    machine = shared.files["sd-jwt"].read_bytes()
    assert machine.count(b"~") == 1  # <jwt>~<kb-jwt>: not a single disclosure
    verdict = verify_file(
        shared.files["sd-jwt"], Checks(now=clock.now, audience=ORG, nonce="CT-991")
    )
    assert verdict.valid, verdict
    packet = verdict.packet
    assert packet is not None
    assert packet.disclosed == {}
    assert packet.claims["pont"]["kind"] == kind
    notice = packet.claims["notice"]
    assert notice["type"] == kind
    assert notice["regarding"] == original
    assert original in notice["text"]
    assert packet.claims["provenance"] == {}
    assert packet.claims["consent"]["piiCategory"] == []
    # The same holder signs the notice as the original.
    first = verify_file(
        next((tmp_path / "sent").glob("*.sd-jwt")), Checks(now=clock.now, audience=ORG)
    )
    assert first.packet is not None
    assert packet.thumbprint == first.packet.thumbprint
    assert b"QQ123456C" not in machine
    assert verify_file(shared.files["pdf"], Checks(now=clock.now)).valid
    entry = vault.ledger.get(shared.packet_id)
    assert (entry.kind, entry.fields, entry.status) == (kind, (), "active")
    expected = "withdrawn" if kind in ("withdrawal", "erasure") else "active"
    assert vault.ledger.get(original).status == expected
    message = email.message_from_bytes(shared.files["email"].read_bytes())
    assert message["To"] == ORG


@pytest.mark.poppler
def test_notice_pdf_carries_the_text(vault: Vault, original: str, tmp_path: Path) -> None:
    shared = send_notice(vault, original, "erasure", tmp_path / "notice")
    text = subprocess.run(
        [tool("pdftotext"), str(shared.files["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    assert "Article 17 of the UK GDPR" in flat
    assert "Request to erase personal information" in flat
    assert "QQ123456C" not in flat


def test_notices_do_not_count_as_holding_a_value(
    vault: Vault, original: str, tmp_path: Path
) -> None:
    send_notice(vault, original, "access", tmp_path / "notice")
    entry = vault.ledger.get(original)
    holders = vault.ledger.holders_of(entry.person_id, "givenName")
    assert [h.packet_id for h in holders] == [original]


def test_withdrawing_twice_keeps_it_withdrawn(vault: Vault, original: str, tmp_path: Path) -> None:
    send_notice(vault, original, "withdrawal", tmp_path / "one")
    send_notice(vault, original, "erasure", tmp_path / "two")
    assert vault.ledger.get(original).status == "withdrawn"
    kinds = sorted(e.kind for e in vault.ledger.entries())
    assert kinds == ["disclosure", "erasure", "withdrawal"]


def test_unknown_kind_or_packet_is_refused(vault: Vault, original: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        send_notice(vault, original, "complaint", tmp_path / "x")
    with pytest.raises(NotFound):
        send_notice(vault, "no-such-packet", "withdrawal", tmp_path / "x")
    with pytest.raises(InvalidInput):
        notice_text("complaint", "p", "2026-01-01", "x")
    assert vault.ledger.count() == 1


def test_notice_texts_name_the_packet_and_date() -> None:
    for kind in NOTICE_KINDS:
        text = notice_text(kind, "PKT-1", "2026-11-21T09:30:00Z", "Single person discount")
        assert "PKT-1" in text
        assert "2026-11-21" in text
        assert "T09:30" not in text

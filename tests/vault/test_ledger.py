"""The disclosure ledger (journey 6): who holds what, queries, expiry and export."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fakes import FixedClock

from vault.errors import InvalidInput, NotFound
from vault.ledger import NewEntry, SentField
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Vault

HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}


@pytest.fixture
def scene(vault: Vault, tmp_path: Path, clock: FixedClock) -> dict[str, int | str]:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(ada, "givenName", "Ada")
    vault.profiles.set(ada, "address", {**HOME, "from": "2019-06-01"})
    vault.profiles.set(ada, "address", {**HOME, "lines": ["2 Park Row"]})  # a move
    grace = vault.people.add("Grace Hopper").person.id
    vault.people.set_authority(grace, "appointee", {"registered_on": "2020-01-01"})
    vault.profiles.set(grace, "givenName", "Grace")
    gp = vault.organisations.add("Park Row Surgery", "gp@example.org").organisation.id
    bank = vault.organisations.add("Northern Bank", "bank@example.org").organisation.id

    def share(person: int, org: int, days: int, *selections: Selection) -> str:
        prepared = prepare(vault, ShareOrder(person, org, "Purpose", selections, valid_days=days))
        clock.advance(minutes=1)
        return send(vault, prepared, tmp_path).packet_id

    return {
        "ada": ada,
        "grace": grace,
        "gp": gp,
        "bank": bank,
        "gp_ada": share(ada, gp, 30, Selection("givenName"), Selection("address", 0)),
        "bank_ada": share(ada, bank, 7, Selection("address", 1)),
        "bank_grace": share(grace, bank, 90, Selection("givenName")),
    }


def ids(entries) -> list[str]:
    return [e.packet_id for e in entries]


def test_entries_newest_first_and_by_organisation_or_person(vault: Vault, scene) -> None:
    assert ids(vault.ledger.entries()) == [scene["bank_grace"], scene["bank_ada"], scene["gp_ada"]]
    assert ids(vault.ledger.entries(organisation_id=scene["bank"])) == [
        scene["bank_grace"],
        scene["bank_ada"],
    ]
    assert ids(vault.ledger.entries(person_id=scene["ada"])) == [scene["bank_ada"], scene["gp_ada"]]
    assert ids(vault.ledger.entries(organisation_id=scene["bank"], person_id=scene["ada"])) == [
        scene["bank_ada"]
    ]
    assert ids(vault.ledger.entries(limit=1, offset=1)) == [scene["bank_ada"]]
    assert vault.ledger.count() == 3


def test_holders_of_a_field(vault: Vault, scene) -> None:
    assert ids(vault.ledger.holders_of(scene["ada"], "address")) == [
        scene["bank_ada"],
        scene["gp_ada"],
    ]
    assert ids(vault.ledger.holders_of(scene["ada"], "address", 0)) == [scene["gp_ada"]]
    assert ids(vault.ledger.holders_of(scene["ada"], "address", 1)) == [scene["bank_ada"]]
    assert ids(vault.ledger.holders_of(scene["grace"], "givenName")) == [scene["bank_grace"]]
    assert vault.ledger.holders_of(scene["ada"], "nhsNumber") == []
    vault.ledger.set_status(scene["gp_ada"], "withdrawn")
    assert ids(vault.ledger.holders_of(scene["ada"], "address")) == [scene["bank_ada"]]


def test_expire_due_after_the_expiry(vault: Vault, scene, clock: FixedClock) -> None:
    assert vault.ledger.expire_due() == 0
    clock.advance(days=8)
    assert vault.ledger.expire_due() == 1
    assert vault.ledger.get(scene["bank_ada"]).status == "expired"
    assert vault.ledger.get(scene["gp_ada"]).status == "active"
    clock.advance(days=30)
    assert vault.ledger.expire_due() == 1
    assert vault.ledger.expire_due() == 0
    statuses = {e.packet_id: e.status for e in vault.ledger.entries()}
    assert statuses == {
        scene["gp_ada"]: "expired",
        scene["bank_ada"]: "expired",
        scene["bank_grace"]: "active",
    }
    # An expired packet no longer counts as holding the value.
    assert vault.ledger.holders_of(scene["ada"], "address") == []


def test_withdrawn_entries_do_not_expire(vault: Vault, scene, clock: FixedClock) -> None:
    vault.ledger.set_status(scene["bank_ada"], "withdrawn")
    clock.advance(days=400)
    assert vault.ledger.expire_due() == 2
    assert vault.ledger.get(scene["bank_ada"]).status == "withdrawn"


def test_export_is_plain_data(vault: Vault, scene) -> None:
    exported = vault.ledger.export()
    assert len(exported) == 3
    json.dumps(exported)  # plain JSON
    first = next(e for e in exported if e["packet_id"] == scene["gp_ada"])
    assert first["organisation_name"] == "Park Row Surgery"
    assert first["purpose"] == "Purpose"
    assert first["status"] == "active"
    assert sorted((f["key"], f["entry"], f["version"], f["form"]) for f in first["fields"]) == [
        ("address", 0, 2, "full"),  # version 2: the move gave it its end date
        ("givenName", 0, 1, "full"),
    ]
    assert all("machine_packet" not in e for e in exported)


def test_status_changes_and_errors(vault: Vault, scene) -> None:
    assert vault.ledger.set_status(scene["gp_ada"], "withdrawn").status == "withdrawn"
    with pytest.raises(InvalidInput):
        vault.ledger.set_status(scene["gp_ada"], "lost")
    with pytest.raises(NotFound):
        vault.ledger.set_status("missing", "withdrawn")
    with pytest.raises(NotFound):
        vault.ledger.get("missing")
    with pytest.raises(NotFound):
        vault.ledger.machine_packet("missing")


def test_record_refuses_unknown_kind_or_channel(vault: Vault, scene) -> None:
    base = NewEntry(
        packet_id="manual-1",
        kind="disclosure",
        person_id=int(scene["ada"]),
        organisation_id=int(scene["gp"]),
        holder_key_id=1,
        purpose="x",
        reference=None,
        request={"purpose": "x"},
        issued_at=datetime(2026, 11, 21, tzinfo=UTC),
        expires_at=None,
        channel="email",
        supersedes=None,
        machine_packet=b"abc",
        fields=(SentField("givenName", 0, 1, "full"),),
    )
    from dataclasses import replace

    with pytest.raises(InvalidInput):
        vault.ledger.record(replace(base, kind="gossip"))
    with pytest.raises(InvalidInput):
        vault.ledger.record(replace(base, channel="pigeon"))
    entry = vault.ledger.record(base)
    assert entry.expires_at is None
    assert vault.ledger.request("manual-1") == {"purpose": "x"}
    assert vault.ledger.expire_due() == 0
    vault.ledger.forget("manual-1")
    with pytest.raises(NotFound):
        vault.ledger.get("manual-1")
    assert vault.ledger.count() == 3


def test_request_is_kept_with_the_entry(vault: Vault, scene) -> None:
    assert vault.ledger.request(scene["gp_ada"]) is None


# --- export files --------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_made_text(start: str) -> None:
    from vault.ledger import safe_cell

    assert safe_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


@pytest.mark.parametrize("text", ["", "Leeds City Council", "07700 900123", "a=b", "'quoted"])
def test_other_cells_are_left_as_they_are(text: str) -> None:
    from vault.ledger import safe_cell

    assert safe_cell(text) == text


def test_csv_rows_survive_commas_quotes_and_new_lines() -> None:
    import csv
    import io
    from dataclasses import replace

    from vault.ledger import CSV_COLUMNS, LedgerEntry, export_bytes

    entry = LedgerEntry(
        1, "pkt-1", "disclosure", 1, 1, 'Smith, "Jones" & Co\nLtd', 1, "=cmd|' /C calc'!A0",
        None, "2026-03-03T14:05:00Z", None, "email", "active", None,
        (SentField("telephone", 0, 1, "full"), SentField("birthDate", 0, 1, "over_18")),
        "Zoë Ó Briain",
    )  # fmt: skip
    (row,) = list(csv.DictReader(io.StringIO(export_bytes([entry], "csv").decode("utf-8"))))
    assert list(row) == [heading for heading, _ in CSV_COLUMNS] + ["Fields"]
    assert row["Organisation"] == 'Smith, "Jones" & Co\nLtd'
    assert row["Purpose"] == "'=cmd|' /C calc'!A0"
    assert row["Person"] == "Zoë Ó Briain"
    assert row["Reference"] == ""
    assert row["Fields"] == "telephone, birthDate (over_18)"
    data = json.loads(export_bytes([replace(entry, purpose="=x")], "json"))
    assert data[0]["purpose"] == "=x"  # JSON is data, not a spreadsheet: kept as it is
    with pytest.raises(InvalidInput) as caught:
        export_bytes([entry], "xlsx")
    assert caught.value.reason == "unknown_format"


def test_entries_carry_the_persons_name(vault: Vault, scene: dict[str, int | str]) -> None:
    names = {e.person_name for e in vault.ledger.entries()}
    assert names == {p.name for p in vault.people.all() if any(
        e.person_id == p.id for e in vault.ledger.entries())}  # fmt: skip
    assert "" not in names

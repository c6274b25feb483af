""" "Tell them once" (journey 7): who holds an old value, and one update for each of them."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from fakes import PASSPHRASE, FixedClock

from vault._crypto import KDF_FLOOR
from vault.atomic import FileOps
from vault.database import transaction
from vault.errors import DiskFull
from vault.packets.hpke import new_recipient_key
from vault.share import Selection, ShareOrder, prepare, send
from vault.updates import prepare_update, stale_disclosures, tell_them_once
from vault.vault import Environment, Vault
from vault.verify import Checks, verify_batch, verify_file

HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}
NEW_HOME = {"lines": ["9 Kirkgate"], "town": "Leeds", "postcode": "LS2 7DJ"}
NEWER_HOME = {"lines": ["3 Briggate"], "town": "Leeds", "postcode": "LS1 6HD"}


def setup(vault: Vault) -> tuple[int, dict[str, int]]:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(person, "givenName", "Ada")
    vault.profiles.set(person, "address", HOME)
    orgs = {
        name: vault.organisations.add(name, f"{name.lower()}@example.org").organisation.id
        for name in ("Surgery", "Council", "Library", "Bank")
    }
    return person, orgs


def share(vault: Vault, person: int, org: int, out: Path, *keys: str, **extra: object):
    prepared = prepare(
        vault,
        ShareOrder(
            person,
            org,
            "Keep my records up to date",
            tuple(Selection(k) for k in keys),
            reference=f"REF-{org}",
            **extra,  # type: ignore[arg-type]
        ),
    )
    return send(vault, prepared, out)


@pytest.fixture
def scene(vault: Vault, tmp_path: Path) -> tuple[int, dict[str, int], dict[str, str]]:
    person, orgs = setup(vault)
    sent = {
        "Surgery": share(vault, person, orgs["Surgery"], tmp_path, "givenName", "address"),
        "Council": share(vault, person, orgs["Council"], tmp_path, "address"),
        "Library": share(vault, person, orgs["Library"], tmp_path, "givenName"),
        "Bank": share(vault, person, orgs["Bank"], tmp_path, "address"),
    }
    vault.ledger.set_status(sent["Bank"].packet_id, "withdrawn")
    return person, orgs, {name: s.packet_id for name, s in sent.items()}


def test_stale_lists_exactly_the_holders_of_the_old_value(vault: Vault, scene) -> None:
    person, _, ids = scene
    assert stale_disclosures(vault, person, "address") == []
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    stale = stale_disclosures(vault, person, "address")
    assert sorted(e.organisation_name for e in stale) == ["Council", "Surgery"]
    assert {e.packet_id for e in stale} == {ids["Surgery"], ids["Council"]}
    # A change to another field makes nobody stale for the address.
    assert stale_disclosures(vault, person, "givenName") == []


def test_tell_them_once_updates_each_holder(
    vault: Vault, scene, tmp_path: Path, clock: FixedClock
) -> None:
    person, orgs, ids = scene
    clock.advance(hours=2)
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    updates = tell_them_once(vault, person, "address", 0, tmp_path / "updates")
    assert len(updates) == 2
    by_org = {vault.ledger.get(u.packet_id).organisation_name: u for u in updates}
    assert set(by_org) == {"Surgery", "Council"}
    for name, shared in by_org.items():
        entry = vault.ledger.get(shared.packet_id)
        assert (entry.kind, entry.status, entry.supersedes) == ("update", "active", ids[name])
        assert entry.organisation_id == orgs[name]
        assert entry.reference == f"REF-{orgs[name]}"
        assert entry.purpose == "Keep my records up to date"
        assert vault.ledger.get(ids[name]).status == "superseded"
        verdict = verify_file(
            shared.files["sd-jwt"],
            Checks(now=clock.now, audience=f"{name.lower()}@example.org", nonce=entry.reference),
        )
        assert verdict.valid, verdict
        assert verdict.packet is not None
        assert verdict.packet.claims["supersedes"] == ids[name]
        assert verdict.packet.claims["pont"]["kind"] == "update"
        assert verdict.packet.disclosed["address"]["lines"] == NEW_HOME["lines"]
        assert verdict.as_dict()["packet"]["supersedes"] == ids[name]
    # The surgery's update carries the same fields as before (now at current versions).
    surgery = vault.ledger.get(by_org["Surgery"].packet_id)
    assert [(f.key, f.version) for f in surgery.fields] == [("address", 2), ("givenName", 1)]
    # Untouched: the library (other field) and the bank (withdrawn).
    assert vault.ledger.get(ids["Library"]).status == "active"
    assert vault.ledger.get(ids["Bank"]).status == "withdrawn"
    # Nobody is stale any more.
    assert stale_disclosures(vault, person, "address") == []


def test_a_second_change_lists_the_updates_again(
    vault: Vault, scene, tmp_path: Path, clock: FixedClock
) -> None:
    person, _, _ = scene
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    first = tell_them_once(vault, person, "address", 0, tmp_path / "first")
    clock.advance(days=3)
    vault.profiles.set(person, "address", NEWER_HOME, entry=0)
    stale = stale_disclosures(vault, person, "address")
    assert {e.packet_id for e in stale} == {u.packet_id for u in first}
    second = tell_them_once(vault, person, "address", 0, tmp_path / "second")
    assert {vault.ledger.get(u.packet_id).supersedes for u in second} == {
        u.packet_id for u in first
    }
    # Verifying the whole history in one batch shows the chain.
    files = [u.files["sd-jwt"] for u in (*first, *second)]
    verdicts = verify_batch(files, Checks(now=clock.now))
    assert all(v.valid for v in verdicts)
    assert {v.superseded_by for v in verdicts[:2]} == {u.packet_id for u in second}


def test_prepare_update_shows_before_signing(vault: Vault, scene) -> None:
    person, _, ids = scene
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    stale = vault.ledger.get(ids["Council"])
    before = vault.ledger.count()
    prepared = prepare_update(vault, stale)
    assert prepared.claims == {"address": {**NEW_HOME, "country": "GB"}}
    assert prepared.public_claims["supersedes"] == ids["Council"]
    assert prepared.order.kind == "update"
    assert vault.ledger.count() == before


def test_an_update_keeps_the_original_terms(vault: Vault, tmp_path: Path) -> None:
    """BUG: the update is made with ShareOrder defaults, so its consent record says
    lawful basis "consent" and the default retention even when the original said otherwise."""
    person, orgs = setup(vault)
    original = share(
        vault,
        person,
        orgs["Council"],
        tmp_path,
        "address",
        lawful_basis="public_task",
        retention="Six years after the account closes.",
        valid_days=90,
    )
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    prepared = prepare_update(vault, vault.ledger.get(original.packet_id))
    consent = prepared.public_claims["consent"]
    assert consent["lawfulBasis"] == "public_task"
    assert consent["termination"] == "Six years after the account closes."


def test_an_update_to_an_organisation_with_a_key_is_sealed_again(
    vault: Vault, tmp_path: Path
) -> None:
    """BUG: the original went sealed to the organisation's key, the update goes as a plain
    PDF and SD-JWT: a silent downgrade (DESIGN §5: never fall back to a weaker mode)."""
    person, orgs = setup(vault)
    _, public = new_recipient_key()
    with transaction(vault._database):  # organisations.add refuses this key (test_share)
        vault.connection.execute(
            "UPDATE organisations SET public_key = ? WHERE id = ?",
            (json.dumps(public), orgs["Council"]),
        )
    original = share(vault, person, orgs["Council"], tmp_path / "a", "address", encrypt=True)
    assert set(original.files) == {"sealed", "email"}
    vault.profiles.set(person, "address", NEW_HOME, entry=0)
    (update,) = tell_them_once(vault, person, "address", 0, tmp_path / "b")
    assert set(update.files) == {"sealed", "email"}


class FailingEml(FileOps):
    """The disk fills up while the update's email draft (in folder "b") is written."""

    def replace(self, source: Path, target: Path) -> None:
        if target.suffix == ".eml" and target.parent.name == "b":
            raise OSError(errno.ENOSPC, "No space left on device")
        super().replace(source, target)


def test_a_failed_update_leaves_the_original_active(
    vault_folder: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """BUG: ``Ledger.record`` marks the original superseded; when writing the update's files
    fails ``send`` only deletes the new entry, so the original stays ``superseded`` although
    the organisation never got a replacement."""
    env = Environment(clock=clock, calibrate=lambda: KDF_FLOOR, file_ops=FailingEml())
    with Vault.open(vault_folder, PASSPHRASE, env) as failing:
        person, orgs = setup(failing)
        original = share(
            failing, person, orgs["Council"], tmp_path / "a", "address", channel="email"
        )
        failing.profiles.set(person, "address", NEW_HOME, entry=0)
        with pytest.raises(DiskFull):
            tell_them_once(failing, person, "address", 0, tmp_path / "b")
        assert failing.ledger.count() == 1
        assert failing.ledger.get(original.packet_id).status == "active"
        assert [e.packet_id for e in stale_disclosures(failing, person, "address")] == [
            original.packet_id
        ]


# -- moving house: the new address is a move, not a correction (vault.timeline) ----------


def moved_scene(vault: Vault, tmp_path: Path) -> tuple[int, dict[str, int], dict[str, str]]:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set(person, "address", {**HOME, "from": "2015-04-01"})
    orgs = {
        name: vault.organisations.add(name, f"{name.lower()}@example.org").organisation.id
        for name in ("Council", "Bank")
    }
    sent = {name: share(vault, person, org, tmp_path, "address") for name, org in orgs.items()}
    return person, orgs, {name: s.packet_id for name, s in sent.items()}


def test_moving_house_tells_each_holder_the_new_address(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    """The story that broke: set the new address the simple way (no entry), tell them once,
    and the packets the organisations receive carry the NEW address, not the old one."""
    person, _, ids = moved_scene(vault, tmp_path)
    clock.advance(days=1)
    vault.profiles.set(person, "address", NEW_HOME)  # the simplest thing: no --entry
    stale = stale_disclosures(vault, person, "address")
    assert {e.packet_id for e in stale} == set(ids.values())
    updates = tell_them_once(vault, person, "address", None, tmp_path / "moved")
    assert len(updates) == 2
    for shared in updates:
        verdict = verify_file(shared.files["sd-jwt"], Checks(now=clock.now))
        assert verdict.valid
        assert verdict.packet is not None
        received = verdict.packet.disclosed["address"]
        assert received["lines"] == NEW_HOME["lines"]
        assert received["from"] == "2026-11-22"
        assert "to" not in received
    assert stale_disclosures(vault, person, "address") == []


def test_an_address_ended_in_advance_is_not_news_until_the_move(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    person, _, _ = moved_scene(vault, tmp_path)
    vault.profiles.set(person, "address", {**NEW_HOME, "from": "2026-12-15"})
    assert stale_disclosures(vault, person, "address") == []  # they still hold where she lives
    clock.advance(days=30)  # the move day has passed
    stale = stale_disclosures(vault, person, "address")
    assert len(stale) == 2
    for holder in stale:
        assert prepare_update(vault, holder).claims["address"]["lines"] == NEW_HOME["lines"]


def test_a_past_address_sent_on_purpose_is_not_replaced_by_the_current_one(
    vault: Vault, tmp_path: Path
) -> None:
    person, orgs, _ = moved_scene(vault, tmp_path)
    vault.profiles.set(person, "address", NEW_HOME)
    past = vault.profiles.entries(person, "address")[0]
    asked = prepare(
        vault, ShareOrder(person, orgs["Bank"], "Credit check", (Selection("address", past.entry),))
    )
    credit = send(vault, asked, tmp_path / "credit")
    stale = {e.packet_id for e in stale_disclosures(vault, person, "address")}
    assert credit.packet_id not in stale


def test_attaching_evidence_is_not_a_change_anyone_must_be_told(
    vault: Vault, tmp_path: Path
) -> None:
    from vault.evidence import attach_evidence

    person, _, _ = moved_scene(vault, tmp_path)
    scan = tmp_path / "council-tax-bill.pdf"
    scan.write_bytes(b"%PDF-1.4 a council tax bill")
    evidence = attach_evidence(vault, scan, person, "address")
    assert evidence.backs is not None
    assert evidence.backs.changed
    assert stale_disclosures(vault, person, "address") == []


# -- lists: a whole list that was sent is sent again as it is now --------------------------

ACCOUNT = {"accountHolder": "Ada Lovelace", "sortCode": "12-34-56", "accountNumber": "12345678"}
NEW_ACCOUNT = {**ACCOUNT, "sortCode": "65-43-21", "accountNumber": "87654321"}


def test_a_new_bank_replacing_the_old_one_is_sent_to_whoever_had_the_old(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    person, orgs = setup(vault)
    vault.profiles.set(person, "bankAccount", ACCOUNT)
    original = share(vault, person, orgs["Council"], tmp_path, "bankAccount")
    clock.advance(days=2)
    vault.profiles.set(person, "bankAccount", NEW_ACCOUNT)  # the new bank: another entry …
    vault.profiles.remove(person, "bankAccount", 0)  # … and the old account closed
    (stale,) = stale_disclosures(vault, person, "bankAccount")
    assert stale.packet_id == original.packet_id
    (update,) = tell_them_once(vault, person, "bankAccount", None, tmp_path / "u")
    verdict = verify_file(update.files["sd-jwt"], Checks(now=clock.now))
    assert verdict.packet is not None
    assert verdict.packet.disclosed == {
        "bankAccount": {**NEW_ACCOUNT, "accountHolder": "Ada Lovelace"}
    }


def test_a_list_sent_whole_gets_its_new_entries_and_loses_removed_ones(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    person, orgs = setup(vault)
    vault.profiles.set(person, "medications", "Aspirin 75 mg")
    vault.profiles.set(person, "medications", "Atorvastatin 20 mg")
    original = share(vault, person, orgs["Surgery"], tmp_path, "medications")
    assert stale_disclosures(vault, person, "medications") == []
    clock.advance(days=1)
    vault.profiles.remove(person, "medications", 0)
    vault.profiles.set(person, "medications", "Metformin 500 mg")
    (stale,) = stale_disclosures(vault, person, "medications")
    assert stale.packet_id == original.packet_id
    claims = prepare_update(vault, stale).claims
    assert sorted(claims.values()) == ["Atorvastatin 20 mg", "Metformin 500 mg"]


def test_one_entry_of_a_list_chosen_on_purpose_stays_that_entry(
    vault: Vault, tmp_path: Path
) -> None:
    person, orgs = setup(vault)
    vault.profiles.set(person, "medications", "Aspirin 75 mg")
    vault.profiles.set(person, "medications", "Atorvastatin 20 mg")
    prepared = prepare(
        vault,
        ShareOrder(person, orgs["Surgery"], "Allergy check", (Selection("medications", 1),)),
    )
    send(vault, prepared, tmp_path)
    vault.profiles.set(person, "medications", "Metformin 500 mg")  # a new entry: not news here
    assert stale_disclosures(vault, person, "medications") == []
    vault.profiles.set(person, "medications", "Atorvastatin 40 mg", entry=1)
    (stale,) = stale_disclosures(vault, person, "medications")
    assert prepare_update(vault, stale).claims == {"medications": "Atorvastatin 40 mg"}

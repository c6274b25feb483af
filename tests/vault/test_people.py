"""People: the one owner, relatives, names, finding, and authorities."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from fakes import FixedClock

from vault.errors import InvalidInput, NotFound
from vault.people import MAX_NAME
from vault.vault import Vault


def reason_of(error: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, str]:
    return error.value.field, error.value.reason


def test_add_owner_once(vault: Vault) -> None:
    change = vault.people.add("Ada Lovelace", "owner")
    assert change.created
    assert change.person.role == "owner"
    assert vault.people.owner() == change.person
    with pytest.raises(InvalidInput) as caught:
        vault.people.add("Someone Else", "owner")
    assert reason_of(caught) == ("role", "owner_exists")
    assert [p.name for p in vault.people.all()] == ["Ada Lovelace"]


def test_no_owner_yet(vault: Vault) -> None:
    assert vault.people.owner() is None
    assert vault.people.all() == []


def test_relatives_and_order(vault: Vault, clock: FixedClock) -> None:
    mum = vault.people.add("Mary Byron").person
    clock.advance(minutes=1)
    me = vault.people.add("Ada Lovelace", "owner").person
    dad = vault.people.add("George Byron").person
    assert [p.id for p in vault.people.all()] == [me.id, mum.id, dad.id]
    assert mum.role == "relative"
    assert mum.created_at == "2026-11-21T09:30:00Z"
    assert me.created_at == "2026-11-21T09:31:00Z"
    assert len({mum.uuid, me.uuid, dad.uuid}) == 3


def test_unknown_role(vault: Vault) -> None:
    with pytest.raises(InvalidInput) as caught:
        vault.people.add("Ada", "cousin")
    assert reason_of(caught) == ("role", "unknown")


def test_name_is_cleaned(vault: Vault) -> None:
    decomposed = unicodedata.normalize("NFD", "  Zoë \t  Brontë ")
    person = vault.people.add(decomposed).person
    assert person.name == "Zoë Brontë"
    assert person.name == unicodedata.normalize("NFC", person.name)


BAD_NAMES = [
    ("", "required"),
    ("   \t", "required"),
    ("x" * (MAX_NAME + 1), "too_long"),
    ("Ada\x00Lovelace", "control_character"),
    ("Ada\x1bLovelace", "control_character"),
]


def test_bad_names(vault: Vault) -> None:
    for name, reason in BAD_NAMES:
        with pytest.raises(InvalidInput) as caught:
            vault.people.add(name)
        assert reason_of(caught) == ("name", reason)
    assert vault.people.all() == []


def test_rename(vault: Vault) -> None:
    person = vault.people.add("Mary Byron").person
    change = vault.people.rename(person.id, "Mary  Lovelace")
    assert not change.created
    assert change.person.name == "Mary Lovelace"
    assert vault.people.get(person.id).name == "Mary Lovelace"
    assert change.person.uuid == person.uuid
    with pytest.raises(NotFound):
        vault.people.rename(person.id + 100, "Nobody")
    with pytest.raises(InvalidInput):
        vault.people.rename(person.id, "")
    assert vault.people.get(person.id).name == "Mary Lovelace"


def test_get_missing(vault: Vault) -> None:
    with pytest.raises(NotFound) as caught:
        vault.people.get(42)
    assert (caught.value.what, caught.value.ident) == ("person", "42")


def test_find(vault: Vault) -> None:
    ada = vault.people.add("Ada Lovelace", "owner").person
    mary = vault.people.add("Mary Byron").person
    george = vault.people.add("George Byron").person
    assert vault.people.find(str(mary.id)) == mary
    assert vault.people.find(george.uuid) == george
    assert vault.people.find("ada lovelace") == ada
    assert vault.people.find("LOVELACE") == ada
    assert vault.people.find("Mary") == mary
    with pytest.raises(InvalidInput) as caught:
        vault.people.find("byron")
    assert caught.value.reason == "ambiguous"
    with pytest.raises(NotFound):
        vault.people.find("Charles")
    with pytest.raises(NotFound):
        vault.people.find("Lov")  # a word, not a fragment


# -- authority ---------------------------------------------------------------------------


def test_set_and_replace_authority(vault: Vault, clock: FixedClock) -> None:
    vault.people.add("Ada Lovelace", "owner")
    mum = vault.people.add("Mary Byron").person
    assert vault.people.authority(mum.id) is None
    first = vault.people.set_authority(
        mum.id,
        "lpa_property_finance",
        {"registered_on": "2024-03-01", "opg_reference": " M-1234-5678-9012 ", "notes": ""},
    )
    assert first.kind == "lpa_property_finance"
    assert first.details == {"registered_on": "2024-03-01", "opg_reference": "M-1234-5678-9012"}
    assert first.updated_at == "2026-11-21T09:30:00Z"
    clock.advance(days=1)
    second = vault.people.set_authority(mum.id, "deputy_health_welfare", {"notes": "court order"})
    assert vault.people.authority(mum.id) == second
    # Re-recording keeps every detail not named; a blank one removes it.
    assert second.details == {**first.details, "notes": "court order"}
    assert second.updated_at == "2026-11-22T09:30:00Z"
    third = vault.people.set_authority(mum.id, "deputy_health_welfare", {"opg_reference": None})
    assert third.details == {"registered_on": "2024-03-01", "notes": "court order"}


def test_re_recording_keeps_the_scan_unless_removed(vault: Vault) -> None:
    mum = vault.people.add("Mary Byron").person
    scan = vault.documents.add(io.BytesIO(b"%PDF-1.4 lpa"), "lpa.pdf", "application/pdf", mum.id)
    document = scan.attachment.document.id
    vault.people.set_authority(mum.id, "lpa_property_finance", {"opg_reference": "M-1"}, document)
    kept = vault.people.set_authority(mum.id, "lpa_property_finance", {"access_code": "V-ABCD"})
    assert (kept.document_id, kept.details) == (
        document,
        {"opg_reference": "M-1", "access_code": "V-ABCD"},
    )
    removed = vault.people.set_authority(mum.id, "lpa_property_finance", {}, None)
    assert removed.document_id is None


def test_authority_rules(vault: Vault) -> None:
    me = vault.people.add("Ada Lovelace", "owner").person
    mum = vault.people.add("Mary Byron").person
    with pytest.raises(InvalidInput) as caught:
        vault.people.set_authority(me.id, "parent", {})
    assert reason_of(caught) == ("authority", "owner_needs_none")
    with pytest.raises(InvalidInput) as caught:
        vault.people.set_authority(mum.id, "power_of_attorney_ish", {})
    assert reason_of(caught) == ("authority", "unknown_kind")
    with pytest.raises(InvalidInput) as caught:
        vault.people.set_authority(mum.id, "other", {"favourite_colour": "blue"})
    assert reason_of(caught) == ("authority.favourite_colour", "unknown")
    with pytest.raises(InvalidInput) as caught:
        vault.people.set_authority(mum.id, "other", {"notes": "x" * 2001})
    assert reason_of(caught) == ("authority.notes", "too_long")
    with pytest.raises(NotFound):
        vault.people.set_authority(mum.id + 10, "other", {})
    assert vault.people.authority(mum.id) is None


def test_authority_dates_are_validated(vault: Vault) -> None:
    mum = vault.people.add("Mary Byron").person
    for detail in ("registered_on", "access_code_expires", "activation_key_expires"):
        for bad in ("2025-02-30", "tomorrow", "31/12/25", "2025-13-01", "30/02/2025"):
            with pytest.raises(InvalidInput) as caught:
                vault.people.set_authority(mum.id, "other", {detail: bad})
            assert reason_of(caught) == (f"authority.{detail}", "not_a_date")
    assert vault.people.authority(mum.id) is None
    uk = vault.people.set_authority(mum.id, "other", {"registered_on": "14/05/2023"})
    assert uk.details == {"registered_on": "2023-05-14"}  # read one way everywhere


def test_expiring_authorities(vault: Vault) -> None:
    today = date(2026, 11, 21)
    mum = vault.people.add("Mary Byron").person
    dad = vault.people.add("George Byron").person
    aunt = vault.people.add("Augusta Leigh").person
    vault.people.add("Charles Babbage")  # no authority at all
    vault.people.set_authority(mum.id, "lpa_health_welfare", {"access_code_expires": "2026-12-01"})
    vault.people.set_authority(
        dad.id, "lpa_property_finance", {"activation_key_expires": "2026-11-01"}
    )
    vault.people.set_authority(aunt.id, "other", {"access_code_expires": "2027-06-01"})
    due = vault.people.expiring_authorities(30, today)
    assert {(p.id, d, when) for p, d, when in due} == {
        (mum.id, "access_code_expires", "2026-12-01"),
        (dad.id, "activation_key_expires", "2026-11-01"),  # already past: still reported
    }
    assert [p.id for p, _, _ in vault.people.expiring_authorities(5, today)] == [dad.id]
    assert len(vault.people.expiring_authorities(365, today)) == 3

"""Fields: validated values, every version kept, provenance, repeatable entries, search."""

from __future__ import annotations

import io

import pytest
from fakes import FixedClock

from vault.errors import InvalidInput, NotFound
from vault.model import FieldChanged
from vault.vault import Vault

ADDRESS = {"lines": ["12 St James's Square"], "town": "London", "postcode": "SW1Y 4JH"}


@pytest.fixture
def ada(vault: Vault) -> int:
    return vault.people.add("Ada Lovelace", "owner").person.id


def test_set_and_get(vault: Vault, ada: int) -> None:
    change = vault.profiles.set(ada, "familyName", "  Lovelace ")
    assert change == FieldChanged(ada, "familyName", 0, 1, None, True)
    field = vault.profiles.get(ada, "familyName")
    assert field.value == "Lovelace"
    assert field.version == 1
    assert field.provenance == "self"
    assert field.document_id is None
    assert field.updated_at == "2026-11-21T09:30:00Z"


def test_value_is_normalised(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "telephone", "07700 900123")
    assert vault.profiles.get(ada, "telephone").value == "+447700900123"


def test_invalid_value_is_refused_and_nothing_written(vault: Vault, ada: int) -> None:
    with pytest.raises(InvalidInput):
        vault.profiles.set(ada, "birthDate", "31 February")
    with pytest.raises(InvalidInput):
        vault.profiles.set(ada, "noSuchField", "x")
    assert vault.profiles.fields(ada) == []
    assert vault.profiles.history(ada, "birthDate") == []


def test_get_missing(vault: Vault, ada: int) -> None:
    with pytest.raises(NotFound) as caught:
        vault.profiles.get(ada, "familyName")
    assert caught.value.what == "field"


def test_history_and_versions(vault: Vault, ada: int, clock: FixedClock) -> None:
    vault.profiles.set(ada, "familyName", "Byron")
    clock.advance(days=1)
    change = vault.profiles.set(ada, "familyName", "King")
    assert (change.version, change.previous_version, change.changed) == (2, 1, True)
    clock.advance(days=1)
    vault.profiles.set(ada, "familyName", "Lovelace")
    history = vault.profiles.history(ada, "familyName")
    assert [(v.version, v.value) for v in history] == [(1, "Byron"), (2, "King"), (3, "Lovelace")]
    assert [v.changed_at[:10] for v in history] == ["2026-11-21", "2026-11-22", "2026-11-23"]
    assert vault.profiles.get(ada, "familyName").version == 3


def test_unchanged_value_writes_no_version(vault: Vault, ada: int, clock: FixedClock) -> None:
    vault.profiles.set(ada, "familyName", "Lovelace")
    clock.advance(days=1)
    change = vault.profiles.set(ada, "familyName", " Lovelace  ")  # same once normalised
    assert (change.changed, change.version, change.previous_version) == (False, 1, 1)
    assert len(vault.profiles.history(ada, "familyName")) == 1
    assert vault.profiles.get(ada, "familyName").updated_at == "2026-11-21T09:30:00Z"


def test_remove_and_restore(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "familyName", "Byron")
    vault.profiles.set(ada, "familyName", "Lovelace")
    removed = vault.profiles.remove(ada, "familyName")
    assert (removed.removed, removed.version, removed.previous_version) == (True, 3, 2)
    with pytest.raises(NotFound):
        vault.profiles.get(ada, "familyName")
    assert vault.profiles.history(ada, "familyName")[-1].value is None
    assert vault.profiles.search("Lovelace") == []

    restored = vault.profiles.restore(ada, "familyName", 0, 1)
    assert (restored.version, restored.previous_version) == (4, None)
    assert vault.profiles.get(ada, "familyName").value == "Byron"
    assert [v.value for v in vault.profiles.history(ada, "familyName")] == [
        "Byron",
        "Lovelace",
        None,
        "Byron",
    ]
    assert [h.key for h in vault.profiles.search("Byron")] == ["familyName"]


def test_remove_missing_and_restore_impossible(vault: Vault, ada: int) -> None:
    with pytest.raises(NotFound):
        vault.profiles.remove(ada, "familyName")
    vault.profiles.set(ada, "familyName", "Byron")
    vault.profiles.remove(ada, "familyName")
    with pytest.raises(NotFound):
        vault.profiles.restore(ada, "familyName", 0, 2)  # the removal itself
    with pytest.raises(NotFound):
        vault.profiles.restore(ada, "familyName", 0, 9)


def test_erase_removes_every_version(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "familyName", "Byron")
    vault.profiles.set(ada, "familyName", "Lovelace")
    vault.profiles.set(ada, "givenName", "Augusta")
    assert vault.profiles.erase(ada, "familyName") == 2
    assert vault.profiles.history(ada, "familyName") == []
    assert [f.key for f in vault.profiles.fields(ada)] == ["givenName"]
    assert vault.profiles.search("Byron") == []
    assert vault.profiles.search("Lovelace") == []
    assert vault.profiles.erase(ada, "familyName") == 0


def test_repeatable_entries(vault: Vault, ada: int) -> None:
    first = vault.profiles.set(ada, "medications", "Laudanum")
    second = vault.profiles.set(ada, "medications", "Willow bark")
    assert (first.entry, second.entry) == (0, 1)
    assert [f.value for f in vault.profiles.entries(ada, "medications")] == [
        "Laudanum",
        "Willow bark",
    ]
    vault.profiles.set(ada, "medications", "Opium tincture", entry=0)
    assert vault.profiles.get(ada, "medications", 0).version == 2
    vault.profiles.remove(ada, "medications", 1)
    # a removed entry's number is not reused: its history stays its own
    third = vault.profiles.set(ada, "medications", "Camomile")
    assert third.entry == 2
    assert [f.entry for f in vault.profiles.entries(ada, "medications")] == [0, 2]
    assert vault.profiles.history(ada, "medications", 1)[0].value == "Willow bark"


def test_structured_repeatable(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "address", {**ADDRESS, "from": "2020-01-01"})
    vault.profiles.set(ada, "address", {**ADDRESS, "town": "Ockham", "postcode": "GU23 6NR"})
    towns = [f.value["town"] for f in vault.profiles.entries(ada, "address")]
    assert towns == ["London", "Ockham"]
    hits = vault.profiles.search("ockham")
    assert [(h.key, h.entry) for h in hits] == [("address", 1)]


def test_single_field_has_one_entry(vault: Vault, ada: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        vault.profiles.set(ada, "familyName", "Lovelace", entry=1)
    assert (caught.value.field, caught.value.reason) == ("familyName", "not_repeatable")
    assert vault.profiles.fields(ada) == []


def test_provenance(vault: Vault, ada: int) -> None:
    document = vault.documents.add(
        io.BytesIO(b"%PDF-1.4 passport scan"), "passport.pdf", "application/pdf", ada
    ).attachment.document
    vault.profiles.set(ada, "familyName", "Lovelace")
    with pytest.raises(InvalidInput) as caught:
        vault.profiles.set(ada, "familyName", "Lovelace", provenance="document")
    assert caught.value.reason == "document_missing"
    with pytest.raises(InvalidInput) as caught:
        vault.profiles.set(ada, "familyName", "Lovelace", provenance="rumour")
    assert caught.value.reason == "unknown"
    # same value, now backed by a document: that is a change worth a version
    change = vault.profiles.set(
        ada, "familyName", "Lovelace", provenance="document", document_id=document.id
    )
    assert change.changed
    assert change.version == 2
    field = vault.profiles.get(ada, "familyName")
    assert (field.provenance, field.document_id) == ("document", document.id)
    assert [v.provenance for v in vault.profiles.history(ada, "familyName")] == [
        "self",
        "document",
    ]
    vault.profiles.set(ada, "familyName", "King", provenance="third_party")
    restored = vault.profiles.restore(ada, "familyName", 0, 2)
    assert restored.version == 4
    field = vault.profiles.get(ada, "familyName")
    assert (field.value, field.provenance, field.document_id) == (
        "Lovelace",
        "document",
        document.id,
    )


def test_set_many(vault: Vault, ada: int) -> None:
    changes = vault.profiles.set_many(ada, {"givenName": "Augusta Ada", "familyName": "King"})
    assert [c.key for c in changes] == ["givenName", "familyName"]
    assert {f.key: f.value for f in vault.profiles.fields(ada)} == {
        "familyName": "King",
        "givenName": "Augusta Ada",
    }


def test_set_many_is_all_or_nothing(vault: Vault, ada: int) -> None:
    with pytest.raises(InvalidInput):
        vault.profiles.set_many(ada, {"givenName": "Augusta", "birthDate": "not a date"})
    assert vault.profiles.fields(ada) == []


def test_fields_are_per_person(vault: Vault, ada: int) -> None:
    mum = vault.people.add("Anne Isabella Milbanke").person.id
    vault.profiles.set(ada, "familyName", "Lovelace")
    vault.profiles.set(mum, "familyName", "Byron")
    assert [f.value for f in vault.profiles.fields(ada)] == ["Lovelace"]
    assert [f.value for f in vault.profiles.fields(mum)] == ["Byron"]
    assert [h.person_id for h in vault.profiles.search("byron")] == [mum]
    assert vault.profiles.search("byron", person_id=ada) == []


# -- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(vault: Vault, ada: int) -> int:
    vault.profiles.set(ada, "givenName", "Zoë")
    vault.profiles.set(ada, "familyName", "Lovelace")
    vault.profiles.set(ada, "medications", "Paracetamol 500mg")
    vault.profiles.set(ada, "custom:Library card", "Bodleian reader 1843")
    return ada


SEARCHES = [
    ("Lovelace", {"familyName"}),
    ("lov", {"familyName"}),
    ("LOVE", {"familyName"}),
    ("Zoe", {"givenName"}),
    ("zoë", {"givenName"}),
    ("ZOË", {"givenName"}),
    ("para 500", {"medications"}),
    ("bodleian 1843", {"custom:Library card"}),
    ("para lovelace", set()),
    ("velace", set()),
    ("", set()),
    ("   ", set()),
]

HOSTILE = [
    '"AND OR NEAR(',
    "NOT",
    "a OR b",
    "*",
    "-",
    "^lov",
    "lov*",
    "familyName:Lovelace",
    '"',
    '""',
    "(",
    ")",
    "{x}",
    "NEAR(a b, 3)",
    "'",
    ";DROP TABLE fields;--",
    "+",
]


def test_search(vault: Vault, searchable: int) -> None:
    for text, keys in SEARCHES:
        assert {h.key for h in vault.profiles.search(text)} == keys, text


def test_search_syntax_in_user_text_is_harmless(vault: Vault, searchable: int) -> None:
    for text in HOSTILE:
        vault.profiles.search(text)  # must not raise
    assert {h.key for h in vault.profiles.search("lovelace")} == {"familyName"}
    assert vault.profiles.fields(searchable) != []


def test_search_with_control_characters_is_harmless(vault: Vault, searchable: int) -> None:
    # Pasted text can carry a NUL or other control characters; they are not FTS syntax.
    for text in ("\x00", "love\x00lace", "lov\x00", "\x1b[0m"):
        vault.profiles.search(text)  # must not raise


def test_search_words_with_syntax_still_match(vault: Vault, searchable: int) -> None:
    assert {h.key for h in vault.profiles.search('"Lovelace"')} == {"familyName"}
    assert {h.key for h in vault.profiles.search("lovelace*")} == {"familyName"}
    assert {h.key for h in vault.profiles.search("Lovelace AND")} == set()


def test_search_limit(vault: Vault, ada: int) -> None:
    for number in range(5):
        vault.profiles.set(ada, "medications", f"Tablet {number}")
    assert len(vault.profiles.search("tablet")) == 5
    assert len(vault.profiles.search("tablet", limit=2)) == 2


def test_search_sees_only_current_values(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "familyName", "Byron")
    vault.profiles.set(ada, "familyName", "Lovelace")
    assert vault.profiles.search("byron") == []
    (hit,) = vault.profiles.search("lovelace")
    assert (hit.person_id, hit.key, hit.entry, hit.text) == (ada, "familyName", 0, "Lovelace")

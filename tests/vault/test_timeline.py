"""A person's details over time (``vault.timeline``): current entries, moves, staleness.

The rule is tested on the pure functions and through ``Profiles.set`` on a real vault; the
journeys that depend on it (share sends the current address, tell them once sends the new
one) are in ``test_updates.py`` and ``tests/stories/``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import FixedClock

from vault.catalogue import load_catalogue
from vault.errors import InvalidInput
from vault.model import Field
from vault.timeline import current_entries, current_entry, is_current, move, same_place
from vault.vault import Vault

TODAY = dt.date(2026, 11, 21)  # the test clock's day (tests/fakes.py)
YORK = {"lines": ["7 Micklegate"], "town": "York", "postcode": "YO1 6JX"}
LEEDS = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}


def entry(number: int, value: object) -> Field:
    return Field(1, "address", number, value, 1, "self", None, "2026-01-01T00:00:00Z")


@pytest.mark.parametrize(
    ("value", "current"),
    [
        ({}, True),
        ({"from": "2026-11-21"}, True),  # starts today
        ({"from": "2026-11-22"}, False),  # starts tomorrow: a move recorded in advance
        ({"to": "2026-11-21"}, True),  # today is the last day there
        ({"to": "2026-11-20"}, False),  # ended yesterday
        ({"from": "2020-01-01", "to": "2030-01-01"}, True),
        ("not dated", True),
    ],
)
def test_is_current(value: object, current: bool) -> None:
    assert is_current(value, TODAY) is current


def test_current_entry_is_the_latest_start_that_holds() -> None:
    entries = [
        entry(0, {**YORK, "from": "2010-01-01", "to": "2019-12-31"}),
        entry(1, {**LEEDS, "from": "2020-01-01"}),
        entry(2, {**YORK, "from": "2015-01-01"}),  # overlapping legacy data: older start
        entry(3, {**LEEDS, "from": "2027-01-01"}),  # not yet
    ]
    assert current_entry(entries, TODAY) == entries[1]
    assert current_entry(entries[:1], TODAY) is None


def test_current_entries_by_kind_of_field() -> None:
    catalogue = load_catalogue()
    medicines = [entry(0, "aspirin"), entry(1, "statin")]
    assert current_entries(catalogue.get("medications"), medicines, TODAY) == medicines
    single = [entry(0, "Ada")]
    assert current_entries(catalogue.get("givenName"), single, TODAY) == single
    homes = [entry(0, {**YORK, "to": "2019-12-31"}), entry(1, {**LEEDS, "from": "2020-01-01"})]
    assert current_entries(catalogue.get("address"), homes, TODAY) == homes[1:]


def test_a_move_ends_the_current_entry_the_day_before() -> None:
    plan = move(entry(0, {**YORK, "from": "2015-04-01"}), {**LEEDS, "from": "2026-12-01"}, TODAY)
    assert plan.entry is None  # a new entry
    assert plan.value == {**LEEDS, "from": "2026-12-01"}
    assert plan.ended is not None
    assert plan.ended.entry == 0
    assert plan.ended_value == {**YORK, "from": "2015-04-01", "to": "2026-11-30"}


def test_a_move_without_a_date_starts_today() -> None:
    plan = move(entry(0, {**YORK, "from": "2015-04-01"}), LEEDS, TODAY)
    assert plan.value["from"] == "2026-11-21"
    assert plan.ended_value is not None
    assert plan.ended_value["to"] == "2026-11-20"


def test_first_address_and_past_addresses_end_nothing() -> None:
    first = move(None, LEEDS, TODAY)
    assert (first.entry, first.value, first.ended) == (None, LEEDS, None)  # no date invented
    past = {**YORK, "from": "2001-01-01", "to": "2005-01-01"}
    plan = move(entry(0, {**LEEDS, "from": "2020-01-01"}), past, TODAY)
    assert (plan.entry, plan.value, plan.ended) == (None, past, None)


def test_same_place_or_same_start_corrects_the_current_entry() -> None:
    current = entry(3, {**LEEDS, "from": "2020-01-01"})
    assert move(current, LEEDS, TODAY).entry == 3
    fixed = {**LEEDS, "lines": ["1a Park Row"], "from": "2020-01-01"}
    assert move(current, fixed, TODAY) == type(move(current, fixed, TODAY))(3, fixed)


def test_a_move_before_the_current_start_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        move(entry(0, {**LEEDS, "from": "2020-01-01"}), {**YORK, "from": "2019-01-01"}, TODAY)
    assert (caught.value.field, caught.value.reason) == ("address.from", "starts_before_current")
    assert caught.value.detail == "2020-01-01"


def test_same_place_leaves_out_when() -> None:
    assert same_place({**LEEDS, "from": "2020-01-01"}, {**LEEDS, "to": "2030-01-01"})
    assert not same_place(LEEDS, YORK)


# -- through the vault -----------------------------------------------------------------


@pytest.fixture
def ada(vault: Vault) -> int:
    return vault.people.add("Ada Lovelace", "owner").person.id


def test_setting_a_new_address_is_a_move(vault: Vault, ada: int, clock: FixedClock) -> None:
    vault.profiles.set(ada, "address", {**YORK, "from": "2015-04-01"})
    clock.advance(days=3)
    change = vault.profiles.set(ada, "address", LEEDS)
    assert (change.entry, change.ended) == (1, 0)
    old, new = vault.profiles.entries(ada, "address")
    assert old.value["to"] == "2026-11-23"
    assert old.version == 2
    assert new.value["from"] == "2026-11-24"
    assert vault.profiles.current(ada, "address") == [new]
    # the old entry's history still holds the address as it was sent before the move
    assert [v.value.get("to") for v in vault.profiles.history(ada, "address", 0)] == [
        None,
        "2026-11-23",
    ]


def test_naming_an_entry_corrects_it_without_a_move(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "address", {**YORK, "from": "2015-04-01"})
    change = vault.profiles.set(ada, "address", {**YORK, "lines": ["8 Micklegate"]}, entry=0)
    assert (change.entry, change.version, change.ended) == (0, 2, None)
    assert len(vault.profiles.entries(ada, "address")) == 1


def test_a_refused_move_changes_nothing(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "address", {**LEEDS, "from": "2020-01-01"})
    before = vault.profiles.entries(ada, "address")
    with pytest.raises(InvalidInput):
        vault.profiles.set(ada, "address", {**YORK, "from": "2019-01-01"})
    assert vault.profiles.entries(ada, "address") == before


def test_lists_add_and_singles_replace(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "medications", "aspirin")
    vault.profiles.set(ada, "medications", "statin")
    assert [f.value for f in vault.profiles.current(ada, "medications")] == ["aspirin", "statin"]
    vault.profiles.set(ada, "telephone", "07700 900123")
    vault.profiles.set(ada, "telephone", "07700 900456")
    assert [f.value for f in vault.profiles.current(ada, "telephone")] == ["+447700900456"]

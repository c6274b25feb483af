"""Claim names read back as fields: the mapping packets and confirmations share."""

from __future__ import annotations

import pytest

from vault.claims import parse_claim_name
from vault.errors import InvalidInput


@pytest.mark.parametrize(
    ("name", "key", "form", "entry", "credential_name"),
    [
        ("birthDate", "birthDate", "full", None, "birthDate"),
        ("birthDate_over_18", "birthDate", "over_18", None, "birthDate_over_18"),
        ("address_1", "address", "full", 1, "address"),
        (
            "address_postcode_district",
            "address",
            "postcode_district",
            None,
            "address_postcode_district",
        ),
        (
            "address_postcode_district_2",
            "address",
            "postcode_district",
            2,
            "address_postcode_district",
        ),
        ("custom:Library card", "custom:Library card", "full", None, "custom:Library card"),
    ],
)
def test_claim_names(
    name: str, key: str, form: str, entry: int | None, credential_name: str
) -> None:
    ref = parse_claim_name(name)
    assert (ref.key, ref.form, ref.entry, ref.credential_name) == (
        key,
        form,
        entry,
        credential_name,
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("given_name", "unknown_claim"),
        ("birthDate_1", "unknown_claim"),  # not repeatable: no second entry
        ("address_0", "unknown_claim"),  # entry 0 never has a suffix
        ("birthDate_over_99", "unknown_claim"),
        ("householdMembers_count", "whole_field_form"),
        ("custom:", "unknown_claim"),
    ],
)
def test_names_that_are_no_field(name: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_claim_name(name)
    assert caught.value.reason == reason

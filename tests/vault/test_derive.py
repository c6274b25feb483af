"""Less revealing forms: every form the catalogue names is computed, at its boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vault.catalogue import FieldSpec, load_catalogue
from vault.derive import AGE_BANDS, REASONS, age_band, age_on, derive, forms, postcode_district
from vault.errors import InvalidInput
from vault.validate import check_postcode

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 11, 21)


def spec(key: str) -> FieldSpec:
    return CATALOGUE.get(key)


def refused(key: str, value: object, form: str, today: dt.date = TODAY) -> str:
    with pytest.raises(InvalidInput) as caught:
        derive(spec(key), value, form, today)
    assert caught.value.field == key
    assert caught.value.reason in REASONS
    return caught.value.reason


def address(postcode: str | None = "LS1 4AP", **parts: object) -> dict[str, object]:
    value: dict[str, object] = {"lines": ["1 Park Row"], "town": "Leeds", **parts}
    if postcode is not None:
        value["postcode"] = postcode
    return value


# --- the catalogue and this module agree --------------------------------------------------------


def test_every_catalogue_form_is_implemented() -> None:
    named = {form for field in CATALOGUE for form in field.derived_forms}
    assert named == forms()


def test_unknown_form_refused() -> None:
    assert refused("birthDate", "2000-01-01", "over_21") == "unknown_form"
    assert refused("email", "a@b.uk", "last_4_digits") == "unknown_form"  # not offered for email
    assert refused("address", address(), "over_18") == "unknown_form"


# --- ages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "today", "over_18"),
    [
        ("2008-11-21", TODAY, True),  # 18th birthday today
        ("2008-11-22", TODAY, False),  # tomorrow
        ("2008-11-20", TODAY, True),
        ("2008-02-29", dt.date(2026, 2, 28), False),  # leapling, common year: not until 1 March
        ("2008-02-29", dt.date(2026, 3, 1), True),
        ("2008-02-29", dt.date(2028, 2, 28), True),  # turned 18 on 1 March 2026
        ("2010-02-28", dt.date(2028, 2, 28), True),
        ("2010-03-01", dt.date(2028, 2, 29), False),
    ],
)
def test_over_18_boundaries(birth: str, today: dt.date, over_18: bool) -> None:
    assert derive(spec("birthDate"), birth, "over_18", today) is over_18


def test_leapling_in_a_leap_year_comes_of_age_on_29_february() -> None:
    assert derive(spec("birthDate"), "2012-02-29", "over_16", dt.date(2028, 2, 28)) is False
    assert derive(spec("birthDate"), "2012-02-29", "over_16", dt.date(2028, 2, 29)) is True


def test_over_16_and_over_65() -> None:
    assert derive(spec("birthDate"), "2010-11-21", "over_16", TODAY) is True
    assert derive(spec("birthDate"), "2010-11-22", "over_16", TODAY) is False
    assert derive(spec("birthDate"), "1961-11-21", "over_65", TODAY) is True
    assert derive(spec("birthDate"), "1961-11-22", "over_65", TODAY) is False


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        ("2008-11-22", "under 18"),
        ("2008-11-21", "18–24"),
        ("2001-11-22", "18–24"),
        ("2001-11-21", "25–34"),
        ("1982-06-01", "35–44"),
        ("1951-11-22", "65–74"),
        ("1951-11-21", "75 and over"),
        ("1920-01-01", "75 and over"),
        ("2026-11-21", "under 18"),  # born today
    ],
)
def test_age_band(birth: str, band: str) -> None:
    assert derive(spec("birthDate"), birth, "age_band", TODAY) == band


def test_age_bands_cover_every_age_once() -> None:
    for age in range(0, 130):
        matching = [b for b in AGE_BANDS if age >= b[0] and (b[1] is None or age <= b[1])]
        assert len(matching) == 1, age
    with pytest.raises(ValueError, match="negative"):
        age_band(-1)


def test_birth_year() -> None:
    assert derive(spec("birthDate"), "1990-12-31", "birth_year", TODAY) == 1990


def test_birth_in_the_future_or_malformed() -> None:
    assert refused("birthDate", "2026-11-22", "over_18") == "not_derivable"
    assert refused("birthDate", "21/11/1990", "over_18") == "bad_type"
    assert refused("birthDate", 1990, "birth_year") == "bad_type"
    assert refused("birthDate", ["1990-01-01"], "over_18") == "bad_type"  # not repeatable


@given(st.dates(max_value=dt.date(2100, 1, 1)), st.dates(max_value=dt.date(2100, 1, 1)))
def test_age_is_whole_years_since_birth(birth: dt.date, today: dt.date) -> None:
    if birth > today:
        return
    age = age_on(birth, today)
    assert age >= 0
    # Reached this age (anniversary on or before today), not yet the next one.
    assert _anniversary(birth, birth.year + age) <= today
    assert _anniversary(birth, birth.year + age + 1) > today


def _anniversary(birth: dt.date, year: int) -> dt.date:
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year: 1 March
        return dt.date(year, 3, 1)


# --- addresses ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("W1A 1AA", "W1A"),
        ("EC1A 1BB", "EC1A"),
        ("LS1 4AP", "LS1"),
        ("M1 1AE", "M1"),
        ("B33 8TH", "B33"),
        ("CR2 6XH", "CR2"),
        ("DN55 1PT", "DN55"),
        ("SW1A 2AA", "SW1A"),
        ("GIR 0AA", "GIR"),
    ],
)
def test_postcode_district(postcode: str, district: str) -> None:
    assert derive(spec("address"), address(postcode), "postcode_district", TODAY) == district


def test_postcode_district_tolerates_a_missing_space() -> None:
    assert postcode_district("ec1a1bb") == "EC1A"


@given(st.from_regex(r"[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}", fullmatch=True))
def test_postcode_district_is_the_outward_code(postcode: str) -> None:
    try:
        canonical = check_postcode(postcode)
    except InvalidInput:
        return
    assert postcode_district(canonical) == canonical.split(" ")[0]


def test_other_address_forms() -> None:
    home = address("LS1 4AP", county="West Yorkshire")
    assert derive(spec("address"), home, "postcode_only", TODAY) == "LS1 4AP"
    assert derive(spec("address"), home, "town_only", TODAY) == "Leeds"
    assert derive(spec("address"), home, "country_only", TODAY) == "GB"
    abroad = address("75001", country="FR")
    assert derive(spec("address"), abroad, "country_only", TODAY) == "FR"
    assert derive(spec("address"), abroad, "town_only", TODAY) == "Leeds"
    assert derive(spec("correspondenceAddress"), home, "postcode_district", TODAY) == "LS1"


def test_postcode_forms_need_a_uk_postcode() -> None:
    assert refused("address", address("75001", country="FR"), "postcode_district") == (
        "not_derivable"
    )
    assert refused("address", address(None), "postcode_only") == "not_derivable"
    assert refused("address", "1 Park Row, Leeds", "town_only") == "bad_type"


def test_address_history_gives_one_result_per_address() -> None:
    history = [address("LS1 4AP", to="2020-01-01"), address("EC1A 1BB")]
    assert derive(spec("address"), history, "postcode_district", TODAY) == ["LS1", "EC1A"]


# --- numbers and names --------------------------------------------------------------------------


def test_last_digits() -> None:
    assert derive(spec("telephone"), "+447700900123", "last_4_digits", TODAY) == "0123"
    assert derive(spec("homeTelephone"), "+441134960000", "last_4_digits", TODAY) == "0000"
    assert derive(spec("nhsNumber"), "9434765919", "last_4_digits", TODAY) == "5919"
    account = {"accountHolder": "A N Other", "sortCode": "12-34-56", "accountNumber": "00123456"}
    assert derive(spec("bankAccount"), account, "last_4_digits", TODAY) == "3456"
    assert derive(spec("bankAccount"), [account], "last_4_digits", TODAY) == ["3456"]


def test_last_characters_of_ni_number() -> None:
    assert derive(spec("nationalInsuranceNumber"), "QQ123456C", "last_4_characters", TODAY) == (
        "456C"
    )


def test_too_short_to_mask() -> None:
    assert refused("telephone", "+44", "last_4_digits") == "not_derivable"
    assert refused("nationalInsuranceNumber", "QQ1", "last_4_characters") == "not_derivable"
    assert refused("bankAccount", {"accountHolder": "X"}, "last_4_digits") == "bad_type"


def test_bank_name_only() -> None:
    account = {"accountHolder": "X", "sortCode": "12-34-56", "accountNumber": "12345678"}
    assert refused("bankAccount", account, "bank_name_only") == "not_derivable"
    named = {**account, "bankName": "Co-operative Bank"}
    assert derive(spec("bankAccount"), named, "bank_name_only", TODAY) == "Co-operative Bank"


def test_initial() -> None:
    assert derive(spec("givenName"), "ada", "initial", TODAY) == "A"
    assert derive(spec("givenName"), "Łucja", "initial", TODAY) == "Ł"
    assert refused("givenName", "   ", "initial") == "not_derivable"


@pytest.mark.parametrize(
    ("nationalities", "answer"),
    [
        (["British"], True),
        (["French", "Irish"], True),
        (["british citizen"], True),
        (["U.K."], True),
        (["Northern-Irish"], True),
        (["French"], False),
        (["Brazilian", "Portuguese"], False),
        ([], False),
    ],
)
def test_uk_or_irish(nationalities: list[str], answer: bool) -> None:
    assert derive(spec("nationality"), nationalities, "uk_or_irish", TODAY) is answer


def test_uk_or_irish_of_one_item() -> None:
    assert derive(spec("nationality"), "Irish", "uk_or_irish", TODAY) is True


# --- aggregates -----------------------------------------------------------------------------------


def test_has_any() -> None:
    assert derive(spec("medicalConditions"), ["Asthma"], "has_any", TODAY) is True
    assert derive(spec("allergies"), [], "has_any", TODAY) is False
    assert refused("allergies", "Peanuts", "has_any") == "bad_type"


def test_counts() -> None:
    members = [
        {"name": "Sam", "birthDate": "2008-11-21"},  # 18 today
        {"name": "Kit", "birthDate": "2008-11-22"},  # 18 tomorrow
        {"name": "Jo", "birthDate": "1970-01-01"},
    ]
    assert derive(spec("householdMembers"), members, "count", TODAY) == 3
    assert derive(spec("householdMembers"), members, "count_adults", TODAY) == 2
    assert derive(spec("householdMembers"), [], "count_adults", TODAY) == 0
    assert derive(spec("dependants"), members[:1], "count", TODAY) == 1


def test_count_adults_needs_every_birth_date() -> None:
    members = [{"name": "Sam", "birthDate": "1990-01-01"}, {"name": "Lodger"}]
    assert refused("householdMembers", members, "count_adults") == "not_derivable"

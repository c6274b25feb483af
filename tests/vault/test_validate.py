"""Value validation: each type accepts what people type and stores one canonical spelling."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vault import validate
from vault.catalogue import FieldSpec, load_catalogue
from vault.errors import InvalidInput
from vault.validate import (
    LONG_TEXT_MAX,
    REASONS,
    STRUCTURED_TYPES,
    TEXT_MAX,
    JSONValue,
    normalise,
    normalise_items,
)

CATALOGUE = load_catalogue()
TODAY = dt.date(2025, 6, 15)


def spec(key: str) -> FieldSpec:
    return CATALOGUE.spec_for(key)


def rejects(reason: str, call: Callable[[], object], field: str | None = None) -> InvalidInput:
    """Assert ``call`` raises InvalidInput with ``reason`` (a documented code) and ``field``."""
    assert reason in REASONS
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.reason == reason, caught.value
    if field is not None:
        assert caught.value.field == field
    return caught.value


def outcome(call: Callable[[], JSONValue]) -> JSONValue | InvalidInput:
    """The result of ``call``, or the InvalidInput it raised."""
    try:
        return call()
    except InvalidInput as error:
        return error


def nhs_check_digit(first_nine: str) -> int:
    """Independent re-statement of the NHS modulus 11 rule (10 means "never issued")."""
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(first_nine)) % 11
    return 0 if remainder == 0 else 11 - remainder


# --- text -----------------------------------------------------------------------------------


def test_text_is_trimmed_and_nfc() -> None:
    assert normalise(spec("givenName"), "  Zoe\u0301 ") == "Zo\u00e9"


@pytest.mark.parametrize("bad", ["\x00", "a\tb", "a\nb", "\x7f", "abc\u202edef", "a\u2028b"])
def test_text_rejects_control_characters(bad: str) -> None:
    rejects("control_character", lambda: normalise(spec("givenName"), bad), "givenName")


def test_text_length_limit() -> None:
    assert normalise(spec("jobTitle"), "x" * TEXT_MAX) == "x" * TEXT_MAX
    rejects("too_long", lambda: normalise(spec("jobTitle"), "x" * (TEXT_MAX + 1)))


@pytest.mark.parametrize("blank", ["", "   ", "\u3000"])
def test_empty_is_required(blank: str) -> None:
    rejects("required", lambda: normalise(spec("familyName"), blank), "familyName")


def test_text_must_be_a_string() -> None:
    rejects("bad_type", lambda: normalise(spec("familyName"), 7))
    rejects("bad_type", lambda: normalise(spec("familyName"), None))


def test_long_text_keeps_lines_and_unifies_newlines() -> None:
    value = normalise(spec("accessNeeds"), "Large print\r\n\tand a hearing loop\rplease\n")
    assert value == "Large print\n\tand a hearing loop\nplease"
    assert normalise(spec("accessNeeds"), "x" * LONG_TEXT_MAX) == "x" * LONG_TEXT_MAX
    rejects("too_long", lambda: normalise(spec("accessNeeds"), "x" * (LONG_TEXT_MAX + 1)))
    rejects("control_character", lambda: normalise(spec("accessNeeds"), "bell\x07"))


def test_custom_fields_are_text() -> None:
    assert normalise(spec("custom:library_card"), " LC-0042 ") == "LC-0042"
    rejects("control_character", lambda: normalise(spec("custom:library_card"), "a\nb"))


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("1970-01-31", "1970-01-31"),
        ("31/01/1970", "1970-01-31"),
        ("1/2/2000", "2000-02-01"),
        (" 29/02/2024 ", "2024-02-29"),
    ],
)
def test_dates(typed: str, canonical: str) -> None:
    assert normalise(spec("birthDate"), typed, today=TODAY) == canonical


@pytest.mark.parametrize(
    "bad",
    ["31/02/2020", "2023-02-29", "2020-13-01", "2020-1-1", "01/01/70", "tomorrow", "0000-01-01"],
)
def test_impossible_dates(bad: str) -> None:
    rejects("not_a_date", lambda: normalise(spec("birthDate"), bad, today=TODAY))


def test_birth_date_not_in_future() -> None:
    assert normalise(spec("birthDate"), "2025-06-15", today=TODAY) == "2025-06-15"
    rejects("in_future", lambda: normalise(spec("birthDate"), "16/06/2025", today=TODAY))
    assert normalise(spec("passportExpiryDate"), "2030-01-01", today=TODAY) == "2030-01-01"


def test_date_objects_accepted_but_not_datetimes() -> None:
    assert normalise(spec("birthDate"), dt.date(1980, 5, 4), today=TODAY) == "1980-05-04"
    moment = dt.datetime(1980, 5, 4, 12, 0)
    rejects("bad_type", lambda: normalise(spec("birthDate"), moment, today=TODAY))


# --- email and phone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Jo.Bloggs@Example.CO.UK", "Jo.Bloggs@example.co.uk"),
        (" jo+pont@mail.example.org ", "jo+pont@mail.example.org"),
        ("o'neil@xn--bcher-kva.example", "o'neil@xn--bcher-kva.example"),
        ("ana@BÜCHER.example", "ana@bücher.example"),
    ],
)
def test_emails(typed: str, canonical: str) -> None:
    assert normalise(spec("email"), typed) == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "jo",
        "jo@",
        "@example.com",
        "jo@example",
        "jo bloggs@example.com",
        "jo..b@example.com",
        ".jo@example.com",
        "jo@-example.com",
        "jo@example..com",
        "jo@192.168.0.1",
        "jo@exa mple.com",
        "jo@example.com>",
        "a" * 65 + "@example.com",
    ],
)
def test_bad_emails(bad: str) -> None:
    rejects("format", lambda: normalise(spec("email"), bad), "email")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("07700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("(020) 7946 0958", "+442079460958"),
        ("0800 123 456", "+44800123456"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+1 (555) 010-9999", "+15550109999"),
    ],
)
def test_phones(typed: str, canonical: str) -> None:
    assert normalise(spec("telephone"), typed) == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "7700 900123",
        "07700 9001",
        "07700 9001234567",
        "04700 900123",
        "+0 123 4567 89",
        "+1234567",
        "+1 2345 6789 0123 456",
        "0770O 900123",
        "+44",
    ],
)
def test_bad_phones(bad: str) -> None:
    rejects("format", lambda: normalise(spec("telephone"), bad))


# --- postcodes and addresses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        (" ec1a  1bb ", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("m1 1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcodes(typed: str, canonical: str) -> None:
    assert validate.check_postcode(typed) == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "SW1A",
        "12345",
        "SW1A 1AAA",
        "QA1 1AA",  # Q never starts a postcode
        "AI1 1AA",  # I never second
        "W1 1CA",  # C never in the inward code
        "A1I 1AA",  # I never third in A9A
        "EC1Z 1AA",  # Z never fourth in AA9A
        "SW1A-1AA",
        "GIR 0AB",
    ],
)
def test_bad_postcodes(bad: str) -> None:
    rejects("format", lambda: validate.check_postcode(bad))


def address(**parts: object) -> dict[str, object]:
    value: dict[str, object] = {"lines": ["10 Downing Street"], "town": "London"}
    value["postcode"] = "sw1a 2aa"
    value.update(parts)
    return {k: v for k, v in value.items() if v is not ...}


def test_address_normalised() -> None:
    value = normalise(
        spec("address"),
        address(lines=[" Flat 2 ", "", "10 High St "], county=" ", to=None, **{"from": "1/4/2019"}),
    )
    assert value == {
        "lines": ["Flat 2", "10 High St"],
        "town": "London",
        "postcode": "SW1A 2AA",
        "country": "GB",
        "from": "2019-04-01",
    }


def test_address_lines_may_be_one_string() -> None:
    value = normalise(spec("address"), address(lines="Flat 2\n10 High St\n"))
    assert isinstance(value, dict)
    assert value["lines"] == ["Flat 2", "10 High St"]


@pytest.mark.parametrize(
    ("parts", "reason", "field"),
    [
        ({"lines": []}, "required", "address.lines"),
        ({"lines": ["", " "]}, "required", "address.lines"),
        ({"lines": ["1", "2", "3", "4", "5"]}, "too_many", "address.lines"),
        ({"lines": [1]}, "bad_type", "address.lines"),
        ({"town": ""}, "required", "address.town"),
        ({"postcode": ...}, "required", "address.postcode"),
        ({"postcode": "SW1A"}, "format", "address.postcode"),
        ({"country": "GBR"}, "format", "address.country"),
        ({"from": "2020-01-01", "to": "2019-12-31"}, "date_order", "address.to"),
        ({"to": "31/02/2020"}, "not_a_date", "address.to"),
        ({"flat": "2"}, "unknown_part", "address.flat"),
    ],
)
def test_bad_addresses(parts: dict[str, object], reason: str, field: str) -> None:
    rejects(reason, lambda: normalise(spec("address"), address(**parts)), field)


def test_address_must_be_an_object_or_lines_town_postcode() -> None:
    rejects("format", lambda: normalise(spec("address"), "10 Downing Street"), "address")
    rejects("bad_type", lambda: normalise(spec("address"), ["10 Downing Street"]), "address")


def test_address_dates_may_be_equal_and_uk_is_gb() -> None:
    value = normalise(
        spec("address"), address(country="uk", to="2020-01-01", **{"from": "01/01/2020"})
    )
    assert isinstance(value, dict)
    assert (value["country"], value["from"], value["to"]) == ("GB", "2020-01-01", "2020-01-01")


def test_address_abroad_keeps_its_postcode_as_text() -> None:
    value = normalise(
        spec("address"), address(lines=["5 Rue X"], town="Paris", postcode="75001", country="fr")
    )
    assert isinstance(value, dict)
    assert (value["postcode"], value["country"]) == ("75001", "FR")
    no_postcode = normalise(spec("address"), address(town="Cork", postcode=..., country="IE"))
    assert isinstance(no_postcode, dict)
    assert "postcode" not in no_postcode


# --- identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["943 476 5919", "943-476-5919", "9434765919", " 9434765919 "])
def test_nhs_number_accepted(typed: str) -> None:
    assert normalise(spec("nhsNumber"), typed) == "9434765919"
    assert validate.check_nhs_number(typed) == "9434765919"


@pytest.mark.parametrize("bad", ["9434765918", "9434765910", "4943765919"])
def test_nhs_number_wrong_check_digit(bad: str) -> None:
    rejects("check_digit", lambda: validate.check_nhs_number(bad), "nhsNumber")


@pytest.mark.parametrize("bad", ["943476591", "94347659190", "943476591X", "nhs"])
def test_nhs_number_format(bad: str) -> None:
    rejects("format", lambda: validate.check_nhs_number(bad))


def test_nhs_number_whose_check_would_be_ten_is_refused() -> None:
    first_nine = next(
        f"{n:09d}" for n in range(100_000_000, 200_000_000) if nhs_check_digit(f"{n:09d}") == 10
    )
    for last in string.digits:
        rejects("check_digit", lambda last=last: validate.check_nhs_number(first_nine + last))


@given(st.text(alphabet=string.digits, min_size=9, max_size=9))
def test_generated_nhs_numbers_accepted(first_nine: str) -> None:
    check = nhs_check_digit(first_nine)
    assume(check != 10)
    number = f"{first_nine}{check}"
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert validate.check_nhs_number(spaced) == number


@given(
    st.text(alphabet=string.digits, min_size=9, max_size=9),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_change_is_caught(first_nine: str, position: int, step: int) -> None:
    check = nhs_check_digit(first_nine)
    assume(check != 10)
    digits = list(f"{first_nine}{check}")
    digits[position] = str((int(digits[position]) + step) % 10)
    rejects("check_digit", lambda: validate.check_nhs_number("".join(digits)))


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("QQ 12 34 56 C", "QQ123456C"),
        ("ab123456a", "AB123456A"),
        ("OA 12 34 56 D", "OA123456D"),  # O is only barred as the second letter
        ("ZY-123456-B", "ZY123456B"),
    ],
)
def test_ni_numbers(typed: str, canonical: str) -> None:
    assert normalise(spec("nationalInsuranceNumber"), typed) == canonical


@pytest.mark.parametrize(
    "prefix",
    [
        "DA",
        "FA",
        "IA",
        "QA",
        "UA",
        "VA",
        "AD",
        "AF",
        "AI",
        "AO",
        "AQ",
        "AU",
        "AV",
        "BG",
        "GB",
        "KN",
        "NK",
        "NT",
        "TN",
        "ZZ",
    ],
)
def test_ni_prefixes_never_issued(prefix: str) -> None:
    rejects("prefix", lambda: validate.check_ni_number(f"{prefix}123456A"))


@pytest.mark.parametrize("bad", ["AB123456E", "AB123456", "AB12345A", "A1234567A", "AB1234567A"])
def test_ni_number_format(bad: str) -> None:
    rejects("format", lambda: validate.check_ni_number(bad), "nationalInsuranceNumber")


FIRST = sorted(set(string.ascii_uppercase) - set("DFIQUV"))
SECOND = sorted(set(string.ascii_uppercase) - set("DFIOQUV"))


@given(
    st.sampled_from(FIRST),
    st.sampled_from(SECOND),
    st.text(alphabet=string.digits, min_size=6, max_size=6),
    st.sampled_from("ABCD"),
)
def test_generated_ni_numbers(first: str, second: str, digits: str, suffix: str) -> None:
    number = f"{first}{second}{digits}{suffix}"
    if first + second in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        rejects("prefix", lambda: validate.check_ni_number(number))
    else:
        assert validate.check_ni_number(number.lower()) == number


@pytest.mark.parametrize(
    ("key", "typed", "canonical"),
    [
        ("passportNumber", "123 456 789", "123456789"),
        ("passportNumber", "c01x00t47", "C01X00T47"),
        ("drivingLicenceNumber", "morga 753116 sm9ij", "MORGA753116SM9IJ"),
        ("drivingLicenceNumber", "SMITH862242JA9AB", "SMITH862242JA9AB"),
        ("drivingLicenceNumber", "LI999 601010 J99AA", "LI999601010J99AA"),
        ("drivingLicenceNumber", "1234 5678", "12345678"),  # Northern Ireland (DVA)
        # Published valid UTRs: HMRC's reference-checker README, Sage's worked example,
        # python-stdnum's doctest.
        ("uniqueTaxpayerReference", "22345 67890", "2234567890"),
        ("uniqueTaxpayerReference", "2234567890K", "2234567890"),
        ("uniqueTaxpayerReference", "k3282497350", "3282497350"),
        ("uniqueTaxpayerReference", "1955839661", "1955839661"),
    ],
)
def test_identifiers(key: str, typed: str, canonical: str) -> None:
    assert normalise(spec(key), typed) == canonical


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("passportNumber", "12345"),
        ("passportNumber", "1234567890"),
        ("passportNumber", "12345678/"),
        ("drivingLicenceNumber", "MORGA753116SM9I"),  # 15 characters
        ("drivingLicenceNumber", "MORGA713116SM9IJ"),  # month 13
        ("drivingLicenceNumber", "MORGA750016SM9IJ"),  # month 50
        ("drivingLicenceNumber", "MORGA753326SM9IJ"),  # day 32
        ("drivingLicenceNumber", "9ORGA753116SM9IJ"),  # surname starts with padding
        ("drivingLicenceNumber", "1234567"),
        ("uniqueTaxpayerReference", "123456789"),
        ("uniqueTaxpayerReference", "12345678901"),
    ],
)
def test_bad_identifiers(key: str, bad: str) -> None:
    rejects("format", lambda: normalise(spec(key), bad), key)


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("123456", "12-34-56"), ("12 34 56", "12-34-56"), ("12-34-56", "12-34-56")],
)
def test_sort_codes(typed: str, canonical: str) -> None:
    assert validate.check_sort_code(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("12345678", "12345678"),
        ("1234 5678", "12345678"),
        ("1234567", "01234567"),
        ("123456", "00123456"),
    ],
)
def test_account_numbers(typed: str, canonical: str) -> None:
    assert validate.check_account_number(typed) == canonical


@pytest.mark.parametrize(
    ("check", "bad"),
    [
        (validate.check_sort_code, "12345"),
        (validate.check_sort_code, "1234567"),
        (validate.check_sort_code, "12-34-5a"),
        (validate.check_account_number, "12345"),
        (validate.check_account_number, "123456789"),
    ],
)
def test_bad_bank_numbers(check: Callable[[str], str], bad: str) -> None:
    rejects("format", lambda: check(bad))


def test_bank_account() -> None:
    value = normalise(
        spec("bankAccount"),
        {"accountHolder": "Jo Bloggs", "sortCode": "123456", "accountNumber": "1234567"},
    )
    assert value == {
        "accountHolder": "Jo Bloggs",
        "sortCode": "12-34-56",
        "accountNumber": "01234567",
    }
    rejects(
        "required",
        lambda: normalise(spec("bankAccount"), {"sortCode": "123456", "accountNumber": "12345678"}),
        "bankAccount.accountHolder",
    )


# --- choices, booleans, other structures ----------------------------------------------------


def test_choices() -> None:
    assert normalise(spec("tenure"), " private_tenant ") == "private_tenant"
    rejects("bad_choice", lambda: normalise(spec("tenure"), "Renting from a private landlord"))
    rejects("required", lambda: normalise(spec("tenure"), ""))
    rejects("bad_type", lambda: normalise(spec("tenure"), ["owner_outright"]))


def test_booleans() -> None:
    assert normalise(spec("needsInterpreter"), True) is True
    assert normalise(spec("needsInterpreter"), False) is False
    rejects("bad_type", lambda: normalise(spec("needsInterpreter"), "yes"))
    rejects("bad_type", lambda: normalise(spec("needsInterpreter"), 1))


def test_gp_practice() -> None:
    value = normalise(
        spec("gpPractice"),
        {
            "name": "The Surgery",
            "postcode": "m1 1ae",
            "telephone": "0161 496 0000",
            "odsCode": "p84001",
        },
    )
    assert value == {
        "name": "The Surgery",
        "postcode": "M1 1AE",
        "telephone": "+441614960000",
        "odsCode": "P84001",
    }


def test_household_member_birth_date_not_in_future() -> None:
    member = {"name": "Sam", "relationship": "son", "birthDate": "01/01/2026"}
    rejects(
        "in_future",
        lambda: normalise(spec("householdMembers"), member, today=TODAY),
        "householdMembers.birthDate",
    )


def test_previous_name_date_order() -> None:
    value = {"name": "Jo Smith", "from": "2001-01-01", "to": "2000-01-01"}
    rejects("date_order", lambda: normalise(spec("previousNames"), value), "previousNames.to")


def test_items_name_the_failing_item() -> None:
    good = address()
    assert len(normalise_items(spec("address"), [good, good])) == 2
    error = rejects(
        "format", lambda: normalise_items(spec("address"), [good, address(postcode="nope")])
    )
    assert error.field == "address[1].postcode"
    rejects("bad_type", lambda: normalise_items(spec("medications"), "aspirin"), "medications")
    too_many = ["aspirin"] * (validate.MAX_ITEMS + 1)
    rejects("too_many", lambda: normalise_items(spec("medications"), too_many))


def test_every_catalogue_type_has_a_normaliser() -> None:
    # Normalising garbage must fail with a documented reason, never a crash or a ValueError.
    for field in CATALOGUE:
        for garbage in ("\x00", 3.5, {"?": 1}):
            with pytest.raises(InvalidInput) as caught:
                normalise(field, garbage, today=TODAY)
            assert caught.value.reason in REASONS, (field.key, garbage)


# --- round trips ---------------------------------------------------------------------------

SCALAR_KEYS = sorted(f.key for f in CATALOGUE if f.type not in STRUCTURED_TYPES | {"bool"})
typed_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.ascii_letters + string.digits + " -+()/@.", max_size=24),
    st.from_regex(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", fullmatch=True),
    st.from_regex(r"(\+44 ?|0)7[0-9]{3} ?[0-9]{6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9.+]{1,10}@[A-Za-z]{1,10}\.[A-Za-z]{2,5}", fullmatch=True),
)


@given(st.sampled_from(SCALAR_KEYS), typed_text)
def test_normalise_is_idempotent(key: str, typed: str) -> None:
    field = spec(key)
    once = outcome(lambda: normalise(field, typed, today=TODAY))
    if isinstance(once, InvalidInput):
        assert once.reason in REASONS
        return
    assert normalise(field, once, today=TODAY) == once


@given(
    st.lists(st.text(max_size=30), max_size=6),
    st.text(max_size=20),
    st.one_of(st.none(), st.sampled_from(["GB", "gb", "UK", "FR", "ie"])),
    st.one_of(st.none(), st.from_regex(r"[a-z]{1,2}[0-9]{1,2} ?[0-9][a-z]{2}", fullmatch=True)),
    st.one_of(st.none(), st.dates().map(dt.date.isoformat)),
    st.one_of(st.none(), st.dates().map(lambda d: d.strftime("%d/%m/%Y"))),
)
def test_address_normalise_is_idempotent(
    lines: list[str],
    town: str,
    country: str | None,
    postcode: str | None,
    start: str | None,
    end: str | None,
) -> None:
    value = {
        "lines": lines,
        "town": town,
        "country": country,
        "postcode": postcode,
        "from": start,
        "to": end,
    }
    once = outcome(lambda: normalise(spec("address"), value, today=TODAY))
    if isinstance(once, InvalidInput):
        assert once.reason in REASONS
        return
    assert normalise(spec("address"), once, today=TODAY) == once


@pytest.mark.parametrize(
    ("typed", "lines", "town", "postcode"),
    [
        ("9 Kirkgate, Leeds, ls2 7dj", ["9 Kirkgate"], "Leeds", "LS2 7DJ"),
        ("Flat 2\n9 Kirkgate\nLeeds\nLS2 7DJ", ["Flat 2", "9 Kirkgate"], "Leeds", "LS2 7DJ"),
        (" Rose Cottage , 1 Lane ,, Ockham, GU23 6NR ", ["Rose Cottage", "1 Lane"], "Ockham",
         "GU23 6NR"),
    ],
)  # fmt: skip
def test_an_address_typed_on_one_line(
    typed: str, lines: list[str], town: str, postcode: str
) -> None:
    value = normalise(load_catalogue().get("address"), typed)
    assert value == {"lines": lines, "town": town, "postcode": postcode, "country": "GB"}


@pytest.mark.parametrize("typed", ["Kirkgate, Leeds", "9 Kirkgate, Leeds, not a postcode", ""])
def test_an_address_on_one_line_needs_lines_town_and_postcode(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise(load_catalogue().get("address"), typed)
    assert (caught.value.field, caught.value.reason) == ("address", "format")


@pytest.mark.parametrize(
    "bad",
    [
        "1234567890",  # GOV.UK's placeholder: the form of a UTR, not a valid one
        "2955839661",  # 1955839661 with its check digit changed
        "3282497530",  # 3282497350 with two digits swapped
        "4282497350",
    ],
)
def test_utr_check_digit(bad: str) -> None:
    rejects("check_digit", lambda: validate.check_utr(bad), "uniqueTaxpayerReference")


@given(st.text(alphabet=string.digits, min_size=9, max_size=9))
def test_exactly_one_first_digit_makes_a_utr(last_nine: str) -> None:
    accepted, reasons = [], set()
    for first in string.digits:
        try:
            accepted.append(validate.check_utr(first + last_nine))
        except InvalidInput as error:
            reasons.add(error.reason)
    assert reasons == {"check_digit"}
    assert len(accepted) == 1
    assert accepted[0][0] in "123456789"  # 10 and 11 are written 1 and 2, never 0

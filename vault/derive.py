"""Less revealing forms of a stored value: "over 18" instead of a date of birth, the
postcode district instead of the whole address, the last four digits of an account.

The forms a field offers are named in its catalogue entry (``derived_forms`` in
``resources/fields.json``); this module computes them. Everything here is a pure function
of the stored (already normalised) value and an explicit ``today``, so the same inputs
always give the same answer and tests need no clock.

Ages follow the law of England and Wales: a person reaches an age at the start of the
anniversary of their birth, so someone born on 29 February is 18 on 1 March of a common
year (their anniversary is not 28 February).

A value for a per-item form is one item of the field (one address, one account); given the
whole list of a repeatable field, a per-item form is applied to each item and the list of
results returned. The aggregate forms (``has_any``, ``count``, ``count_adults``) describe
the whole list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Final

from vault.catalogue import FieldSpec
from vault.errors import InvalidInput
from vault.model import JSONValue

REASONS: Final = frozenset(
    {
        "unknown_form",  # the field does not offer this form
        "not_derivable",  # this value lacks what the form needs (no postcode, no birth date)
        "bad_type",  # the stored value is not of the field's shape
    }
)

# Age bands used by the ONS and most UK forms; the labels use an en dash.
AGE_BANDS: Final = (
    (0, 17, "under 18"),
    (18, 24, "18–24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 64, "55–64"),
    (65, 74, "65–74"),
    (75, None, "75 and over"),
)

# Spellings of a British or Irish nationality, compared case- and punctuation-insensitively.
UK_OR_IRISH: Final = frozenset(
    {
        "british",
        "british citizen",
        "uk",
        "gb",
        "united kingdom",
        "english",
        "scottish",
        "welsh",
        "northern irish",
        "irish",
        "irish citizen",
        "ie",
        "ireland",
        "republic of ireland",
    }
)

_AGGREGATE_FORMS: Final = frozenset({"has_any", "count", "count_adults"})
# Forms computed over every entry of a repeatable field, not one entry.
WHOLE_FIELD_FORMS: Final = _AGGREGATE_FORMS
_WORDS: Final = re.compile(r"[^\w]+")


def derive(spec: FieldSpec, value: JSONValue, form: str, today: dt.date) -> JSONValue:
    """The ``form`` of ``value`` (a value of field ``spec``), as of ``today``.

    Raises ``InvalidInput(spec.key, "unknown_form")`` when the field does not offer the form,
    ``"not_derivable"`` when this value lacks what the form needs, ``"bad_type"`` when the
    value is not of the field's shape.
    """
    if form not in spec.derived_forms or form not in _FORMS:
        raise InvalidInput(spec.key, "unknown_form", form)
    compute = _FORMS[form]
    if form in _AGGREGATE_FORMS:
        if not isinstance(value, list):
            raise InvalidInput(spec.key, "bad_type", "a list of items")
        return compute(spec.key, value, today)
    if isinstance(value, list):
        if not spec.repeatable:
            raise InvalidInput(spec.key, "bad_type")
        if form == "uk_or_irish":  # one answer about all of a person's nationalities
            return compute(spec.key, value, today)
        return [compute(spec.key, item, today) for item in value]
    return compute(spec.key, value, today)


def forms() -> frozenset[str]:
    """Every form this module can compute."""
    return frozenset(_FORMS)


def age_on(birth: dt.date, today: dt.date) -> int:
    """Completed years of age on ``today`` (29 February birthdays count from 1 March)."""
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - before_birthday


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    raise ValueError("negative age")


def postcode_district(postcode: str) -> str:
    """The outward code of a normalised UK postcode: ``"W1A 1AA"`` → ``"W1A"``."""
    outward, _, inward = postcode.strip().upper().rpartition(" ")
    if not outward or len(inward) != 3:
        # Tolerate a postcode stored without its space: the inward code is the last three.
        squeezed = "".join(postcode.split()).upper()
        outward = squeezed[:-3]
    return outward


# --- the forms ------------------------------------------------------------------------------


def _birth_date(key: str, value: JSONValue, today: dt.date) -> dt.date:
    if not isinstance(value, str):
        raise InvalidInput(key, "bad_type", "a date")
    try:
        birth = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(key, "bad_type", "a date") from None
    if birth > today:
        raise InvalidInput(key, "not_derivable", "born after today")
    return birth


def _over(years: int) -> Callable[[str, JSONValue, dt.date], JSONValue]:
    def over(key: str, value: JSONValue, today: dt.date) -> JSONValue:
        return age_on(_birth_date(key, value, today), today) >= years

    return over


def _age_band(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return age_band(age_on(_birth_date(key, value, today), today))


def _birth_year(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return _birth_date(key, value, today).year


def _initial(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    text = _text(key, value).strip()
    if not text:
        raise InvalidInput(key, "not_derivable", "empty")
    return text[0].upper()


def _uk_or_irish(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    items = value if isinstance(value, list) else [value]
    # "U.K." reads as "uk", "Northern-Irish" as "northern irish".
    names = [
        " ".join(_WORDS.sub(" ", _text(key, item).replace(".", "")).split()).casefold()
        for item in items
    ]
    return any(name in UK_OR_IRISH for name in names)


def _last_4_digits(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    if isinstance(value, dict):  # a bank account
        value = value.get("accountNumber")
    digits = "".join(ch for ch in _text(key, value) if ch.isdigit())
    if len(digits) < 4:
        raise InvalidInput(key, "not_derivable", "fewer than 4 digits")
    return digits[-4:]


def _last_4_characters(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    text = "".join(_text(key, value).split())
    if len(text) < 4:
        raise InvalidInput(key, "not_derivable", "fewer than 4 characters")
    return text[-4:]


def _postcode_district(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return postcode_district(_uk_postcode(key, value))


def _postcode_only(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return _uk_postcode(key, value)


def _town_only(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return _part(key, value, "town")


def _country_only(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    part = _structure(key, value).get("country")
    return part if isinstance(part, str) and part else "GB"  # addresses default to the UK


def _bank_name_only(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return _part(key, value, "bankName")


def _has_any(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    return bool(value)


def _count(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    assert isinstance(value, list)
    return len(value)


def _count_adults(key: str, value: JSONValue, today: dt.date) -> JSONValue:
    assert isinstance(value, list)
    adults = 0
    for person in value:
        birth = _structure(key, person).get("birthDate")
        if birth is None:
            raise InvalidInput(key, "not_derivable", "a birth date is missing")
        adults += age_on(_birth_date(key, birth, today), today) >= 18
    return adults


# --- helpers ---------------------------------------------------------------------------------


def _text(key: str, value: JSONValue) -> str:
    if not isinstance(value, str):
        raise InvalidInput(key, "bad_type", "text")
    return value


def _structure(key: str, value: JSONValue) -> dict[str, JSONValue]:
    if not isinstance(value, dict):
        raise InvalidInput(key, "bad_type", "a structured value")
    return value


def _part(key: str, value: JSONValue, part: str) -> str:
    found = _structure(key, value).get(part)
    if not isinstance(found, str) or not found.strip():
        raise InvalidInput(key, "not_derivable", f"no {part}")
    return found


def _uk_postcode(key: str, value: JSONValue) -> str:
    address = _structure(key, value)
    if address.get("country", "GB") != "GB":
        raise InvalidInput(key, "not_derivable", "not a UK address")
    return _part(key, value, "postcode")


_FORMS: Final[dict[str, Callable[[str, JSONValue, dt.date], JSONValue]]] = {
    "over_16": _over(16),
    "over_18": _over(18),
    "over_65": _over(65),
    "age_band": _age_band,
    "birth_year": _birth_year,
    "initial": _initial,
    "uk_or_irish": _uk_or_irish,
    "last_4_digits": _last_4_digits,
    "last_4_characters": _last_4_characters,
    "postcode_district": _postcode_district,
    "postcode_only": _postcode_only,
    "town_only": _town_only,
    "country_only": _country_only,
    "bank_name_only": _bank_name_only,
    "has_any": _has_any,
    "count": _count,
    "count_adults": _count_adults,
}

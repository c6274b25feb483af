"""Check and normalise field values, by the field's catalogue type.

Every check returns the canonical form of a good value (so storing, comparing and sending
always see one spelling) and raises ``InvalidInput(field, reason, detail)`` for a bad one.
``reason`` is one of :data:`REASONS`; ``ui/`` turns it into words. The ``check_*`` functions
take the text a person is typing, for validation as they type.

Normalising twice gives the same result as normalising once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from vault.catalogue import FieldSpec, PartSpec
from vault.errors import InvalidInput
from vault.text import check_plain

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]

REASONS = frozenset(
    {
        "required",  # empty, or a required part is missing
        "too_long",
        "control_character",  # a character vault.text refuses: control, format, bidi, …
        "format",  # the shape is wrong (detail says which rule)
        "check_digit",  # an NHS number's or a UTR's check digit does not match
        "prefix",  # National Insurance prefix that is never issued
        "not_a_date",
        "in_future",
        "bad_choice",
        "bad_type",  # not a string / dict / list / bool where one is needed
        "date_order",  # an end date before its start date
        "unknown_part",
        "too_many",
        "unknown_field",  # raised by vault.catalogue
        "bad_custom_key",  # raised by vault.catalogue
    }
)

TEXT_MAX = 500
LONG_TEXT_MAX = 10_000
MAX_LINES = 4
MAX_ITEMS = 100

_SEPARATORS = re.compile(r"[\s\-]+")


# --- text ---------------------------------------------------------------------------------


def check_text(text: str, field: str = "text", *, limit: int = TEXT_MAX) -> str:
    """One line of text under :mod:`vault.text`'s rule: NFC, trimmed, no hidden characters."""
    return check_plain(text, field, limit=limit)


def check_long_text(text: str, field: str = "text") -> str:
    """Several lines of text: like :func:`check_text` but newlines and tabs are kept."""
    return check_plain(text, field, limit=LONG_TEXT_MAX, multiline=True)


def _compact(text: str, field: str) -> str:
    """Upper case without spaces or dashes: the usual first step for reference numbers."""
    return _SEPARATORS.sub("", check_text(text, field, limit=60)).upper()


# --- dates ----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def check_date(
    text: str, field: str = "date", *, past_only: bool = False, today: dt.date | None = None
) -> str:
    """A date as ``YYYY-MM-DD`` (or UK ``DD/MM/YYYY``) → ``YYYY-MM-DD``.

    With ``past_only`` a date after ``today`` (default: the real today) is ``in_future``.
    """
    text = check_text(text, field, limit=20)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise InvalidInput(field, "not_a_date", "format")
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidInput(field, "not_a_date", "no such day") from None
    if past_only and value > (today or dt.date.today()):
        raise InvalidInput(field, "in_future")
    return value.isoformat()


# --- contact ----------------------------------------------------------------------------------

_LOCAL_FORBIDDEN = frozenset('"(),:;<>@[\\]')


def check_email(text: str, field: str = "email") -> str:
    """A pragmatic email syntax check; the domain is lower-cased, the local part kept as typed."""
    text = check_text(text, field, limit=254)
    local, at, domain = text.rpartition("@")
    if not at or not local or len(local) > 64:
        raise InvalidInput(field, "format", "local part")
    if (
        any(char.isspace() or char in _LOCAL_FORBIDDEN for char in local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        raise InvalidInput(field, "format", "local part")
    domain = unicodedata.normalize("NFC", domain.lower())
    labels = domain.split(".")
    if len(labels) < 2 or labels[-1].isdigit() or not all(map(_is_domain_label, labels)):
        raise InvalidInput(field, "format", "domain")
    _ascii_domain(domain, field)  # an international domain must have an IDNA2008 form
    return f"{local}@{domain}"


def check_recipient_email(text: str, field: str = "email") -> str:
    """An organisation's address, where drafts go: :func:`check_email`, and it must have the
    form a mail header carries (:func:`ascii_email`), so a share cannot fail on it later."""
    address = check_email(text, field)
    ascii_email(address, field)
    return address


def ascii_email(address: str, field: str = "email") -> str:
    """A checked address in the form a mail header carries: the domain as IDNA2008 A-labels
    (``bücher.de`` → ``xn--bcher-kva.de``). A non-ASCII local part has no such form (it needs
    SMTPUTF8, which a draft cannot ask for): ``InvalidInput(field, "format", "local part not
    ASCII")``."""
    local, _, domain = check_email(address, field).rpartition("@")
    if not local.isascii():
        raise InvalidInput(field, "format", "local part not ASCII")
    return f"{local}@{_ascii_domain(domain, field)}"


def _ascii_domain(domain: str, field: str) -> str:
    if domain.isascii() and "xn--" not in domain:
        return domain
    import idna  # IDNA2008 (RFC 5891); the standard library's codec is the older IDNA2003

    try:
        return idna.encode(domain, strict=True).decode("ascii")
    except idna.IDNAError:
        raise InvalidInput(field, "format", "domain not IDNA2008") from None


def _is_domain_label(label: str) -> bool:
    return (
        0 < len(label) <= 63
        and not label.startswith("-")
        and not label.endswith("-")
        and all(char.isalnum() or char == "-" for char in label)
    )


_UK_NSN = re.compile(r"[1235789][0-9]{8,9}")  # 04 and 06 are not used
_INTERNATIONAL = re.compile(r"[1-9][0-9]{7,14}")
_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")


def check_phone(text: str, field: str = "telephone") -> str:
    """A UK (``07700 900123``, ``+44 (0)7700 900123``) or ``+``-prefixed number → E.164."""
    text = check_text(text, field, limit=40)
    digits = _PHONE_PUNCTUATION.sub("", text.replace("(0)", ""))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+44"):
        national = digits[3:].removeprefix("0")
    elif digits.startswith("+"):
        if not _INTERNATIONAL.fullmatch(digits[1:]):
            raise InvalidInput(field, "format", "international")
        return digits
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        raise InvalidInput(field, "format", "start with 0 or +")
    if not _UK_NSN.fullmatch(national):
        raise InvalidInput(field, "format", "UK number")
    return "+44" + national


# --- addresses ----------------------------------------------------------------------------

# BS 7666 outward code shapes (A9, A99, AA9, AA99, A9A, AA9A) with the letters each position
# never uses, then the inward code; GIR 0AA is the one historic exception.
_POSTCODE = re.compile(
    r"[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r" [0-9][ABD-HJLNP-UW-Z]{2}|GIR 0AA"
)


def check_postcode(text: str, field: str = "postcode") -> str:
    """A UK postcode → upper case with one space before the inward code (``SW1A 1AA``)."""
    squeezed = "".join(check_text(text, field, limit=20).split()).upper()
    spaced = f"{squeezed[:-3]} {squeezed[-3:]}"
    if not _POSTCODE.fullmatch(spaced):
        raise InvalidInput(field, "format")
    return spaced


def check_country(text: str, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code, upper case; ``UK`` is read as ``GB``."""
    code = check_text(text, field, limit=10).upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise InvalidInput(field, "format")
    return "GB" if code == "UK" else code


def check_lines(value: object, field: str = "lines") -> list[str]:
    """1 to 4 address lines; blank lines are dropped. A string is split at its newlines."""
    raw = value.splitlines() if isinstance(value, str) else value
    if not isinstance(raw, list) or not all(isinstance(line, str) for line in raw):
        raise InvalidInput(field, "bad_type")
    lines = [check_text(line, field, limit=200) for line in raw if line.strip()]
    if not lines:
        raise InvalidInput(field, "required")
    if len(lines) > MAX_LINES:
        raise InvalidInput(field, "too_many", str(MAX_LINES))
    return lines


# --- identifiers --------------------------------------------------------------------------


def check_nhs_number(text: str, field: str = "nhsNumber") -> str:
    """An NHS number (spaces and dashes allowed) → 10 digits, with its check digit verified."""
    number = _compact(text, field)
    if not re.fullmatch(r"[0-9]{10}", number):
        raise InvalidInput(field, "format", "10 digits")
    # Modulus 11 over the first nine digits with weights 10..2; 11 means 0, 10 is never issued.
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1), strict=True)
    )
    expected = (11 - total % 11) % 11
    if expected == 10 or expected != int(number[9]):
        raise InvalidInput(field, "check_digit")
    return number


_NI_SHAPE = re.compile(r"[A-Z]{2}[0-9]{6}[A-Z]")
_NI_NOT_FIRST = frozenset("DFIQUV")
_NI_NOT_SECOND = frozenset("DFIOQUV")
_NI_NOT_ALLOCATED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def check_ni_number(text: str, field: str = "nationalInsuranceNumber") -> str:
    """A National Insurance number (HMRC NIM39110) → ``QQ123456C``, upper case, no spaces.

    ``QQ`` breaks the letter rules but is HMRC's documented example prefix, so it is accepted.
    """
    number = _compact(text, field)
    if not _NI_SHAPE.fullmatch(number):
        raise InvalidInput(field, "format", "2 letters, 6 digits, 1 letter")
    prefix = number[:2]
    if prefix != "QQ" and (
        prefix[0] in _NI_NOT_FIRST or prefix[1] in _NI_NOT_SECOND or prefix in _NI_NOT_ALLOCATED
    ):
        raise InvalidInput(field, "prefix", prefix)
    if number[8] not in "ABCD":
        raise InvalidInput(field, "format", "suffix A to D")
    return number


def check_sort_code(text: str, field: str = "sortCode") -> str:
    """A sort code, 6 digits in any grouping → ``12-34-56``."""
    digits = _compact(text, field)
    if not re.fullmatch(r"[0-9]{6}", digits):
        raise InvalidInput(field, "format", "6 digits")
    return f"{digits[:2]}-{digits[2:4]}-{digits[4:]}"


def check_account_number(text: str, field: str = "accountNumber") -> str:
    """A UK account number → 8 digits; older 6- and 7-digit numbers get leading zeros."""
    digits = _compact(text, field)
    if not re.fullmatch(r"[0-9]{6,8}", digits):
        raise InvalidInput(field, "format", "6 to 8 digits")
    return digits.zfill(8)


# HMRC's modulus 11 for a UTR: digits 2 to 10 weighted 6, 7, 8, 9, 10, 5, 4, 3, 2; the first
# digit is 11 minus the remainder, where 10 and 11 are written 1 and 2 (HMRC's own checker,
# hmrc/reference-checker, and Sage's published example 3282497350).
_UTR_WEIGHTS = (6, 7, 8, 9, 10, 5, 4, 3, 2)


def utr_check_digit(last_nine: str) -> int:
    """The first digit a UTR must have, given its other nine."""
    total = sum(int(digit) * weight for digit, weight in zip(last_nine, _UTR_WEIGHTS, strict=True))
    check = 11 - total % 11
    return check - 9 if check > 9 else check


def check_utr(text: str, field: str = "uniqueTaxpayerReference") -> str:
    """A Unique Taxpayer Reference → 10 digits, its check digit verified (the ``K`` HMRC
    prints before or after it on some letters is dropped)."""
    digits = _compact(text, field).removeprefix("K").removesuffix("K")
    if not re.fullmatch(r"[0-9]{10}", digits):
        raise InvalidInput(field, "format", "10 digits")
    if int(digits[0]) != utr_check_digit(digits[1:]):
        raise InvalidInput(field, "check_digit")
    return digits


def check_passport(text: str, field: str = "passportNumber") -> str:
    """A passport number: UK 9 digits, or another country's 6 to 9 letters and digits."""
    number = _compact(text, field)
    if not re.fullmatch(r"[A-Z0-9]{6,9}", number):
        raise InvalidInput(field, "format", "6 to 9 letters or digits")
    return number


# Surname (padded with 9s), decade, month (+50 for some holders), day, year, initials, digit,
# two check characters. The 2-digit issue number printed after it is not part of the number.
_DRIVING_LICENCE = re.compile(
    r"[A-Z][A-Z9]{4}[0-9](?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]"
    r"[A-Z][A-Z9][0-9][A-Z0-9]{2}"
)


def check_driving_licence(text: str, field: str = "drivingLicenceNumber") -> str:
    """A GB (16 characters) or Northern Ireland (8 digits) licence number, upper case, no spaces."""
    number = _compact(text, field)
    if not (_DRIVING_LICENCE.fullmatch(number) or re.fullmatch(r"[0-9]{8}", number)):
        raise InvalidInput(field, "format", "16 characters")
    return number


def check_ods_code(text: str, field: str = "odsCode") -> str:
    """An NHS organisation (ODS) code such as ``A81001`` → upper case, 3 to 10 characters."""
    code = _compact(text, field)
    if not re.fullmatch(r"[A-Z0-9]{3,10}", code):
        raise InvalidInput(field, "format")
    return code


# --- dispatch -----------------------------------------------------------------------------

_TEXT_CHECKS: dict[str, Callable[[str, str], str]] = {
    "text": check_text,
    "long_text": check_long_text,
    "email": check_email,
    "phone": check_phone,
    "postcode": check_postcode,
    "country": check_country,
    "nhs_number": check_nhs_number,
    "ni_number": check_ni_number,
    "sort_code": check_sort_code,
    "account_number": check_account_number,
    "utr": check_utr,
    "passport": check_passport,
    "driving_licence": check_driving_licence,
    "ods_code": check_ods_code,
}
STRUCTURED_TYPES = frozenset(
    {
        "address",
        "bank_account",
        "gp_practice",
        "contact_person",
        "related_person",
        "previous_name",
        "identifier",
    }
)
KNOWN_TYPES = frozenset(_TEXT_CHECKS) | {"date", "bool", "lines", "choice"} | STRUCTURED_TYPES


def normalise(spec: FieldSpec, value: object, *, today: dt.date | None = None) -> JSONValue:
    """Check one value of the field ``spec`` and return its canonical form.

    For a repeatable field this is one item; see :func:`normalise_items` for the whole list.
    An empty value raises ``required``: to clear a field, delete it instead.
    """
    if spec.type == "choice":
        return _choice(spec, value)
    if spec.type in STRUCTURED_TYPES:
        return _structure(spec.key, spec.type, spec.parts, value, today)
    return _scalar(spec.key, spec.type, value, past_only=spec.past_only, today=today)


def normalise_items(
    spec: FieldSpec, values: object, *, today: dt.date | None = None
) -> list[JSONValue]:
    """Normalise every item of a repeatable field; errors name the item, e.g. ``address[1]``."""
    if not isinstance(values, list):
        raise InvalidInput(spec.key, "bad_type")
    if len(values) > MAX_ITEMS:
        raise InvalidInput(spec.key, "too_many", str(MAX_ITEMS))
    items: list[JSONValue] = []
    for index, value in enumerate(values):
        try:
            items.append(normalise(spec, value, today=today))
        except InvalidInput as error:
            where = f"{spec.key}[{index}]" + error.field.removeprefix(spec.key)
            raise InvalidInput(where, error.reason, error.detail) from None
    return items


def _scalar(
    field: str, kind: str, value: object, *, past_only: bool, today: dt.date | None
) -> JSONValue:
    if kind == "bool":
        if not isinstance(value, bool):
            raise InvalidInput(field, "bad_type")
        return value
    if kind == "lines":
        lines: list[JSONValue] = list(check_lines(value, field))
        return lines
    if kind == "date" and type(value) is dt.date:
        value = value.isoformat()
    if not isinstance(value, str):
        raise InvalidInput(field, "bad_type")
    if kind == "date":
        return check_date(value, field, past_only=past_only, today=today)
    check = _TEXT_CHECKS.get(kind)
    if check is None:
        raise ValueError(f"unknown field type {kind!r} for {field}")
    return check(value, field)


def _choice(spec: FieldSpec, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput(spec.key, "bad_type")
    value = value.strip()
    if not value:
        raise InvalidInput(spec.key, "required")
    if value not in {choice.value for choice in spec.choices}:
        raise InvalidInput(spec.key, "bad_choice")
    return value


def _structure(
    key: str, kind: str, parts: tuple[PartSpec, ...], value: object, today: dt.date | None
) -> dict[str, JSONValue]:
    if not parts:
        raise ValueError(f"structured type {kind!r} of {key} has no parts")
    if kind == "address" and isinstance(value, str):
        value = address_from_text(value, key)
    if not isinstance(value, dict) or not all(isinstance(name, str) for name in value):
        raise InvalidInput(key, "bad_type")
    known = {part.key for part in parts}
    for name in value:
        if name not in known:
            raise InvalidInput(f"{key}.{name}", "unknown_part")
    if kind == "address":
        return _address(key, parts, value, today)
    result = _parts(key, parts, value, today)
    _check_date_order(key, result)
    return result


def address_from_text(text: str, field: str = "address") -> dict[str, object]:
    """An address typed as one line, the way people write it on a form:
    "9 Kirkgate, Leeds, LS2 7DJ" (lines, town, postcode; commas or new lines between).
    A UK address ends with its postcode; anything else needs the structured form."""
    pieces = [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]
    if len(pieces) < 3:
        raise InvalidInput(field, "format", "lines, town, postcode")
    try:
        postcode = check_postcode(pieces[-1], f"{field}.postcode")
    except InvalidInput:
        raise InvalidInput(field, "format", "lines, town, postcode") from None
    return {"lines": pieces[:-2], "town": pieces[-2], "postcode": postcode}


def _address(
    key: str, parts: tuple[PartSpec, ...], value: dict[str, object], today: dt.date | None
) -> dict[str, JSONValue]:
    raw_country = value.get("country")
    country = (
        "GB"
        if _is_blank(raw_country)
        else _scalar(f"{key}.country", "country", raw_country, past_only=False, today=today)
    )
    # A UK address needs a valid postcode; elsewhere postcodes take many shapes, so keep text.
    is_uk = country == "GB"
    parts = tuple(
        dataclasses.replace(part, required=is_uk, type="postcode" if is_uk else "text")
        if part.key == "postcode"
        else part
        for part in parts
    )
    result = _parts(key, parts, {**value, "country": country}, today)
    _check_date_order(key, result)
    return result


def _parts(
    key: str, parts: tuple[PartSpec, ...], value: dict[str, object], today: dt.date | None
) -> dict[str, JSONValue]:
    result: dict[str, JSONValue] = {}
    for part in parts:
        field = f"{key}.{part.key}"
        raw = value.get(part.key)
        if _is_blank(raw):
            if part.required:
                raise InvalidInput(field, "required")
            continue
        result[part.key] = _scalar(field, part.type, raw, past_only=part.past_only, today=today)
    return result


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(isinstance(item, str) and not item.strip() for item in value)
    return False


def _check_date_order(key: str, result: dict[str, JSONValue]) -> None:
    start, end = result.get("from"), result.get("to")
    # Both are canonical ISO dates here, so string order is date order.
    if isinstance(start, str) and isinstance(end, str) and end < start:
        raise InvalidInput(f"{key}.to", "date_order")

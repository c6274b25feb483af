"""The records the core hands out, and the change records its mutations return.

All frozen: a view keeps what it was given, and refreshes when a change says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

JSONValue = Any  # str | int | float | bool | None | list[JSONValue] | dict[str, JSONValue]
Clock = Callable[[], datetime]

PROVENANCES = ("self", "document", "third_party")
ROLES = ("owner", "relative")


def system_clock() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """ISO 8601 UTC to the second, the one time format stored in the vault."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date) -> str:
    """``3 March 2026`` — English, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Person:
    id: int
    uuid: str
    role: str
    name: str
    created_at: str


@dataclass(frozen=True)
class Authority:
    """Under what the vault owner acts for a relative (an LPA, a deputyship, …).

    ``kind`` is one of ``AUTHORITY_KINDS``; ``details`` holds the kind's own fields
    (registration date, OPG reference, access code and its expiry, …).
    """

    person_id: int
    kind: str
    details: dict[str, str]
    document_id: int | None
    updated_at: str


AUTHORITY_KINDS = (
    "lpa_property_finance",
    "lpa_health_welfare",
    "appointee",
    "deputy_property_finance",
    "deputy_health_welfare",
    "parent",
    "other",
)

# How an authority is named in a sentence ("… under a Lasting Power of Attorney for …").
AUTHORITY_PHRASES = {
    "lpa_property_finance": "a Lasting Power of Attorney for property and financial affairs",
    "lpa_health_welfare": "a Lasting Power of Attorney for health and welfare",
    "appointee": "a DWP appointeeship",
    "deputy_property_finance": "a Court of Protection deputyship for property and affairs",
    "deputy_health_welfare": "a Court of Protection deputyship for personal welfare",
    "parent": "parental responsibility",
    "other": "the authority recorded with this vault",
}

# Authorities over money and property only: health data is not sent under them.
PROPERTY_ONLY = ("lpa_property_finance", "deputy_property_finance")

AUTHORITY_DETAILS = (
    "registered_on",
    "opg_reference",
    "access_code",
    "access_code_expires",
    "activation_key_expires",
    "attorney_names",
    "notes",
)


@dataclass(frozen=True)
class Field:
    """The current value of one field entry of one person."""

    person_id: int
    key: str
    entry: int
    value: JSONValue
    version: int
    provenance: str
    document_id: int | None
    updated_at: str


@dataclass(frozen=True)
class FieldVersion:
    """One past or present value; ``value`` is None where the entry was removed."""

    person_id: int
    key: str
    entry: int
    version: int
    value: JSONValue
    provenance: str
    document_id: int | None
    changed_at: str


@dataclass(frozen=True)
class Document:
    id: int
    sha256: str
    size: int
    media_type: str
    added_at: str


@dataclass(frozen=True)
class Attachment:
    id: int
    document: Document
    person_id: int
    field_key: str | None
    entry: int | None
    name: str
    added_at: str


@dataclass(frozen=True)
class SearchHit:
    person_id: int
    key: str
    entry: int
    text: str


# -- change records: what a mutation did, so views can decide whether to refresh ----


@dataclass(frozen=True)
class PersonChanged:
    person: Person
    created: bool


@dataclass(frozen=True)
class FieldChanged:
    """``changed`` is False when the new value equalled the old (no version written)."""

    person_id: int
    key: str
    entry: int
    version: int
    previous_version: int | None
    changed: bool
    removed: bool = False
    ended: int | None = None  # a move: the entry that ended (its ``to`` was set)


@dataclass(frozen=True)
class DocumentAdded:
    attachment: Attachment
    deduplicated: bool

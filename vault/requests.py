"""Requests: what an organisation asks for, why, under which lawful basis, for how long.

A request arrives as a file the organisation sent (``docs/request-format.md``) or is made
from a template in Pont's catalogue of common UK requests (``resources/requests/*.json``).
Request files are untrusted input, so :func:`parse_request` is strict: a size cap, UTF-8
only, strict JSON (no duplicate member names, no ``NaN``, bounded nesting), no unknown
members, every string capped and free of control characters, and field keys that exist.
Every rejection is ``InvalidPacket(reason, detail)`` with a stable ``request_*`` reason.

Each catalogue template also records the **typical need** of its kind of request: the
fields such a request normally needs. :mod:`vault.over_asking` compares a request with it
and pre-selects only what is required, in the least revealing form the organisation accepts.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from vault import strict_json
from vault.catalogue import CUSTOM_PREFIX, load_catalogue
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.organisations import check_encryption_key, check_organisation_name
from vault.text import check_plain
from vault.validate import check_recipient_email

FORMAT: Final = "pont-request"
TEMPLATE_FORMAT: Final = "pont-request-template"
VERSION: Final = 1

MAX_BYTES: Final = 64 * 1024
MAX_DEPTH: Final = 16
MAX_FIELDS: Final = 60
DEFAULT_EXPIRES_IN_DAYS: Final = 30
MAX_EXPIRES_IN_DAYS: Final = 365
MAX_RETENTION_DAYS: Final = 36_500
_MAX_INT_DIGITS: Final = 15

# Character limits (after NFC normalisation and trimming).
LIMITS: Final = MappingProxyType(
    {
        "name": 200,
        "email": 254,
        "purpose": 1000,
        "retention": 300,
        "reference": 100,
        "why": 300,
        "title": 120,
        "organisation_kind": 120,
    }
)

LAWFUL_BASES: Final = (  # UK GDPR Art. 6(1)(a)–(f)
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
)
SPECIAL_CATEGORY_CONDITIONS: Final = (  # UK GDPR Art. 9(2)(a)–(j)
    "explicit_consent",
    "employment_social_security",
    "vital_interests",
    "not_for_profit_body",
    "made_public",
    "legal_claims",
    "substantial_public_interest",
    "health_social_care",
    "public_health",
    "archiving_research",
)

REASONS: Final = frozenset(
    {
        "request_too_large",
        "request_not_utf8",
        "request_not_json",
        "request_duplicate_key",
        "request_bad_number",
        "request_too_deep",
        "request_not_object",
        "request_bad_format",
        "request_unsupported_version",
        "request_signature_unsupported",
        "request_unknown_member",
        "request_missing_member",
        "request_bad_type",
        "request_bad_text",
        "request_bad_email",
        "request_bad_public_key",
        "request_bad_value",
        "request_bad_lawful_basis",
        "request_bad_condition",
        "request_no_fields",
        "request_too_many_fields",
        "request_bad_field",
        "request_bad_key",
        "request_duplicate_field",
        "request_bad_form",
        "request_unknown_template",
        "request_kind_mismatch",
    }
)

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ID: Final = 60

_REQUEST_MEMBERS: Final = frozenset(
    {
        "format",
        "version",
        "template",
        "kind",
        "organisation",
        "reference",
        "purpose",
        "lawful_basis",
        "special_category_condition",
        "retention",
        "retention_days",
        "expires_in_days",
        "fields",
    }
)
_REQUEST_REQUIRED: Final = ("organisation", "purpose", "lawful_basis", "retention", "fields")
_TEMPLATE_MEMBERS: Final = frozenset(
    {
        "format",
        "version",
        "id",
        "title",
        "organisation_kind",
        "purpose",
        "lawful_basis",
        "special_category_condition",
        "retention",
        "retention_days",
        "fields",
        "typical_need",
    }
)
_TEMPLATE_REQUIRED: Final = tuple(
    sorted(_TEMPLATE_MEMBERS - {"special_category_condition", "retention_days"})
)
_ORGANISATION_MEMBERS: Final = frozenset({"name", "email", "public_key"})
_FIELD_MEMBERS: Final = frozenset({"key", "required", "form", "why"})


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestOrganisation:
    """Who asks: a name, where to reply, and optionally a public key to encrypt to."""

    name: str
    email: str | None = None
    public_key: Mapping[str, str] | None = None


@dataclass(frozen=True)
class RequestedField:
    """One field asked for. ``form``: a less revealing form accepted in place of the value."""

    key: str
    required: bool
    form: str | None = None
    why: str | None = None


@dataclass(frozen=True)
class Request:
    """One organisation's request, validated. Every text is plain, NFC and trimmed."""

    organisation: RequestOrganisation
    purpose: str
    fields: tuple[RequestedField, ...]
    lawful_basis: str
    retention: str
    special_category_condition: str | None = None
    retention_days: int | None = None
    reference: str | None = None
    expires_in_days: int = DEFAULT_EXPIRES_IN_DAYS
    template: str | None = None
    kind: str | None = None

    @property
    def kind_id(self) -> str | None:
        """The catalogue kind this request is compared with: its template, or declared kind."""
        return self.template or self.kind

    def field(self, key: str) -> RequestedField:
        for requested in self.fields:
            if requested.key == key:
                return requested
        raise NotFound("requested field", key)

    def to_json(self) -> bytes:
        """The request as a file (UTF-8, indented); ``parse_request`` reads it back equal."""
        return _dump(_request_document(self))


@dataclass(frozen=True)
class RequestTemplate:
    """A common UK request from the catalogue, for a kind of organisation (not a named one)."""

    id: str
    title: str
    organisation_kind: str
    purpose: str
    fields: tuple[RequestedField, ...]
    lawful_basis: str
    retention: str
    typical_need: frozenset[str]
    special_category_condition: str | None = None
    retention_days: int | None = None

    def field(self, key: str) -> RequestedField | None:
        return next((f for f in self.fields if f.key == key), None)

    def request(
        self,
        organisation: str,
        *,
        email: str | None = None,
        public_key: Mapping[str, object] | None = None,
        reference: str | None = None,
        expires_in_days: int = DEFAULT_EXPIRES_IN_DAYS,
    ) -> Request:
        """A request of this kind from a named organisation (``InvalidInput`` if bad)."""
        return new_request(
            organisation=organisation,
            email=email,
            public_key=public_key,
            purpose=self.purpose,
            fields=self.fields,
            lawful_basis=self.lawful_basis,
            special_category_condition=self.special_category_condition,
            retention=self.retention,
            retention_days=self.retention_days,
            reference=reference,
            expires_in_days=expires_in_days,
            template=self.id,
        )


# --- reading and writing request files ---------------------------------------------------------


def parse_request(data: bytes) -> Request:
    """Parse and validate a request file's bytes. Raises ``InvalidPacket(reason, detail)``."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InvalidPacket("request_bad_type", "request data must be bytes")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise InvalidPacket("request_too_large", f"over {MAX_BYTES} bytes")
    try:
        document = _decode(data)
        request = _request_from(document)
        # The request as Pont writes it must fit too, so a parsed request always round-trips.
        if len(request.to_json()) > MAX_BYTES:
            raise _Reject("request_too_large", "", f"over {MAX_BYTES} bytes when written out")
    except _Reject as reject:
        raise InvalidPacket(reject.reason, reject.where()) from None
    return request


def load_request_file(path: Path | str) -> Request:
    """Read and parse a request file, reading at most one byte past the size cap."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise InvalidInput("request_file", "unreadable", type(error).__name__) from None
    return parse_request(data)


def new_request(
    *,
    organisation: str,
    purpose: str,
    fields: Sequence[RequestedField],
    lawful_basis: str,
    retention: str,
    email: str | None = None,
    public_key: Mapping[str, object] | None = None,
    special_category_condition: str | None = None,
    retention_days: int | None = None,
    reference: str | None = None,
    expires_in_days: int = DEFAULT_EXPIRES_IN_DAYS,
    template: str | None = None,
    kind: str | None = None,
) -> Request:
    """Build a request (for an organisation writing one), checked exactly as a file would be.

    Raises ``InvalidInput(where, reason, detail)``: ``where`` is the member (``fields[2].form``),
    ``reason`` one of :data:`REASONS`.
    """
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "template": template,
        "kind": kind,
        "organisation": _drop_none(
            {"name": organisation, "email": email, "public_key": public_key}
        ),
        "reference": reference,
        "purpose": purpose,
        "lawful_basis": lawful_basis,
        "special_category_condition": special_category_condition,
        "retention": retention,
        "retention_days": retention_days,
        "expires_in_days": expires_in_days,
        "fields": [_field_document(f) if isinstance(f, RequestedField) else f for f in fields],
    }
    try:
        request = _request_from(_drop_none(document))
        if len(request.to_json()) > MAX_BYTES:
            raise _Reject("request_too_large", "", f"over {MAX_BYTES} bytes")
    except _Reject as reject:
        raise InvalidInput(reject.path or "request", reject.reason, reject.detail) from None
    return request


# --- the catalogue -----------------------------------------------------------------------------


def request_catalogue() -> list[RequestTemplate]:
    """Pont's templates of common UK requests, by title."""
    return list(_catalogue())


def template(template_id: str) -> RequestTemplate:
    """The catalogue template ``template_id``; raises ``NotFound("request template", id)``."""
    for found in _catalogue():
        if found.id == template_id:
            return found
    raise NotFound("request template", template_id)


@functools.cache
def _catalogue() -> tuple[RequestTemplate, ...]:
    folder = resources.files("resources") / "requests"
    templates = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            found = _template_from(_decode(entry.read_bytes()))
        except _Reject as reject:
            raise ValueError(f"requests/{entry.name}: {reject.reason}: {reject.where()}") from None
        if f"{found.id}.json" != entry.name:
            raise ValueError(f"requests/{entry.name}: id {found.id!r} does not match the name")
        templates.append(found)
    return tuple(sorted(templates, key=lambda t: t.title.casefold()))


# --- strict JSON -------------------------------------------------------------------------------


class _Reject(Exception):
    """A rejection on the way through; becomes ``InvalidPacket`` or ``InvalidInput``."""

    def __init__(self, reason: str, path: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.detail = detail

    def where(self) -> str:
        return ": ".join(part for part in (self.path, self.detail) if part)


_JSON_REASONS: Final = {
    "bad_utf8": "request_not_utf8",
    "syntax": "request_not_json",
    "duplicate_key": "request_duplicate_key",
    "invalid_number": "request_bad_number",
    "too_deep": "request_too_deep",
    "lone_surrogate": "request_bad_text",
}


def _decode(data: bytes) -> Any:
    try:
        return strict_json.parse(data, max_depth=MAX_DEPTH, max_integer=10**_MAX_INT_DIGITS - 1)
    except strict_json.JsonRejected as rejected:
        raise _Reject(_JSON_REASONS[rejected.reason], "", rejected.detail) from None


def _dump(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _quote(text: str, limit: int = 40) -> str:
    # Outside text goes into details only escaped and cut short.
    return ascii(text[:limit])


# --- validation --------------------------------------------------------------------------------


def _request_from(document: object) -> Request:
    obj = _header(document, FORMAT)
    _members(obj, _REQUEST_MEMBERS, _REQUEST_REQUIRED, "")
    template_id = _optional_id(obj, "template")
    kind = _optional_id(obj, "kind")
    if template_id and kind and template_id != kind:
        raise _Reject("request_kind_mismatch", "kind", "differs from template")
    expires = _optional_int(obj, "expires_in_days", 1, MAX_EXPIRES_IN_DAYS)
    return Request(
        organisation=_organisation(obj["organisation"]),
        purpose=_text(obj, "purpose"),
        fields=_fields(obj["fields"], allow_custom=True),
        lawful_basis=_lawful_basis(obj),
        special_category_condition=_condition(obj),
        retention=_text(obj, "retention"),
        retention_days=_optional_int(obj, "retention_days", 1, MAX_RETENTION_DAYS),
        reference=_text(obj, "reference") if "reference" in obj else None,
        expires_in_days=DEFAULT_EXPIRES_IN_DAYS if expires is None else expires,
        template=template_id,
        kind=kind,
    )


def _template_from(document: object) -> RequestTemplate:
    obj = _header(document, TEMPLATE_FORMAT)
    _members(obj, _TEMPLATE_MEMBERS, _TEMPLATE_REQUIRED, "")
    template_id = _optional_id(obj, "id")
    assert template_id is not None
    fields = _fields(obj["fields"], allow_custom=False)
    need = obj["typical_need"]
    if not isinstance(need, list) or not all(isinstance(key, str) for key in need):
        raise _Reject("request_bad_type", "typical_need", "a list of field keys")
    keys = {f.key for f in fields}
    if not set(need) <= keys or len(set(need)) != len(need):
        raise _Reject("request_bad_key", "typical_need", "keys must be distinct requested fields")
    return RequestTemplate(
        id=template_id,
        title=_text(obj, "title"),
        organisation_kind=_text(obj, "organisation_kind"),
        purpose=_text(obj, "purpose"),
        fields=fields,
        lawful_basis=_lawful_basis(obj),
        special_category_condition=_condition(obj),
        retention=_text(obj, "retention"),
        retention_days=_optional_int(obj, "retention_days", 1, MAX_RETENTION_DAYS),
        typical_need=frozenset(need),
    )


def _header(document: object, expected_format: str) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise _Reject("request_not_object", "", "the file must hold one JSON object")
    if "format" not in document:
        raise _Reject("request_bad_format", "format", "missing")
    if document["format"] != expected_format:
        raise _Reject("request_bad_format", "format", f"must be {expected_format!r}")
    version = document.get("version")
    if version is None:
        raise _Reject("request_missing_member", "version")
    if type(version) is not int:
        raise _Reject("request_bad_type", "version", "an integer")
    if version != VERSION:
        raise _Reject("request_unsupported_version", "version", f"this Pont reads {VERSION}")
    if "signature" in document:
        raise _Reject("request_signature_unsupported", "signature", "signed requests: see docs")
    return document


def _members(
    obj: Mapping[str, Any], allowed: frozenset[str], required: Iterable[str], path: str
) -> None:
    for name in obj:
        if name not in allowed:
            raise _Reject("request_unknown_member", _join(path, _quote(name)))
    for name in required:
        if name not in obj:
            raise _Reject("request_missing_member", _join(path, name))


def _organisation(raw: object) -> RequestOrganisation:
    if not isinstance(raw, dict):
        raise _Reject("request_bad_type", "organisation", "an object")
    _members(raw, _ORGANISATION_MEMBERS, ("name",), "organisation")
    name = raw["name"]
    if not isinstance(name, str):
        raise _Reject("request_bad_type", "organisation.name", "a string")
    try:
        clean_name = check_organisation_name(name, "organisation.name")
    except InvalidInput as error:
        raise _Reject("request_bad_text", error.field, error.reason) from None
    email = None
    if "email" in raw:
        if not isinstance(raw["email"], str):
            raise _Reject("request_bad_type", "organisation.email", "a string")
        try:
            email = check_recipient_email(
                check_plain(raw["email"], "organisation.email", limit=LIMITS["email"]),
                "organisation.email",
            )
        except InvalidInput as error:
            raise _Reject("request_bad_email", error.field, error.reason) from None
    public_key = None
    if "public_key" in raw:
        try:
            public_key = MappingProxyType(check_encryption_key(raw["public_key"]))
        except InvalidInput as error:
            raise _Reject(
                "request_bad_public_key", "organisation.public_key", error.reason
            ) from None
    return RequestOrganisation(clean_name, email, public_key)


def _fields(raw: object, *, allow_custom: bool) -> tuple[RequestedField, ...]:
    if not isinstance(raw, list):
        raise _Reject("request_bad_type", "fields", "a list")
    if not raw:
        raise _Reject("request_no_fields", "fields")
    if len(raw) > MAX_FIELDS:
        raise _Reject("request_too_many_fields", "fields", f"at most {MAX_FIELDS}")
    fields: list[RequestedField] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        requested = _field(item, f"fields[{index}]", allow_custom=allow_custom)
        if requested.key in seen:
            raise _Reject("request_duplicate_field", f"fields[{index}].key", requested.key)
        seen.add(requested.key)
        fields.append(requested)
    return tuple(fields)


def _field(raw: object, path: str, *, allow_custom: bool) -> RequestedField:
    if not isinstance(raw, dict):
        raise _Reject("request_bad_field", path, "each field is an object")
    _members(raw, _FIELD_MEMBERS, ("key", "required"), path)
    key = raw["key"]
    if not isinstance(key, str):
        raise _Reject("request_bad_type", f"{path}.key", "a string")
    if key.startswith(CUSTOM_PREFIX) and not allow_custom:
        raise _Reject("request_bad_key", f"{path}.key", "templates use catalogue fields only")
    try:
        spec = load_catalogue().spec_for(key)
    except InvalidInput:
        raise _Reject("request_bad_key", f"{path}.key", _quote(key)) from None
    required = raw["required"]
    if not isinstance(required, bool):
        raise _Reject("request_bad_type", f"{path}.required", "true or false")
    form = None
    if "form" in raw:
        form = raw["form"]
        if not isinstance(form, str):
            raise _Reject("request_bad_type", f"{path}.form", "a string")
        if form not in spec.derived_forms:
            raise _Reject("request_bad_form", f"{path}.form", f"{_quote(form)} for {key}")
    why = _text(raw, "why", path) if "why" in raw else None
    return RequestedField(key, required, form, why)


def _text(obj: Mapping[str, Any], name: str, path: str = "") -> str:
    where = _join(path, name)
    value = obj[name]
    if not isinstance(value, str):
        raise _Reject("request_bad_type", where, "a string")
    try:
        return check_plain(value, where, limit=LIMITS[name])
    except InvalidInput as error:
        raise _Reject("request_bad_text", where, error.reason) from None


def _optional_id(obj: Mapping[str, Any], name: str) -> str | None:
    if name not in obj:
        return None
    value = obj[name]
    if not isinstance(value, str):
        raise _Reject("request_bad_type", name, "a string")
    if len(value) > _MAX_ID or not _ID.fullmatch(value):
        raise _Reject("request_bad_value", name, "lower-case letters, digits and hyphens")
    if name != "id" and not any(t.id == value for t in _catalogue()):
        raise _Reject("request_unknown_template", name, value)
    return value


def _optional_int(obj: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
    if name not in obj:
        return None
    value = obj[name]
    if type(value) is not int:
        raise _Reject("request_bad_type", name, "a whole number")
    if not low <= value <= high:
        raise _Reject("request_bad_value", name, f"{low} to {high}")
    return value


def _lawful_basis(obj: Mapping[str, Any]) -> str:
    value = obj["lawful_basis"]
    if not isinstance(value, str):
        raise _Reject("request_bad_type", "lawful_basis", "a string")
    if value not in LAWFUL_BASES:
        raise _Reject("request_bad_lawful_basis", "lawful_basis", _quote(value))
    return value


def _condition(obj: Mapping[str, Any]) -> str | None:
    if "special_category_condition" not in obj:
        return None
    value = obj["special_category_condition"]
    if not isinstance(value, str):
        raise _Reject("request_bad_type", "special_category_condition", "a string")
    if value not in SPECIAL_CATEGORY_CONDITIONS:
        raise _Reject("request_bad_condition", "special_category_condition", _quote(value))
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# --- writing -----------------------------------------------------------------------------------


def _request_document(request: Request) -> dict[str, Any]:
    organisation = request.organisation
    return _drop_none(
        {
            "format": FORMAT,
            "version": VERSION,
            "template": request.template,
            "kind": request.kind,
            "organisation": _drop_none(
                {
                    "name": organisation.name,
                    "email": organisation.email,
                    "public_key": (
                        dict(organisation.public_key) if organisation.public_key else None
                    ),
                }
            ),
            "reference": request.reference,
            "purpose": request.purpose,
            "lawful_basis": request.lawful_basis,
            "special_category_condition": request.special_category_condition,
            "retention": request.retention,
            "retention_days": request.retention_days,
            "expires_in_days": request.expires_in_days,
            "fields": [_field_document(f) for f in request.fields],
        }
    )


def _field_document(field: RequestedField) -> dict[str, Any]:
    return _drop_none(
        {"key": field.key, "required": field.required, "form": field.form, "why": field.why}
    )


def _drop_none(members: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in members.items() if value is not None}

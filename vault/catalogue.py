"""The field catalogue: which fields a profile can hold, grouped by category.

The catalogue is data (``resources/fields.json``); this module loads it once and gives typed,
read-only access. Values are checked by :mod:`vault.validate`, which reads each field's ``type``
and, for structured types, its ``parts``.

Besides the catalogue's own keys, a person may add custom fields named ``custom:<name>``; they
are plain ``text`` in the ``custom`` category.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

from vault.errors import InvalidInput

CUSTOM_PREFIX = "custom:"
CUSTOM_CATEGORY = "custom"
_CUSTOM_NAME = re.compile(r"[^\W_][\w \-]{0,59}")


@dataclass(frozen=True)
class Choice:
    """One allowed value of a ``choice`` field and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class PartSpec:
    """One part of a structured value (e.g. the postcode of an address)."""

    key: str
    label: str
    type: str
    required: bool
    past_only: bool = False


@dataclass(frozen=True)
class Category:
    """A group of fields shown together (identity, contact, ...)."""

    key: str
    label: str
    help: str


@dataclass(frozen=True)
class FieldSpec:
    """Everything Pont knows about one field of a profile."""

    key: str
    label: str
    category: str
    type: str
    repeatable: bool
    sensitive: bool
    schema_org: str | None
    help: str
    choices: tuple[Choice, ...] = ()
    parts: tuple[PartSpec, ...] = ()
    derived_forms: tuple[str, ...] = ()
    past_only: bool = False
    succession: bool = False  # dated entries that follow one another; one is current

    @property
    def is_custom(self) -> bool:
        """True for a person's own ``custom:`` field."""
        return self.key.startswith(CUSTOM_PREFIX)


class Catalogue:
    """The read-only set of known fields, in display order."""

    def __init__(self, categories: list[Category], fields: list[FieldSpec]) -> None:
        self._categories = tuple(categories)
        self._fields = {spec.key: spec for spec in fields}
        if len(self._fields) != len(fields):
            raise ValueError("fields.json: duplicate field key")
        known = {category.key for category in categories}
        for spec in fields:
            if spec.category not in known:
                raise ValueError(f"fields.json: {spec.key}: unknown category {spec.category!r}")

    def __contains__(self, key: object) -> bool:
        return key in self._fields

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self._fields.values())

    def __len__(self) -> int:
        return len(self._fields)

    def categories(self) -> list[Category]:
        """The categories in display order (``custom`` is not among them)."""
        return list(self._categories)

    def fields(self, category: str | None = None) -> list[FieldSpec]:
        """All fields in display order, or only those of ``category``."""
        return [s for s in self._fields.values() if category is None or s.category == category]

    def get(self, key: str) -> FieldSpec:
        """The catalogue field ``key``; raises ``InvalidInput(key, "unknown_field")``."""
        try:
            return self._fields[key]
        except KeyError:
            raise InvalidInput(key, "unknown_field") from None

    def spec_for(self, key: str) -> FieldSpec:
        """Like :meth:`get`, but also accepts a well-formed ``custom:<name>`` key."""
        if key.startswith(CUSTOM_PREFIX):
            return custom_spec(key)
        return self.get(key)

    @classmethod
    def from_json(cls, text: str) -> Catalogue:
        """Build a catalogue from the text of a ``fields.json``; ``ValueError`` if malformed."""
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"fields.json: not JSON: {error}") from None
        return _parse_document(_obj(document, "document"))


def custom_spec(key: str) -> FieldSpec:
    """The synthetic spec of a custom field; ``InvalidInput(key, "bad_custom_key")`` if unnamed.

    A name is 1 to 60 letters, digits, spaces, ``_`` or ``-``, in NFC, starting with a letter or
    digit and not ending with a space, so that one name is always spelt one way.
    """
    name = key.removeprefix(CUSTOM_PREFIX)
    well_formed = (
        _CUSTOM_NAME.fullmatch(name) is not None
        and not name.endswith(" ")
        and unicodedata.is_normalized("NFC", name)
    )
    if not key.startswith(CUSTOM_PREFIX) or not well_formed:
        raise InvalidInput(key, "bad_custom_key")
    return FieldSpec(
        key=key,
        label=name,
        category=CUSTOM_CATEGORY,
        type="text",
        repeatable=False,
        sensitive=False,
        schema_org=None,
        help="",
    )


@functools.cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped in ``resources/fields.json`` (loaded once)."""
    text = (resources.files("resources") / "fields.json").read_text(encoding="utf-8")
    return Catalogue.from_json(text)


# --- parsing: fields.json is our own file, but a packaging slip should fail loudly -----------


def _parse_document(document: Mapping[str, object]) -> Catalogue:
    if document.get("version") != 1:
        raise ValueError("fields.json: unsupported version")
    categories = [
        Category(_str(c, "key"), _str(c, "label"), _str(c, "help"))
        for c in (_obj(raw, "category") for raw in _list(document, "categories"))
    ]
    structures = _obj(document.get("structures"), "structures")
    parts_by_type = {name: _parse_parts(parts, name) for name, parts in structures.items()}
    fields = [_parse_field(_obj(raw, "field"), parts_by_type) for raw in _list(document, "fields")]
    return Catalogue(categories, fields)


def _parse_parts(raw: object, where: str) -> tuple[PartSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"fields.json: {where}: parts must be a non-empty list")
    parts = []
    for item in raw:
        part = _obj(item, where)
        parts.append(
            PartSpec(
                key=_str(part, "key"),
                label=_str(part, "label"),
                type=_str(part, "type"),
                required=_bool(part, "required"),
                past_only=_bool(part, "past_only", default=False),
            )
        )
    return tuple(parts)


def _parse_field(raw: Mapping[str, object], parts: Mapping[str, tuple[PartSpec, ...]]) -> FieldSpec:
    key = _str(raw, "key")
    schema_org = raw.get("schema_org")
    if schema_org is not None and not isinstance(schema_org, str):
        raise ValueError(f"fields.json: {key}: schema_org must be a string or null")
    choices = tuple(
        Choice(_str(c, "value"), _str(c, "label"))
        for c in (_obj(item, "choice") for item in _list(raw, "choices", required=False))
    )
    return FieldSpec(
        key=key,
        label=_str(raw, "label"),
        category=_str(raw, "category"),
        type=_str(raw, "type"),
        repeatable=_bool(raw, "repeatable"),
        sensitive=_bool(raw, "sensitive"),
        schema_org=schema_org,
        help=_str(raw, "help"),
        choices=choices,
        parts=parts.get(_str(raw, "type"), ()),
        derived_forms=tuple(_str_item(x) for x in _list(raw, "derived_forms", required=False)),
        past_only=_bool(raw, "past_only", default=False),
        succession=_bool(raw, "succession", default=False),
    )


def _obj(raw: object, where: str) -> Mapping[str, object]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise ValueError(f"fields.json: {where} must be an object")
    return raw


def _list(raw: Mapping[str, object], name: str, *, required: bool = True) -> list[object]:
    value = raw.get(name, None if required else [])
    if not isinstance(value, list):
        raise ValueError(f"fields.json: {name} must be a list")
    return value


def _str(raw: Mapping[str, object], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"fields.json: {name} must be a non-empty string (in {raw.get('key')})")
    return value


def _str_item(raw: object) -> str:
    if not isinstance(raw, str) or not raw:
        raise ValueError("fields.json: derived_forms must hold non-empty strings")
    return raw


def _bool(raw: Mapping[str, object], name: str, *, default: bool | None = None) -> bool:
    value = raw.get(name, default)
    if not isinstance(value, bool):
        raise ValueError(f"fields.json: {name} must be true or false (in {raw.get('key')})")
    return value

"""Does a request ask for more than it needs? And what to pre-select when answering it.

Each catalogue request kind records its typical need. ``over_asking`` compares a request
with it and warns, in reason codes the UI words plainly, about fields beyond that need,
special-category data, and less revealing forms that would serve. ``minimal_selection``
pre-selects only the required fields, each in the least revealing form the request accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from vault.catalogue import FieldSpec, load_catalogue
from vault.requests import Request, RequestedField, RequestTemplate, template

OVER_ASK_REASONS: Final = frozenset(
    {
        "not_typically_needed",  # this kind of request does not usually need the field
        "special_category",  # …and it is special-category data (UK GDPR Art. 9)
        "sensitive",  # …and it is sensitive, though not special category (gender)
        "less_revealing_form_available",  # usually needed, but a less revealing form serves
        "no_special_category_condition",  # special-category data asked with no Art. 9 condition
    }
)

# Sensitive in the field catalogue but not special category under Art. 9 (gender identity
# is protected by the Equality Act, not listed in Art. 9).
_SENSITIVE_NOT_SPECIAL: Final = frozenset({"gender", "genderSelfDescription"})


@dataclass(frozen=True)
class OverAsk:
    """A warning about one requested field. ``form`` names the form that would serve."""

    key: str
    reason: str
    required: bool
    form: str | None = None


@dataclass(frozen=True)
class SelectedField:
    """A field to send: ``form`` None means the full value."""

    key: str
    form: str | None


@dataclass(frozen=True)
class PreSelection:
    """What Pont pre-selects for a request.

    ``fields``: required fields the person has, each in the least revealing accepted form;
    ``missing``: required fields the person has no value for; ``optional``: optional fields
    the person has, left unselected.
    """

    fields: tuple[SelectedField, ...]
    missing: tuple[str, ...]
    optional: tuple[str, ...]


def is_special_category(spec: FieldSpec) -> bool:
    """Special-category data (UK GDPR Art. 9): health, ethnicity, religion and the like."""
    return spec.category == "health" or (spec.sensitive and spec.key not in _SENSITIVE_NOT_SPECIAL)


def over_asking(request: Request) -> list[OverAsk]:
    """Warnings for fields beyond what this kind of request usually needs.

    With a kind (``template`` or ``kind``) each field is compared with that kind's typical
    need. Without one there is nothing to compare with, so only special-category fields are
    flagged. Special-category fields asked with no Art. 9 condition are always flagged.
    """
    kind_id = request.kind_id
    baseline = template(kind_id) if kind_id else None
    catalogue = load_catalogue()
    warnings: list[OverAsk] = []
    for asked in request.fields:
        spec = catalogue.spec_for(asked.key)
        reasons = _over_ask_reasons(asked, spec, baseline)
        if is_special_category(spec) and request.special_category_condition is None:
            reasons.append(("no_special_category_condition", None))
        warnings += [OverAsk(asked.key, reason, asked.required, form) for reason, form in reasons]
    return warnings


def _over_ask_reasons(
    asked: RequestedField, spec: FieldSpec, baseline: RequestTemplate | None
) -> list[tuple[str, str | None]]:
    special = is_special_category(spec)
    if baseline is None:
        return [("special_category", None)] if special else []
    if asked.key not in baseline.typical_need:
        if special:
            return [("special_category", None)]
        return [("sensitive" if spec.sensitive else "not_typically_needed", None)]
    usual = baseline.field(asked.key)
    if usual is not None and usual.form is not None and asked.form != usual.form:
        return [("less_revealing_form_available", usual.form)]
    return []


def minimal_selection(request: Request, available_field_keys: Iterable[str]) -> PreSelection:
    """Pre-select only the required fields the person has, each in its least revealing
    accepted form (the request's ``form``, else the full value)."""
    available = set(available_field_keys)
    chosen = tuple(
        SelectedField(f.key, f.form) for f in request.fields if f.required and f.key in available
    )
    missing = tuple(f.key for f in request.fields if f.required and f.key not in available)
    optional = tuple(f.key for f in request.fields if not f.required and f.key in available)
    return PreSelection(chosen, missing, optional)

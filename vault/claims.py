"""Claim names in packets and credentials, read back as the field and form they carry.

A packet names each disclosed claim after the field (``vault.share.claim_name``):
``birthDate``, a less revealing form ``birthDate_over_18``, and ``address_1`` for a second
entry of a repeatable field. A credential confirms a value, not an entry, so its claim names
never carry the entry suffix: ``address_1`` in a packet is ``address`` in the confirmation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vault.catalogue import CUSTOM_PREFIX, FieldSpec, load_catalogue
from vault.derive import WHOLE_FIELD_FORMS
from vault.errors import InvalidInput

FULL = "full"
_ENTRY_SUFFIX = re.compile(r"(.+)_([1-9][0-9]{0,3})")


@dataclass(frozen=True)
class ClaimRef:
    """What a claim name means: field ``key`` in ``form``, from entry ``entry`` if named."""

    spec: FieldSpec
    form: str
    entry: int | None

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def credential_name(self) -> str:
        """The name a credential gives this claim: the entry suffix left out."""
        return self.key if self.form == FULL else f"{self.key}_{self.form}"


def parse_claim_name(name: str) -> ClaimRef:
    """The field and form behind ``name``; ``InvalidInput(name, "unknown_claim")`` if none.

    Forms computed over every entry (``count``, ``has_any``) are not per-entry values and are
    refused (``InvalidInput(name, "whole_field_form")``): nothing can confirm them.
    """
    ref = _without_entry(name)
    if ref is not None:
        return ref
    match = _ENTRY_SUFFIX.fullmatch(name)
    if match is not None:
        base = _without_entry(match[1])
        if base is not None and base.spec.repeatable:
            return ClaimRef(base.spec, base.form, int(match[2]))
    raise InvalidInput(name, "unknown_claim", "no field of that name")


def _without_entry(name: str) -> ClaimRef | None:
    catalogue = load_catalogue()
    if name in catalogue or name.startswith(CUSTOM_PREFIX):
        try:
            return ClaimRef(catalogue.spec_for(name), FULL, None)
        except InvalidInput:
            return None
    for spec in catalogue:
        for form in spec.derived_forms:
            if name == f"{spec.key}_{form}":
                if form in WHOLE_FIELD_FORMS:
                    raise InvalidInput(name, "whole_field_form", "a count over entries")
                return ClaimRef(spec, form, None)
    return None

"""Field values as people read them: UK dates, addresses on one line, choice labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ui.i18n import noop, tr
from vault.catalogue import FieldSpec


def uk_date(iso: str) -> str:
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


MONTHS = (
    noop("January"),
    noop("February"),
    noop("March"),
    noop("April"),
    noop("May"),
    noop("June"),
    noop("July"),
    noop("August"),
    noop("September"),
    noop("October"),
    noop("November"),
    noop("December"),
)


def long_date(iso: str) -> str:
    """"3 March 2026" for an ISO date or UTC timestamp (its UTC day)."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return tr("%1 %2 %3").replace("%1", str(day.day)).replace(
        "%2", tr(MONTHS[day.month - 1])
    ).replace("%3", str(day.year))


def when(stamp: str) -> str:
    """An ISO UTC timestamp from the vault, in local time, to the minute."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%d/%m/%Y %H:%M")


def display(spec: FieldSpec, value: Any) -> str:
    """One line of text for a stored value (never markup)."""
    if value is None:
        return tr("(removed)")
    if spec.type == "choice":
        return next((c.label for c in spec.choices if c.value == value), str(value))
    if spec.type == "bool":
        return tr("Yes") if value else tr("No")
    if spec.type == "date":
        return uk_date(str(value))
    if isinstance(value, list):
        return ", ".join(str(line) for line in value)
    if isinstance(value, dict):
        return _structured(spec, value)
    return str(value)


def _structured(spec: FieldSpec, value: dict[str, Any]) -> str:
    pieces = []
    for part in spec.parts:
        item = value.get(part.key)
        if item in (None, "", []):
            continue
        if part.key in ("from", "to"):
            continue
        if part.key == "country" and item == "GB":
            continue
        pieces.append(", ".join(item) if isinstance(item, list) else str(item))
    text = ", ".join(pieces)
    span = _span(value)
    return f"{text} ({span})" if span else text


def _span(value: dict[str, Any]) -> str:
    start, end = value.get("from"), value.get("to")
    if start and end:
        return tr("%1 to %2").replace("%1", uk_date(start)).replace("%2", uk_date(end))
    if start:
        return tr("since %1").replace("%1", uk_date(start))
    if end:
        return tr("until %1").replace("%1", uk_date(end))
    return ""


PROVENANCE_WORDS = {
    "self": noop("Your own entry"),
    "document": noop("Backed by a document"),
    "third_party": "Confirmed by an organisation",
}


def provenance(kind: str, document_name: str | None = None) -> str:
    words = tr(PROVENANCE_WORDS.get(kind, kind))
    return f"{words}: {document_name}" if document_name else words


AUTHORITY_LABELS = {
    "lpa_property_finance": noop("Lasting power of attorney — property and financial affairs"),
    "lpa_health_welfare": noop("Lasting power of attorney — health and welfare"),
    "appointee": noop("DWP appointee (benefits)"),
    "deputy_property_finance": noop("Court of Protection deputy — property and affairs"),
    "deputy_health_welfare": noop("Court of Protection deputy — personal welfare"),
    "parent": noop("Parent or guardian"),
    "other": "Other authority",
}


def authority_label(kind: str) -> str:
    return tr(AUTHORITY_LABELS.get(kind, kind))

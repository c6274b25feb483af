"""T21 for requests: whatever bytes arrive, ``parse_request`` either returns a request
that round-trips or raises ``InvalidPacket`` with a documented reason. Nothing else escapes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault.catalogue import load_catalogue
from vault.errors import InvalidPacket
from vault.over_asking import minimal_selection, over_asking
from vault.requests import (
    LAWFUL_BASES,
    MAX_FIELDS,
    REASONS,
    Request,
    parse_request,
    request_catalogue,
)

CATALOGUE = load_catalogue()
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOP_MEMBERS = [
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
    "signature",
]


def outcome(data: bytes) -> Request | None:
    """Parse; a request must round-trip, a rejection must carry a known reason."""
    rejected: str | None = None
    try:
        request = parse_request(data)
    except InvalidPacket as error:
        rejected = error.reason
    if rejected is not None:
        assert rejected in REASONS, rejected
        return None
    assert parse_request(request.to_json()) == request
    # What the rest of Pont does next with a request must not fail either.
    over_asking(request)
    minimal_selection(request, [f.key for f in request.fields])
    return request


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(TOP_MEMBERS) | st.text(max_size=10), children, max_size=6)
    ),
    max_leaves=30,
)


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(data: bytes) -> None:
    outcome(data)


@FUZZ
@given(json_values)
def test_arbitrary_json(value: Any) -> None:
    outcome(json.dumps(value).encode("utf-8"))


@FUZZ
@given(json_values)
def test_arbitrary_json_unescaped(value: Any) -> None:
    try:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be UTF-8; covered escaped above
        return
    outcome(data)


# --- near-valid requests: one thing wrong at a time ----------------------------------------------

field_keys = st.sampled_from([spec.key for spec in CATALOGUE]) | st.from_regex(
    r"custom:[A-Za-z0-9][A-Za-z0-9 _-]{0,20}[A-Za-z0-9]", fullmatch=True
)
plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(str.strip)


@st.composite
def requested_fields(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(st.lists(field_keys, min_size=1, max_size=12, unique=True))
    fields = []
    for key in keys:
        entry: dict[str, Any] = {"key": key, "required": draw(st.booleans())}
        spec = CATALOGUE.spec_for(key)
        offers_form = bool(spec.derived_forms) and draw(st.booleans())
        if offers_form:
            entry["form"] = draw(st.sampled_from(spec.derived_forms))
        if draw(st.booleans()):
            entry["why"] = draw(plain_text)
        fields.append(entry)
    return fields


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "pont-request",
        "version": 1,
        "organisation": {"name": draw(plain_text)},
        "purpose": draw(plain_text),
        "lawful_basis": draw(st.sampled_from(LAWFUL_BASES)),
        "retention": draw(plain_text),
        "fields": draw(requested_fields()),
    }
    if draw(st.booleans()):
        document["kind"] = draw(st.sampled_from([t.id for t in request_catalogue()]))
    if draw(st.booleans()):
        document["reference"] = draw(plain_text)
    if draw(st.booleans()):
        document["expires_in_days"] = draw(st.integers(1, 365))
    return document


@FUZZ
@given(valid_documents())
def test_valid_requests_parse_and_round_trip(document: dict[str, Any]) -> None:
    request = outcome(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    assert request is not None
    assert len(request.fields) == len(document["fields"]) <= MAX_FIELDS


@FUZZ
@given(valid_documents(), st.sampled_from(TOP_MEMBERS), json_values)
def test_one_member_replaced(document: dict[str, Any], member: str, value: Any) -> None:
    document[member] = value
    outcome(json.dumps(document).encode("utf-8"))


@FUZZ
@given(valid_documents(), st.integers(min_value=0, max_value=11), st.text(max_size=8), json_values)
def test_one_field_member_replaced(
    document: dict[str, Any], index: int, member: str, value: Any
) -> None:
    fields = document["fields"]
    fields[index % len(fields)][member] = value
    outcome(json.dumps(document).encode("utf-8"))


@FUZZ
@given(valid_documents(), st.sampled_from(TOP_MEMBERS))
def test_one_member_removed(document: dict[str, Any], member: str) -> None:
    document.pop(member, None)
    outcome(json.dumps(document).encode("utf-8"))


@FUZZ
@given(valid_documents(), st.data())
def test_bytes_corrupted(document: dict[str, Any], data: st.DataObject) -> None:
    raw = bytearray(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    outcome(bytes(raw))


@FUZZ
@given(valid_documents(), st.data())
def test_bytes_truncated(document: dict[str, Any], data: st.DataObject) -> None:
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    outcome(raw[: data.draw(st.integers(0, len(raw) - 1))])

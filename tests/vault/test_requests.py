"""Requests: the strict parser and its reason codes, the catalogue of UK requests,
over-asking warnings, the minimal selection, and the schema and docs that describe them."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from vault.catalogue import load_catalogue
from vault.derive import forms
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.organisations import PUBLIC_KEY_REASONS
from vault.over_asking import (
    OVER_ASK_REASONS,
    OverAsk,
    SelectedField,
    is_special_category,
    minimal_selection,
    over_asking,
)
from vault.packets.hpke import load_recipient_jwk, new_recipient_key, seal_packet
from vault.requests import (
    LAWFUL_BASES,
    MAX_BYTES,
    MAX_FIELDS,
    REASONS,
    SPECIAL_CATEGORY_CONDITIONS,
    Request,
    RequestedField,
    load_request_file,
    new_request,
    parse_request,
    request_catalogue,
    template,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "request-format.md"
SCHEMA = json.loads((ROOT / "docs" / "request.schema.json").read_text(encoding="utf-8"))
CATALOGUE = load_catalogue()
# The one kind of key Pont can seal to (kty AKP, alg MLKEM768-X25519), and two it cannot.
HPKE_JWK = new_recipient_key()[1]
X25519_JWK = {"kty": "OKP", "crv": "X25519", "x": "yEfNtUQsFh9JzBLMTwm9nVWvLGd8cpFOll0VP9tVDmg"}
P256_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
}
TEMPLATE_IDS = {
    "bank-change-of-address",
    "blue-badge-application",
    "council-tax-single-person-discount",
    "dvla-change-of-address",
    "dwp-appointee",
    "electoral-register",
    "gp-registration",
    "hmrc-change-of-address",
    "landlord-reference",
    "lpa-registration-with-bank",
    "school-admission",
    "utility-change-of-tenancy",
}


def doc_example() -> str:
    match = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert match
    return match.group(1)


def minimal() -> dict[str, Any]:
    return {
        "format": "pont-request",
        "version": 1,
        "organisation": {"name": "Leeds City Council"},
        "purpose": "Council Tax discount",
        "lawful_basis": "public_task",
        "retention": "6 years",
        "fields": [{"key": "givenName", "required": True}],
    }


def encode(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def reason(data: bytes) -> str:
    with pytest.raises(InvalidPacket) as caught:
        parse_request(data)
    assert caught.value.reason in REASONS
    return caught.value.reason


def with_changes(**changes: Any) -> bytes:
    document = minimal()
    for name, value in changes.items():
        if value is DELETE:
            del document[name]
        else:
            document[name] = value
    return encode(document)


DELETE = object()


def field(**members: Any) -> dict[str, Any]:
    return {"key": "givenName", "required": True, **members}


# --- parsing: the good path -----------------------------------------------------------------------


def test_minimal_request() -> None:
    request = parse_request(encode(minimal()))
    assert request.organisation.name == "Leeds City Council"
    assert request.organisation.email is None
    assert request.fields == (RequestedField("givenName", True),)
    assert request.expires_in_days == 30
    assert (request.reference, request.template, request.kind, request.kind_id) == (
        None,
        None,
        None,
        None,
    )


def test_documented_example_parses() -> None:
    request = parse_request(doc_example().encode("utf-8"))
    key = request.organisation.public_key
    assert key is not None
    assert {k: v for k, v in key.items() if k != "pub"} == {
        "alg": "MLKEM768-X25519",
        "kty": "AKP",
        "use": "enc",
    }
    load_recipient_jwk(dict(key))  # the example key is one Pont can really seal to
    assert request.reference == "CT-2026-004417"
    assert request.kind_id == "council-tax-single-person-discount"
    assert request.expires_in_days == 60
    assert request.field("householdMembers").form == "count_adults"
    assert over_asking(request) == []


def test_round_trip_keeps_everything() -> None:
    request = parse_request(doc_example().encode("utf-8"))
    written = request.to_json()
    assert parse_request(written) == request
    assert written.endswith(b"\n")
    assert parse_request(written).to_json() == written


def test_text_is_trimmed_and_normalised() -> None:
    decomposed = "Cafe\u0301 de la Gare"
    data = with_changes(
        organisation={"name": f"  {decomposed}  "}, purpose="  Why  ", reference=" AB-1 "
    )
    request = parse_request(data)
    assert request.organisation.name == unicodedata.normalize("NFC", decomposed)
    assert (request.purpose, request.reference) == ("Why", "AB-1")
    assert parse_request(request.to_json()) == request


def test_email_is_checked_and_normalised() -> None:
    request = parse_request(with_changes(organisation={"name": "X", "email": "Tax@HMRC.GOV.UK"}))
    assert request.organisation.email == "Tax@hmrc.gov.uk"


def test_custom_fields_are_allowed_in_requests() -> None:
    request = parse_request(with_changes(fields=[field(key="custom:Library card", required=False)]))
    assert request.fields[0].key == "custom:Library card"


def test_all_optional_members() -> None:
    data = with_changes(
        template="gp-registration",
        kind="gp-registration",
        reference="R1",
        special_category_condition="health_social_care",
        retention_days=3650,
        expires_in_days=365,
        fields=[field(key="birthDate", form="over_18", why="Age check")],
    )
    request = parse_request(data)
    assert request.special_category_condition == "health_social_care"
    assert (request.retention_days, request.expires_in_days) == (3650, 365)
    assert request.fields[0] == RequestedField("birthDate", True, "over_18", "Age check")
    assert parse_request(request.to_json()) == request


def test_exactly_sixty_fields() -> None:
    keys = [spec.key for spec in CATALOGUE][:54] + [f"custom:extra {i}" for i in range(6)]
    assert len(keys) == MAX_FIELDS
    request = parse_request(with_changes(fields=[field(key=k) for k in keys]))
    assert len(request.fields) == MAX_FIELDS


def test_nesting_at_the_limit_reaches_the_structure_checks() -> None:
    # 16 deep is allowed by the JSON layer; it then fails as a bad public key, not as too deep.
    deep: Any = "x"
    for _ in range(13):
        deep = [deep]
    data = with_changes(organisation={"name": "X", "public_key": {"kty": deep}})
    assert reason(data) == "request_bad_public_key"


# --- parsing: every rejection has its reason ------------------------------------------------------


REJECTIONS: list[tuple[str, bytes]] = [
    ("request_too_large", encode({**minimal(), "purpose": "x" * MAX_BYTES})),
    ("request_not_utf8", b'{"format": "pont-request", "purpose": "\xff"}'),
    ("request_not_utf8", "{}".encode("utf-16")),
    ("request_not_json", b""),
    ("request_not_json", b"{"),
    ("request_not_json", b"\xef\xbb\xbf" + encode(minimal())),
    ("request_not_json", encode(minimal()) + b" {}"),
    ("request_not_json", b"{'format': 'pont-request'}"),
    ("request_not_json", b'{"format": "pont-request", /* comment */ "version": 1}'),
    ("request_duplicate_key", b'{"format": "pont-request", "format": "pont-request"}'),
    ("request_duplicate_key", b'{"organisation": {"name": "A", "name": "B"}}'),
    ("request_bad_number", b'{"version": NaN}'),
    ("request_bad_number", b'{"version": Infinity}'),
    ("request_bad_number", b'{"version": -Infinity}'),
    ("request_bad_number", b'{"version": 1e999}'),
    ("request_bad_number", b'{"version": 1234567890123456}'),
    ("request_too_deep", b'{"a":' * 17 + b"1" + b"}" * 17),
    ("request_too_deep", b"[" * 20000 + b"]" * 20000),
    ("request_not_object", b"[]"),
    ("request_not_object", b'"pont-request"'),
    ("request_not_object", b"null"),
    ("request_bad_format", with_changes(format=DELETE)),
    ("request_bad_format", with_changes(format="pont-packet")),
    ("request_bad_format", with_changes(format="pont-request-template")),
    ("request_missing_member", with_changes(version=DELETE)),
    ("request_bad_type", with_changes(version="1")),
    ("request_bad_type", with_changes(version=True)),
    ("request_bad_type", with_changes(version=1.0)),
    ("request_unsupported_version", with_changes(version=2)),
    ("request_unsupported_version", with_changes(version=0)),
    ("request_signature_unsupported", with_changes(signature="eyJ…")),
    ("request_unknown_member", with_changes(Purpose="typo")),
    ("request_unknown_member", with_changes(organisation={"name": "X", "phone": "0113"})),
    ("request_unknown_member", with_changes(fields=[field(optional=True)])),
    ("request_missing_member", with_changes(purpose=DELETE)),
    ("request_missing_member", with_changes(fields=DELETE)),
    ("request_missing_member", with_changes(organisation={"email": "a@b.uk"})),
    ("request_missing_member", with_changes(fields=[{"key": "givenName"}])),
    ("request_bad_type", with_changes(organisation="Leeds City Council")),
    ("request_bad_type", with_changes(organisation={"name": 7})),
    ("request_bad_type", with_changes(organisation={"name": "X", "email": ["a@b.uk"]})),
    ("request_bad_type", with_changes(purpose=None)),
    ("request_bad_type", with_changes(fields={"givenName": True})),
    ("request_bad_type", with_changes(fields=[field(required="yes")])),
    ("request_bad_type", with_changes(fields=[field(key=None)])),
    ("request_bad_type", with_changes(fields=[field(form=1)])),
    ("request_bad_type", with_changes(expires_in_days="30")),
    ("request_bad_type", with_changes(expires_in_days=30.0)),
    ("request_bad_type", with_changes(retention_days=True)),
    ("request_bad_type", with_changes(template=1)),
    ("request_bad_type", with_changes(lawful_basis=["consent"])),
    ("request_bad_type", with_changes(special_category_condition=False)),
    ("request_bad_text", with_changes(purpose="")),
    ("request_bad_text", with_changes(purpose="   ")),
    ("request_bad_text", with_changes(purpose="line\nbreak")),
    ("request_bad_text", with_changes(purpose="tab\there")),
    ("request_bad_text", with_changes(purpose="bell\x07")),
    ("request_bad_text", with_changes(purpose="del\x7f")),
    ("request_bad_text", with_changes(purpose="c1\x85")),
    ("request_bad_text", with_changes(purpose="sep\u2028")),
    ("request_bad_text", with_changes(purpose="evil\u202egnp.exe")),
    ("request_bad_text", with_changes(purpose="isolate\u2066")),
    (
        "request_bad_text",
        b'{"format":"pont-request","version":1,"purpose":"\\ud800",'
        b'"organisation":{"name":"X"},"lawful_basis":"consent","retention":"r",'
        b'"fields":[{"key":"givenName","required":true}]}',
    ),
    ("request_bad_text", with_changes(purpose="x" * 1001)),
    ("request_bad_text", with_changes(retention="x" * 301)),
    ("request_bad_text", with_changes(reference="x" * 101)),
    ("request_bad_text", with_changes(reference="")),
    ("request_bad_text", with_changes(organisation={"name": "x" * 201})),
    ("request_bad_text", with_changes(organisation={"name": "<b>Bank</b>\x00"})),
    ("request_bad_text", with_changes(fields=[field(why="x" * 301)])),
    ("request_bad_email", with_changes(organisation={"name": "X", "email": "nobody"})),
    ("request_bad_email", with_changes(organisation={"name": "X", "email": "a@b"})),
    ("request_bad_email", with_changes(organisation={"name": "X", "email": "a b@c.uk"})),
    (
        "request_bad_public_key",
        with_changes(organisation={"name": "X", "public_key": {**HPKE_JWK, "priv": "AAAA"}}),
    ),
    ("request_bad_public_key", with_changes(organisation={"name": "X", "public_key": X25519_JWK})),
    ("request_bad_public_key", with_changes(organisation={"name": "X", "public_key": P256_JWK})),
    (
        "request_bad_public_key",
        with_changes(organisation={"name": "X", "public_key": {"kty": "RSA", "n": "x", "e": "y"}}),
    ),
    ("request_bad_public_key", with_changes(organisation={"name": "X", "public_key": "PEM"})),
    ("request_bad_value", with_changes(expires_in_days=0)),
    ("request_bad_value", with_changes(expires_in_days=366)),
    ("request_bad_value", with_changes(expires_in_days=-1)),
    ("request_bad_value", with_changes(retention_days=0)),
    ("request_bad_value", with_changes(retention_days=36501)),
    ("request_bad_value", with_changes(template="GP Registration")),
    ("request_bad_value", with_changes(kind="gp-" + "x" * 60)),
    ("request_bad_lawful_basis", with_changes(lawful_basis="because")),
    ("request_bad_lawful_basis", with_changes(lawful_basis="Consent")),
    ("request_bad_condition", with_changes(special_category_condition="health")),
    ("request_no_fields", with_changes(fields=[])),
    (
        "request_too_many_fields",
        with_changes(fields=[field(key=f"custom:f{i}") for i in range(MAX_FIELDS + 1)]),
    ),
    ("request_bad_field", with_changes(fields=["givenName"])),
    ("request_bad_field", with_changes(fields=[None])),
    ("request_bad_key", with_changes(fields=[field(key="shoeSize")])),
    ("request_bad_key", with_changes(fields=[field(key="GIVENNAME")])),
    ("request_bad_key", with_changes(fields=[field(key="custom:")])),
    ("request_bad_key", with_changes(fields=[field(key="custom: leading space")])),
    ("request_bad_key", with_changes(fields=[field(key="custom:" + "x" * 61)])),
    ("request_duplicate_field", with_changes(fields=[field(), field(required=False)])),
    ("request_bad_form", with_changes(fields=[field(form="over_18")])),
    ("request_bad_form", with_changes(fields=[field(key="birthDate", form="over_21")])),
    ("request_bad_form", with_changes(fields=[field(key="custom:Card", form="initial")])),
    ("request_unknown_template", with_changes(template="passport-application")),
    ("request_unknown_template", with_changes(kind="x")),
    (
        "request_kind_mismatch",
        with_changes(template="gp-registration", kind="electoral-register"),
    ),
]


@pytest.mark.parametrize(("expected", "data"), REJECTIONS)
def test_rejected_with_reason(expected: str, data: bytes) -> None:
    assert reason(data) == expected


def test_every_reason_is_exercised() -> None:
    assert {expected for expected, _ in REJECTIONS} == REASONS


def test_detail_names_the_member() -> None:
    with pytest.raises(InvalidPacket) as caught:
        parse_request(with_changes(fields=[field(), field(key="birthDate", form="over_21")]))
    assert caught.value.detail.startswith("fields[1].form")


def test_detail_escapes_outside_text() -> None:
    with pytest.raises(InvalidPacket) as caught:
        parse_request(with_changes(**{"evil\u202e\n": 1}))
    assert caught.value.reason == "request_unknown_member"
    assert "\n" not in caught.value.detail
    assert "\u202e" not in caught.value.detail


def test_size_cap_is_on_the_bytes() -> None:
    document = minimal()
    document["purpose"] = "x"
    base = len(encode(document))
    padding = b" " * (MAX_BYTES - base)
    assert parse_request(encode(document) + padding)  # exactly at the cap
    assert reason(encode(document) + padding + b" ") == "request_too_large"


def test_size_cap_also_applies_as_written() -> None:
    # 60 fields of long, multi-byte reasons fit compactly but not once written out indented.
    why = "\U0001f600" * 253
    keys = [f"custom:f{i}" for i in range(MAX_FIELDS)]
    data = json.dumps(
        {**minimal(), "fields": [field(key=k, why=why) for k in keys]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    assert len(data) <= MAX_BYTES
    assert reason(data) == "request_too_large"


def test_parse_refuses_non_bytes() -> None:
    with pytest.raises(InvalidPacket):
        parse_request("{}")  # type: ignore[arg-type]


# --- files and new requests -----------------------------------------------------------------------


def test_load_request_file(tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    path.write_bytes(doc_example().encode())
    assert load_request_file(path) == parse_request(doc_example().encode())
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (10 * MAX_BYTES))
    with pytest.raises(InvalidPacket) as caught:
        load_request_file(big)
    assert caught.value.reason == "request_too_large"
    with pytest.raises(InvalidInput) as missing:
        load_request_file(tmp_path / "absent.json")
    assert (missing.value.field, missing.value.reason) == ("request_file", "unreadable")


# --- the organisation's encryption key ------------------------------------------------------------


def key_detail(public_key: object) -> str:
    with pytest.raises(InvalidPacket) as caught:
        parse_request(with_changes(organisation={"name": "X", "public_key": public_key}))
    assert caught.value.reason == "request_bad_public_key"
    where, detail = caught.value.detail.split(": ")
    assert where == "organisation.public_key"
    assert detail in PUBLIC_KEY_REASONS
    return detail


def test_a_key_pont_can_seal_to_is_accepted() -> None:
    jwk = {**new_recipient_key()[1], "kid": "2026-1", "use": "enc"}
    request = parse_request(with_changes(organisation={"name": "X", "public_key": jwk}))
    assert request.organisation.public_key == dict(sorted(jwk.items()))
    assert parse_request(request.to_json()) == request
    sealed = seal_packet(b"packet", dict(request.organisation.public_key or {}), "X")
    assert json.loads(sealed)["recipient"] == load_recipient_jwk(jwk)[1]


def test_new_request_takes_a_key_pont_can_seal_to() -> None:
    jwk = new_recipient_key()[1]
    request = new_request(
        organisation="Barclays",
        public_key=jwk,
        purpose="Change of address",
        fields=[RequestedField("givenName", True)],
        lawful_basis="legal_obligation",
        retention="5 years",
    )
    assert request.organisation.public_key == dict(sorted(jwk.items()))


@pytest.mark.parametrize("jwk", [X25519_JWK, P256_JWK, {**X25519_JWK, "alg": "HPKE-4"}])
def test_classical_keys_are_unsupported(jwk: dict[str, str]) -> None:
    # No silent downgrade: Pont cannot seal to these, so a request may not carry them.
    assert key_detail(jwk) == "unsupported_key"


def test_new_request_refuses_a_classical_key() -> None:
    with pytest.raises(InvalidInput) as caught:
        new_request(
            organisation="Barclays",
            public_key=X25519_JWK,
            purpose="Change of address",
            fields=[RequestedField("givenName", True)],
            lawful_basis="legal_obligation",
            retention="5 years",
        )
    assert (caught.value.field, caught.value.reason, caught.value.detail) == (
        "organisation.public_key",
        "request_bad_public_key",
        "unsupported_key",
    )


@pytest.mark.parametrize("member", ["priv", "seed", "d"])
def test_private_members_are_refused(member: str) -> None:
    assert key_detail({**HPKE_JWK, member: HPKE_JWK["pub"][:43]}) == "private_key"


@pytest.mark.parametrize("pub", ["", "AAAA", HPKE_JWK["pub"][:-2], HPKE_JWK["pub"] + "="])
def test_a_bad_pub_is_refused(pub: str) -> None:
    assert key_detail({**HPKE_JWK, "pub": pub}) == "invalid_key"


def test_a_pub_pont_could_not_seal_to_is_refused() -> None:
    # All zeros decodes (ML-KEM coefficients 0, X25519 u = 0) but the X25519 half has small
    # order, so sealing would fail: refused as weak_key, not stored.
    assert key_detail({**HPKE_JWK, "pub": "A" * 1622}) == "weak_key"


def test_other_key_members() -> None:
    assert key_detail({**HPKE_JWK, "use": "sig"}) == "bad_use"
    assert key_detail({**HPKE_JWK, "kid": "a\u202eb"}) == "bad_kid"
    assert key_detail({**HPKE_JWK, "crv": "X25519"}) == "unknown_member"


def test_new_request_round_trips() -> None:
    request = new_request(
        organisation="Barclays",
        email="moves@barclays.co.uk",
        public_key=HPKE_JWK,
        purpose="Change of address",
        fields=[
            RequestedField("givenName", True),
            RequestedField("bankAccount", True, "last_4_digits", "To find your account"),
        ],
        lawful_basis="legal_obligation",
        retention="5 years after the relationship ends",
        reference="CASE 1",
        kind="bank-change-of-address",
    )
    assert isinstance(request, Request)
    assert parse_request(request.to_json()) == request


@pytest.mark.parametrize(
    ("changes", "where", "expected"),
    [
        ({"organisation": ""}, "organisation.name", "request_bad_text"),
        ({"email": "x"}, "organisation.email", "request_bad_email"),
        ({"lawful_basis": "why not"}, "lawful_basis", "request_bad_lawful_basis"),
        ({"fields": []}, "fields", "request_no_fields"),
        (
            {"fields": [RequestedField("birthDate", True, "postcode_district")]},
            "fields[0].form",
            "request_bad_form",
        ),
        ({"expires_in_days": 400}, "expires_in_days", "request_bad_value"),
        ({"kind": "nope"}, "kind", "request_unknown_template"),
    ],
)
def test_new_request_reports_the_member(changes: dict[str, Any], where: str, expected: str) -> None:
    arguments: dict[str, Any] = {
        "organisation": "X",
        "purpose": "P",
        "fields": [RequestedField("givenName", True)],
        "lawful_basis": "consent",
        "retention": "R",
        **changes,
    }
    with pytest.raises(InvalidInput) as caught:
        new_request(**arguments)
    assert (caught.value.field, caught.value.reason) == (where, expected)


# --- the catalogue --------------------------------------------------------------------------------


def test_catalogue_has_the_common_uk_requests() -> None:
    templates = request_catalogue()
    assert {t.id for t in templates} == TEMPLATE_IDS
    assert len(templates) >= 10
    assert [t.title.casefold() for t in templates] == sorted(t.title.casefold() for t in templates)


def test_catalogue_is_cached_and_copied() -> None:
    first = request_catalogue()
    first.clear()
    assert request_catalogue()
    assert template("gp-registration") is template("gp-registration")


def test_unknown_template() -> None:
    with pytest.raises(NotFound):
        template("passport-application")


@pytest.mark.parametrize("template_id", sorted(TEMPLATE_IDS))
def test_template_is_consistent(template_id: str) -> None:
    found = template(template_id)
    keys = [f.key for f in found.fields]
    assert len(keys) == len(set(keys))
    for requested in found.fields:
        spec = CATALOGUE.get(requested.key)  # a real catalogue field, not custom
        assert requested.form is None or requested.form in spec.derived_forms
        assert requested.why, f"{template_id}: {requested.key} says why"
    assert found.typical_need <= set(keys)
    assert {"givenName", "familyName"} <= {f.key for f in found.fields if f.required}
    special = [k for k in keys if is_special_category(CATALOGUE.get(k))]
    if special:
        assert found.special_category_condition is not None, special
    # Special-category data is never required by a template: the person may always decline.
    assert not [f.key for f in found.fields if f.required and f.key in special]


@pytest.mark.parametrize("template_id", sorted(TEMPLATE_IDS))
def test_template_request_parses_and_does_not_over_ask(template_id: str) -> None:
    request = template(template_id).request(
        "Some Organisation", email="data@example.org", reference="REF-1"
    )
    assert request.template == template_id
    assert parse_request(request.to_json()) == request
    assert over_asking(request) == []


@pytest.mark.parametrize("path", sorted((ROOT / "resources" / "requests").glob("*.json")))
def test_template_files_are_canonical(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == f"{document['id']}.json"
    assert (
        path.read_text(encoding="utf-8")
        == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    )


def test_templates_load_through_importlib_resources() -> None:
    folder = resources.files("resources") / "requests"
    names = {entry.name for entry in folder.iterdir() if entry.name.endswith(".json")}
    assert names == {f"{i}.json" for i in TEMPLATE_IDS}


def required_keys(template_id: str) -> set[str]:
    return {f.key for f in template(template_id).fields if f.required}


def all_keys(template_id: str) -> set[str]:
    return {f.key for f in template(template_id).fields}


def test_realistic_needs() -> None:
    spd = all_keys("council-tax-single-person-discount")
    assert {"givenName", "familyName", "address", "councilTaxReference"} <= spd
    assert not {"nhsNumber", "birthDate", "nationalInsuranceNumber"} & spd
    assert template("council-tax-single-person-discount").field("householdMembers") == (
        RequestedField(
            "householdMembers",
            False,
            "count_adults",
            template("council-tax-single-person-discount").field("householdMembers").why,  # type: ignore[union-attr]
        )
    )
    electoral = required_keys("electoral-register")
    assert {"nationality", "birthDate", "nationalInsuranceNumber", "address"} <= electoral
    for money in (
        "bank-change-of-address",
        "lpa-registration-with-bank",
        "hmrc-change-of-address",
        "dvla-change-of-address",
        "landlord-reference",
        "utility-change-of-tenancy",
    ):
        assert not [k for k in all_keys(money) if is_special_category(CATALOGUE.get(k))], money
    assert "nhsNumber" in all_keys("gp-registration")
    assert "nhsNumber" not in required_keys("gp-registration")
    assert "drivingLicenceNumber" in required_keys("dvla-change-of-address")
    assert "nationalInsuranceNumber" in required_keys("hmrc-change-of-address")


# --- over-asking ----------------------------------------------------------------------------------


def bank_request(*extra: RequestedField, condition: str | None = None) -> Request:
    base = template("bank-change-of-address")
    return new_request(
        organisation="Big Bank plc",
        purpose=base.purpose,
        fields=[*base.fields, *extra],
        lawful_basis=base.lawful_basis,
        retention=base.retention,
        special_category_condition=condition,
        kind=base.id,
    )


def test_bank_asking_for_health_data_is_flagged() -> None:
    request = bank_request(RequestedField("nhsNumber", True), RequestedField("medications", False))
    warnings = over_asking(request)
    assert OverAsk("nhsNumber", "not_typically_needed", True) in warnings
    assert OverAsk("medications", "special_category", False) in warnings
    assert OverAsk("medications", "no_special_category_condition", False) in warnings
    assert {w.key for w in warnings} == {"nhsNumber", "medications"}


def test_condition_silences_only_its_own_warning() -> None:
    request = bank_request(RequestedField("medications", False), condition="explicit_consent")
    assert over_asking(request) == [OverAsk("medications", "special_category", False)]


def test_sensitive_but_not_special() -> None:
    warnings = over_asking(bank_request(RequestedField("gender", False)))
    assert warnings == [OverAsk("gender", "sensitive", False)]


def test_full_value_where_a_form_serves() -> None:
    base = template("bank-change-of-address")
    fields = [RequestedField(f.key, f.required) for f in base.fields]  # every form dropped
    request = new_request(
        organisation="Bank",
        purpose="p",
        fields=fields,
        lawful_basis="contract",
        retention="r",
        template=base.id,
    )
    assert over_asking(request) == [
        OverAsk("bankAccount", "less_revealing_form_available", True, "last_4_digits")
    ]


def test_a_different_form_than_usual_is_flagged_too() -> None:
    base = template("utility-change-of-tenancy")
    fields = [
        RequestedField(f.key, f.required, "age_band" if f.key == "birthDate" else f.form)
        for f in base.fields
    ]
    request = new_request(
        organisation="Power Co",
        purpose="p",
        fields=fields,
        lawful_basis="contract",
        retention="r",
        kind=base.id,
    )
    assert over_asking(request) == [
        OverAsk("birthDate", "less_revealing_form_available", False, "over_18")
    ]


def test_custom_fields_are_never_typical() -> None:
    warnings = over_asking(bank_request(RequestedField("custom:Maiden name", False)))
    assert warnings == [OverAsk("custom:Maiden name", "not_typically_needed", False)]


def test_without_a_kind_only_special_category_is_flagged() -> None:
    request = new_request(
        organisation="Unknown Ltd",
        purpose="p",
        fields=[
            RequestedField("passportNumber", True),
            RequestedField("religion", False),
            RequestedField("gender", False),
        ],
        lawful_basis="consent",
        retention="r",
        special_category_condition="explicit_consent",
    )
    assert over_asking(request) == [OverAsk("religion", "special_category", False)]


def test_over_ask_reasons_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in OVER_ASK_REASONS:
        assert f"`{code}`" in text


# --- the minimal selection ------------------------------------------------------------------------


def test_minimal_selection() -> None:
    request = parse_request(doc_example().encode())
    selection = minimal_selection(
        request, ["givenName", "address", "householdMembers", "email", "nhsNumber"]
    )
    assert selection.fields == (SelectedField("givenName", None), SelectedField("address", None))
    assert selection.missing == ("familyName", "councilTaxReference")
    assert selection.optional == ("householdMembers", "email")


def test_minimal_selection_uses_the_accepted_form() -> None:
    request = template("bank-change-of-address").request("Bank")
    selection = minimal_selection(request, [f.key for f in request.fields])
    assert SelectedField("bankAccount", "last_4_digits") in selection.fields
    assert selection.missing == ()
    assert {s.key for s in selection.fields} == {f.key for f in request.fields if f.required}
    assert set(selection.optional) == {f.key for f in request.fields if not f.required}


def test_minimal_selection_of_an_empty_profile() -> None:
    request = template("electoral-register").request("Council")
    selection = minimal_selection(request, [])
    assert selection.fields == ()
    assert selection.optional == ()
    assert set(selection.missing) == required_keys("electoral-register")


# --- the schema and the docs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> Any:
    # A test dependency (pyproject "test" extra); only the schema tests need it.
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


@pytest.mark.parametrize("path", sorted((ROOT / "resources" / "requests").glob("*.json")))
def test_templates_match_the_schema(validator: Any, path: Path) -> None:
    validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_example_and_written_requests_match_the_schema(validator: Any) -> None:
    validator.validate(json.loads(doc_example()))
    for found in request_catalogue():
        validator.validate(json.loads(found.request("Org", reference="R").to_json()))


def test_schema_lists_match_the_code() -> None:
    defs = SCHEMA["$defs"]
    assert defs["catalogueKey"]["enum"] == [spec.key for spec in CATALOGUE]
    assert set(defs["templateId"]["enum"]) == TEMPLATE_IDS
    assert defs["lawfulBasis"]["enum"] == list(LAWFUL_BASES)
    assert defs["specialCategoryCondition"]["enum"] == list(SPECIAL_CATEGORY_CONDITIONS)
    assert set(defs["form"]["enum"]) == forms()
    by_key = {
        rule["if"]["properties"]["key"]["const"]: rule["then"]["properties"]["form"]["enum"]
        for rule in defs["requestedField"]["allOf"]
        if "const" in rule["if"]["properties"]["key"]
    }
    assert by_key == {s.key: list(s.derived_forms) for s in CATALOGUE if s.derived_forms}


SCHEMA_REJECTS: list[Callable[[dict[str, Any]], None]] = [
    lambda d: d.update(Purpose="typo"),
    lambda d: d.update(signature="x"),
    lambda d: d.update(version=2),
    lambda d: d.update(lawful_basis="because"),
    lambda d: d.update(expires_in_days=366),
    lambda d: d.update(purpose="line\nbreak"),
    lambda d: d.update(purpose="evil\u202e"),
    lambda d: d.update(purpose="   "),
    lambda d: d.update(fields=[]),
    lambda d: d.update(fields=[field(key="shoeSize")]),
    lambda d: d.update(fields=[field(form="over_18")]),
    lambda d: d.update(fields=[field(key="custom:Card", form="initial")]),
    lambda d: d.update(fields=[field(key=f"custom:f{i}") for i in range(MAX_FIELDS + 1)]),
    lambda d: d.update(organisation={"name": "X", "public_key": {**HPKE_JWK, "priv": "AAAA"}}),
    lambda d: d.update(organisation={"name": "X", "public_key": X25519_JWK}),
    lambda d: d.update(organisation={"name": "X", "public_key": P256_JWK}),
    lambda d: d.update(organisation={"name": "X", "public_key": {**HPKE_JWK, "pub": "AAAA"}}),
    lambda d: d.update(kind="passport-application"),
    lambda d: d.pop("retention"),
]


@pytest.mark.parametrize("change", SCHEMA_REJECTS)
def test_schema_and_parser_both_reject(
    validator: Any, change: Callable[[dict[str, Any]], None]
) -> None:
    document = minimal()
    validator.validate(document)
    change(document)
    assert not validator.is_valid(document)
    with pytest.raises(InvalidPacket):
        parse_request(encode(document))


def test_every_reason_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(request_[a-z0-9_]+)` \|", text, re.M))
    assert documented == REASONS


def test_every_template_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for found in request_catalogue():
        assert f"| `{found.id}` | {found.title} |" in text

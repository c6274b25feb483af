"""The field catalogue: its data is complete and consistent, and it loads as typed specs."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from vault.catalogue import (
    CUSTOM_CATEGORY,
    Catalogue,
    FieldSpec,
    custom_spec,
    load_catalogue,
)
from vault.errors import InvalidInput
from vault.validate import KNOWN_TYPES, REASONS, STRUCTURED_TYPES

CATEGORY_ORDER = [
    "identity",
    "contact",
    "addresses",
    "identifiers",
    "health",
    "finance",
    "household",
    "education_work",
    "preferences_plans",
]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "fields.md"


def raw_document() -> dict[str, object]:
    text = (resources.files("resources") / "fields.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert isinstance(document, dict)
    return document


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue()


# --- the data -------------------------------------------------------------------------------


def test_categories_in_the_agreed_order(catalogue: Catalogue) -> None:
    assert [category.key for category in catalogue.categories()] == CATEGORY_ORDER


def test_every_category_has_fields(catalogue: Catalogue) -> None:
    for category in catalogue.categories():
        assert catalogue.fields(category.key), category.key


def test_keys_are_unique_in_the_file() -> None:
    fields = raw_document()["fields"]
    assert isinstance(fields, list)
    keys = [field["key"] for field in fields]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "key",
    [
        "givenName",
        "familyName",
        "additionalName",
        "honorificPrefix",
        "preferredName",
        "previousNames",
        "birthDate",
        "gender",
        "genderSelfDescription",
        "birthPlace",
        "nationality",
        "email",
        "telephone",
        "homeTelephone",
        "preferredContactMethod",
        "address",
        "nhsNumber",
        "nationalInsuranceNumber",
        "passportNumber",
        "drivingLicenceNumber",
        "councilTaxReference",
        "uniqueTaxpayerReference",
        "blueBadgeNumber",
        "electoralRollNumber",
        "otherIdentifiers",
        "gpPractice",
        "medicalConditions",
        "medications",
        "allergies",
        "accessNeeds",
        "nextOfKin",
        "emergencyContact",
        "bankAccount",
        "benefitsReceived",
        "householdMembers",
        "dependants",
        "tenure",
        "landlord",
        "worksFor",
        "jobTitle",
        "school",
        "qualifications",
        "preferredLanguage",
        "communicationPreferences",
        "advanceDecision",
        "organDonationDecision",
        "religion",
    ],
)
def test_required_coverage(catalogue: Catalogue, key: str) -> None:
    assert key in catalogue


@pytest.mark.parametrize(
    "key",
    [
        "givenName",
        "familyName",
        "additionalName",
        "honorificPrefix",
        "birthDate",
        "gender",
        "email",
        "telephone",
        "address",
        "nationality",
        "jobTitle",
        "worksFor",
        "birthPlace",
    ],
)
def test_schema_org_names_are_used_as_keys(catalogue: Catalogue, key: str) -> None:
    assert catalogue.get(key).schema_org == key


def test_every_type_is_known_to_validate(catalogue: Catalogue) -> None:
    for spec in catalogue:
        assert spec.type in KNOWN_TYPES, spec.key
        for part in spec.parts:
            assert part.type in KNOWN_TYPES, f"{spec.key}.{part.key}"
            assert part.type not in STRUCTURED_TYPES | {"choice"}, "parts are scalar"


def test_structured_fields_have_parts_and_others_do_not(catalogue: Catalogue) -> None:
    for spec in catalogue:
        if spec.type in STRUCTURED_TYPES:
            assert spec.parts, spec.key
            keys = [part.key for part in spec.parts]
            assert len(keys) == len(set(keys)), spec.key
            assert any(part.required for part in spec.parts), spec.key
        else:
            assert spec.parts == (), spec.key


def test_address_parts_support_a_history(catalogue: Catalogue) -> None:
    spec = catalogue.get("address")
    assert spec.repeatable
    keys = {part.key for part in spec.parts}
    assert {"lines", "town", "county", "postcode", "country", "from", "to"} == keys


def test_choice_fields_have_distinct_choices(catalogue: Catalogue) -> None:
    for spec in catalogue:
        if spec.type == "choice":
            values = [choice.value for choice in spec.choices]
            assert len(values) >= 2, spec.key
            assert len(values) == len(set(values)), spec.key
            assert all(choice.label for choice in spec.choices)
        else:
            assert spec.choices == (), spec.key


def test_gender_is_not_forced_binary(catalogue: Catalogue) -> None:
    values = {choice.value for choice in catalogue.get("gender").choices}
    assert {"woman", "man", "non_binary", "self_describe", "prefer_not_to_say"} <= values
    assert catalogue.get("genderSelfDescription").type == "text"


def test_health_and_special_category_fields_are_sensitive(catalogue: Catalogue) -> None:
    for spec in catalogue.fields("health"):
        assert spec.sensitive, spec.key
    for key in ("religion", "ethnicity", "gender", "advanceDecision", "organDonationDecision"):
        assert catalogue.get(key).sensitive, key
    assert not catalogue.get("givenName").sensitive


def test_labels_and_help_are_short_plain_sentences(catalogue: Catalogue) -> None:
    for spec in catalogue:
        assert 0 < len(spec.label) <= 40, spec.key
        assert spec.help.endswith("."), spec.key
        assert len(spec.help) <= 160, spec.key
        assert "<" not in spec.help + spec.label, "plain text only"


def test_derived_forms_recorded(catalogue: Catalogue) -> None:
    assert {"over_18", "over_65", "age_band"} <= set(catalogue.get("birthDate").derived_forms)
    assert {"postcode_district", "town_only"} <= set(catalogue.get("address").derived_forms)
    assert "last_4_digits" in catalogue.get("bankAccount").derived_forms
    assert catalogue.get("familyName").derived_forms == ()


def test_birth_dates_cannot_be_in_future(catalogue: Catalogue) -> None:
    assert catalogue.get("birthDate").past_only
    assert not catalogue.get("passportExpiryDate").past_only
    member = {part.key: part for part in catalogue.get("householdMembers").parts}
    assert member["birthDate"].past_only


def test_fields_filter_keeps_display_order(catalogue: Catalogue) -> None:
    identity = [spec.key for spec in catalogue.fields("identity")]
    assert identity[:4] == ["honorificPrefix", "givenName", "additionalName", "familyName"]
    everything = catalogue.fields()
    assert len(everything) == len(catalogue)
    assert [s.category for s in everything] == sorted(
        (s.category for s in everything), key=CATEGORY_ORDER.index
    )


# --- access -------------------------------------------------------------------------------


def test_load_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_get_unknown_field(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput) as caught:
        catalogue.get("shoeSize")
    assert (caught.value.field, caught.value.reason) == ("shoeSize", "unknown_field")


def test_contains_only_catalogue_keys(catalogue: Catalogue) -> None:
    assert "nhsNumber" in catalogue
    assert "custom:library_card" not in catalogue
    assert 42 not in catalogue


def test_spec_for_returns_catalogue_fields(catalogue: Catalogue) -> None:
    assert catalogue.spec_for("nhsNumber") is catalogue.get("nhsNumber")


@pytest.mark.parametrize("name", ["library_card", "Library card 2", "Bibliothèque", "a", "x" * 60])
def test_custom_fields(catalogue: Catalogue, name: str) -> None:
    spec = catalogue.spec_for(f"custom:{name}")
    assert spec == FieldSpec(
        key=f"custom:{name}",
        label=name,
        category=CUSTOM_CATEGORY,
        type="text",
        repeatable=False,
        sensitive=False,
        schema_org=None,
        help="",
    )
    assert spec.is_custom
    assert not catalogue.get("givenName").is_custom


@pytest.mark.parametrize(
    "key",
    [
        "custom:",
        "custom: leading",
        "custom:trailing ",
        "custom:" + "x" * 61,
        "custom:a/b",
        "custom:_under",
        "custom:new\nline",
        "custom:" + unicodedata.normalize("NFD", "é"),
        "Custom:x",
    ],
)
def test_bad_custom_keys(catalogue: Catalogue, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        catalogue.spec_for(key) if key.startswith("custom:") else custom_spec(key)
    assert caught.value.reason == "bad_custom_key"


# --- a broken file fails loudly -------------------------------------------------------------


def _mutated(change: str) -> str:
    document = raw_document()
    fields = document["fields"]
    assert isinstance(fields, list)
    if change == "version":
        document["version"] = 2
    elif change == "duplicate":
        fields.append(fields[0])
    elif change == "category":
        fields[0]["category"] = "hobbies"
    elif change == "label":
        del fields[0]["label"]
    elif change == "bool":
        fields[0]["sensitive"] = "yes"
    elif change == "schema_org":
        fields[0]["schema_org"] = 3
    elif change == "parts":
        document["structures"] = {"address": []}
    return json.dumps(document)


@pytest.mark.parametrize(
    "change", ["version", "duplicate", "category", "label", "bool", "schema_org", "parts"]
)
def test_malformed_catalogue_is_refused(change: str) -> None:
    with pytest.raises(ValueError, match=r"fields\.json"):
        Catalogue.from_json(_mutated(change))


def test_not_json_is_refused() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        Catalogue.from_json("{")


def test_unmutated_copy_loads() -> None:
    assert len(Catalogue.from_json(_mutated("nothing"))) == len(load_catalogue())


# --- the human reference stays true --------------------------------------------------------


def test_docs_mention_every_key_type_category_and_reason(catalogue: Catalogue) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for spec in catalogue:
        assert f"`{spec.key}`" in docs, spec.key
    for kind in KNOWN_TYPES:
        assert f"`{kind}`" in docs, kind
    for category in CATEGORY_ORDER:
        assert f"`{category}`" in docs, category
    for reason in REASONS:
        assert f"`{reason}`" in docs, reason

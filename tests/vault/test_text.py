"""The one plain-text rule (vault.text): every hidden character is refused at every door and
escaped on the way out; the joiners Persian, Arabic and Indic names need are kept."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from vault.catalogue import load_catalogue
from vault.errors import InvalidInput, InvalidPacket
from vault.issuer import plain_name
from vault.requests import parse_request
from vault.text import JOINERS, REFUSED_CATEGORIES, check_name, check_plain, json_shown, shown
from vault.validate import check_email, normalise
from vault.vault import Vault

PERSIAN = "علی‌رضا"  # Ali-Reza: ZWNJ after YEH (dual-joining), before REH (right-joining)
HINDI_HALF_FORM = "क्‍ष"  # ZWJ after the virama asks for the half form of KA
SINHALA = "ශ්‍රී"  # ZWJ after al-lakuna: the "Sri" ligature
HOSTILE = [
    "\x1b[2J",  # CSI clear screen
    "\x1b]0;title\x07",  # OSC 0: window title
    "\x9b2J",  # C1 CSI
    "\x85",  # C1 next line
    "\u200b",  # zero-width space
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u061c",  # Arabic letter mark
    "\u202e",  # RLO
    "\u2066",  # LRI
    "\u2028",  # line separator
    "\u00ad",  # soft hyphen
    "\ufeff",  # zero-width no-break space
    "\U000e0041",  # tag LATIN CAPITAL A
    "\u200c",  # ZWNJ between Latin letters: no joining context
    "\u200d",  # ZWJ between Latin letters
]


def refused_points() -> list[str]:
    return [
        chr(point)
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in REFUSED_CATEGORIES
    ]


REFUSED = refused_points()


def test_every_refused_character_is_refused_inside_a_word() -> None:
    assert len(REFUSED) > 2000  # Cc, Cf, Cs (2048 surrogates), Zl, Zp
    for char in REFUSED:
        with pytest.raises(InvalidInput) as caught:
            check_plain(f"Ada{char}Lovelace", "name", limit=100)
        assert caught.value.reason == "control_character"
        assert caught.value.detail == f"U+{ord(char):04X}"


def test_every_other_character_of_the_basic_plane_is_accepted() -> None:
    for point in range(0x10000):
        char = chr(point)
        if unicodedata.category(char) not in REFUSED_CATEGORIES:
            check_plain(f"a{char}b", "name", limit=10)


def test_trailing_separators_are_refused_not_trimmed_away() -> None:
    for end in ("\x85", "\u2028", "\u200e", "\x1c"):
        with pytest.raises(InvalidInput):
            check_plain(f"Leeds{end}", "name", limit=100)
    assert check_plain(" \tLeeds\u3000\n", "name", limit=100) == "Leeds"


@pytest.mark.parametrize("name", [PERSIAN, HINDI_HALF_FORM, SINHALA, "می‌خواهم"])
def test_joiners_stay_where_a_script_needs_them(name: str) -> None:
    assert check_name(name, "name", limit=100) == unicodedata.normalize("NFC", name)
    assert shown(name) == name
    assert json.loads(json_shown(json.dumps(name, ensure_ascii=False))) == name


@pytest.mark.parametrize("text", ["\u200cAli", "Ali\u200c", "Al\u200cice", "رضا\u200c\u200cعلی"])
def test_joiners_without_a_joining_context_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        check_plain(text, "name", limit=100)


def test_names_are_nfc_with_one_space_between_words() -> None:
    assert check_name(unicodedata.normalize("NFD", "  Zoë \t Brontë "), "n", limit=50) == (
        "Zoë Brontë"
    )


def test_shown_escapes_every_refused_character() -> None:
    for char in REFUSED:
        if char in JOINERS or char in "\n\t":
            continue
        out = shown(f"a{char}b")
        assert char not in out
        assert out == f"a{out[1:-1]}b"
        assert out[1] == "\\"


def test_shown_keeps_pont_s_lines_unless_told_not_to() -> None:
    assert shown("one\ntwo") == "one\ntwo"
    assert shown("one\ttwo", newlines=False) == "one\\x09two"
    assert shown("one\ntwo", newlines=False) == "one\\x0atwo"
    assert shown("fake\x1b[32m VALID\u202e") == "fake\\x1b[32m VALID\\u202e"


def test_json_shown_is_ascii_safe_and_decodes_to_the_same_text() -> None:
    value = {"k\u202e": "".join(REFUSED[:300]) + PERSIAN + "\U000e0041"}
    for indent in (None, 2):
        text = json_shown(json.dumps(value, ensure_ascii=False, indent=indent))
        assert all(unicodedata.category(c) not in REFUSED_CATEGORIES for c in text if c != "\n")
        assert json.loads(text) == value


# --- the doors -----------------------------------------------------------------------------


def request_with(**organisation: Any) -> bytes:
    document = {
        "format": "pont-request",
        "version": 1,
        "organisation": {"name": "Leeds City Council", **organisation},
        "purpose": "Council Tax discount",
        "lawful_basis": "public_task",
        "retention": "6 years",
        "reference": "CT-1",
        "fields": [{"key": "givenName", "required": True, "why": "to address you"}],
    }
    return json.dumps(document, ensure_ascii=False).encode()


def request_member(name: str, value: str) -> bytes:
    document = json.loads(request_with())
    if name == "why":
        document["fields"][0]["why"] = value
    else:
        document[name] = value
    return json.dumps(document, ensure_ascii=False).encode()


OUTSIDE_DOORS: dict[str, Callable[[str], object]] = {
    "request organisation": lambda bad: parse_request(request_with(name=f"Leeds{bad}Council")),
    "request email local part": lambda bad: parse_request(request_with(email=f"c{bad}t@x.uk")),
    "request email domain": lambda bad: parse_request(request_with(email=f"ct@x{bad}y.uk")),
    "request reference": lambda bad: parse_request(request_member("reference", f"CT{bad}1")),
    "request purpose": lambda bad: parse_request(request_member("purpose", f"Tax{bad}relief")),
    "request why": lambda bad: parse_request(request_member("why", f"to{bad}know")),
    "field value": lambda bad: normalise(load_catalogue().spec_for("givenName"), f"Ad{bad}a"),
    "email field": lambda bad: check_email(f"ad{bad}a@example.org"),
    "issuer name": lambda bad: plain_name("name", f"Leeds{bad}Council"),
}


@pytest.mark.parametrize("door", sorted(OUTSIDE_DOORS))
def test_every_outside_door_refuses_hidden_characters(door: str) -> None:
    for bad in HOSTILE:
        with pytest.raises((InvalidInput, InvalidPacket)) as caught:
            OUTSIDE_DOORS[door](bad)
        assert "control_character" in str(caught.value) or "bad_text" in str(caught.value), bad


def test_a_request_from_a_persian_organisation_parses() -> None:
    request = parse_request(request_with(name=f"شرکت {PERSIAN}"))
    assert request.organisation.name == f"شرکت {PERSIAN}"


def test_vault_doors_refuse_hidden_characters_and_keep_a_persian_name(vault: Vault) -> None:
    person = vault.people.add(PERSIAN).person
    assert person.name == PERSIAN
    assert vault.organisations.add(f"شرکت {PERSIAN}").organisation.name == f"شرکت {PERSIAN}"
    doors: list[Callable[[str], object]] = [
        lambda bad: vault.people.add(f"Ada{bad}Lovelace"),
        lambda bad: vault.people.rename(person.id, f"Ada{bad}Lovelace"),
        lambda bad: vault.documents.add(io.BytesIO(b"x"), f"invoice{bad}fdp.exe", "text/plain",
                                        person.id),
        lambda bad: vault.organisations.add(f"Leeds{bad}Council"),
        lambda bad: vault.organisations.add("Leeds", email=f"c{bad}t@leeds.gov.uk"),
    ]
    for door in doors:
        for bad in HOSTILE:
            with pytest.raises(InvalidInput) as caught:
                door(bad)
            assert caught.value.reason == "control_character", (bad, caught.value)
    with pytest.raises(InvalidInput) as caught:
        vault.organisations.add("Leeds", email="jörg@leeds.example")
    assert caught.value.detail == "local part not ASCII"
    assert [p.name for p in vault.people.all()] == [PERSIAN]
    assert vault.documents.attachments() == []


@pytest.mark.parametrize("email", ["jörg@leeds.example", "tax@xn--zz.example"])
def test_an_organisation_address_a_draft_cannot_carry_is_refused_at_the_door(email: str) -> None:
    with pytest.raises(InvalidPacket) as caught:
        parse_request(request_with(email=email))
    assert caught.value.reason == "request_bad_email"
    international = parse_request(request_with(email="tax@bücher.example"))
    assert international.organisation.email == "tax@bücher.example"


def test_a_name_typed_in_another_normal_form_is_found(vault: Vault) -> None:
    person = vault.people.add("Zoë Brontë").person
    organisation = vault.organisations.add("Café Zoë").organisation
    assert vault.people.find(unicodedata.normalize("NFD", "Zoë Brontë")) == person
    assert vault.organisations.find(unicodedata.normalize("NFD", "café zoë")) == organisation

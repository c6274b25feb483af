"""Plain messages for the mistakes a person meets (``vault/explain.py``), in the CLI as run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import PASSPHRASE

from vault import explain
from vault.catalogue import load_catalogue
from vault.vault import Vault

PONT = Path(sys.executable).parent / "pont"


def pont(vault: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    return subprocess.run(
        [str(PONT), "--vault", str(vault), "--passphrase-stdin", *argv],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def refused(vault: Path, *argv: str) -> str:
    """The one plain line a mistake prints (and the code stays in --json's exit status)."""
    done = pont(vault, *argv)
    assert done.returncode != 0, done
    assert done.stdout == ""
    assert done.stderr.startswith("pont: ")
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr.removeprefix("pont: ").rstrip("\n")


@pytest.fixture
def folder(vault_folder: Path) -> Path:
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.people.add("Bob Carer", "owner")
        ada = vault.people.add("Ada Lovelace", "relative").person.id
        vault.people.set_authority(ada, "lpa_property_finance", {"opg_reference": "M-1"})
        vault.profiles.set_many(ada, {"givenName": "Ada", "birthDate": "1950-03-17"})
    return vault_folder


# --- the table, class by class -------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(explain.MESSAGES))
def test_every_message_is_a_sentence_without_the_code(key: tuple[str, str]) -> None:
    field, reason = key
    field = "address[1].from" if field == "*" else field
    said = explain.invalid_input(field, reason, "2 entries; name one with --entry")
    assert said
    if "_" in reason:
        assert reason not in said  # the code is for --json, the words for people
    assert "\n" not in said


def test_the_most_particular_entry_wins_and_unknown_reasons_still_say_something() -> None:
    assert explain.invalid_input("address[1].postcode", "format").startswith(
        "That is not a UK postcode"
    )
    assert "9 Kirkgate, Leeds, LS2 7DJ" in explain.invalid_input("address", "format")
    assert explain.invalid_input("thing", "odd_reason", "x") == "thing: odd reason (x)"


def test_unknown_form_lists_the_forms_the_field_offers() -> None:
    offered = sorted(load_catalogue().get("birthDate").derived_forms)
    said = explain.invalid_input("birthDate", "unknown_form", "over_99")
    assert "over_99" in said
    assert all(form in said for form in offered)
    assert "only sent in full" in explain.invalid_input("medications", "unknown_form", "x")


@pytest.mark.parametrize(
    ("field", "detail", "words"),
    [
        ("address[0].from", "format", "2023-05-14 (ISO) or 14/05/2023 (UK"),
        ("birthDate", "no such day", "there is no such day"),
    ],
)
def test_dates_say_both_formats(field: str, detail: str, words: str) -> None:
    assert words in explain.invalid_input(field, "not_a_date", detail)


# --- as a person meets them ----------------------------------------------------------------------


def test_nhs_number_check_digit(folder: Path) -> None:
    said = refused(folder, "field", "set", "Ada", "nhsNumber", "943 476 5918")
    assert said == (
        "That NHS number doesn't add up: the last digit is a check digit. Check the number on "
        "a letter from your GP"
    )
    as_json = pont(folder, "--json", "field", "set", "Ada", "nhsNumber", "943 476 5918")
    assert as_json.returncode == 1


def test_a_bad_date_names_the_formats(folder: Path) -> None:
    said = refused(folder, "field", "set", "Ada", "birthDate", "May 14th 1950")
    assert "2023-05-14 (ISO) or 14/05/2023 (UK" in said
    assert "Date of birth" in said


def test_a_one_line_address_that_does_not_parse_shows_the_form(folder: Path) -> None:
    said = refused(folder, "field", "set", "Ada", "address", "somewhere in Leeds")
    assert '"9 Kirkgate, Leeds, LS2 7DJ"' in said


def test_an_unknown_form_lists_the_valid_ones(folder: Path, tmp_path: Path) -> None:
    said = refused(folder, "share", "Ada", "--fields", "birthDate", "--form", "birthDate=over_99",
                   "--org", "Gym", "--purpose", "Join", "--out", str(tmp_path))  # fmt: skip
    assert "over_99" in said
    assert "over_18" in said


def test_health_under_a_property_lpa_says_which_authority(folder: Path, tmp_path: Path) -> None:
    with Vault.open(folder, PASSPHRASE) as vault:
        ada = vault.people.find("Ada").id
        vault.profiles.set(ada, "medications", "Aspirin 75 mg")
    said = refused(folder, "share", "Ada", "--fields", "givenName,medications",
                   "--org", "Bank", "--purpose", "LPA", "--out", str(tmp_path))  # fmt: skip
    assert said.startswith("medications is health information")
    assert "Lasting Power of Attorney for property and financial affairs" in said
    assert "lpa_health_welfare" in said


def test_packet_ids_too_short_or_unknown(folder: Path) -> None:
    assert "at least 8 characters" in refused(folder, "withdraw", "abc")
    said = refused(folder, "withdraw", "0123456789abcdef")
    assert "pont ledger" in said


def test_an_unknown_person(folder: Path) -> None:
    said = refused(folder, "field", "get", "Zebedee", "givenName")
    assert said == "There is nobody called “Zebedee” in this vault; pont person list shows who is"


def test_json_keeps_the_reason_code_in_the_data(folder: Path) -> None:
    done = pont(folder, "--json", "verify", "/nonexistent/packet.sd-jwt")
    assert done.returncode == 1
    (verdict,) = json.loads(done.stdout)
    assert verdict["reason"] == "unreadable_file"


# --- a new passphrase: the app's rule ------------------------------------------------------------


def bare_pont(*argv: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    return subprocess.run([str(PONT), *argv], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip


@pytest.mark.parametrize("weak", ["password", "Password1!", "aaaaaaaaaaaaaaaaaaaa", "abc123"])
def test_init_refuses_what_the_app_calls_weak(weak: str, tmp_path: Path) -> None:
    from ui.strength import Strength as AppStrength
    from ui.strength import strength as app_strength

    assert app_strength(weak) is AppStrength.WEAK  # the same rule the app's meter shows
    folder = tmp_path / "new"
    done = bare_pont("--vault", str(folder), "--passphrase-stdin", "init", stdin=weak + "\n")
    assert done.returncode == 1
    assert done.stderr.startswith("pont: That passphrase is too easy to guess")
    assert done.stderr.count("\n") == 1
    assert weak not in done.stderr
    assert not folder.exists() or not any(folder.iterdir())
    as_json = bare_pont("--vault", str(folder), "--passphrase-stdin", "--json", "init",
                        stdin=weak + "\n")  # fmt: skip
    assert as_json.returncode == 1


def test_passphrase_change_refuses_a_weak_one_and_keeps_the_old(folder: Path) -> None:
    done = subprocess.run(
        [str(PONT), "--vault", str(folder), "--passphrase-stdin", "passphrase", "change"],
        input=f"{PASSPHRASE}\nqwerty\n", capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("pont: That passphrase is too easy to guess")
    with Vault.open(folder, PASSPHRASE) as vault:
        assert vault.people.find("Ada").name == "Ada Lovelace"


def test_one_rule_for_app_and_cli() -> None:
    import ui.strength
    import vault.strength

    assert ui.strength.strength is vault.strength.strength
    assert ui.strength.Strength is vault.strength.Strength

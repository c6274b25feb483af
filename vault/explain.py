"""Plain words for the mistakes a person meets on the command line, and how to go on.

The core raises ``InvalidInput(field, reason, detail)`` and ``NotFound(what, ident)`` with
machine codes; ``--json`` and scripts keep those codes. A person at a terminal reads the
sentence made here instead: what is wrong, in their words, and what to do about it. One
table, looked up from the most particular key to the least:

1. ``(field, reason)``: ``("address[1].from", "not_a_date")``
2. ``(last part, reason)``: ``("from", "not_a_date")``
3. ``(field key, reason)``: ``("address", "not_a_date")``
4. ``("*", reason)``: any field

A reason with no sentence is said as ``field: reason (detail)``, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Words = Callable[[str, str], str]  # (field, detail) -> the sentence

DATE_FORMS = "as 2023-05-14 (ISO) or 14/05/2023 (UK: day/month/year)"
ADDRESS_EXAMPLE = '"9 Kirkgate, Leeds, LS2 7DJ"'
_ITEM = re.compile(r"\[[0-9]+\]")


def _label(field: str) -> str:
    """A field name as a person reads it: the catalogue's label where there is one."""
    from vault.catalogue import load_catalogue

    key = field_key(field)
    catalogue = load_catalogue()
    if key in catalogue:
        return catalogue.get(key).label
    return key.replace("_", " ")


def field_key(field: str) -> str:
    """``address[1].from`` → ``address``."""
    return _ITEM.split(field, maxsplit=1)[0].split(".", 1)[0]


def _forms(field: str, detail: str) -> str:
    from vault.catalogue import load_catalogue

    key = field_key(field)
    catalogue = load_catalogue()
    forms = sorted(catalogue.get(key).derived_forms) if key in catalogue else []
    offered = (
        "its forms are: full, " + ", ".join(forms)
        if forms
        else "it is only sent in full (leave the form out)"
    )
    return f"{_label(field)} has no form “{detail}”; {offered}"


def _health(field: str, detail: str) -> str:
    from vault.model import AUTHORITY_PHRASES

    fields, _, kind = detail.partition(" under ")
    authority = AUTHORITY_PHRASES.get(kind, "the authority recorded for this person")
    return (
        f"{fields} is health information, and {authority} does not cover health: leave it "
        "out, or record a health and welfare LPA (pont person authority PERSON "
        "lpa_health_welfare)"
    )


def _entries(field: str, detail: str) -> str:
    count = detail.split(" ", 1)[0]
    many = f"{count} current entries" if count.isdigit() else "several current entries"
    return (
        f"{_label(field)} has {many}; say which one with --entry N "
        "(pont field list PERSON shows them, numbered from 0)"
    )


def _date(field: str, detail: str) -> str:
    what = "there is no such day" if detail == "no such day" else "that is not a date"
    return f"{_label(field)}: {what}; write the date {DATE_FORMS}"


MESSAGES: dict[tuple[str, str], Words] = {
    # identifiers
    ("nhsNumber", "check_digit"): lambda f, d: (
        "That NHS number doesn't add up: the last digit is a check digit. Check the number on "
        "a letter from your GP"
    ),
    ("nhsNumber", "format"): lambda f, d: "An NHS number has 10 digits, like 943 476 5919",
    ("nationalInsuranceNumber", "prefix"): lambda f, d: (
        f"No National Insurance number starts with {d}: HMRC never issues that prefix. Check "
        "the number on a payslip, a P60 or a letter from HMRC"
    ),
    ("nationalInsuranceNumber", "format"): lambda f, d: (
        "A National Insurance number is 2 letters, 6 digits and a final letter A to D, like "
        "QQ 12 34 56 C"
    ),
    ("uniqueTaxpayerReference", "check_digit"): lambda f, d: (
        "That UTR doesn't add up: its first digit is a check digit. Check the 10 digits on a "
        "letter from HMRC or your tax return"
    ),
    ("uniqueTaxpayerReference", "format"): lambda f, d: (
        "A Unique Taxpayer Reference has 10 digits, like 22345 67890 (a K before or after may stay)"
    ),
    ("sortCode", "format"): lambda f, d: "A sort code has 6 digits, like 12-34-56",
    ("accountNumber", "format"): lambda f, d: "A UK account number has 6 to 8 digits",
    # contact and addresses
    ("postcode", "format"): lambda f, d: "That is not a UK postcode; write it like LS2 7DJ",
    ("address", "format"): lambda f, d: (
        "Write the address on one line, parts separated by commas: lines, town, postcode, "
        f"like {ADDRESS_EXAMPLE} (or give JSON with lines, town and postcode)"
    ),
    ("email", "format"): lambda f, d: (
        f"{_label(f)}: that is not an email address; write it like name@example.org"
    ),
    ("telephone", "format"): lambda f, d: (
        f"{_label(f)}: that is not a phone number; write a UK number like 07700 900123 or an "
        "international one starting with +"
    ),
    # dates, anywhere
    ("*", "not_a_date"): _date,
    ("*", "in_future"): lambda f, d: f"{_label(f)}: that date is in the future",
    ("*", "date_order"): lambda f, d: f"{_label(f)}: the end date is before the start date",
    # the entries of a field over time
    ("*", "starts_before_current"): lambda f, d: (
        f"The new {_label(f).lower()} starts before the current one (from "
        f"{d or 'an earlier date'}); give the day it began, or correct the current one with "
        "--entry N"
    ),
    ("*", "no_current_entry"): lambda f, d: (
        f"{_label(f)} has no current entry (every one has ended); name a past one with --entry N"
        " (pont field list PERSON shows them), or set the new value first"
    ),
    ("*", "entry_required"): _entries,
    ("*", "unknown_form"): _forms,
    # packets and the ledger
    ("packet", "id_too_short"): lambda f, d: (
        "Give at least 8 characters of the packet id (the short id in the file name will do;"
        " pont ledger lists them)"
    ),
    ("packet", "ambiguous_id"): lambda f, d: (
        "More than one packet starts with that id; give more of it (pont ledger lists them)"
    ),
    ("notice", "not_a_disclosure"): lambda f, d: (
        f"That packet is itself a {d or 'notice'}: a notice is sent about a disclosure or an "
        "update. Pick the packet you sent from pont ledger"
    ),
    ("notice", "already_sent"): lambda f, d: (
        f"A notice about this packet was already sent on {d}; add --again to send another"
    ),
    ("notice", "unknown_kind"): lambda f, d: (
        "Choose the kind of notice: withdrawal, erasure, access or objection"
    ),
    ("selection", "health_not_covered"): _health,
    ("selection", "selected_twice"): lambda f, d: "The same field is chosen twice; name it once",
    ("*", "selected_twice"): lambda f, d: (
        f"{_label(f)} is chosen twice; name each field once"
    ),
    ("authority", "missing"): lambda f, d: (
        "Record the authority you act under for this person first: pont person authority "
        "PERSON KIND (an LPA, a deputyship, an appointeeship …)"
    ),
    ("packet", "not_valid"): lambda f, d: f"not valid: {d}",
    ("packet", "untrusted_signer"): lambda f, d: (
        f"{d}: signed by a key that is not one you listed with --trust; compare the "
        "fingerprint with the one the sender gave you"
    ),
    ("trust_list", "unreadable"): lambda f, d: f"Cannot read the trust file {d}; check the path",
    ("trust_list", "format"): lambda f, d: (
        f"{d}: give --trust-issuer an issuer's KEY.pub.json or a pont-trust-list file"
    ),
    ("status_list", "unreadable"): lambda f, d: (
        f"Cannot read the status list file {d}; check the path"
    ),
    ("at", "format"): lambda f, d: (
        "--at needs a date and time in ISO 8601, e.g. 2026-03-03T14:05Z (UTC unless it says)"
    ),
    ("credential", "bound_to_another_holder"): lambda f, d: (
        f"This confirmation is for another person's key ({d}); nothing was kept"
    ),
    ("credential", "value_mismatch"): lambda f, d: (
        f"The value confirmed differs from your record: {d}; nothing was kept"
    ),
    ("export", "unknown_format"): lambda f, d: (
        f"Cannot tell the format from {d}: name the file .csv (a spreadsheet) or .json"
    ),
    ("passphrase", "mismatch"): lambda f, d: "The two passphrases differ; nothing was changed",
    ("passphrase", "weak"): lambda f, d: (
        "That passphrase is too easy to guess. Use four or five unrelated words, or a longer "
        "mix of letters, digits and signs"
    ),
}


def _choices(field: str, detail: str) -> str:
    from vault.catalogue import load_catalogue

    key = field_key(field)
    catalogue = load_catalogue()
    values = [c.value for c in catalogue.get(key).choices] if key in catalogue else []
    offered = f"; choose one of: {', '.join(values)}" if values else ""
    return f"{_label(field)}: that is not one of the choices{offered}"


def _kinds(field: str, detail: str) -> str:
    from vault.model import AUTHORITY_KINDS

    return f"“{detail}” is not a kind of authority Pont knows; use one of: " + ", ".join(
        AUTHORITY_KINDS
    )


MESSAGES.update(
    {
        # any field
        ("*", "unknown_field"): lambda f, d: (
            f"There is no field called “{f}”; pont field catalogue lists them (or name your own "
            "as custom:NAME)"
        ),
        ("*", "bad_choice"): _choices,
        ("*", "required"): lambda f, d: f"{_label(f)} is missing" + (f": {d}" if d else ""),
        ("*", "too_long"): lambda f, d: (
            f"{_label(f)} is too long" + (f" (at most {d} characters)" if d.isdigit() else "")
        ),
        ("*", "control_character"): lambda f, d: (
            f"{_label(f)} contains a hidden control character"
            + (f" ({d})" if d else "")
            + "; type it again without it"
        ),
        ("*", "control_characters"): lambda f, d: (
            f"{_label(f)} contains a hidden control character; type it again without it"
        ),
        ("*", "format"): lambda f, d: (
            f"{_label(f)} is not in the expected form" + (f": {d}" if d else "")
        ),
        ("*", "too_many"): lambda f, d: (
            f"{_label(f)} has too many lines or items" + (f" (at most {d})" if d.isdigit() else "")
        ),
        ("*", "not_derivable"): lambda f, d: (
            f"{_label(f)} cannot be sent in that form" + (f" ({d})" if d else "")
            + "; send it in full or choose another form"
        ),
        ("value", "not_json"): lambda f, d: (
            "That value starts like JSON but is not valid JSON; for an address you can also "
            f"write it on one line: {ADDRESS_EXAMPLE}"
        ),
        # what a share needs
        ("selection", "empty"): lambda f, d: (
            "Choose at least one field to send: --fields KEY,KEY (or --template / --request)"
        ),
        ("selection", "missing_required"): lambda f, d: (
            f"The organisation needs {d}, which is not saved for this person yet; add it with "
            "pont field set PERSON KEY VALUE"
        ),
        ("purpose", "required"): lambda f, d: "Say what the information is for, with --purpose",
        ("pdf_password", "too_short"): lambda f, d: "The PDF password needs at least 8 characters",
        ("pdf_password", "not_with_encryption"): lambda f, d: (
            "Choose either a PDF password or --encrypt, not both"
        ),
        ("encrypt", "organisation_has_no_key"): lambda f, d: (
            "This organisation has not given Pont a key to encrypt to; leave out --encrypt, or "
            "share with the organisation's request file that carries its key"
        ),
        # people and authorities
        ("person", "ambiguous"): lambda f, d: (
            f"More than one person has “{d}” in their name; give the full name or the id "
            "(pont person list)"
        ),
        ("role", "owner_exists"): lambda f, d: (
            "This vault already has an owner; add other people without --owner"
        ),
        ("authority", "owner_needs_none"): lambda f, d: (
            "You act for yourself: an authority is recorded for a relative you act for"
        ),
        ("authority", "unknown_kind"): _kinds,
        # secrets
        ("passphrase", "required"): lambda f, d: "Type a passphrase; it cannot be empty",
        ("passphrase", "stdin_required"): lambda f, d: (
            "Pont needs the passphrase: run it in a terminal, or add --passphrase-stdin and give "
            "it on standard input"
        ),
        ("stdin", "missing_line"): lambda f, d: (
            "Pont expected one more line on standard input" + (f" ({d})" if d else "")
        ),
    }
)

_NOT_FOUND: dict[str, Callable[[str], str]] = {
    "person": lambda ident: (
        f"There is nobody called “{ident}” in this vault; pont person list shows who is"
    ),
    "organisation": lambda ident: (
        f"No organisation “{ident}” in this vault; pont org list shows them"
    ),
    "packet": lambda ident: (
        f"No packet {ident} in the ledger; pont ledger lists what was sent, with the ids"
    ),
    "field": lambda ident: f"Nothing is saved for {ident} yet (pont field set PERSON {ident} …)",
}


def invalid_input(field: str, reason: str, detail: str = "") -> str:
    """One plain sentence for ``InvalidInput(field, reason, detail)``."""
    last = _ITEM.sub("", field.rsplit(".", 1)[-1])
    for key in (field, last, field_key(field), "*"):
        words = MESSAGES.get((key, reason))
        if words is not None:
            return words(field, detail)
    return f"{field}: {reason.replace('_', ' ')}" + (f" ({detail})" if detail else "")


def not_found(what: str, ident: str) -> str:
    """One plain sentence for ``NotFound(what, ident)``."""
    words = _NOT_FOUND.get(what)
    return words(ident) if words else f"no {what} {ident}"

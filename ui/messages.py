"""Plain words for every error the core can raise, in one place, translatable.

The core raises typed errors with machine-readable reasons; people read what is built
here. Raw exception text is never shown: it may be technical, or hold personal data.
"""

from __future__ import annotations

from ui.i18n import noop, tr
from vault.errors import (
    DiskFull,
    EngineNotEncrypted,
    InvalidInput,
    InvalidPacket,
    KeyringUnavailable,
    NotFound,
    StorageError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)


def describe(error: BaseException) -> str:
    """One or two plain sentences for ``error``."""
    match error:
        case WrongRecoveryKey():
            return tr("That recovery key does not open this vault. Nothing was changed.")
        case WrongPassphrase():
            return tr("That passphrase is not right. Please try again.")
        case VaultDamaged(part=part, reason=reason):
            return damaged(part, reason)
        case VaultNotFound():
            return tr("There is no vault in that folder. You can create a new one.")
        case VaultExists():
            return tr("There is already a vault in that folder. Nothing was overwritten.")
        case VaultTooNew():
            return tr("This vault was made by a newer version of Pont. Please update Pont.")
        case VaultLocked():
            return tr("The vault is locked. Unlock it first.")
        case EngineNotEncrypted():
            return tr(
                "Pont cannot find its encryption library, so it will not store anything. "
                "Please reinstall Pont."
            )
        case DiskFull():
            return tr("The disk is full. Nothing was lost; free some space and try again.")
        case StorageError():
            return tr(
                "Pont could not read or write a file there. Check that the folder exists "
                "and that you are allowed to use it."
            )
        case KeyringUnavailable(reason=reason):
            return keyring_problem(reason)
        case InvalidInput(field=field, reason=reason, detail=detail):
            return invalid_input(field, reason, detail)
        case NotFound():
            return tr("That item is no longer there. It may have been removed.")
        case InvalidPacket(reason=reason) if reason.startswith("request_"):
            return request_problem(reason)
        case InvalidPacket(reason=reason):
            return packet_reason(reason)
    return tr("Something went wrong inside Pont. Nothing you saved was lost.")


def damaged(part: str, reason: str = "") -> str:
    if part == "backup":
        return tr("This backup file is damaged or is not a Pont backup. Try another backup file.")
    if part == "key file" and reason == "missing":
        return tr(
            "This vault's key file (vault.keys) is missing, so nothing can open it. Put the "
            "key file back from a copy (a backup disk, your sync service's history), or "
            "choose “Restore from a backup…”. To start a new vault, choose another folder."
        )
    return tr(
        "This vault's files are damaged. Your data may still be safe in a backup: "
        "choose “Restore from a backup…”."
    )


def keyring_problem(reason: str) -> str:
    if reason == "not_remembered":
        return tr("This device does not remember this vault. Use your passphrase.")
    if reason == "locked":
        return tr("This computer's password store is locked. Use your passphrase.")
    return tr(
        "This computer has no safe password store Pont can use, so it cannot remember "
        "the vault. You can still unlock it with your passphrase."
    )


def invalid_input(field: str, reason: str, detail: str = "") -> str:
    """The sentence shown beside a field (or a form) whose value is not accepted."""
    if field == "credential":
        return credential_problem(reason, detail)
    if field.split(" ")[0] in ("trust_list", "status_list"):
        return trust_file_problem(field.split(" ")[0], reason)
    last = field.rsplit(".", 1)[-1].split("[", 1)[0]
    special = _special(last, reason)
    if special:
        return special
    return _generic(reason, detail)


def _special(name: str, reason: str) -> str:
    if name == "nhsNumber" and reason == "check_digit":
        return tr("This NHS number's last digit doesn't match — please check it")
    if name == "nhsNumber" and reason == "format":
        return tr("An NHS number has 10 digits, like 943 476 5919")
    if name == "uniqueTaxpayerReference" and reason == "check_digit":
        return tr("This UTR's first digit doesn't match the others — please check it")
    if name == "nationalInsuranceNumber" and reason in ("format", "prefix"):
        return tr("A National Insurance number looks like QQ 12 34 56 C")
    if name == "postcode" and reason == "format":
        return tr("This doesn't look like a UK postcode, like SW1A 1AA")
    if name == "email" and reason == "format":
        return tr("This doesn't look like an email address, like name@example.org")
    if name in ("telephone", "homeTelephone") and reason == "format":
        return tr("This doesn't look like a phone number")
    if name == "sortCode" and reason == "format":
        return tr("A sort code has 6 digits, like 12-34-56")
    if name == "accountNumber" and reason == "format":
        return tr("An account number has 6 to 8 digits")
    if name == "passphrase" and reason == "required":
        return tr("Please type a passphrase")
    if name == "recovery_key":
        return tr("A recovery key has 32 letters and digits, in groups of four")
    if name == "name" and reason == "required":
        return tr("Please type a name")
    if name == "file" and reason == "unreadable":
        return tr("The file could not be read.")
    return _special_packet(name, reason)


def _special_packet(name: str, reason: str) -> str:
    """Reasons the core gives when a packet cannot be made as asked."""
    if reason == "health_not_covered":
        return tr(
            "Health information cannot be sent under a Lasting Power of Attorney for property "
            "and financial affairs. Untick the health fields."
        )
    if name == "authority" and reason == "missing":
        return tr("Record the authority you act under for this person first (People page).")
    if name == "selection" and reason == "empty":
        return tr("Please tick at least one field to send")
    if name == "selection" and reason == "missing_required":
        return tr("Some required fields are missing")
    if name == "purpose" and reason == "required":
        return tr("Please say what the information is for")
    if name in ("password", "pdf_password") and reason == "too_short":
        return tr("The password needs at least 8 characters")
    if reason == "not_with_encryption":
        return tr("Choose either a password or encryption, not both")
    if reason == "organisation_has_no_key":
        return tr("This organisation has not given Pont a key to encrypt to")
    if name == "organisation" and reason == "ambiguous":
        return tr(
            "Several organisations in your vault fit these details. Type the organisation's "
            "exact name and email address."
        )
    if name == "organisation" and reason == "key_changed":
        return tr(
            "The encryption key in this request is not the one Pont keeps for this "
            "organisation. Go back to the first step to check it."
        )
    if reason == "not_derivable":
        return tr("That shorter form cannot be worked out from what you have saved")
    if reason == "selected_twice":
        return tr("The same field is ticked twice")
    return ""


def _generic(reason: str, detail: str) -> str:
    match reason:
        case "required":
            return tr("Please fill this in")
        case "too_long":
            return tr("This is too long")
        case "control_character" | "control_characters":
            return tr("This contains a hidden control character; please retype it")
        case "not_a_date":
            return tr("Please type a date like 31/12/1950")
        case "in_future":
            return tr("This date is in the future")
        case "date_order":
            return tr("The end date is before the start date")
        case "bad_choice":
            return tr("Please pick one of the choices")
        case "too_many":
            return tr("There are too many lines here")
        case "format" if detail:
            return tr("This doesn't look right (expected: %1)").replace("%1", detail)
        case "bad_custom_key":
            return tr("Use letters, digits, spaces or dashes (up to 60)")
        case "owner_exists":
            return tr("This vault already has an owner")
        case "length":
            return tr("This name is too long or empty")
    return tr("This doesn't look right — please check it")


# -- confirmations (credentials organisations signed) ------------------------------------

_CREDENTIAL_REASONS = {
    "bound_to_another_holder": noop(
        "This confirmation is for another person's key: it was not made from a packet this "
        "vault sent."
    ),
    "kept_for_another_person": noop("This confirmation is already kept for another person."),
    "expired": noop("This confirmation has expired. Ask the organisation for a new one."),
    "unknown_claim": noop("This confirmation is about something Pont has no field for."),
    "nothing_confirmed": noop("This confirmation does not confirm any field."),
    "unexpected_key_binding": noop(
        "This is a packet, not a confirmation. To check a packet, choose “Verify a packet…”."
    ),
    "too_large": noop("The file is far too large to be a confirmation."),
    "bad_signature": noop(
        "The organisation's signature does not match: the confirmation was changed after it "
        "was signed."
    ),
    "disclosure_unreferenced": noop(
        "The confirmation holds a value the organisation did not sign: it was changed."
    ),
}


def trust_file_problem(kind: str, reason: str) -> str:
    """Why a trust list or status list file was not loaded; the ones loaded before still count."""
    if reason == "unreadable":
        return tr("The file could not be read. Check that it is still there.")
    if reason == "too_large":
        return tr("The file is far too large to be a trust list or a status list.")
    if kind == "status_list":
        return tr("This is not a status list file.")
    if reason == "conflict":
        return tr("Two of your trust files give the same issuer key two different names.")
    return tr(
        "This is not a trust list: choose an issuer's KEY.pub.json or a pont-trust-list file."
    )


def credential_problem(reason: str, detail: str = "") -> str:
    """Why a confirmation file was not kept, in words; nothing of it was kept."""
    from ui.packet_words import claim_label

    if reason == "value_mismatch":
        text = tr("The value confirmed differs from your record: %1.").replace(
            "%1", claim_label(detail)
        )
    elif reason in _CREDENTIAL_REASONS:
        text = tr(_CREDENTIAL_REASONS[reason])
    else:
        text = tr("This is not a confirmation Pont can check (%1).").replace("%1", reason)
    return text + " " + tr("Nothing was kept.")


# -- packets and request files ------------------------------------------------------------

_PACKET_REASONS = {
    # reading the file
    "unreadable_file": noop("The file could not be read."),
    "file_too_large": noop("The file is far too large to be a Pont packet."),
    "too_large": noop("The packet is far too large to be a Pont packet."),
    # the shape of the packet
    "invalid_characters": noop(
        "The file contains characters a packet never has. It is not a "
        "Pont packet, or it was damaged."
    ),
    "malformed_serialization": noop("This is not a Pont packet, or it was damaged."),
    "missing_key_binding": noop(
        "The packet is incomplete: the part that ties it to you is missing."
    ),
    "malformed_jws": noop("The packet's signed part is damaged."),
    "kb_malformed_jws": noop("The part that ties the packet to you is damaged."),
    "bad_base64url": noop("Part of the packet is damaged (bad encoding)."),
    "json_bad_utf8": noop("Part of the packet is damaged (bad text encoding)."),
    "json_syntax": noop("Part of the packet is damaged (unreadable data)."),
    "json_duplicate_key": noop(
        "The packet says the same thing twice in different ways, so it is refused."
    ),
    "json_invalid_number": noop("The packet holds a number that is not allowed."),
    "json_lone_surrogate": noop("The packet holds broken text."),
    "json_too_deep": noop("The packet's data is nested too deeply."),
    "alg_not_allowed": noop("The packet is signed in a way Pont does not accept."),
    "kb_alg_not_allowed": noop("The packet is tied to you in a way Pont does not accept."),
    "unsupported_header": noop("The packet's signature has settings Pont does not accept."),
    "kb_unsupported_header": noop(
        "The part that ties the packet to you has settings Pont does not accept."
    ),
    "wrong_typ": noop("This is signed data, but not a Pont packet."),
    "kb_wrong_typ": noop("The part that ties the packet to you is of the wrong type."),
    "alg_key_mismatch": noop(
        "The packet's signature does not match the kind of key that signed it."
    ),
    "kb_alg_key_mismatch": noop("The part that ties the packet to you does not match its key."),
    "missing_claim": noop("The packet is missing information every packet must carry."),
    "invalid_claim": noop("The packet carries information in the wrong form."),
    "invalid_key": noop("The key that signed the packet is not a valid key."),
    "weak_key": noop("The key that signed the packet is unsafe."),
    "sd_alg_unsupported": noop("The packet uses a way of hiding fields Pont does not accept."),
    # signatures and changes
    "bad_signature": noop(
        "The signature does not match: the packet was changed after it was signed."
    ),
    "kb_bad_signature": noop(
        "The signature that ties the packet to you does not match: it was changed."
    ),
    "kb_sd_hash_mismatch": noop(
        "The packet was changed after it was signed (fields added or removed)."
    ),
    "issuer_mismatch": noop("The packet was not signed by the key it names."),
    "disclosure_malformed": noop("One of the sent fields is damaged."),
    "disclosure_salt_short": noop("One of the sent fields is not protected well enough."),
    "disclosure_duplicate": noop("One of the sent fields appears twice."),
    "digest_duplicate": noop("The packet lists the same field twice."),
    "disclosure_unreferenced": noop("A field was added that the signer did not sign."),
    "disclosure_forbidden_name": noop("A field has a name that is not allowed."),
    "disclosure_reserved_claim": noop("A field tries to replace information only the signer sets."),
    "claim_overwrite": noop("A field tries to replace other signed information."),
    "sd_malformed": noop("The list of signed fields is damaged."),
    "kb_missing_claim": noop("The part that ties the packet to you is missing information."),
    "kb_invalid_claim": noop(
        "The part that ties the packet to you holds information in the wrong form."
    ),
    # time, audience, reference
    "expired": noop("The packet has expired. Ask the sender for a new one."),
    "not_yet_valid": noop("The packet is dated in the future. Check this computer's clock."),
    "kb_iat_future": noop("The packet was tied to you with a date in the future."),
    "kb_iat_before_issue": noop("The packet was tied to you before it was made, which cannot be."),
    "audience_mismatch": noop("The packet was made for a different organisation."),
    "nonce_mismatch": noop("The packet answers a different reference (case number)."),
    "replayed": noop("This packet was already presented once."),
    # the PDF
    "pdf_password_required": noop(
        "This PDF is protected with a password. Type the password the sender gave you."
    ),
    "pdf_wrong_password": noop("That password does not open this PDF."),
    "pdf_malformed": noop("The PDF is damaged or is not a PDF."),
    "pdf_no_packet": noop("This PDF does not carry a Pont packet."),
    "pdf_signature_missing": noop("The PDF is not signed."),
    "pdf_signature_extra": noop("The PDF carries more than one signature, so it was changed."),
    "pdf_signature_invalid": noop("The PDF's signature does not match: it was changed."),
    "pdf_modified_after_signing": noop("The PDF was changed after it was signed."),
    "pdf_signer_mismatch": noop("The PDF and the packet inside it were signed by different keys."),
    "pdf_pages_mismatch": noop(
        "The PDF's pages do not show what the signed packet inside it says. Do not rely on "
        "the pages: ask the sender."
    ),
    "pdf_extra_packet": noop(
        "The PDF carries more than one packet, so different readers could see different data."
    ),
    "pdf_layout_unsupported": noop(
        "This PDF was not made by this version of Pont, so its pages cannot be checked. "
        "Check the packet file (.sd-jwt) that came with it instead."
    ),
    # encrypted packets
    "sealed_no_key": noop(
        "This packet is encrypted for an organisation. Only that "
        "organisation's own key can open it."
    ),
    "sealed_bad_key": noop("The key given cannot open encrypted packets."),
    "sealed_unsupported_key": noop("The key given is of a kind Pont cannot use."),
    "sealed_suite_unavailable": noop("This computer cannot open this kind of encrypted packet."),
    "sealed_unsupported_suite": noop("The packet is encrypted in a way Pont does not accept."),
    "sealed_unsupported_version": noop("The encrypted packet is of a newer version."),
    "sealed_malformed": noop("The encrypted packet is damaged."),
    "sealed_too_large": noop("The encrypted packet is far too large."),
    "sealed_bad_audience": noop("The encrypted packet names its organisation in the wrong form."),
    "sealed_wrong_audience": noop("The encrypted packet was made for a different organisation."),
    "sealed_wrong_recipient": noop("The encrypted packet was made for a different key."),
    "sealed_decrypt_failed": noop(
        "The encrypted packet could not be opened: it was changed, or the key is not the right one."
    ),
}


def packet_reason(reason: str) -> str:
    """Why a packet is not valid, in words; every reason code the verifier can give."""
    text = _PACKET_REASONS.get(reason)
    if text is None:
        return tr("The packet is not valid (%1).").replace("%1", reason)
    return tr(text)


def packet_reasons() -> frozenset[str]:
    """The reason codes that have their own words (tests check none is missing)."""
    return frozenset(_PACKET_REASONS)


_REQUEST_REASONS = {
    "request_too_large": noop("The request file is too large."),
    "request_not_utf8": noop("The request file is not a text file Pont can read."),
    "request_not_json": noop("This is not a request file: it is not in the right format."),
    "request_too_deep": noop("The request file is nested too deeply."),
    "request_not_object": noop("This is not a request file."),
    "request_bad_format": noop("This is not a Pont request file."),
    "request_unsupported_version": noop("This request file was made for a newer Pont."),
    "request_signature_unsupported": noop(
        "This request file is signed in a way Pont cannot check yet."
    ),
    "request_unknown_template": noop("The request names a kind of request Pont does not know."),
    "request_no_fields": noop("The request does not ask for any fields."),
    "request_too_many_fields": noop("The request asks for too many fields."),
    "request_bad_email": noop("The request's email address is not valid."),
    "request_bad_public_key": noop("The request carries an encryption key Pont cannot use."),
}


def request_problem(reason: str) -> str:
    """Why a request file was refused, in words (nothing of the file is repeated)."""
    text = _REQUEST_REASONS.get(
        reason, noop("The request file is not valid: part of it is missing or wrong.")
    )
    return tr(text) + " " + tr("Nothing was changed. Ask the organisation for a new one.")

"""The ``pont`` sub-commands: each parses its arguments and calls the core's API once."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault import strict_json
from vault.errors import InvalidInput
from vault.model import AUTHORITY_DETAILS, AUTHORITY_KINDS
from vault.strength import require_not_weak

if TYPE_CHECKING:
    from vault.cli import Context

Handler = Callable[["Context"], None]
# SQLite's largest integer: every integer argument must fit in a column.
MAX_NUMBER = 2**63 - 1
# A structured value (an address) is an object of text; a little room for lists inside.
MAX_VALUE_DEPTH = 4
_HELP = {
    "registered_on": "date the OPG registered it (2023-05-14 or 14/05/2023)",
    "access_code_expires": "date the access code expires",
    "activation_key_expires": "date the activation key expires",
    "notes": "free text",
}


def common_options() -> argparse.ArgumentParser:
    """Options accepted after the command too (``pont field list Ada --json``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--vault", default=argparse.SUPPRESS, help="vault folder")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS)
    common.add_argument("--recovery-key-stdin", action="store_true", default=argparse.SUPPRESS)
    return common


def register(commands: Any) -> None:
    common = common_options()

    def add(parent: Any, name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = parent.add_parser(name, help=help_, parents=[common])
        parser.set_defaults(handler=handler)
        return parser

    def group(name: str, help_: str) -> Any:
        return commands.add_parser(name, help=help_).add_subparsers(
            dest=f"{name}_command", required=True, metavar="ACTION"
        )

    init = add(commands, "init", cmd_init, "create a new vault")
    init.add_argument("--recovery-kit", type=Path, help="also save the recovery kit PDF here")

    people = group("person", "people in the vault")
    person_add = add(people, "add", cmd_person_add, "add a person")
    person_add.add_argument("name")
    person_add.add_argument("--owner", action="store_true", help="this is you (the vault owner)")
    add(people, "list", cmd_person_list, "list people")
    add(people, "show", cmd_person_show, "show a person").add_argument("person")
    authority = add(people, "authority", cmd_person_authority, "record an LPA or other authority")
    authority.add_argument("person")
    authority.add_argument("kind", choices=AUTHORITY_KINDS)
    for detail in AUTHORITY_DETAILS:
        if detail == "access_code":  # a secret: never an argument (visible in ps)
            continue
        authority.add_argument(f"--{detail.replace('_', '-')}", dest=detail, help=_HELP.get(detail))
    authority.add_argument(
        "--access-code-stdin",
        action="store_true",
        help="read the LPA access code from stdin (after any passphrase), or ask for it",
    )
    authority.add_argument("--document", type=number, help="attachment id of the scanned document")
    authority.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=(*AUTHORITY_DETAILS, "document"),
        help="remove this detail (details not named are kept)",
    )

    fields = group("field", "fields of a person's record")
    field_set = add(fields, "set", cmd_field_set, "set a field (keeps the old value)")
    field_set.add_argument("person")
    field_set.add_argument("key")
    field_set.add_argument("value", help="the value; JSON for structured fields (addresses)")
    field_set.add_argument(
        "--entry", type=number, help="correct this entry (without it: a new address is a move)"
    )
    field_set.add_argument("--document", type=number, help="attachment id that backs this value")
    for name, handler, help_ in (
        ("get", cmd_field_get, "show a field"),
        ("history", cmd_field_history, "every version of a field"),
        ("remove", cmd_field_remove, "remove an entry (its history is kept)"),
    ):
        parser = add(fields, name, handler, help_)
        parser.add_argument("person")
        parser.add_argument("key")
        parser.add_argument("--entry", type=number, default=0)
    add(fields, "list", cmd_field_list, "list a person's fields").add_argument("person")
    search = add(fields, "search", cmd_field_search, "search everyone's fields")
    search.add_argument("text")
    catalogue = add(fields, "catalogue", cmd_field_catalogue, "the fields Pont knows")
    catalogue.add_argument("--category")

    documents = group("document", "documents attached as evidence")
    doc_add = add(documents, "add", cmd_document_add, "attach a file")
    doc_add.add_argument("person")
    doc_add.add_argument("file", type=Path)
    doc_add.add_argument("--field", help="the field whose current value this document backs")
    doc_add.add_argument("--entry", type=number, help="which entry of the field (default: current)")
    add(documents, "list", cmd_document_list, "list documents").add_argument("person", nargs="?")
    doc_get = add(documents, "get", cmd_document_get, "save a document to a file")
    doc_get.add_argument("attachment", type=number)
    doc_get.add_argument("out", type=Path)

    passphrase = group("passphrase", "the vault passphrase")
    add(passphrase, "change", cmd_passphrase_change, "change it (reads old, then new)")
    add(commands, "recover", cmd_recover, "set a new passphrase using the recovery key")
    add(commands, "remember", cmd_remember, "unlock on this device without the passphrase")
    add(commands, "forget", cmd_forget, "stop remembering this device")
    add(commands, "check", cmd_check, "verify every page of the vault")
    add(commands, "backup", cmd_backup, "write an encrypted one-file backup").add_argument(
        "out", type=Path
    )
    restore = add(commands, "restore", cmd_restore, "restore a backup (checks it opens first)")
    restore.add_argument("backup", type=Path)
    restore.add_argument("--replace", action="store_true", help="move the current vault aside")
    add(commands, "export-all", cmd_export_all, "export everything (plaintext ZIP)").add_argument(
        "out", type=Path
    )
    from vault import cli_issuer, cli_orgs, cli_share, cli_verify

    for module in (cli_orgs, cli_share, cli_verify, cli_issuer):
        module.register(commands, add, group)


# -- vault --------------------------------------------------------------------------


def cmd_init(ctx: Context) -> None:
    from vault.recovery import save_recovery_kit
    from vault.vault import Vault

    passphrase = ctx.secrets.read("New passphrase")
    require_not_weak(passphrase)  # the app's rule, before anything is made
    if not ctx.args.passphrase_stdin and passphrase != ctx.secrets.read("Repeat passphrase"):
        raise InvalidInput("passphrase", "mismatch")
    created = Vault.create(ctx.folder, passphrase)
    with created.vault as vault:
        if ctx.args.recovery_kit:
            save_recovery_kit(
                ctx.args.recovery_kit, created.recovery_key, vault.vault_id, vault.env.clock()
            )
        data = {
            "vault": str(ctx.folder),
            "vault_id": vault.vault_id,
            "recovery_key": created.recovery_key,
        }
    ctx.emit(
        data,
        f"Vault created at {ctx.folder}\n\nRecovery key (shown once — print or write it down):\n"
        f"    {created.recovery_key}\n",
    )


def cmd_passphrase_change(ctx: Context) -> None:
    old = ctx.secrets.read("Current passphrase")
    with ctx.unlock_with(old) as vault:
        new = _new_passphrase(ctx)
        vault.change_passphrase(old, new)
    ctx.emit({"changed": True}, "Passphrase changed.")


def cmd_recover(ctx: Context) -> None:
    from vault.vault import Vault

    recovery_key = ctx.secrets.read("Recovery key")
    with ctx.opened(Vault.open_with_recovery_key(ctx.folder, recovery_key)) as vault:
        new = _new_passphrase(ctx)
        vault.reset_passphrase(new)
    ctx.emit({"changed": True}, "New passphrase set. Your recovery key still works.")


def cmd_remember(ctx: Context) -> None:
    from vault.device import system_device_keys

    devices = system_device_keys()
    with ctx.unlock() as vault:
        ident = vault.remember_on_device(devices)
    ctx.emit(
        {"remembered": True, "slot": ident},
        "This device will unlock the vault without the passphrase while you are logged in.",
    )


def cmd_forget(ctx: Context) -> None:
    from vault.device import system_device_keys

    devices = system_device_keys()
    with ctx.unlock() as vault:
        count = vault.forget_device(devices)
    ctx.emit({"forgotten": count}, "This device no longer unlocks the vault by itself.")


def cmd_check(ctx: Context) -> None:
    with ctx.unlock() as vault:
        problems = vault.check()
    ctx.emit(
        {"ok": not problems, "problems": problems},
        "The vault is healthy." if not problems else "\n".join(problems),
    )
    if problems:
        from vault.errors import VaultDamaged

        raise VaultDamaged("database", "integrity")


def cmd_backup(ctx: Context) -> None:
    from vault.backup import create_backup

    with ctx.unlock() as vault:
        info = create_backup(vault, ctx.args.out)
    ctx.emit(info, f"Backup written to {info.path} ({info.size:,} bytes).")


def cmd_restore(ctx: Context) -> None:
    from vault.backup import restore_backup
    from vault.vault import Vault

    if ctx.args.recovery_key_stdin:
        key = ctx.secrets.read("Recovery key")
        unlock = lambda folder: Vault.open_with_recovery_key(folder, key)  # noqa: E731
    else:
        passphrase = ctx.secrets.read("Passphrase of the backup")
        unlock = lambda folder: Vault.open(folder, passphrase)  # noqa: E731
    moved = restore_backup(ctx.args.backup, ctx.folder, unlock, replace=ctx.args.replace)
    ctx.emit(
        {"restored": str(ctx.folder), "previous_moved_to": moved and str(moved)},
        f"Restored into {ctx.folder}." + (f" The previous vault is in {moved}." if moved else ""),
    )


def cmd_export_all(ctx: Context) -> None:
    from vault.export import export_all

    with ctx.unlock() as vault:
        counts = export_all(vault, ctx.args.out)
    ctx.emit(
        counts,
        f"Exported {counts['people']} people, {counts['fields']} fields, "
        f"{counts['documents']} documents, {counts['organisations']} organisations and "
        f"{counts['packets']} sent packets to {ctx.args.out} (not encrypted: keep it safe).",
    )


# -- people ---------------------------------------------------------------------------


def cmd_person_add(ctx: Context) -> None:
    with ctx.unlock() as vault:
        change = vault.people.add(ctx.args.name, "owner" if ctx.args.owner else "relative")
    ctx.emit(change.person, f"Added {change.person.name} (id {change.person.id}).")


def cmd_person_list(ctx: Context) -> None:
    with ctx.unlock() as vault:
        people = vault.people.all()
    ctx.emit(
        people, lambda: "\n".join(f"{p.id}\t{p.role}\t{p.name}" for p in people) or "Nobody yet."
    )


def cmd_person_show(ctx: Context) -> None:
    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        authority = vault.people.authority(person.id)
        fields = vault.profiles.fields(person.id)
    data = {"person": person, "authority": authority, "fields": fields}
    lines = [f"{person.name} ({person.role}, id {person.id})"]
    if authority:
        lines.append(f"Acting under: {authority.kind} {json.dumps(authority.details)}")
    lines += [f"  {f.key}[{f.entry}]: {_show(f.value)}" for f in fields]
    ctx.emit(data, "\n".join(lines))


def cmd_person_authority(ctx: Context) -> None:
    from vault.people import KEEP

    details: dict[str, str | None] = {
        d: getattr(ctx.args, d) for d in AUTHORITY_DETAILS if getattr(ctx.args, d, None)
    }
    details.update({d: None for d in ctx.args.clear if d != "document"})
    with ctx.unlock() as vault:
        if ctx.args.access_code_stdin:
            details["access_code"] = ctx.secrets.read_secret("LPA access code")
        person = vault.people.find(ctx.args.person)
        document: Any = None if "document" in ctx.args.clear else KEEP
        if ctx.args.document is not None:
            document = vault.documents.attachment(ctx.args.document).document.id
        authority = vault.people.set_authority(person.id, ctx.args.kind, details, document)
    kept = ", ".join(sorted(authority.details)) or "no details"
    ctx.emit(authority, f"Recorded: {person.name}, {authority.kind} ({kept}).")


# -- fields ---------------------------------------------------------------------------


def cmd_field_set(ctx: Context) -> None:
    value = _parse_value(ctx.args.value)
    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        document = None
        if ctx.args.document is not None:
            document = vault.documents.attachment(ctx.args.document).document.id
        change = vault.profiles.set(
            person.id,
            ctx.args.key,
            value,
            entry=ctx.args.entry,
            provenance="document" if document else "self",
            document_id=document,
        )
        ended = None
        if change.ended is not None:
            ended = vault.profiles.get(person.id, change.key, change.ended)
    ctx.emit(change, lambda: _describe_change(change, ended, ctx.args.person))


def _describe_change(change: Any, ended: Any, person: str) -> str:
    from vault.catalogue import load_catalogue

    if not change.changed:
        return "No change (same value)."
    text = f"{change.key}[{change.entry}] is now version {change.version}."
    spec = load_catalogue().spec_for(change.key)
    if spec.repeatable and not spec.succession and change.previous_version is None:
        text = f"Added {change.key}[{change.entry}]."
        if change.entry:
            text += (
                f" Every entry of {change.key} is current; to replace one instead, set it"
                f" with --entry N, or remove the old one: pont field remove"
                f" {_quoted(person)} {change.key} --entry N"
            )
    if ended is not None:
        text += (
            f" {change.key}[{ended.entry}] ended on {ended.value['to']} and is kept as a past"
            " value. To tell the organisations that have it:"
            f" pont update {_quoted(person)} {change.key}"
        )
    return text


def cmd_field_get(ctx: Context) -> None:
    with ctx.unlock() as vault:
        field = vault.profiles.get(
            vault.people.find(ctx.args.person).id, ctx.args.key, ctx.args.entry
        )
    ctx.emit(field, _show(field.value))


def cmd_field_remove(ctx: Context) -> None:
    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        change = vault.profiles.remove(person.id, ctx.args.key, ctx.args.entry)
    ctx.emit(
        change,
        f"Removed {change.key}[{change.entry}]; its history is kept (pont field history)."
        f" To tell the organisations that have it: pont update {_quoted(ctx.args.person)}"
        f" {change.key}",
    )


def cmd_field_list(ctx: Context) -> None:
    with ctx.unlock() as vault:
        fields = vault.profiles.fields(vault.people.find(ctx.args.person).id)
    ctx.emit(fields, lambda: "\n".join(f"{f.key}[{f.entry}]\t{_show(f.value)}" for f in fields))


def cmd_field_history(ctx: Context) -> None:
    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        versions = vault.profiles.history(person.id, ctx.args.key, ctx.args.entry)
    ctx.emit(
        versions,
        lambda: "\n".join(
            f"v{v.version}\t{v.changed_at}\t{'(removed)' if v.value is None else _show(v.value)}"
            for v in versions
        ),
    )


def cmd_field_search(ctx: Context) -> None:
    with ctx.unlock() as vault:
        hits = vault.profiles.search(ctx.args.text)
    ctx.emit(hits, lambda: "\n".join(f"{h.person_id}\t{h.key}[{h.entry}]\t{h.text}" for h in hits))


def cmd_field_catalogue(ctx: Context) -> None:
    from vault.catalogue import load_catalogue

    specs = load_catalogue().fields(ctx.args.category)
    ctx.emit(specs, lambda: "\n".join(f"{s.category}\t{s.key}\t{s.type}\t{s.label}" for s in specs))


# -- documents ------------------------------------------------------------------------


def cmd_document_add(ctx: Context) -> None:
    from vault.evidence import attach_evidence

    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        evidence = attach_evidence(vault, ctx.args.file, person.id, ctx.args.field, ctx.args.entry)
    a = evidence.added.attachment
    text = f"Attached {a.name} (attachment {a.id}, {a.document.size:,} bytes)" + (
        " — the same file was already stored once." if evidence.added.deduplicated else "."
    )
    if evidence.backs is not None:
        text += f" It backs {evidence.backs.key}[{evidence.backs.entry}] as it is now."
    elif ctx.args.field:
        text += f" {ctx.args.field} has no value yet: set it with --document {a.id} to back it."
    ctx.emit({**_plain_fields(evidence.added), "backs": evidence.backs}, text)


def cmd_document_list(ctx: Context) -> None:
    with ctx.unlock() as vault:
        person_id = vault.people.find(ctx.args.person).id if ctx.args.person else None
        items = vault.documents.attachments(person_id)
    ctx.emit(
        items,
        lambda: "\n".join(
            f"{a.id}\t{a.person_id}\t{a.field_key or '-'}\t{a.document.size}\t{a.name}"
            for a in items
        ),
    )


def cmd_document_get(ctx: Context) -> None:
    with ctx.unlock() as vault:
        path = vault.documents.save(ctx.args.attachment, ctx.args.out)
    ctx.emit({"saved": str(path)}, f"Saved to {path}.")


# -- helpers --------------------------------------------------------------------------


def number(text: str) -> int:
    """An integer argument (an id, an entry, a size): what SQLite can store, else a usage
    mistake — never an overflow deep in the core."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}") from None
    if abs(value) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"number out of range: {text[:40]}")
    return value


def given_time(text: str | None) -> datetime:
    """``--at``: an ISO 8601 time (UTC unless it says otherwise); none given is now."""
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("at", "format", "an ISO 8601 time, e.g. 2026-03-03T14:05Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _new_passphrase(ctx: Context) -> str:
    new = ctx.secrets.read("New passphrase")
    require_not_weak(new)
    interactive = not ctx.args.passphrase_stdin and not ctx.args.recovery_key_stdin
    if interactive and new != ctx.secrets.read("Repeat new passphrase"):
        raise InvalidInput("passphrase", "mismatch")
    return new


def _plain_fields(record: Any) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(record, f.name) for f in fields(record)}


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _parse_value(text: str) -> Any:
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            return strict_json.parse(stripped.encode("utf-8"), max_depth=MAX_VALUE_DEPTH)
        except strict_json.JsonRejected as rejected:
            raise InvalidInput("value", "not_json", rejected.detail) from None
    return text


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

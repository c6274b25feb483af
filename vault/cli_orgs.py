"""The ``pont`` commands for organisations, their requests, and the disclosure ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault import strict_json
from vault.errors import InvalidInput

if TYPE_CHECKING:
    from vault.cli import Context

# A public JWK is some 1,700 bytes; anything much larger is not one.
MAX_KEY_FILE = 64 * 1024

def register(commands: Any, add: Any, group: Any) -> None:
    orgs = group("org", "organisations you send to")
    org_add = add(orgs, "add", cmd_org_add, "add an organisation")
    org_add.add_argument("name")
    org_add.add_argument("--email")
    org_add.add_argument("--public-key", type=Path, help="its public key (JWK file) to encrypt to")
    org_add.add_argument("--notes", default="")
    add(orgs, "list", cmd_org_list, "list organisations")

    requests = group("request", "requests from organisations, and the catalogue")
    add(requests, "list", cmd_request_list, "the catalogue of common UK requests")
    add(requests, "show", cmd_request_show, "show a template or request file").add_argument(
        "request", help="a catalogue id or a request file"
    )
    new = add(requests, "new", cmd_request_new, "write a request file (for organisations)")
    new.add_argument("--org", required=True, help="your organisation's name")
    new.add_argument("--email", required=True, help="where packets should be sent")
    new.add_argument("--purpose", required=True)
    new.add_argument("--field", action="append", required=True, metavar="KEY[:optional][:FORM]")
    new.add_argument("--lawful-basis", default="public_task")
    new.add_argument("--retention", required=True)
    new.add_argument("--reference")
    new.add_argument("--template")
    new.add_argument("--out", type=Path, required=True, help="the request file to write")
    new.add_argument("--key-out", type=Path, help="also make an encryption key; private key here")

    ledger = add(commands, "ledger", cmd_ledger, "who was sent what, and when")
    ledger.add_argument("--org")
    ledger.add_argument("--person")
    ledger.add_argument("--field", help="only packets that sent this field")
    ledger.add_argument(
        "--export",
        type=Path,
        metavar="FILE",
        help="write the entries shown to FILE.csv (a spreadsheet) or FILE.json",
    )


def cmd_org_add(ctx: Context) -> None:
    key = _read_jwk(ctx.args.public_key) if ctx.args.public_key else None
    with ctx.unlock() as vault:
        change = vault.organisations.add(ctx.args.name, ctx.args.email, key, ctx.args.notes)
    org = change.organisation
    ctx.emit(org, f"Added {org.name} (id {org.id}).")


def cmd_org_list(ctx: Context) -> None:
    with ctx.unlock() as vault:
        orgs = vault.organisations.all()
    ctx.emit(orgs, lambda: "\n".join(f"{o.id}\t{o.name}\t{o.email or '-'}" for o in orgs))


def cmd_request_list(ctx: Context) -> None:
    from vault.requests import request_catalogue

    templates = request_catalogue()
    ctx.emit(templates, lambda: "\n".join(f"{t.id}\t{t.title}" for t in templates))


def cmd_request_show(ctx: Context) -> None:
    request = _request_or_template(ctx.args.request)
    ctx.emit(request, lambda: _describe_request(request))


def cmd_request_new(ctx: Context) -> None:
    from vault.atomic import write_atomic
    from vault.requests import RequestedField, new_request

    public_key = None
    if ctx.args.key_out:
        from vault.packets.hpke import new_recipient_key

        private, public_key = new_recipient_key()
        write_atomic(ctx.args.key_out, private.to_bytes())
    fields = [_requested_field(spec, RequestedField) for spec in ctx.args.field]
    request = new_request(
        organisation=ctx.args.org,
        email=ctx.args.email,
        public_key=public_key,
        purpose=ctx.args.purpose,
        fields=fields,
        lawful_basis=ctx.args.lawful_basis,
        retention=ctx.args.retention,
        reference=ctx.args.reference,
        template=ctx.args.template,
    )
    write_atomic(ctx.args.out, request.to_json())
    ctx.emit(
        {"request": str(ctx.args.out), "key": ctx.args.key_out and str(ctx.args.key_out)},
        f"Request written to {ctx.args.out}."
        + (f" Keep the private key {ctx.args.key_out} safe." if ctx.args.key_out else ""),
    )


def cmd_ledger(ctx: Context) -> None:
    from vault.ledger import EXPORT_FORMATS

    export = ctx.args.export
    fmt = export.suffix.lower().lstrip(".") if export else ""
    if export and fmt not in EXPORT_FORMATS:  # before the vault is opened: nothing to undo
        raise InvalidInput("export", "unknown_format", str(export))
    with ctx.unlock() as vault:
        vault.ledger.expire_due()
        org = vault.organisations.find(ctx.args.org).id if ctx.args.org else None
        person = vault.people.find(ctx.args.person) if ctx.args.person else None
        entries = vault.ledger.entries(
            organisation_id=org, person_id=person.id if person else None, limit=1_000_000
        )
        if ctx.args.field:
            entries = [e for e in entries if any(f.key == ctx.args.field for f in e.fields)]
    if export:
        _export_ledger(ctx, entries, fmt)
        return
    ctx.emit(entries, lambda: _ledger_text(entries, _nothing_sent(ctx, person)))


def _export_ledger(ctx: Context, entries: list[Any], fmt: str) -> None:
    from vault.atomic import write_atomic
    from vault.ledger import export_bytes

    write_atomic(ctx.args.export, export_bytes(entries, fmt))
    ctx.emit(
        {"exported": len(entries), "file": str(ctx.args.export), "format": fmt},
        f"Wrote {len(entries)} entries to {ctx.args.export} ({fmt.upper()}).",
    )


def _ledger_text(entries: list[Any], nothing: str) -> str:
    if not entries:
        return nothing
    rows = ["Date\tStatus\tKind\tOrganisation\tPerson\tPacket id\tFields"]
    rows += [
        f"{e.issued_at[:10]}\t{e.status}\t{e.kind}\t{e.organisation_name}\t{e.person_name}\t"
        f"{e.packet_id}\t{e.fields_text()}"
        for e in entries
    ]
    return "\n".join(rows)


def _nothing_sent(ctx: Context, person: Any) -> str:
    """Says which filter found nothing, so an empty list is not mistaken for a failure."""
    wanted = [
        f"to {ctx.args.org}" if ctx.args.org else "",
        f"about {person.name}" if person else "",
        f"with the field {ctx.args.field}" if ctx.args.field else "",
    ]
    said = " ".join(w for w in wanted if w)
    return f"Nothing has been sent {said} yet." if said else "Nothing has been sent yet."


def _request_or_template(text: str) -> Any:
    from vault.requests import load_request_file, template

    path = Path(text)
    return load_request_file(path) if path.exists() else template(text)


def _requested_field(spec: str, cls: Any) -> Any:
    parts = spec.split(":")
    key = parts[0]
    if key == "custom":  # custom:<name>[:optional][:form]
        key, parts = f"custom:{parts[1]}", parts[1:]
    optional = "optional" in parts[1:]
    forms = [p for p in parts[1:] if p not in ("optional", "required")]
    return cls(key=key, required=not optional, form=forms[0] if forms else None)


def _read_jwk(path: Path) -> dict[str, Any]:
    loaded = strict_json.read_file(
        path, field="public_key", max_bytes=MAX_KEY_FILE, max_depth=2, rejected="not_json"
    )
    if not isinstance(loaded, dict):
        raise InvalidInput("public_key", "format")
    return loaded


def _describe_request(request: Any) -> str:
    lines = [
        getattr(request, "title", None) or request.organisation.name,
        f"Purpose: {request.purpose}",
        f"Lawful basis: {request.lawful_basis}",
        f"Kept: {request.retention}",
        "Fields:",
    ]
    lines += [
        f"  {f.key}{'' if f.required else ' (optional)'}"
        + (f" — accepts {f.form}" if f.form else "")
        for f in request.fields
    ]
    return "\n".join(lines)

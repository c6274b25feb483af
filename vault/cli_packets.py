"""The ``pont`` commands for data leaving the vault and for organisations checking it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.errors import InvalidInput

if TYPE_CHECKING:
    from vault.cli import Context
    from vault.organisations import Organisation
    from vault.requests import Request
    from vault.share import Selection
    from vault.vault import Vault

NOTICE_CHOICES = ("withdrawal", "erasure", "access", "objection")


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

    share = add(commands, "share", cmd_share, "answer a request with a signed packet")
    share.add_argument("person")
    source = share.add_mutually_exclusive_group(required=True)
    source.add_argument("--request", type=Path, help="the organisation's request file")
    source.add_argument("--template", help="a catalogue request id (see: pont request list)")
    source.add_argument("--fields", help="comma-separated field keys to send")
    share.add_argument("--org", help="organisation name or id (added if new, with --org-email)")
    share.add_argument("--org-email")
    share.add_argument("--purpose")
    share.add_argument("--reference", help="the organisation's reference (case number)")
    share.add_argument(
        "--include", action="append", default=[], help="also send this optional field"
    )
    share.add_argument(
        "--form",
        action="append",
        default=[],
        metavar="KEY=FORM",
        help="send a less revealing form, e.g. birthDate=over_18",
    )
    share.add_argument("--out", type=Path, default=Path.cwd(), help="folder for the files")
    share.add_argument("--valid-days", type=int)
    share.add_argument("--encrypt", action="store_true", help="seal to the organisation's key")
    share.add_argument(
        "--pdf-password-stdin",
        action="store_true",
        help="protect the PDF with a one-off password read from stdin",
    )
    share.add_argument("--no-email", action="store_true", help="no email draft, just files")
    share.add_argument(
        "--pairwise", action="store_true", help="a separate key for this organisation"
    )
    share.add_argument(
        "--dry-run", action="store_true", help="show what would be sent; sign nothing"
    )

    verify = add(commands, "verify", cmd_verify, "check packets (for organisations)")
    verify.add_argument("files", type=Path, nargs="+")
    verify.add_argument(
        "--audience", help="your organisation (email address) the packet must be for"
    )
    verify.add_argument("--nonce", help="your reference the packet must answer")
    verify.add_argument("--trust", action="append", help="a signer fingerprint you already know")
    verify.add_argument("--key", type=Path, help="your private key file, for sealed packets")
    verify.add_argument("--pdf-password-stdin", action="store_true")
    verify.add_argument("--replay-cache", type=Path, help="remember packet ids to refuse replays")
    verify.add_argument("--at", help="check as of this time (ISO 8601), default now")

    ledger = add(commands, "ledger", cmd_ledger, "who was sent what, and when")
    ledger.add_argument("--org")
    ledger.add_argument("--person")
    ledger.add_argument("--field", help="only packets that sent this field")
    ledger.add_argument("--export", type=Path, help="write the whole ledger as JSON")

    update = add(commands, "update", cmd_update, "tell everyone holding an old value")
    update.add_argument("person")
    update.add_argument("key")
    update.add_argument("--entry", type=int, default=0)
    update.add_argument("--out", type=Path, default=Path.cwd())
    update.add_argument("--dry-run", action="store_true")

    withdraw = add(commands, "withdraw", cmd_withdraw, "withdraw consent or use a GDPR right")
    withdraw.add_argument("packet_id")
    withdraw.add_argument("--kind", choices=NOTICE_CHOICES, default="withdrawal")
    withdraw.add_argument("--out", type=Path, default=Path.cwd())


# -- organisations and requests -----------------------------------------------------


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


# -- sharing ------------------------------------------------------------------------


def cmd_share(ctx: Context) -> None:
    from vault.share import ShareOrder, prepare, send

    request = _share_request(ctx)
    with ctx.unlock() as vault:
        pdf_password = _pdf_password(ctx)  # the line after the passphrase
        person = vault.people.find(ctx.args.person)
        organisation = _organisation(vault, ctx, request, store=not ctx.args.dry_run)
        selections, warnings = _selections(vault, ctx, person.id, request)
        order = ShareOrder(
            person_id=person.id,
            organisation_id=organisation.id,
            purpose=ctx.args.purpose or (request.purpose if request else ""),
            selections=selections,
            reference=ctx.args.reference or (request.reference if request else None),
            lawful_basis=request.lawful_basis if request else "consent",
            retention=request.retention if request else ShareOrder.retention,
            valid_days=ctx.args.valid_days or (request.expires_in_days if request else 30),
            request=request,
            channel="file" if ctx.args.no_email else "email",
            pdf_password=pdf_password,
            encrypt=ctx.args.encrypt,
            pairwise_key=ctx.args.pairwise,
        )
        prepared = prepare(vault, order, organisation)
        if ctx.args.dry_run:
            ctx.emit(
                {
                    "would_send": prepared.claims,
                    "public": prepared.public_claims,
                    "warnings": warnings,
                },
                lambda: _describe_prepared(prepared, warnings),
            )
            return
        shared = send(vault, prepared, ctx.args.out)
    files = {k: str(v) for k, v in shared.files.items()}
    ctx.emit(
        {"packet_id": shared.packet_id, "files": files, "warnings": warnings},
        lambda: _describe_shared(shared.packet_id, files, warnings),
    )


def cmd_update(ctx: Context) -> None:
    from vault.share import send
    from vault.updates import prepare_update, stale_disclosures

    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        stale = stale_disclosures(vault, person.id, ctx.args.key, ctx.args.entry)
        results: list[dict[str, Any]] = []
        for entry in stale:
            prepared = prepare_update(vault, entry)
            if ctx.args.dry_run:
                results.append(
                    {"organisation": entry.organisation_name, "replaces": entry.packet_id}
                )
                continue
            shared = send(vault, prepared, ctx.args.out)
            results.append(
                {
                    "organisation": entry.organisation_name,
                    "replaces": entry.packet_id,
                    "packet_id": shared.packet_id,
                    "files": {k: str(v) for k, v in shared.files.items()},
                }
            )
    ctx.emit(
        results,
        lambda: (
            "\n".join(
                f"{r['organisation']}: {'would update' if ctx.args.dry_run else 'update written'}"
                f" (replaces {r['replaces']})"
                for r in results
            )
            or "Nobody holds an older value."
        ),
    )


def cmd_withdraw(ctx: Context) -> None:
    from vault.notices import send_notice

    with ctx.unlock() as vault:
        shared = send_notice(vault, ctx.args.packet_id, ctx.args.kind, ctx.args.out)
    files = {k: str(v) for k, v in shared.files.items()}
    ctx.emit(
        {"packet_id": shared.packet_id, "files": files},
        lambda: _describe_shared(shared.packet_id, files, []),
    )


def cmd_ledger(ctx: Context) -> None:
    with ctx.unlock() as vault:
        if ctx.args.export:
            from vault.atomic import write_atomic

            data = vault.ledger.export()
            write_atomic(ctx.args.export, json.dumps(data, indent=2, ensure_ascii=False).encode())
            ctx.emit({"exported": len(data)}, f"Wrote {len(data)} entries to {ctx.args.export}.")
            return
        vault.ledger.expire_due()
        org = vault.organisations.find(ctx.args.org).id if ctx.args.org else None
        person = vault.people.find(ctx.args.person).id if ctx.args.person else None
        entries = vault.ledger.entries(organisation_id=org, person_id=person)
        if ctx.args.field:
            entries = [e for e in entries if any(f.key == ctx.args.field for f in e.fields)]
    ctx.emit(
        entries,
        lambda: (
            "\n".join(
                f"{e.issued_at[:10]}\t{e.status}\t{e.kind}\t{e.organisation_name}\t{e.packet_id}\t"
                + ", ".join(f.key if f.form == "full" else f"{f.key} ({f.form})" for f in e.fields)
                for e in entries
            )
            or "Nothing has been sent yet."
        ),
    )


# -- verifying ----------------------------------------------------------------------


def cmd_verify(ctx: Context) -> None:
    from vault.verify import Checks, ReplayCache, verify_batch

    now = datetime.fromisoformat(ctx.args.at) if ctx.args.at else datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    checks = Checks(
        now=now,
        audience=ctx.args.audience,
        nonce=ctx.args.nonce,
        trusted_keys=ctx.args.trust,
        pdf_password=_pdf_password(ctx),
        unseal=_unsealer(ctx.args.key) if ctx.args.key else None,
    )
    verdicts = verify_batch(ctx.args.files, checks)
    if ctx.args.replay_cache:
        cache = ReplayCache(ctx.args.replay_cache)
        verdicts = [cache.check(v, now) for v in verdicts]
        cache.save()
    ctx.emit(
        [v.as_dict() for v in verdicts], lambda: "\n\n".join(_describe_verdict(v) for v in verdicts)
    )
    if not all(v.valid for v in verdicts):
        raise InvalidInput(
            "packet",
            "not_valid",
            ", ".join(f"{v.source}: {v.reason}" for v in verdicts if not v.valid),
        )


# -- helpers ------------------------------------------------------------------------


def _share_request(ctx: Context) -> Request | None:
    from vault.requests import load_request_file, template

    if ctx.args.request:
        return load_request_file(ctx.args.request)
    if ctx.args.template:
        if not ctx.args.org:
            raise InvalidInput("org", "required", "name the organisation with --org")
        return template(ctx.args.template).request(
            ctx.args.org, email=ctx.args.org_email, reference=ctx.args.reference
        )
    if not ctx.args.org or not ctx.args.purpose:
        raise InvalidInput("org", "required", "--fields needs --org and --purpose")
    return None


def _organisation(
    vault: Vault, ctx: Context, request: Request | None, *, store: bool
) -> Organisation:
    """The organisation asked for: a known one, else a new one (kept only when ``store``)."""
    name = ctx.args.org or (request.organisation.name if request else "")
    email = ctx.args.org_email or (request.organisation.email if request else None)
    key = (
        dict(request.organisation.public_key)
        if request and request.organisation.public_key
        else None
    )
    found = _same_organisation(vault, name, email)
    if found is None and not store:
        return vault.organisations.draft(name, email, key)
    if found is None:
        return vault.organisations.add(name, email, key).organisation
    if key and not found.public_key and store:
        return vault.organisations.update(found.id, public_key=key).organisation
    return found


def _same_organisation(vault: Vault, name: str, email: str | None) -> Organisation | None:
    """An organisation already known by this exact name (or id), or this email address."""
    for org in vault.organisations.all():
        if name in (str(org.id), org.name) or (email and org.email == email.lower()):
            return org
    return None


def _selections(
    vault: Vault, ctx: Context, person_id: int, request: Request | None
) -> tuple[tuple[Selection, ...], list[dict[str, Any]]]:
    from vault.over_asking import minimal_selection, over_asking
    from vault.share import Selection

    forms = dict(_pair(item) for item in ctx.args.form)
    have = {f.key for f in vault.profiles.fields(person_id)}
    if request is None:
        keys = [k.strip() for k in ctx.args.fields.split(",") if k.strip()]
        return tuple(Selection(k, 0, forms.get(k, "full")) for k in keys), []
    chosen = minimal_selection(request, have)
    if chosen.missing:
        raise InvalidInput("selection", "missing_required", ", ".join(chosen.missing))
    picked = {f.key: f.form or "full" for f in chosen.fields}
    picked.update({key: "full" for key in ctx.args.include})
    picked.update(forms)
    warnings = [
        {"field": w.key, "reason": w.reason, "required": w.required, "form": w.form}
        for w in over_asking(request)
    ]
    return tuple(Selection(k, 0, form) for k, form in picked.items()), warnings


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


def _pair(text: str) -> tuple[str, str]:
    key, sep, form = text.partition("=")
    if not sep or not key or not form:
        raise InvalidInput("form", "format", "use KEY=FORM, e.g. birthDate=over_18")
    return key.strip(), form.strip()


def _pdf_password(ctx: Context) -> str | None:
    if not getattr(ctx.args, "pdf_password_stdin", False):
        return None
    return ctx.secrets.read_line("PDF password")


def _read_jwk(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        raise InvalidInput("public_key", "unreadable", str(path)) from None
    if not isinstance(loaded, dict):
        raise InvalidInput("public_key", "format")
    return loaded


def _unsealer(key_path: Path) -> Any:
    from vault.packets.hpke import RecipientPrivateKey, open_packet

    try:
        private = RecipientPrivateKey.from_bytes(key_path.read_bytes())
    except OSError:
        raise InvalidInput("key", "unreadable", str(key_path)) from None

    def unseal(envelope: bytes, audience: str | None) -> bytes:
        # Without --audience the envelope's own "aud" opens it; the packet inside still
        # names its recipient, which the verdict shows.
        return open_packet(envelope, private, audience or _envelope_audience(envelope))

    return unseal


def _envelope_audience(envelope: bytes) -> str:
    from vault.packets.hpke import parse_envelope

    return str(parse_envelope(envelope)["aud"])


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


def _describe_prepared(prepared: Any, warnings: list[dict[str, Any]]) -> str:
    lines = [
        f"To: {prepared.organisation.name} <{prepared.audience}>",
        f"About: {prepared.person.name}",
        f"Purpose: {prepared.order.purpose}",
        f"Valid until: {prepared.expires_at:%d %B %Y}",
        "Would send:",
    ]
    lines += [f"  {row.label}: {row.value}" for row in prepared.summary.fields]
    lines += [f"Warning: {w['field']} — {w['reason'].replace('_', ' ')}" for w in warnings]
    return "\n".join(lines)


def _describe_shared(packet_id: str, files: dict[str, str], warnings: list[dict[str, Any]]) -> str:
    lines = [f"Packet {packet_id} written:"] + [f"  {kind}: {path}" for kind, path in files.items()]
    lines += [f"Warning: {w['field']} — {w['reason'].replace('_', ' ')}" for w in warnings]
    return "\n".join(lines)


def _describe_verdict(verdict: Any) -> str:
    if not verdict.valid:
        return f"{verdict.source}: NOT VALID — {verdict.reason}" + (
            f" ({verdict.detail})" if verdict.detail else ""
        )
    data = verdict.as_dict()["packet"]
    trusted = {None: "", True: " (a key you trust)", False: " (NOT a key you listed)"}
    lines = [
        f"{verdict.source}: VALID",
        f"  signed by key {data['signer_fingerprint']}{trusted[data['signer_trusted']]}",
        f"  for {data['audience']}, reference {data['reference']}",
        f"  issued {data['issued_at']}, valid until {data['expires_at']}",
    ]
    if data["supersedes"]:
        lines.append(f"  replaces packet {data['supersedes']}")
    if verdict.superseded_by:
        lines.append(f"  REPLACED by a later packet {verdict.superseded_by}")
    lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data["disclosed"].items()]
    return "\n".join(lines)

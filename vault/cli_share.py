"""The ``pont`` commands that send data: answer a request, tell everyone of a change, withdraw."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from vault.cli import Context
    from vault.organisations import Notice, Organisation
    from vault.requests import Request
    from vault.share import CarriedConfirmation, Selection
    from vault.vault import Vault


NOTICE_CHOICES = ("withdrawal", "erasure", "access", "objection")


def register(commands: Any, add: Any, group: Any) -> None:
    share = add(commands, "share", cmd_share, "answer a request with a signed packet")
    share.add_argument("person")
    source = share.add_mutually_exclusive_group(required=True)
    source.add_argument("--request", type=Path, help="the organisation's request file")
    source.add_argument("--template", help="a catalogue request id (see: pont request list)")
    source.add_argument(
        "--fields",
        help="comma-separated field keys to send (the current value; KEY[N] for entry N)",
    )
    share.add_argument("--org", help="organisation name or id (added if new, with --org-email)")
    share.add_argument("--org-email")
    share.add_argument("--purpose")
    share.add_argument("--reference", help="the organisation's reference (case number)")
    share.add_argument(
        "--include", action="append", default=[], help="also send this optional field (KEY[N])"
    )
    share.add_argument(
        "--form",
        action="append",
        default=[],
        metavar="KEY=FORM",
        help="send a less revealing form, e.g. birthDate=over_18",
    )
    _out_option(share)
    share.add_argument("--valid-days", type=int)
    share.add_argument("--encrypt", action="store_true", help="seal to the organisation's key")
    share.add_argument(
        "--accept-new-key",
        action="store_true",
        help="the request's key replaces the one kept for this organisation (check it first)",
    )
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
        "--no-confirmations",
        action="store_true",
        help="leave out organisations' confirmations (the fields go self-declared)",
    )
    share.add_argument(
        "--dry-run", action="store_true", help="show what would be sent; sign nothing"
    )

    update = add(commands, "update", cmd_update, "tell everyone holding an old value")
    update.add_argument("person")
    update.add_argument("key")
    update.add_argument("--entry", type=int, help="only holders of this entry")
    _out_option(update)
    update.add_argument("--dry-run", action="store_true", help="list who would be told")

    withdraw = add(commands, "withdraw", cmd_withdraw, "withdraw consent or use a GDPR right")
    withdraw.add_argument("packet_id", help="the packet id, or its first 8 characters")
    withdraw.add_argument("--kind", choices=NOTICE_CHOICES, default="withdrawal")
    withdraw.add_argument(
        "--again", action="store_true", help="send even if this notice was sent before"
    )
    _out_option(withdraw)


def _out_option(parser: Any) -> None:
    """One default for every command that writes packet files: the current folder."""
    parser.add_argument(
        "--out", type=Path, default=Path.cwd(), help="folder for the files (default: here)"
    )


def cmd_share(ctx: Context) -> None:
    from vault.share import ShareOrder, prepare, send

    request = _share_request(ctx)
    with ctx.unlock() as vault:
        pdf_password = ctx.pdf_password()  # the line after the passphrase
        person = vault.people.find(ctx.args.person)
        organisation, notices = _organisation(vault, ctx, request, store=not ctx.args.dry_run)
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
            confirmations=not ctx.args.no_confirmations,
        )
        prepared = prepare(vault, order, organisation)
        carried = [_confirmation_data(c) for c in prepared.confirmations]
        if ctx.args.dry_run:
            ctx.emit(
                {
                    "would_send": prepared.claims,
                    "public": prepared.public_claims,
                    "confirmations": carried,
                    "warnings": warnings,
                    "organisation_notices": notices,
                },
                lambda: (
                    _describe_notices(notices)
                    + _describe_prepared(prepared, warnings)
                    + _describe_confirmations(prepared.confirmations, sent=False)
                ),
            )
            return
        shared = send(vault, prepared, ctx.args.out)
    files = {k: str(v) for k, v in shared.files.items()}
    ctx.emit(
        {
            "packet_id": shared.packet_id,
            "files": files,
            "confirmations": carried,
            "warnings": warnings,
            "organisation_notices": notices,
        },
        lambda: (
            _describe_notices(notices)
            + _describe_shared(shared.packet_id, files, warnings)
            + _describe_confirmations(prepared.confirmations, sent=True)
        ),
    )


def _confirmation_data(carried: CarriedConfirmation) -> dict[str, Any]:
    return {
        "claim": carried.claim,
        "field": carried.label,
        "issuer_name": carried.issuer_name,
        "issuer_fingerprint": carried.issuer_fingerprint,
        "confirmed_on": None if carried.confirmed_on is None else carried.confirmed_on.isoformat(),
    }


def _describe_confirmations(carried: tuple[CarriedConfirmation, ...], *, sent: bool) -> str:
    """Which confirmations go with the packet, and what including them reveals."""
    from vault.model import format_date

    if not carried:
        return ""
    lines = [f"\n{'Carries' if sent else 'Would carry'} these confirmations:"]
    for c in carried:
        day = f" on {format_date(c.confirmed_on)}" if c.confirmed_on else ""
        lines.append(f"  {c.label}: confirmed by {c.issuer_name}{day}")
    lines.append(
        "A confirmation shows the recipient the key the issuer confirmed it for, so it links"
        " this packet to the issuer's record of you. To leave confirmations out, share with"
        " --no-confirmations."
    )
    return "\n".join(lines)


def cmd_update(ctx: Context) -> None:
    from vault.share import send
    from vault.updates import prepare_update, stale_disclosures

    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        vault.profiles.current(person.id, ctx.args.key)  # an unknown field key fails here
        stale = stale_disclosures(vault, person.id, ctx.args.key, ctx.args.entry)
        told = len(vault.ledger.holders_of(person.id, ctx.args.key, ctx.args.entry))
        results: list[dict[str, Any]] = []
        for entry in stale:
            prepared = prepare_update(vault, entry)
            result: dict[str, Any] = {
                "organisation": entry.organisation_name,
                "replaces": entry.packet_id,
                "would_send": prepared.claims,
            }
            if not ctx.args.dry_run:
                shared = send(vault, prepared, ctx.args.out)
                result["packet_id"] = shared.packet_id
                result["files"] = {k: str(v) for k, v in shared.files.items()}
            results.append(result)
    ctx.emit(results, lambda: _describe_updates(results, told, ctx.args.key, ctx.args.dry_run))


def _describe_updates(results: list[dict[str, Any]], told: int, key: str, dry_run: bool) -> str:
    if not results:
        if told:
            return (
                f"The {told} organisation(s) you sent {key} to already hold its current value;"
                " nothing to send. (To change a value, use: pont field set.)"
            )
        return f"Nobody has been sent {key}, so there is nobody to tell."
    lines: list[str] = []
    for r in results:
        if dry_run:
            lines.append(f"{r['organisation']}: would get an update replacing {r['replaces']}")
            continue
        lines.append(f"{r['organisation']}: update {r['packet_id']} replaces {r['replaces']}")
        lines += [f"  {kind}: {path}" for kind, path in r["files"].items()]
    return "\n".join(lines)


def cmd_withdraw(ctx: Context) -> None:
    from vault.notices import send_notice

    with ctx.unlock() as vault:
        shared = send_notice(
            vault, ctx.args.packet_id, ctx.args.kind, ctx.args.out, again=ctx.args.again
        )
    files = {k: str(v) for k, v in shared.files.items()}
    ctx.emit(
        {"packet_id": shared.packet_id, "files": files},
        lambda: _describe_shared(shared.packet_id, files, []),
    )


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
) -> tuple[Organisation, tuple[Notice, ...]]:
    """The organisation to send to, by the one rule of :func:`vault.organisations.recognise`:
    ``--org`` picks a stored one (by id, name or a word of it), else the request (or
    ``--org``/``--org-email``) is recognised; a new one is kept only when ``store``."""
    from vault.organisations import Claim

    asker = request.organisation if ctx.args.request and request else None
    chosen = _chosen_organisation(vault, ctx.args.org)
    if asker is not None:
        name = asker.name if chosen or not ctx.args.org else ctx.args.org
    else:
        name = chosen.name if chosen else ctx.args.org
    claim = Claim(
        name=name,
        email=ctx.args.org_email or (asker.email if asker else None),
        public_key=asker.public_key if asker else None,
    )
    recognised = vault.organisations.recognise(claim, chosen.id if chosen else None)
    organisation = vault.organisations.settle(
        recognised, accept_new_key=ctx.args.accept_new_key, store=store
    )
    return organisation, recognised.notices


def _chosen_organisation(vault: Vault, org: str | None) -> Organisation | None:
    """The stored organisation the person named with ``--org``, if there is one."""
    if not org:
        return None
    try:
        return vault.organisations.find(org)
    except NotFound:
        return None


_NOTICE_LINES = {
    "key_first_seen": "Note: {org} sent an encryption key; from now on Pont accepts only this "
    "key for it (fingerprint {detail}).",
    "key_changed": "Note: the encryption key kept for {org} was replaced by this request's, as "
    "you asked (new fingerprint {detail}).",
    "key_not_in_request": "Note: the request carries no encryption key; the one kept for {org} "
    "stays (fingerprint {detail}).",
    "name_differs": "Note: the request calls the organisation '{detail}'; your vault "
    "knows it as {org}, and that name is kept.",
    "email_differs": "Note: the request asks for replies to {detail}; the packet is addressed "
    "to the address kept for {org}.",
    "same_name_elsewhere": "Warning: you already know an organisation called {org} at another "
    "address ({detail}). Check that this request really comes from who it says.",
    "key_of_another": "Warning: this request's encryption key is the one kept for {org}.",
}


def _describe_notices(notices: tuple[Notice, ...]) -> str:
    from vault.packets.pdf import group_fingerprint

    lines = []
    for notice in notices:
        detail = notice.detail
        if notice.reason.startswith("key_"):
            detail = group_fingerprint(detail)
        lines.append(
            _NOTICE_LINES[notice.reason].format(org=notice.organisation, detail=detail or "none")
        )
    return "".join(f"{line}\n" for line in lines)


def _selections(
    vault: Vault, ctx: Context, person_id: int, request: Request | None
) -> tuple[tuple[Selection, ...], list[dict[str, Any]]]:
    from vault.over_asking import minimal_selection, over_asking

    forms = dict(_pair(item) for item in ctx.args.form)
    if request is None:
        named = [_named_field(k) for k in ctx.args.fields.split(",") if k.strip()]
        return tuple(replace(s, form=forms.get(s.key, s.form)) for s in named), []
    have = {f.key for f in vault.profiles.fields(person_id)}
    chosen = minimal_selection(request, have)
    if chosen.missing:
        raise InvalidInput("selection", "missing_required", ", ".join(chosen.missing))
    picked = {f.key: _named_field(f.key, f.form) for f in chosen.fields}
    picked.update({s.key: s for s in map(_named_field, ctx.args.include)})
    picked = {k: replace(s, form=forms.get(k, s.form)) for k, s in picked.items()}
    picked.update({k: _named_field(k, form) for k, form in forms.items() if k not in picked})
    warnings = [
        {"field": w.key, "reason": w.reason, "required": w.required, "form": w.form}
        for w in over_asking(request)
    ]
    return tuple(picked.values()), warnings


def _named_field(text: str, form: str | None = None) -> Selection:
    """``address`` (the current value) or ``address[1]`` (that entry), as typed."""
    from vault.share import FULL, Selection

    match = re.fullmatch(r"\s*([^\[\]]+?)\s*(?:\[(\d+)\])?\s*", text)
    if match is None:
        raise InvalidInput("fields", "format", "use KEY or KEY[N], e.g. address[1]")
    entry = None if match.group(2) is None else int(match.group(2))
    return Selection(match.group(1), entry, form or FULL)


def _pair(text: str) -> tuple[str, str]:
    key, sep, form = text.partition("=")
    if not sep or not key or not form:
        raise InvalidInput("form", "format", "use KEY=FORM, e.g. birthDate=over_18")
    return key.strip(), form.strip()


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

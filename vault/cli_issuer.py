"""``pont issuer / attest / credential``: organisations confirm fields, people keep them.

The issuer commands need no vault: an organisation runs them with its own key file.
``credential`` works in the person's vault.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.cli_commands import given_time, number
from vault.errors import InvalidInput

if TYPE_CHECKING:
    from vault.cli import Context
    from vault.issuer import Attestation, IssuerKey
    from vault.packets.sdjwt import VerifiedPacket

_STATUS_CHOICES = {"revoked": 1, "suspended": 2, "valid": 0}


def register(commands: Any, add: Any, group: Any) -> None:
    issuer = group("issuer", "confirm what you checked (for organisations; no vault needed)")
    init = add(issuer, "init", cmd_issuer_init, "make your organisation's signing key")
    init.add_argument("--name", required=True, help="your organisation's name, as people see it")
    init.add_argument("--contact", help="an address people can write to (optional)")
    init.add_argument("--out", type=Path, required=True, help="the private key file (KEY.jwk)")
    lists = issuer.add_parser("status-list", help="Token Status Lists, to revoke credentials")
    list_actions = lists.add_subparsers(dest="status_list_command", required=True, metavar="ACTION")
    new = add(list_actions, "new", cmd_status_list_new, "make a new status list, all valid")
    new.add_argument("--issuer-key", type=Path, required=True)
    new.add_argument("--size", type=number, required=True, help="how many credentials it can track")
    new.add_argument("--uri", required=True, help="where you will publish it")
    new.add_argument("--out", type=Path, required=True)
    revoke = add(issuer, "revoke", cmd_issuer_revoke, "revoke (or suspend) one credential")
    revoke.add_argument("--status-list", type=Path, required=True)
    revoke.add_argument("--index", type=number, required=True)
    revoke.add_argument("--issuer-key", type=Path, required=True)
    revoke.add_argument(
        "--status",
        choices=sorted(_STATUS_CHOICES),
        default="revoked",
        help="revoked is final; suspended can be set back to valid",
    )

    attest = add(commands, "attest", cmd_attest, "confirm fields of a packet you checked")
    attest.add_argument("packet", type=Path, help="the packet you received (.sd-jwt or PDF)")
    attest.add_argument("--issuer-key", type=Path, required=True)
    attest.add_argument("--fields", required=True, help="the claims you checked: K1,K2")
    attest.add_argument(
        "--derived",
        action="append",
        default=[],
        metavar="KEY=FORM",
        help="also confirm a less revealing form, e.g. birthDate=over_18",
    )
    attest.add_argument("--valid-days", type=number, default=365)
    attest.add_argument("--status-list", type=Path)
    attest.add_argument("--status-index", type=number)
    attest.add_argument("--vct", help="your own credential type name (default Pont's)")
    attest.add_argument("--audience", help="your email address the packet must be for")
    attest.add_argument("--nonce", help="your reference the packet must answer")
    attest.add_argument("--at", help="as of this time (ISO 8601), default now")
    attest.add_argument("--out", type=Path, required=True, help="the credential file to write")
    attest.add_argument("--email-out", type=Path, help="the email draft (default CRED.eml)")

    credential = group("credential", "confirmations organisations gave you")
    imp = add(credential, "import", cmd_credential_import, "check and keep a credential")
    imp.add_argument("person")
    imp.add_argument("file", type=Path)
    add(credential, "list", cmd_credential_list, "list kept credentials").add_argument(
        "person", nargs="?"
    )


# -- organisations ------------------------------------------------------------------


def cmd_issuer_init(ctx: Context) -> None:
    from vault.issuer import new_issuer_key, write_issuer_key

    key = new_issuer_key(ctx.args.name, ctx.args.contact)
    public = write_issuer_key(ctx.args.out, key)
    ctx.emit(
        {
            "private_key": str(ctx.args.out),
            "public_entry": str(public),
            "name": key.name,
            "fingerprint": key.fingerprint,
        },
        f"Signing key for {key.name} written to {ctx.args.out} (keep it private).\n"
        f"Public entry for other organisations' trust lists: {public}\n"
        f"Fingerprint: {key.fingerprint}",
    )


def cmd_status_list_new(ctx: Context) -> None:
    from vault.atomic import write_atomic
    from vault.issuer import new_status_list, read_issuer_key

    key = read_issuer_key(ctx.args.issuer_key)
    if ctx.args.out.exists():
        raise InvalidInput("out", "exists", f"{ctx.args.out} is already there")
    token = new_status_list(key, size=ctx.args.size, uri=ctx.args.uri, now=given_time(None))
    write_atomic(ctx.args.out, token.encode("ascii"))
    ctx.emit(
        {"status_list": str(ctx.args.out), "uri": ctx.args.uri, "size": ctx.args.size},
        f"Status list for {ctx.args.size:,} credentials written to {ctx.args.out}; "
        f"publish it at {ctx.args.uri}.",
    )


def cmd_issuer_revoke(ctx: Context) -> None:
    from vault.atomic import write_atomic
    from vault.issuer import read_issuer_key, read_own_status_list, set_status

    key = read_issuer_key(ctx.args.issuer_key)
    token = read_own_status_list(ctx.args.status_list, key)
    value = _STATUS_CHOICES[ctx.args.status]
    signed = set_status(token, key, index=ctx.args.index, status=value, now=given_time(None))
    write_atomic(ctx.args.status_list, signed.encode("ascii"))
    ctx.emit(
        {
            "status_list": str(ctx.args.status_list),
            "index": ctx.args.index,
            "status": ctx.args.status,
        },
        f"Entry {ctx.args.index} is now {ctx.args.status}. Publish the updated "
        f"{ctx.args.status_list} at {token.uri}.",
    )


def cmd_attest(ctx: Context) -> None:
    from vault.atomic import write_atomic
    from vault.issuer import attest, read_issuer_key, read_own_status_list, status_reference

    now = given_time(ctx.args.at)
    key = read_issuer_key(ctx.args.issuer_key)
    packet = _checked_packet(ctx, now)
    status = None
    if (ctx.args.status_list is None) != (ctx.args.status_index is None):
        raise InvalidInput("status_list", "incomplete", "give --status-list and --status-index")
    if ctx.args.status_list is not None:
        token = read_own_status_list(ctx.args.status_list, key)
        status = status_reference(token, ctx.args.status_index)
    made = attest(
        packet,
        key,
        fields=[f.strip() for f in ctx.args.fields.split(",") if f.strip()],
        derived=[_derived(spec) for spec in ctx.args.derived],
        now=now,
        valid_days=ctx.args.valid_days,
        status=status,
        **({"vct": ctx.args.vct} if ctx.args.vct else {}),
    )
    write_atomic(ctx.args.out, made.text.encode("ascii"))
    email = ctx.args.email_out or ctx.args.out.with_name(ctx.args.out.name + ".eml")
    write_atomic(email, _draft(made, key, packet, ctx.args.out.name))
    ctx.emit(
        {
            "credential": str(ctx.args.out),
            "email": str(email),
            "confirmed": made.claims,
            "holder_fingerprint": made.holder_fingerprint,
            "packet_id": made.packet_id,
            "expires_at": made.expires_at.isoformat(),
        },
        f"Confirmed {', '.join(made.claims)} for the holder of key {made.holder_fingerprint}.\n"
        f"Credential: {ctx.args.out}\nEmail draft to send it back: {email}",
    )


def _checked_packet(ctx: Context, now: datetime) -> VerifiedPacket:
    from vault.verify import Checks, verify_file

    verdict = verify_file(
        ctx.args.packet, Checks(now=now, audience=ctx.args.audience, nonce=ctx.args.nonce)
    )
    if verdict.packet is None:
        raise InvalidInput(
            "packet",
            verdict.reason or "not_valid",
            f"{verdict.detail}; nothing was confirmed"
            if verdict.detail
            else "nothing was confirmed",
        )
    return verdict.packet


def _derived(spec: str) -> tuple[str, str]:
    key, sep, form = spec.partition("=")
    if not sep or not key or not form:
        raise InvalidInput("derived", "format", "use KEY=FORM, e.g. birthDate=over_18")
    return key, form


def _draft(made: Attestation, key: IssuerKey, packet: VerifiedPacket, filename: str) -> bytes:
    from vault.issuer import CREDENTIAL_MEDIA_TYPE
    from vault.packets.email_draft import build_draft
    from vault.packets.pdf import format_time

    email = packet.disclosed.get("email")
    to = email if isinstance(email, str) and email.count("@") == 1 else ""
    about = packet.claims.get("subject_name")
    lines = [
        f"Dear {about}," if isinstance(about, str) and about else "Hello,",
        "",
        f"{key.name} has checked the following details you sent us and confirms them:",
        *(f"  - {name}" for name in made.claims),
        "",
        f"The attached file {filename} is our signed confirmation. Open it with Pont"
        " (pont credential import, or drop it on the app) to keep it with your record.",
        "It can only be used with your own Pont key, and only while the details stay the"
        " same. It means we checked them on "
        f"{format_time(made.issued_at)}; it does not mean they are still true later.",
        f"It is valid until {format_time(made.expires_at)}.",
        "",
        f"Our signing key's fingerprint: {key.fingerprint}",
        "",
        "Kind regards,",
        key.name,
    ]
    subject = f"Confirmation of your details from {key.name}"
    try:
        return build_draft(
            to,
            subject,
            "\n".join(lines),
            [(filename, made.text.encode("ascii"), CREDENTIAL_MEDIA_TYPE)],
        )
    except InvalidInput:  # an address the draft refuses: leave "To" for the sender to fill in
        return build_draft(
            "",
            subject,
            "\n".join(lines),
            [(filename, made.text.encode("ascii"), CREDENTIAL_MEDIA_TYPE)],
        )


# -- people -------------------------------------------------------------------------


def cmd_credential_import(ctx: Context) -> None:
    from vault.credentials import read_credential_file

    data = read_credential_file(ctx.args.file)
    with ctx.unlock() as vault:
        person = vault.people.find(ctx.args.person)
        stored = vault.credentials.import_credential(person.id, data)
    ctx.emit(
        stored,
        f"Kept the confirmation from {stored.issuer_name} (key {stored.issuer_fingerprint}) "
        f"of {', '.join(c.claim for c in stored.claims)} for {person.name}.",
    )


def cmd_credential_list(ctx: Context) -> None:
    with ctx.unlock() as vault:
        person_id = vault.people.find(ctx.args.person).id if ctx.args.person else None
        rows = []
        for stored in vault.credentials.list(person_id):
            for claim in stored.claims:
                (judged,) = [
                    c
                    for c in vault.credentials.confirmations(
                        stored.person_id, claim.key, claim.entry
                    )
                    if c.credential.id == stored.id and c.claim.claim == claim.claim
                ]
                rows.append(
                    {
                        "credential_id": stored.id,
                        "person_id": stored.person_id,
                        "issuer": stored.issuer_name,
                        "issuer_fingerprint": stored.issuer_fingerprint,
                        "claim": claim.claim,
                        "key": claim.key,
                        "entry": claim.entry,
                        "form": claim.form,
                        "issued_at": stored.issued_at,
                        "expires_at": stored.expires_at,
                        "matches": judged.matches,
                        "expired": judged.expired,
                    }
                )
    ctx.emit(rows, lambda: "\n".join(_describe_row(r) for r in rows) or "No confirmations yet.")


def _describe_row(row: dict[str, Any]) -> str:
    state = (
        "expired"
        if row["expired"]
        else "matches"
        if row["matches"]
        else "NO LONGER MATCHING (value changed)"
    )
    return (
        f"{row['credential_id']}\t{row['claim']}\tconfirmed by {row['issuer']} on "
        f"{(row['issued_at'] or '?')[:10]}\t{state}"
    )

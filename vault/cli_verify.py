"""``pont verify``: the organisation's side, checking packets it received."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.cli_commands import given_time
from vault.errors import InvalidInput
from vault.text import shown

if TYPE_CHECKING:
    from vault.cli import Context
    from vault.confirmations import FieldStatus


def register(commands: Any, add: Any, group: Any) -> None:
    verify = add(commands, "verify", cmd_verify, "check packets (for organisations)")
    verify.add_argument("files", type=Path, nargs="+")
    verify.add_argument(
        "--audience", help="your organisation (email address) the packet must be for"
    )
    verify.add_argument("--nonce", help="your reference the packet must answer")
    verify.add_argument(
        "--trust",
        action="append",
        help="a signer fingerprint you already know, as the PDF prints it (spaces allowed); "
        "repeat for several. A packet signed by any other key then fails (exit status 1)",
    )
    verify.add_argument("--key", type=Path, help="your private key file, for sealed packets")
    verify.add_argument("--pdf-password-stdin", action="store_true")
    verify.add_argument("--replay-cache", type=Path, help="remember packet ids to refuse replays")
    verify.add_argument("--at", help="check as of this time (ISO 8601), default now")
    verify.add_argument(
        "--trust-issuer",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="an issuer's KEY.pub.json or a trust list whose confirmations you accept",
    )
    verify.add_argument(
        "--status-list",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="an issuer's status list file, to see revoked confirmations",
    )


def cmd_verify(ctx: Context) -> None:
    from vault.confirmations import load_trust_files, read_status_list_files
    from vault.verify import Checks, ReplayCache, verify_batch

    now = given_time(ctx.args.at)
    checks = Checks(
        now=now,
        audience=ctx.args.audience,
        nonce=ctx.args.nonce,
        trusted_keys=ctx.args.trust,
        pdf_password=ctx.pdf_password(),
        unseal=_unsealer(ctx.args.key) if ctx.args.key else None,
        trusted_issuers=load_trust_files(ctx.args.trust_issuer),
        status_lists=read_status_list_files(ctx.args.status_list),
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
    strangers = [v.source for v in verdicts if v.packet and v.packet.key_trusted is False]
    if strangers:
        # --trust says "only these keys": a packet signed by any other key is not accepted.
        raise InvalidInput("packet", "untrusted_signer", ", ".join(strangers))


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


def _describe_verdict(verdict: Any) -> str:
    """The verdict in the words and order of the PDF page: what it is, from whom for whom,
    under which authority, when, and each value with what backs it."""
    if not verdict.valid:
        return f"{_line(verdict.source)}: NOT VALID — {_reason_words(verdict)}"
    data = verdict.as_dict()["packet"]
    lines = [f"{_line(verdict.source)}: VALID", f"  {_title(verdict.packet.claims, data)}"]
    lines += [f"  {line}" for line in _who(verdict.packet.claims, data)]
    lines += [f"  {line}" for line in _when(verdict)]
    lines += [
        f"  {_line(k)}: {json.dumps(v, ensure_ascii=False)}"
        + _evidence(data["provenance"].get(k), verdict.fields.get(k))
        for k, v in data["disclosed"].items()
    ]
    if any(s.report is not None for s in verdict.fields.values()):
        from vault.confirmations import WHAT_CONFIRMED_MEANS

        lines.append(f"  {WHAT_CONFIRMED_MEANS}")
    return "\n".join(lines)


def _reason_words(verdict: Any) -> str:
    """The reason code, and what it is about; a moment is said as a date, never a number."""
    from vault.packets.pdf import format_time

    if verdict.at is not None and verdict.reason in _MOMENTS:
        moment = datetime.fromtimestamp(verdict.at, UTC)
        return f"{verdict.reason}: {_MOMENTS[verdict.reason]} {format_time(moment)}"
    return _line(verdict.reason) + (f" ({_line(verdict.detail)})" if verdict.detail else "")


_MOMENTS = {"expired": "expired on", "not_yet_valid": "dated in the future,"}


def _title(claims: dict[str, Any], data: dict[str, Any]) -> str:
    from vault.page import packet_title

    recipient = claims.get("recipient")
    name = recipient.get("name") if isinstance(recipient, dict) else None
    return _line(packet_title(str(data["kind"] or "disclosure"), str(name or data["audience"])))


def _who(claims: dict[str, Any], data: dict[str, Any]) -> list[str]:
    from vault.packets.pdf import group_fingerprint
    from vault.page import acting_statement, reference_of

    trusted = {None: "", True: " (a key you trust)", False: " (NOT a key you listed)"}
    reference = reference_of(claims) or "(none given)"  # --nonce and --json: the nonce
    lines = [
        f"signed by key {_line(group_fingerprint(data['signer_fingerprint']))}"
        + trusted[data["signer_trusted"]],
        f"about {_line(claims.get('subject_name') or '(no name given)')}",
        f"for {_line(data['audience'])}, reference {_line(reference)}",
    ]
    act = data["acting"]
    if isinstance(act, dict):
        try:
            lines.append(_line(acting_statement(act)))
        except (KeyError, TypeError, AttributeError):
            lines.append("sent by someone acting for the person (the details are unreadable)")
    notice = data["notice"]
    if isinstance(notice, dict) and notice.get("text"):
        lines.append(_line(f"notice ({notice.get('type')}): {notice['text']}"))
    return lines


def _when(verdict: Any) -> list[str]:
    from vault.packets.pdf import format_time

    packet = verdict.packet
    issued = format_time(datetime.fromtimestamp(packet.iat, UTC))
    lines = [f"issued {issued}, valid until {format_time(datetime.fromtimestamp(packet.exp, UTC))}"]
    if packet.claims.get("supersedes"):
        lines.append(f"replaces packet {_line(packet.claims['supersedes'])}")
    if verdict.superseded_by:
        lines.append(f"REPLACED by a later packet {_line(verdict.superseded_by)}")
    return lines


def _line(value: Any) -> str:
    """A value from the packet on one line: a line break in it cannot start a fake one."""
    return shown(str(value), newlines=False)


def _evidence(proof: Any, status: FieldStatus | None) -> str:
    """What backs a value: a confirmation checked against the trust list, else the sender's
    word (a document it holds — the packet's word, not a check of the document)."""
    from vault.confirmations import field_status_words

    if status is not None and status.state == "confirmed":
        return f" — {_line(field_status_words(status))}"
    if isinstance(proof, dict) and proof.get("kind") == "document":
        words = f" (sender holds a document, SHA-256 {_line(proof.get('sha256'))})"
    else:
        words = " (self-declared)"
    if status is not None and status.state == "not_confirmed":
        words += f" — {_line(field_status_words(status))}"
    return words

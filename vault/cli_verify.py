"""``pont verify``: the organisation's side, checking packets it received."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.errors import InvalidInput

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
    verify.add_argument("--trust", action="append", help="a signer fingerprint you already know")
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

    now = _moment(ctx.args.at) if ctx.args.at else datetime.now(UTC)
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


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("at", "format", "use ISO 8601, e.g. 2026-03-03T14:05:00Z") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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
    lines += [
        f"  {k}: {json.dumps(v, ensure_ascii=False)}"
        + _evidence(data["provenance"].get(k), verdict.fields.get(k))
        for k, v in data["disclosed"].items()
    ]
    if any(s.report is not None for s in verdict.fields.values()):
        from vault.confirmations import WHAT_CONFIRMED_MEANS

        lines.append(f"  {WHAT_CONFIRMED_MEANS}")
    return "\n".join(lines)


def _evidence(proof: Any, status: FieldStatus | None) -> str:
    """What backs a value: a confirmation checked against the trust list, else the sender's
    word (a document it holds — the packet's word, not a check of the document)."""
    from vault.confirmations import field_status_words

    if status is not None and status.state == "confirmed":
        return f" — {field_status_words(status)}"
    if isinstance(proof, dict) and proof.get("kind") == "document":
        words = f" (sender holds a document, SHA-256 {proof.get('sha256')})"
    else:
        words = " (self-declared)"
    if status is not None and status.state == "not_confirmed":
        words += f" — {field_status_words(status)}"
    return words

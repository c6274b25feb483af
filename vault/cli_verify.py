"""``pont verify``: the organisation's side, checking packets it received."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.errors import InvalidInput
from vault.text import shown

if TYPE_CHECKING:
    from vault.cli import Context


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
        pdf_password=ctx.pdf_password(),
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
    # Everything here but the layout is the packet's word: each value stays on its line.
    if not verdict.valid:
        return f"{_line(verdict.source)}: NOT VALID — {_line(verdict.reason)}" + (
            f" ({_line(verdict.detail)})" if verdict.detail else ""
        )
    data = verdict.as_dict()["packet"]
    trusted = {None: "", True: " (a key you trust)", False: " (NOT a key you listed)"}
    lines = [
        f"{_line(verdict.source)}: VALID",
        f"  signed by key {_line(data['signer_fingerprint'])}{trusted[data['signer_trusted']]}",
        f"  for {_line(data['audience'])}, reference {_line(data['reference'])}",
        f"  issued {_line(data['issued_at'])}, valid until {_line(data['expires_at'])}",
    ]
    if data["supersedes"]:
        lines.append(f"  replaces packet {_line(data['supersedes'])}")
    if verdict.superseded_by:
        lines.append(f"  REPLACED by a later packet {_line(verdict.superseded_by)}")
    lines += [
        f"  {_line(k)}: {json.dumps(v, ensure_ascii=False)}{_evidence(data['provenance'].get(k))}"
        for k, v in data["disclosed"].items()
    ]
    return "\n".join(lines)


def _line(value: Any) -> str:
    """A value from the packet on one line: a line break in it cannot start a fake one."""
    return shown(str(value), newlines=False)


def _evidence(proof: Any) -> str:
    """What the sender says backs a value; the packet's word, not a check of the document."""
    if isinstance(proof, dict) and proof.get("kind") == "document":
        return f" (sender holds a document, SHA-256 {_line(proof.get('sha256'))})"
    return " (self-declared)"

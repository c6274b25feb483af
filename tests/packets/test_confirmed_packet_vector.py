"""The golden vector of a packet that carries a confirmation (docs/packet-format.md §5.7).

Built on ``confirmation-es256.json``: the holder of that vector sends a packet to the same
recipient (``aud``/``nonce`` of the vector's presentation) disclosing ``givenName`` and
``birthDate_over_18``, with that presentation in its plain ``confirmations`` claim. The
vector records the packet, the PDF's evidence label per field and what a verifier trusting
the issuer reports per field, without a status list and with the base vector's list that
revokes the credential. Regenerate (only when the format changes on purpose) with
``PYTHONPATH=.:tests .venv/bin/python tests/packets/test_confirmed_packet_vector.py``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fakes import seeded
from vckit import AUDIENCE, DAY, IAT, NONCE, decode_part

from vault.confirmations import TrustedIssuer, check_packet_confirmations, field_status_words
from vault.packets import jose, keys, sdjwt
from vault.page import evidence_label

VECTORS = Path(__file__).parent / "vectors"
NAME = "packet-with-confirmation-es256.json"


def build_vector() -> dict[str, Any]:
    base = json.loads((VECTORS / "confirmation-es256.json").read_text(encoding="utf-8"))
    holder = keys.holder_key_from_pkcs8(jose.b64url_decode(base["holder"]["private_key_pkcs8"]))
    presentation = base["presentation_inputs"]
    issued_at = presentation["issued_at"]
    public = {
        "vct": sdjwt.PACKET_VCT,
        "purpose": "Open an account",
        "provenance": {"givenName": {"kind": "self"}, "birthDate_over_18": {"kind": "self"}},
        "confirmations": [
            {
                "presentation": base["presentation"],
                "claims": {"birthDate_over_18": "birthDate_over_18"},
            }
        ],
    }
    packet = sdjwt.issue_packet(
        holder,
        claims={"givenName": "Ada", "birthDate_over_18": True},
        public_claims=public,
        issued_at=issued_at,
        expires_at=issued_at + 30 * DAY,
        audience=presentation["audience"],
        nonce=presentation["nonce"],
        packet_id="6f1c1d1e-5b7a-4c8e-9a49-0d3f6d1b2c3a",
        token_bytes=seeded(b"golden-confirmed-packet"),
    )
    verified = sdjwt.verify_packet(
        packet, now=issued_at, audience=presentation["audience"], nonce=presentation["nonce"]
    )
    trusted = TrustedIssuer(
        base["inputs"]["issuer_name"], jose.import_public_jwk(base["issuer"]["public_jwk"])
    )
    report = check_packet_confirmations(
        verified,
        trusted_issuers=[trusted],
        status_lists=[],
        now=datetime.fromtimestamp(issued_at, UTC),
    )
    revoked = check_packet_confirmations(
        verified,
        trusted_issuers=[trusted],
        status_lists=[base["status_list"]["token"]],
        now=datetime.fromtimestamp(base["verify_at"], UTC),
    )
    return {
        "description": "Pont packet carrying a confirmation, ES256; regenerate only on purpose",
        "based_on": "confirmation-es256.json",
        "holder_thumbprint": holder.thumbprint,
        "packet": packet,
        "evidence_labels": {n: evidence_label(verified.claims, n) for n in verified.disclosed},
        "report_trusting_the_issuer": {
            n: {"state": s.state, "reason": s.reason, "words": field_status_words(s)}
            for n, s in report.items()
        },
        "report_with_the_status_list_that_revokes_it": {
            n: {"state": s.state, "reason": s.reason, "words": field_status_words(s)}
            for n, s in revoked.items()
        },
        "status_list_at": base["verify_at"],
        "verify_at": issued_at,
    }


def test_the_vector_regenerates_byte_identical() -> None:
    stored = json.loads((VECTORS / NAME).read_text(encoding="utf-8"))
    assert build_vector() == stored


def test_the_vector_by_hand() -> None:
    stored = json.loads((VECTORS / NAME).read_text(encoding="utf-8"))
    base = json.loads((VECTORS / "confirmation-es256.json").read_text(encoding="utf-8"))
    payload = decode_part(stored["packet"].split("~")[0], 1)
    (entry,) = payload["confirmations"]
    assert entry["presentation"] == base["presentation"]  # carried unchanged, plain
    kb = decode_part(entry["presentation"].split("~")[-1], 1)
    packet_kb = decode_part(stored["packet"].split("~")[-1], 1)
    assert (kb["aud"], kb["nonce"]) == (packet_kb["aud"], packet_kb["nonce"]) == (AUDIENCE, NONCE)
    # the packet is signed by the key the credential is bound to (cnf)
    credential = decode_part(base["issuer_jwt"], 1)
    assert payload["cnf"]["jwk"] == credential["cnf"]["jwk"]
    assert stored["evidence_labels"] == {
        "givenName": "self-declared",
        "birthDate_over_18": "confirmed by Leeds City Council on 3 March 2026",
    }
    assert stored["report_trusting_the_issuer"]["birthDate_over_18"]["state"] == "confirmed"
    assert stored["report_trusting_the_issuer"]["givenName"]["state"] == "self_declared"
    assert stored["verify_at"] == IAT + DAY
    revoked = stored["report_with_the_status_list_that_revokes_it"]["birthDate_over_18"]
    assert (revoked["state"], revoked["reason"]) == ("not_confirmed", "revoked")


if __name__ == "__main__":
    (VECTORS / NAME).write_text(
        json.dumps(build_vector(), indent=2, ensure_ascii=True) + "\n", encoding="utf-8"
    )

"""Confirmed fields on the offline verifier page, against the Python reference (§5.7).

Every vector is a packet made with the core (``issue_packet``) carrying presentations made with
the core (``issue_credential``, ``present_credential``); the page's per-field report
(``window.pontConfirmations``) must equal ``vault.confirmations.check_packet_confirmations``:
the state, the reason, and who confirmed it when. Then the page itself: load a trust list,
open the packet, read "Confirmed by …, on …".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fakes import seeded
from vckit import b64d, b64e

from vault.confirmations import (
    TrustedIssuer,
    check_packet_confirmations,
    load_trust_files,
    trust_list_document,
)
from vault.errors import InvalidInput
from vault.issuer import IssuerKey, new_issuer_key, public_entry
from vault.packets import keys, sdjwt
from vault.packets.sdjwt_vc import issue_credential, present_credential, read_credential

browser = pytest.mark.browser
SHOTS = Path("/tmp/shots-confirmui")

IAT = 1_772_546_700  # 2026-03-03T14:05:00Z: the council checked the address
SENT = IAT + 30 * 86_400  # the packet to the bank, a month later
NOW = SENT + 3_600
AUDIENCE = "accounts@bank.example"
NONCE = "BANK-REF-77"
ADDRESS = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB", "country": "GB"}
CONFIRMED = {"address": ADDRESS, "birthDate": "1950-03-17", "birthDate_over_18": True}


def holder(seed: bytes = b"holder") -> keys.HolderKey:
    return keys.generate_holder_key("ES256", seeded(seed))


def issuer(name: str = "Leeds City Council", seed: bytes = b"leeds") -> IssuerKey:
    return new_issuer_key(name, token_bytes=seeded(seed))


def presentation(
    by: IssuerKey,
    to: keys.HolderKey,
    claims: tuple[str, ...] = ("address", "birthDate_over_18"),
    *,
    presenter: keys.HolderKey | None = None,
    audience: str = AUDIENCE,
    nonce: str = NONCE,
    expires_at: int = IAT + 365 * 86_400,
    issuer_name: str | None = None,
) -> str:
    credential = issue_credential(
        by.private_key,
        holder_jwk=to.public_jwk,
        claims=CONFIRMED,
        issued_at=IAT,
        expires_at=expires_at,
        issuer_name=issuer_name or by.name,
        token_bytes=seeded(b"salts"),
    )
    if presenter is not None:  # a key binding signed by a key the credential does not name
        return sdjwt.present(
            sdjwt.SdJwt(credential.issuer_jwt, credential.disclosures),
            presenter,
            audience=audience,
            nonce=nonce,
            issued_at=SENT,
            disclose=set(claims),
        )
    verified = read_credential(credential.serialise(), now=IAT + 60)
    return present_credential(
        verified, to, claims=claims, audience=audience, nonce=nonce, issued_at=SENT
    )


def packet(
    entries: list[Any], signer: keys.HolderKey | None = None, address: Any = None
) -> str:
    return sdjwt.issue_packet(
        signer or holder(),
        claims={"givenName": "Ada", "address": address or ADDRESS, "birthDate_over_18": True},
        public_claims={"confirmations": entries, "purpose": "Open an account"},
        issued_at=SENT,
        expires_at=SENT + 30 * 86_400,
        audience=AUDIENCE,
        nonce=NONCE,
        token_bytes=seeded(b"packet"),
    )


def entry(text: str, mapping: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "claims": mapping or {"address": "address", "birthDate_over_18": "birthDate_over_18"},
        "presentation": text,
    }


def tampered(text: str) -> str:
    """The address disclosure swapped for one with another value (same salt and name)."""
    jwt, *disclosures, kb = text.split("~")
    out = []
    for part in disclosures:
        salt, name, value = json.loads(b64d(part))
        if name == "address":
            value = {**value, "postcode": "LS9 9ZZ"}
        out.append(b64e(json.dumps([salt, name, value]).encode()))
    return "~".join([jwt, *out, kb])


def resigned_badly(text: str) -> str:
    jwt, rest = text.split("~", 1)
    head, body, signature = jwt.split(".")
    return f"{head}.{body}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}~{rest}"


def trust_text(*issuers: IssuerKey) -> str:
    return json.dumps(
        trust_list_document([TrustedIssuer(i.name, i.verifying, i.contact) for i in issuers])
    )


def vectors() -> dict[str, tuple[str, list[str]]]:
    """name → (packet, trust list files)."""
    leeds, rogue = issuer(), issuer("Rogue Council", b"rogue")
    ada, stranger = holder(), holder(b"x")
    good = presentation(leeds, ada)
    only_leeds = [json.dumps(public_entry(leeds))]
    return {
        "confirmed": (packet([entry(good)]), only_leeds),
        "confirmed_from_a_trust_list_file": (packet([entry(good)]), [trust_text(rogue, leeds)]),
        "no_trust_list": (packet([entry(good)]), []),
        "another_issuer_trusted": (packet([entry(good)]), [json.dumps(public_entry(rogue))]),
        "value_changed": (
            packet([entry(good)], address={**ADDRESS, "postcode": "LS2 7HY"}),
            only_leeds,
        ),
        "claim_not_presented": (
            packet([entry(presentation(leeds, ada, ("birthDate_over_18",)))]),
            only_leeds,
        ),
        "lifted_from_a_packet_to_someone_else": (
            packet([entry(presentation(leeds, ada, audience="council-tax@leeds.example"))]),
            only_leeds,
        ),
        "another_request": (
            packet([entry(presentation(leeds, ada, nonce="OTHER-REF"))]),
            only_leeds,
        ),
        "bound_to_another_holder": (
            packet([entry(presentation(leeds, stranger))]),
            only_leeds,
        ),
        "expired": (
            packet([entry(presentation(leeds, ada, expires_at=IAT + 86_400))]),
            only_leeds,
        ),
        "tampered_disclosure": (packet([entry(tampered(good))]), only_leeds),
        "bad_issuer_signature": (packet([entry(resigned_badly(good))]), only_leeds),
        "kb_by_another_key": (
            packet([entry(presentation(leeds, ada, presenter=stranger))]),
            only_leeds,
        ),
        "malformed_entries": (
            packet([{"presentation": good}, {**entry(good), "extra": 1}, "x", 7]),
            only_leeds,
        ),
        "a_failing_entry_then_a_good_one": (
            packet([entry(resigned_badly(good)), entry(good)]),
            only_leeds,
        ),
        "untrusted_name_is_markup": (
            packet([entry(presentation(rogue, ada, issuer_name="<img src=x onerror=alert(1)>"))]),
            only_leeds,
        ),
    }


VECTORS = vectors()


def python_report(text: str, trust_files: list[str], tmp_path: Path) -> dict[str, Any]:
    paths = []
    for n, body in enumerate(trust_files):
        path = tmp_path / f"trust-{n}.json"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    trusted = load_trust_files(paths)
    verified = sdjwt.verify_packet(text, now=NOW)
    statuses = check_packet_confirmations(
        verified,
        trusted_issuers=trusted,
        status_lists=[],
        now=datetime.fromtimestamp(NOW, UTC),
    )
    return {name: summary(s.state, s.reason, s.report) for name, s in statuses.items()}


def summary(state: str, reason: str | None, report: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"state": state, "reason": reason}
    if state == "confirmed":
        out["by"] = report.issuer_name
        out["on"] = int(report.issued_at.timestamp())
        out["fingerprint"] = report.issuer_fingerprint
    return out


def page_report(page: Any, text: str, trust_files: list[str]) -> dict[str, Any]:
    result = page.evaluate(
        "([text, trust, now]) => window.pontConfirmations(text, {now, trustList: trust})",
        [text, trust_files, NOW],
    )
    assert result["valid"], result
    out = {}
    for name, status in result["statuses"].items():
        report = status["report"] or {}
        confirmed = status["state"] == "confirmed"
        out[name] = {"state": status["state"], "reason": status["reason"]}
        if confirmed:
            out[name].update(
                by=report["issuer_name"],
                on=report["issued_at"],
                fingerprint=report["issuer_fingerprint"],
            )
    return out


EXPECTED_REASON = {
    "confirmed": None,
    "confirmed_from_a_trust_list_file": None,
    "no_trust_list": "issuer_not_trusted",
    "another_issuer_trusted": "issuer_not_trusted",
    "value_changed": "value_differs",
    "claim_not_presented": "claim_not_presented",
    "lifted_from_a_packet_to_someone_else": "audience_mismatch",
    "another_request": "nonce_mismatch",
    "bound_to_another_holder": "not_bound_to_holder",
    "expired": "expired",
    "tampered_disclosure": "disclosure_unreferenced",
    "bad_issuer_signature": "bad_signature",
    "kb_by_another_key": "kb_bad_signature",
    "malformed_entries": "self_declared",
    "a_failing_entry_then_a_good_one": None,
    "untrusted_name_is_markup": "issuer_not_trusted",
}


@browser
@pytest.mark.parametrize("name", sorted(VECTORS))
def test_the_page_reports_each_field_as_python_does(
    session: Any, name: str, tmp_path: Path
) -> None:
    text, trust_files = VECTORS[name]
    expected = python_report(text, trust_files, tmp_path)
    assert page_report(session.page, text, trust_files) == expected
    # and the vector shows what it is named for (the reference itself is checked too)
    assert expected["givenName"] == {"state": "self_declared", "reason": None}
    address = expected["address"]
    want = EXPECTED_REASON[name]
    if want == "self_declared":
        assert address["state"] == "self_declared"
    elif want is None:
        assert address["state"] == "confirmed"
        assert address["by"] == "Leeds City Council"
        assert address["on"] == IAT
    else:
        assert (address["state"], address["reason"]) == ("not_confirmed", want)


@browser
def test_trust_list_files_are_refused_as_python_refuses_them(session: Any, tmp_path: Path) -> None:
    leeds = issuer()
    good = public_entry(leeds)
    ed = keys.generate_holder_key("Ed25519", seeded(b"ed"))
    cases = {
        "wrong_fingerprint": [json.dumps({**good, "fingerprint": "A" * 43})],
        "not_an_entry": [json.dumps({**good, "format": "something-else"})],
        "ed25519_key": [
            json.dumps({**good, "key": dict(ed.public_jwk), "fingerprint": ed.thumbprint})
        ],
        "one_key_two_names": [json.dumps(good), json.dumps({**good, "name": "Leeds CC"})],
        "control_character": [json.dumps({**good, "name": "Leeds\u202eCouncil"})],
        "duplicate_member": ['{"format":"pont-issuer","format":"pont-issuer"}'],
    }
    for label, files in cases.items():
        paths = []
        for n, body in enumerate(files):
            path = tmp_path / f"{label}-{n}.json"
            path.write_text(body, encoding="utf-8")
            paths.append(path)
        with pytest.raises(InvalidInput) as refused:
            load_trust_files(paths)
        result = session.page.evaluate(
            "([trust, now]) => window.pontConfirmations('x', {now, trustList: trust})", [files, NOW]
        )
        assert result.get("trust_error") == refused.value.reason, label


def _open(page: Any, path: Path) -> None:
    page.evaluate("() => { document.getElementById('asof').value = '2026-04-02T15:05:00'; }")
    page.evaluate("() => { document.body.dataset.state = 'busy'; }")
    page.set_input_files("#file", str(path))
    page.wait_for_function("() => ['valid', 'invalid'].includes(document.body.dataset.state)")


def _cells(page: Any) -> dict[str, str]:
    rows = page.locator("#fields tbody tr")
    out = {}
    for n in range(rows.count()):
        row = rows.nth(n)
        name = row.locator("th .name").inner_text()
        out[name] = row.locator("td").nth(2).inner_text()
    return out


@browser
def test_load_a_trust_list_then_a_field_says_confirmed_by_and_on(
    session: Any, tmp_path: Path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    session.reload()
    page = session.page
    text, _trust = VECTORS["confirmed"]
    path = tmp_path / "packet.sd-jwt"
    path.write_text(text, encoding="ascii")
    _open(page, path)
    cells = _cells(page)
    assert cells["address"].startswith("✗ Not confirmed: the organisation that signed")
    assert "Self-declared" in cells["givenName"]
    pub = tmp_path / "leeds.pub.json"
    pub.write_text(json.dumps(public_entry(issuer())), encoding="utf-8")
    page.evaluate("() => { document.body.dataset.trust = ''; }")
    page.evaluate("() => { document.body.dataset.state = 'busy'; }")
    page.set_input_files("#trust-file", str(pub))
    page.wait_for_function("() => document.body.dataset.trust === '1'")
    page.wait_for_function("() => ['valid', 'invalid'].includes(document.body.dataset.state)")
    assert "You trust 1 organisation: Leeds City Council" in page.inner_text("#trust-status")
    cells = _cells(page)
    confirmed = "✓ Confirmed by Leeds City Council, on 3 March 2026"
    assert cells["address"].startswith(confirmed)
    assert cells["birthDate_over_18"].startswith(confirmed)
    assert cells["givenName"] == "Self-declared"
    assert "does not mean the value is still true" in page.inner_text("#confirmed-meaning")
    page.locator("main").screenshot(path=str(SHOTS / "verifier-confirmed.png"))
    with page.expect_download() as info:
        page.click("#download")
    saved = tmp_path / "out.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))["confirmations"]
    assert data["address"] == {
        "state": "confirmed",
        "reason": None,
        "issuer": "Leeds City Council",
        "issuer_fingerprint": issuer().fingerprint,
        "confirmed_at": "2026-03-03T14:05:00Z",
    }
    assert data["givenName"]["state"] == "self_declared"
    assert all(url.startswith(("file://", "blob:")) for url in session.requests), session.requests


@browser
def test_an_untrusted_issuer_is_shown_with_its_claimed_name_as_text(
    session: Any, tmp_path: Path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    session.reload()
    page = session.page
    text, trust = VECTORS["untrusted_name_is_markup"]
    pub = tmp_path / "leeds.pub.json"
    pub.write_text(trust[0], encoding="utf-8")
    page.set_input_files("#trust-file", str(pub))
    page.wait_for_function("() => document.body.dataset.trust === '1'")
    path = tmp_path / "packet.sd-jwt"
    path.write_text(text, encoding="ascii")
    _open(page, path)
    cell = _cells(page)["address"]
    assert "It calls itself “<img src=x onerror=alert(1)>” (unverified)" in cell
    assert page.locator("#fields img").count() == 0
    assert session.dialogs == []
    page.locator("main").screenshot(path=str(SHOTS / "verifier-not-confirmed.png"))


@browser
def test_a_trust_list_that_cannot_be_used_says_why(session: Any, tmp_path: Path) -> None:
    session.reload()
    page = session.page
    bad = tmp_path / "list.json"
    bad.write_text(json.dumps({"format": "pont-trust-list", "version": 2, "issuers": []}))
    page.evaluate("() => { document.body.dataset.trust = ''; }")
    page.set_input_files("#trust-file", str(bad))
    page.wait_for_function("() => document.body.dataset.trust === '0'")
    status = page.inner_text("#trust-status")
    assert status.startswith("This trust list was not loaded: it is not an issuer file")
    assert "code format" in status


def test_vectors_are_what_they_claim_without_a_browser(tmp_path: Path) -> None:
    """The reference side of the vectors, so a machine without Chromium still checks them."""
    for name, (text, trust) in VECTORS.items():
        address = python_report(text, trust, tmp_path)["address"]
        want = EXPECTED_REASON[name]
        if want == "self_declared":
            assert address["state"] == "self_declared", name
        elif want is None:
            assert address["state"] == "confirmed", name
        else:
            assert address["reason"] == want, name

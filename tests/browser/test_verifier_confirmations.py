"""Confirmed fields on the offline verifier page, against the Python reference (§5.7).

Every vector is a packet made with the core (``issue_packet``) carrying presentations made with
the core (``issue_credential``, ``present_credential``); the page's per-field report
(``window.pontConfirmations``) must equal ``vault.confirmations.check_packet_confirmations``:
the state, the reason, and who confirmed it when. Then the page itself: load a trust list,
open the packet, read "Confirmed by …, on …".
"""

from __future__ import annotations

import json
import zlib
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
from vault.packets.sdjwt_vc import (
    StatusReference,
    issue_credential,
    present_credential,
    read_credential,
)
from vault.packets.status_list import INVALID, SUSPENDED, StatusList, sign_status_list

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
    status: StatusReference | None = None,
) -> str:
    credential = issue_credential(
        by.private_key,
        holder_jwk=to.public_jwk,
        claims=CONFIRMED,
        issued_at=IAT,
        expires_at=expires_at,
        issuer_name=issuer_name or by.name,
        status=status,
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


def python_report(
    text: str, trust_files: list[str], tmp_path: Path, status_lists: tuple[str, ...] = ()
) -> dict[str, Any]:
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
        status_lists=list(status_lists),
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


# --- status lists: the page reads them as pont verify --status-list does ---------------------

STATUS_URI = "https://leeds.example/status/2026-1"


def status_list(by: IssuerKey, *, iat: int = IAT + 60, exp: int | None = NOW + 86_400,
                revoked: int = 5, uri: str = STATUS_URI, **payload: Any) -> str:
    """Entries: 5 revoked, 6 suspended, 7 a status Pont does not know (3), the rest valid."""
    statuses = StatusList.new(64).with_status(revoked, INVALID).with_status(6, SUSPENDED)
    token = sign_status_list(by.private_key, statuses.with_status(7, 3), uri=uri,
                             issued_at=iat, expires_at=exp)  # fmt: skip
    if not payload:
        return token
    head, body, _ = token.split(".")
    changed = {**json.loads(b64d(body)), **payload}
    signing_input = f"{head}.{b64e(sdjwt.jose.dump_json(changed))}"
    return signing_input + "." + b64e(sdjwt.jose.sign(by.private_key, signing_input.encode()))


def status_vectors() -> dict[str, tuple[str, tuple[str, ...], str]]:
    """name → (packet, status list files, the address's expected (state/reason, status))."""
    leeds, rogue = issuer(), issuer("Rogue Council", b"rogue")
    ada = holder()

    def at(idx: int) -> str:
        return packet([entry(presentation(leeds, ada, status=StatusReference(idx, STATUS_URI)))])

    good = status_list(leeds)
    float_width = {**StatusList.new(64).claim(), "bits": 2.0}  # 2.0 == 2 in Python
    bomb = {"bits": 1, "lst": b64e(zlib.compress(bytes(16 << 20), 9))}  # 16 MiB in ~16 KiB
    trailing = {"bits": 2, "lst": b64e(zlib.compress(bytes(16)) + b"junk")}
    newer_valid = status_list(leeds, iat=IAT + 120, revoked=9)
    return {
        "valid": (at(1), (good,), "confirmed/valid"),
        "revoked": (at(5), (good,), "revoked/revoked"),
        "suspended": (at(6), (good,), "suspended/suspended"),
        "unknown_status": (at(7), (good,), "unrecognised/unrecognised"),
        "no_list": (at(5), (), "confirmed/not_checked"),
        "list_of_another_issuer": (at(5), (status_list(rogue),), "confirmed/not_checked"),
        "list_expired": (at(5), (status_list(leeds, exp=NOW - 1),), "confirmed/not_checked"),
        "another_uri": (at(5), (status_list(leeds, uri="https://x.example/s"),),
                        "confirmed/not_checked"),
        "the_newest_list_counts": (at(5), (good, newer_valid), "confirmed/valid"),
        "index_outside": (at(900), (good,), "confirmed/not_checked"),
        "not_zlib": (at(5), (status_list(leeds, status_list={"bits": 2, "lst": "AAAA"}),),
                     "confirmed/not_checked"),
        "width_2.0": (at(5), (status_list(leeds, status_list=float_width),),
                      "confirmed/not_checked"),
        "garbage_beside_a_good_one": (at(5), ("not a list", good), "revoked/revoked"),
        "deflate_bomb": (at(5), (status_list(leeds, status_list=bomb),), "confirmed/not_checked"),
        "trailing_data": (at(5), (status_list(leeds, status_list=trailing),),
                          "confirmed/not_checked"),
    }


STATUS_VECTORS = status_vectors()


def python_statuses(text: str, lists: tuple[str, ...], tmp_path: Path) -> dict[str, Any]:
    leeds = [json.dumps(public_entry(issuer()))]
    verified = sdjwt.verify_packet(text, now=NOW)
    trusted = python_trust(leeds, tmp_path)
    out = check_packet_confirmations(verified, trusted_issuers=trusted, status_lists=list(lists),
                                     now=datetime.fromtimestamp(NOW, UTC))  # fmt: skip
    return {name: (s.state, s.reason, s.report and s.report.status,
                   s.report and s.report.status_detail.split(":")[0])
            for name, s in out.items()}  # fmt: skip


def python_trust(files: list[str], tmp_path: Path) -> Any:
    paths = []
    for n, body in enumerate(files):
        path = tmp_path / f"trust-{n}.json"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return load_trust_files(paths)


@browser
@pytest.mark.parametrize("name", sorted(STATUS_VECTORS))
def test_the_page_reads_status_lists_as_python_does(
    session: Any, name: str, tmp_path: Path
) -> None:
    text, lists, want = STATUS_VECTORS[name]
    expected = python_statuses(text, lists, tmp_path)
    result = session.page.evaluate(
        "([text, trust, lists, now]) => window.pontConfirmations(text, "
        "{now, trustList: trust, statusLists: lists})",
        [text, [json.dumps(public_entry(issuer()))], list(lists), NOW],
    )
    page = {
        name: (s["state"], s["reason"], s["report"] and s["report"]["status"],
               s["report"] and s["report"]["status_detail"].split(":")[0])
        for name, s in result["statuses"].items()
    }  # fmt: skip
    assert page == expected
    state, status = want.split("/")
    address = expected["address"]
    assert (address[1] or address[0], address[2]) == (state, status)


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


def _load(page: Any, selector: str, path: Path, count: str) -> None:
    """Choose one file in a loader, then wait until it is loaded and the packet checked again."""
    page.evaluate(f"() => {{ document.body.dataset.{count} = ''; }}")
    page.evaluate("() => { document.body.dataset.state = 'busy'; }")
    page.set_input_files(selector, str(path))
    page.wait_for_function(f"() => document.body.dataset.{count} === '1'")
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
    _load(page, "#trust-file", pub, "trust")
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
def test_load_a_status_list_then_a_revoked_confirmation_says_so(
    session: Any, tmp_path: Path
) -> None:
    """A clerk loads the trust list and the council's status list, as pont verify
    --trust-issuer --status-list would be given them, and reads the field's standing."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    session.reload()
    page = session.page
    text, lists, _ = STATUS_VECTORS["revoked"]
    path = tmp_path / "packet.sd-jwt"
    path.write_text(text, encoding="ascii")
    pub = tmp_path / "leeds.pub.json"
    pub.write_text(json.dumps(public_entry(issuer())), encoding="utf-8")
    page.set_input_files("#trust-file", str(pub))
    page.wait_for_function("() => document.body.dataset.trust === '1'")
    _open(page, path)
    before = _cells(page)["address"]
    assert before.startswith("✓ Confirmed by Leeds City Council")
    assert "Not checked for revocation (no status list for https" in before
    listed = tmp_path / "leeds-status.jwt"
    listed.write_text(lists[0] + "\n", encoding="ascii")  # a file as an editor saves it
    _load(page, "#status-file", listed, "statusLists")
    assert "1 status list loaded" in page.inner_text("#status-status")
    after = _cells(page)
    assert after["address"].startswith("✗ Not confirmed: the organisation has revoked")
    assert after["birthDate_over_18"].startswith("✗ Not confirmed: the organisation has revoked")
    page.locator("main").screenshot(path=str(SHOTS / "verifier-revoked.png"))
    page.click("#status-clear")
    page.wait_for_function("() => !document.getElementById('status-clear').offsetParent")
    assert "No status list loaded" in page.inner_text("#status-status")


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

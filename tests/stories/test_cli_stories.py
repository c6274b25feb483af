"""DESIGN §2's journeys as a person lives them at a terminal, checked at the other end.

Each story uses the commands the README gives, the simplest way (no ``--entry`` where a
person would not know to type one), then opens what the organisation received.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from pathlib import Path

import pytest
from fakes import PASSPHRASE
from story_helpers import Terminal, pdftotext

OLD_HOME = {"lines": ["7 Micklegate"], "town": "York", "postcode": "YO1 6JX", "from": "2015-04-01"}
NEW_HOME = {"lines": ["9 Kirkgate"], "town": "Leeds", "postcode": "LS2 7DJ"}


def json_arg(value: object) -> str:
    return json.dumps(value)


def owner(terminal: Terminal, name: str = "Margaret Example") -> None:
    terminal.ok("person", "add", name, "--owner")
    given, family = name.split()
    terminal.ok("field", "set", given, "givenName", given)
    terminal.ok("field", "set", given, "familyName", family)


def files_of(said_json: dict[str, object]) -> dict[str, Path]:
    return {kind: Path(str(path)) for kind, path in dict(said_json["files"]).items()}  # type: ignore[arg-type]


def test_a_new_user_creates_a_vault_from_the_readme(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path / "vault", tmp_path)
    created = terminal.run("init", "--recovery-kit", "kit.pdf", stdin=PASSPHRASE + "\n")
    assert created.code == 0, created
    assert "Recovery key" in created.out
    assert (tmp_path / "kit.pdf").read_bytes().startswith(b"%PDF")
    terminal.ok("person", "add", "Margaret Example", "--owner")
    assert "Margaret Example" in terminal.ok("person", "list").out


def test_moving_house_tells_both_organisations_the_new_address(terminal: Terminal) -> None:
    owner(terminal)
    terminal.ok("field", "set", "Margaret", "address", json_arg(OLD_HOME))
    terminal.ok("field", "set", "Margaret", "councilTaxReference", "CT-556677")
    council = terminal.ok_json(
        "share", "Margaret", "--template", "council-tax-single-person-discount",
        "--org", "Leeds City Council", "--org-email", "counciltax@leeds.example",
        "--reference", "CT-1",
    )  # fmt: skip
    bank = terminal.ok_json(
        "share", "Margaret", "--fields", "givenName,familyName,address",
        "--org", "Northern Bank", "--org-email", "post@bank.example", "--purpose", "My account",
    )  # fmt: skip
    before = terminal.received(files_of(bank)["sd-jwt"])
    assert before["disclosed"]["address"]["lines"] == OLD_HOME["lines"]

    # The simplest way: the new address as it is written on an envelope.
    moved = terminal.ok("field", "set", "Margaret", "address", "9 Kirkgate, Leeds, LS2 7DJ")
    assert "ended on" in moved.out
    updates = terminal.ok_json("update", "Margaret", "address")

    assert sorted(u["organisation"] for u in updates) == ["Leeds City Council", "Northern Bank"]
    assert {u["replaces"] for u in updates} == {council["packet_id"], bank["packet_id"]}
    for update in updates:
        files = files_of(update)
        for kind in ("sd-jwt", "pdf"):
            packet = terminal.received(files[kind])
            assert packet["kind"] == "update"
            assert packet["supersedes"] == update["replaces"]
            address = packet["disclosed"]["address"]
            assert address["lines"] == NEW_HOME["lines"]
            assert address["postcode"] == NEW_HOME["postcode"]
            assert "to" not in address
        page = pdftotext(files["pdf"])
        assert "9 Kirkgate" in page
        assert "Micklegate" not in page
        assert files["email"].exists()
    # Nobody is left holding the old address, and the ledger says so.
    again = terminal.ok("update", "Margaret", "address")
    assert "already hold its current value" in again.out
    ledger = terminal.ok_json("ledger")
    status = {e["packet_id"]: e["status"] for e in ledger}
    assert status[council["packet_id"]] == status[bank["packet_id"]] == "superseded"


def test_a_new_gp_is_sent_to_whoever_has_the_old_one(terminal: Terminal) -> None:
    owner(terminal, "Arthur Example")
    terminal.ok("field", "set", "Arthur", "address", json_arg(OLD_HOME))
    old_gp = {"name": "Micklegate Surgery", "town": "York", "postcode": "YO1 6JX"}
    terminal.ok("field", "set", "Arthur", "gpPractice", json_arg(old_gp))
    sent = terminal.ok_json(
        "share", "Arthur", "--fields", "givenName,familyName,gpPractice",
        "--org", "Leeds Pharmacy", "--org-email", "rx@pharmacy.example",
        "--purpose", "Repeat prescriptions",
    )  # fmt: skip
    new_gp = {"name": "Kirkgate Medical Centre", "town": "Leeds", "postcode": "LS2 7DJ"}
    terminal.ok("field", "set", "Arthur", "gpPractice", json_arg(new_gp))
    (update,) = terminal.ok_json("update", "Arthur", "gpPractice")
    assert update["replaces"] == sent["packet_id"]
    packet = terminal.received(files_of(update)["sd-jwt"])
    assert packet["disclosed"]["gpPractice"]["name"] == "Kirkgate Medical Centre"
    assert packet["disclosed"]["givenName"] == "Arthur"


def test_evidence_attached_after_the_fact_backs_the_next_packet(terminal: Terminal) -> None:
    owner(terminal)
    terminal.ok("field", "set", "Margaret", "passportNumber", "123456789")
    scan = terminal.home / "passport-scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scan of the passport photo page\n")
    attached = terminal.ok("document", "add", "Margaret", str(scan), "--field", "passportNumber")
    assert "backs passportNumber" in attached.out
    shared = terminal.ok_json(
        "share", "Margaret", "--fields", "givenName,passportNumber",
        "--org", "Letting Agent", "--org-email", "lets@agent.example", "--purpose", "Right to rent",
    )  # fmt: skip
    files = files_of(shared)
    packet = terminal.received(files["sd-jwt"])
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert packet["disclosed"]["passportNumber"] == "123456789"
    assert digest in json.dumps(packet)  # the evidence: the hash of the very file attached
    page = pdftotext(files["pdf"])
    assert "backed by an attached document" in " ".join(page.split())
    assert "self-declared" in page  # the first name is not backed


def test_a_carer_updates_the_lpa_and_shares_for_their_relative(terminal: Terminal) -> None:
    owner(terminal)
    terminal.ok("person", "add", "Arthur Example")
    terminal.ok("field", "set", "Arthur", "givenName", "Arthur")
    terminal.ok("field", "set", "Arthur", "address", json_arg(OLD_HOME))
    terminal.ok("field", "set", "Arthur", "medications", "Metformin 500 mg")
    terminal.ok(
        "person", "authority", "Arthur", "lpa_property_finance",
        "--registered-on", "14/05/2023", "--opg-reference", "M-1234-5678-9012",
    )  # fmt: skip
    scan = terminal.home / "lpa.pdf"
    scan.write_bytes(b"%PDF-1.4\n% the registered LPA\n")
    added = terminal.ok_json("document", "add", "Arthur", str(scan))
    # Later: a new access code and the scan. Nothing recorded before may be lost.
    terminal.ok(
        "person", "authority", "Arthur", "lpa_property_finance",
        "--access-code-stdin", "--document", str(added["attachment"]["id"]),
        stdin="V-ABCD-EFGH-JKLM\n",
    )  # fmt: skip
    shown = terminal.ok_json("person", "show", "Arthur")["authority"]
    assert shown["details"] == {
        "registered_on": "2023-05-14",
        "opg_reference": "M-1234-5678-9012",
        "access_code": "V-ABCD-EFGH-JKLM",
    }
    assert shown["document_id"] is not None
    shared = terminal.ok_json(
        "share", "Arthur", "--fields", "givenName,address",
        "--org", "Northern Bank", "--org-email", "lpa@bank.example", "--purpose", "Use the LPA",
    )  # fmt: skip
    packet = terminal.received(files_of(shared)["sd-jwt"])
    acting = packet["acting"]
    assert (acting["by"], acting["for"]) == ("Margaret Example", "Arthur Example")
    assert acting["authority"]["opg_reference"] == "M-1234-5678-9012"
    assert acting["authority"]["access_code"] == "V-ABCD-EFGH-JKLM"
    page = " ".join(pdftotext(files_of(shared)["pdf"]).split())
    assert "M-1234-5678-9012" in page
    refused = terminal.fails(
        "share", "Arthur", "--fields", "givenName,medications",
        "--org", "Northern Bank", "--org-email", "lpa@bank.example", "--purpose", "Use the LPA",
    )  # fmt: skip
    assert "medications" in refused.err


def test_withdraw_from_the_ledger_by_the_short_id(terminal: Terminal) -> None:
    owner(terminal)
    shared = terminal.ok_json(
        "share", "Margaret", "--fields", "givenName",
        "--org", "Gym", "--org-email", "join@gym.example", "--purpose", "Membership",
    )  # fmt: skip
    short = re.search(r"-([0-9a-f]{8})\.pdf$", str(files_of(shared)["pdf"]))
    assert short is not None
    assert short.group(1) in terminal.ok("ledger").out
    notice = terminal.ok_json("withdraw", short.group(1))
    packet = terminal.received(files_of(notice)["sd-jwt"])
    assert packet["kind"] == "withdrawal"
    assert packet["disclosed"] == {}
    ledger = {e["packet_id"]: e["status"] for e in terminal.ok_json("ledger")}
    assert ledger[shared["packet_id"]] == "withdrawn"
    twice = terminal.fails("withdraw", short.group(1))
    assert "--again" in twice.err
    assert terminal.ok_json("withdraw", short.group(1), "--again")["packet_id"]


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (("person", "show", "Nobody"), None),
        (("field", "set", "Margaret", "nhsNumber", "9434765918"), None),
        (("field", "set", "Margaret", "birthDate", "31/02/1950"), None),
        (("field", "set", "Margaret", "address", '{"lines": ["x"]'), None),
        (("share", "Margaret", "--fields", "nhsNumber", "--org", "GP", "--purpose", "x"), None),
        (("withdraw", "abc"), None),
        (("person", "list"), "the wrong passphrase\n"),
    ],
)
def test_every_mistake_gets_one_plain_line(
    terminal: Terminal, argv: tuple[str, ...], stdin: str | None
) -> None:
    owner(terminal)
    if stdin is None:
        said = terminal.fails(*argv)
    else:
        said = terminal.fails("--passphrase-stdin", *argv, stdin=stdin, passphrase=False)
    assert said.out == ""


def readme_first_steps() -> list[list[str]]:
    """The commands of the README's "First steps" block, as a new user would type them."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## First steps", 1)[1].split("```", 2)[1]
    typed = block.replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in typed.splitlines() if line.strip()]


def test_the_readme_first_steps_tell_the_council_the_new_address(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path / "vault", tmp_path)
    steps = readme_first_steps()
    assert steps[0][:2] == ["pont", "init"]
    assert any(step[1] == "update" for step in steps)
    for step in steps:
        assert step[0] == "pont", step
        said = terminal.run(*step[1:], stdin=PASSPHRASE + "\n" if step[1] == "init" else None)
        assert (said.code, "Traceback" in said.err) == (0, False), (step, said)
    packets = [terminal.received(path) for path in sorted(tmp_path.glob("*.sd-jwt"))]
    (latest,) = [p for p in packets if p["kind"] == "update"]
    assert latest["audience"] == "council.tax@leeds.gov.uk"
    assert latest["disclosed"]["address"]["lines"] == ["2 New Road"]
    assert latest["disclosed"]["address"]["postcode"] == "LS1 4AP"
    assert "to" not in latest["disclosed"]["address"]
    assert "superseded" in terminal.ok("ledger").out


@pytest.mark.poppler
def test_a_long_note_reaches_the_clerk_in_full(terminal: Terminal) -> None:
    """A carer writes the whole of a relative's access needs (the catalogue allows 10,000
    characters); the GP surgery's PDF shows every word, over as many pages as it takes."""
    from pdftext import pages, value_column, words

    owner(terminal)
    ending = " Last line: ring 0113 496 0000 before visiting."
    note = "Large print, a quiet room, and please ring the bell twice; I use a hearing loop. "
    needs = (note * 125)[: 10_000 - len(ending)].strip() + ending
    terminal.ok("field", "set", "Margaret", "accessNeeds", needs)
    shared = terminal.ok_json(
        "share", "Margaret", "--fields", "givenName,accessNeeds",
        "--org", "Kirkgate Surgery", "--org-email", "reception@surgery.example",
        "--purpose", "Reasonable adjustments",
    )  # fmt: skip
    files = files_of(shared)
    for kind in ("pdf", "sd-jwt"):
        assert terminal.received(files[kind])["disclosed"]["accessNeeds"] == needs
    assert pages(files["pdf"]) > 2
    assert words(needs) in words(value_column(files["pdf"]))

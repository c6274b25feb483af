"""What the clerk reads from ``pont verify``, as a subprocess: the page's facts, in words."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE

from vault.packets.pdf import format_time, group_fingerprint
from vault.vault import Vault

PONT = Path(sys.executable).parent / "pont"
OPG = "M-1234-5678-9012"


def pont(vault: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    return subprocess.run(
        [str(PONT), "--vault", str(vault), "--passphrase-stdin", *argv],
        input=PASSPHRASE + "\n" if stdin is None else stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def ok_json(vault: Path, *argv: str) -> Any:
    import json

    done = pont(vault, "--json", *argv)
    assert (done.returncode, done.stderr) == (0, ""), done
    return json.loads(done.stdout)


@pytest.fixture
def carer(vault_folder: Path) -> Path:
    """Bob acts for his mother Ada under a property-and-finance LPA."""
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.people.add("Bob Carer", "owner")
        ada = vault.people.add("Ada Lovelace", "relative").person.id
        vault.people.set_authority(ada, "lpa_property_finance", {"opg_reference": OPG})
        vault.profiles.set(ada, "telephone", "07700 900123")
    return vault_folder


@pytest.fixture
def shared(carer: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out"
    return dict(
        ok_json(carer, "share", "Ada", "--fields", "telephone", "--org", "Leeds City Council",
                "--org-email", "tax@council.example", "--purpose", "Council tax",
                "--out", str(out))
    )


def received(vault: Path, shared: dict[str, Any]) -> dict[str, Any]:
    import json

    done = pont(vault, "--json", "verify", shared["files"]["sd-jwt"], stdin="")
    (verdict,) = json.loads(done.stdout)
    return dict(verdict["packet"])


def verify(vault: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return pont(vault, "verify", *argv, stdin="")


def test_plain_verify_says_who_acted_for_whom_and_when_in_dates(
    carer: Path, shared: dict[str, Any]
) -> None:
    done = verify(carer, shared["files"]["sd-jwt"])
    assert (done.returncode, done.stderr) == (0, ""), done
    text = done.stdout
    assert "Personal information for Leeds City Council" in text
    assert "about Ada Lovelace" in text
    assert (
        "Sent by Bob Carer for Ada Lovelace under a Lasting Power of Attorney for property and "
        f"financial affairs, OPG reference {OPG}." in text
    )
    assert 'telephone: "+447700900123" (self-declared)' in text
    issued = datetime.fromisoformat(received(carer, shared)["issued_at"])
    assert f"issued {format_time(issued)}, valid until " in text
    # No epoch number anywhere: dates only.
    assert str(int(issued.timestamp()))[:6] not in text


def test_a_notice_is_named_and_its_text_shown(
    carer: Path, shared: dict[str, Any], tmp_path: Path
) -> None:
    notice = ok_json(carer, "withdraw", shared["packet_id"], "--kind", "erasure",
                     "--out", str(tmp_path / "n"))  # fmt: skip
    done = verify(carer, notice["files"]["sd-jwt"])
    assert done.returncode == 0, done
    assert "Request to erase personal information, to Leeds City Council" in done.stdout
    assert "notice (erasure): Under Article 17 of the UK GDPR" in done.stdout


def test_expired_says_the_date_in_words_and_json_keeps_the_code(
    carer: Path, shared: dict[str, Any]
) -> None:
    later = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S")
    done = verify(carer, "--at", later, shared["files"]["sd-jwt"])
    assert done.returncode == 1
    expires = datetime.fromisoformat(received(carer, shared)["expires_at"])
    assert f"NOT VALID — expired: expired on {format_time(expires)}" in done.stdout
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    import json

    as_json = pont(carer, "--json", "verify", "--at", later, shared["files"]["sd-jwt"], stdin="")
    (verdict,) = json.loads(as_json.stdout)
    assert verdict["reason"] == "expired"
    assert verdict["at"] == expires.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert verdict["detail"] == f"expired at {verdict['at']}"


def test_trust_takes_the_fingerprint_as_the_pdf_prints_it(
    carer: Path, shared: dict[str, Any]
) -> None:
    import json

    packet = shared["files"]["sd-jwt"]
    (verdict,) = json.loads(pont(carer, "--json", "verify", packet, stdin="").stdout)
    printed = group_fingerprint(verdict["packet"]["signer_fingerprint"])
    assert " " in printed
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", shared["files"]["pdf"], "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert printed in pdf_text  # the form the clerk copies from the page
    done = verify(carer, f"--trust={printed}", packet)  # base64url may start with "-"
    assert (done.returncode, done.stderr) == (0, ""), done
    assert f"signed by key {printed} (a key you trust)" in done.stdout
    spread = verify(carer, f"--trust=  {printed.replace(' ', '   ')}\n", packet)
    assert spread.returncode == 0, spread


def test_trust_refuses_a_key_not_listed_with_one_plain_line(
    carer: Path, shared: dict[str, Any]
) -> None:
    import json

    packet = shared["files"]["sd-jwt"]
    (verdict,) = json.loads(pont(carer, "--json", "verify", packet, stdin="").stdout)
    own = verdict["packet"]["signer_fingerprint"]
    # base64url is case-sensitive: the same letters in another case are another key.
    other_case = own.swapcase()
    for listed in ("AAAA BBBB CCCC", other_case):
        done = verify(carer, f"--trust={listed}", packet)
        assert done.returncode == 1, done
        assert "NOT a key you listed" in done.stdout
        assert done.stderr.startswith("pont: ")
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr
    as_json = pont(carer, "--json", "verify", "--trust", "AAAA", packet, stdin="")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)[0]["packet"]["signer_trusted"] is False


# --- the ledger ----------------------------------------------------------------------------------


def test_ledger_has_a_person_column_and_says_when_nothing_matches(
    carer: Path, shared: dict[str, Any]
) -> None:
    done = pont(carer, "ledger")
    assert done.returncode == 0, done
    heading, row = done.stdout.splitlines()
    assert heading.split("\t")[3:5] == ["Organisation", "Person"]
    assert row.split("\t")[3:6] == ["Leeds City Council", "Ada Lovelace", shared["packet_id"]]
    nobody = pont(carer, "ledger", "--person", "Zebedee")
    assert nobody.returncode == 5
    assert nobody.stdout == ""
    assert nobody.stderr.count("\n") == 1
    assert "Zebedee" in nobody.stderr
    assert "pont person list" in nobody.stderr
    bob = pont(carer, "ledger", "--person", "Bob")
    assert (bob.returncode, bob.stdout) == (0, "Nothing has been sent about Bob Carer yet.\n")


def test_ledger_export_csv_neutralises_formulas_and_json_keeps_everything(
    carer: Path, tmp_path: Path
) -> None:
    import csv
    import json

    hostile = "=HYPERLINK(\"http://evil.example\",\"click\")"
    out = str(tmp_path / "o")
    ok_json(carer, "share", "Ada", "--fields", "telephone", "--org", "@Cells Ltd",
            "--purpose", hostile, "--reference", "+44 cmd", "--out", out)  # fmt: skip
    sheet = tmp_path / "ledger.csv"
    said = pont(carer, "ledger", "--export", str(sheet))
    assert (said.returncode, said.stderr) == (0, ""), said
    assert said.stdout == f"Wrote 1 entries to {sheet} (CSV).\n"
    rows = list(csv.DictReader(sheet.read_text("utf-8").splitlines()))
    assert len(rows) == 1
    (row,) = rows
    assert row["Person"] == "Ada Lovelace"
    assert row["Purpose"] == "'" + hostile
    assert row["Organisation"] == "'@Cells Ltd"
    assert row["Reference"] == "'+44 cmd"
    assert row["Fields"] == "telephone"
    assert row["Kind"] == "disclosure"
    assert row["Status"] == "active"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    as_json = tmp_path / "ledger.json"
    assert ok_json(carer, "ledger", "--export", str(as_json))["format"] == "json"
    (entry,) = json.loads(as_json.read_text("utf-8"))
    assert (entry["purpose"], entry["person_name"]) == (hostile, "Ada Lovelace")  # data as-is
    wrong = pont(carer, "ledger", "--export", str(tmp_path / "ledger.xlsx"))
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1
    assert ".csv" in wrong.stderr
    assert not (tmp_path / "ledger.xlsx").exists()


# --- the email draft -----------------------------------------------------------------------------


def test_the_email_draft_names_the_files_share_wrote(shared: dict[str, Any]) -> None:
    from email import policy
    from email.parser import BytesParser

    files = {kind: Path(path) for kind, path in shared["files"].items()}
    message = BytesParser(policy=policy.default).parsebytes(files["email"].read_bytes())
    attached = [part.get_filename() for part in message.iter_attachments()]
    assert attached == [files["pdf"].name, files["sd-jwt"].name]
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Attached: {files['pdf'].name} (for reading); {files['sd-jwt'].name}" in text
    assert f"pont verify {files['sd-jwt'].name}" in text
    assert "packet.sd-jwt" not in text

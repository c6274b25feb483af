"""Every kind of packet Pont writes reads well as a PDF (issue 9 §4).

Disclosure, update, the four notices, a password-protected PDF and one sent under an LPA
are made through the core's own send paths and read back with pdftotext: the "How to
check" steps are each on one page and said once, ids are never cut, and a notice says
nothing about consent terms or updates that do not apply to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdftext import pages, text_of, words
from test_share import PDF_PASSWORD, make_org, make_owner, order, relative

from vault.notices import NOTICE_KINDS, send_notice
from vault.packets import pdf
from vault.share import Selection, prepare, send
from vault.updates import prepare_update
from vault.vault import Vault

NEW_HOME = {"lines": ["9 Kirkgate"], "town": "Leeds", "postcode": "LS2 7DJ", "from": "2026-01-01"}
STEP = re.compile(r"^(\d)\.\s")
FOOTER = re.compile(r"^Page \d+ of \d+ · packet id ")


def every_kind(vault: Vault, out: Path) -> dict[str, Path]:
    """One PDF of every kind Pont writes, by name."""
    person, org = make_owner(vault), make_org(vault)
    fields = (Selection("givenName"), Selection("familyName"), Selection("address"))
    files = {"disclosure": send(vault, prepare(vault, order(person, org, *fields)), out)}
    files["password"] = send(vault, prepare(vault, order(
        person, org, *fields, pdf_password=PDF_PASSWORD)), out)  # fmt: skip
    grace = relative(vault, "lpa_health_welfare")
    files["acting"] = send(vault, prepare(vault, order(grace, org, Selection("medications"))), out)
    vault.profiles.set(person, "address", NEW_HOME)
    original = vault.ledger.get(files["disclosure"].packet_id)
    files["update"] = send(vault, prepare_update(vault, original), out)
    for kind in NOTICE_KINDS:
        files[kind] = send_notice(vault, files["acting"].packet_id, kind, out, again=True)
    return {name: shared.files["pdf"] for name, shared in files.items()}


@pytest.fixture
def kinds(vault: Vault, tmp_path: Path) -> dict[str, Path]:
    return every_kind(vault, tmp_path / "out")


def page_texts(path: Path, password: str | None = None) -> list[str]:
    args = () if password is None else ("-upw", password)
    return [text_of(path, page=n, options=args) for n in range(1, pages(path, args) + 1)]


def check_steps(texts: list[str]) -> list[tuple[int, str]]:
    """(page, text) of each numbered "How to check" step as pdftotext reads it.

    A step ends at a blank line or the page's footer: a step cut by a page break would
    come back incomplete.
    """
    found: list[tuple[int, str]] = []
    inside = step_open = False
    for page, text in enumerate(texts, start=1):
        for line in text.splitlines():
            if line.startswith("How to check this document"):
                inside = True
            elif not inside:
                continue
            elif STEP.match(line):
                found.append((page, line))
                step_open = True
            elif not line.strip() or FOOTER.match(line):
                step_open = False
            elif step_open:
                found[-1] = (page, f"{found[-1][1]} {line}")
    return found


@pytest.mark.poppler
def test_every_kind_has_three_steps_each_said_once_and_on_one_page(
        kinds: dict[str, Path]) -> None:
    for name, path in kinds.items():
        texts = page_texts(path, PDF_PASSWORD if name == "password" else None)
        steps = check_steps(texts)
        expected = [f"{n}. {words(step)}" for n, step in enumerate(pdf.CHECK_STEPS, start=1)]
        assert [words(text) for _, text in steps] == expected, name  # whole, in order
        everything = " ".join(text for _, text in steps)
        for phrase in ("pont verify", "verifier.html", "signature panel", "attachments panel"):
            assert everything.count(phrase) == 1, (name, phrase)


@pytest.mark.poppler
def test_ids_are_never_cut_across_lines(kinds: dict[str, Path], vault: Vault) -> None:
    ids = [entry.packet_id for entry in vault.ledger.entries()]
    assert len(ids) == len(kinds)
    for name, path in kinds.items():
        texts = page_texts(path, PDF_PASSWORD if name == "password" else None)
        lines = [line for text in texts for line in text.splitlines()]
        shown = {i for i in ids if any(i in line for line in lines)}
        fragments = {i for i in ids for line in lines if i[:8] in line and i not in line}
        assert shown, name
        assert not fragments, (name, fragments)


@pytest.mark.poppler
def test_notices_say_only_what_applies_to_them(kinds: dict[str, Path]) -> None:
    for name in NOTICE_KINDS:
        text = words("\n".join(page_texts(kinds[name])))
        assert "replaces this document" not in text, name
        assert "Lawful basis" not in text, name
        assert "Consent and retention terms" not in text, name
        assert "The notice" in text, name
        assert "of personal data, signed" not in text, name
    withdrawal = words("\n".join(page_texts(kinds["withdrawal"])))
    assert "A notice withdrawing consent, signed by the sender with Pont." in withdrawal
    assert "I withdraw my consent" in withdrawal
    for name in ("disclosure", "update", "acting"):
        text = words("\n".join(page_texts(kinds[name])))
        assert "Lawful basis: my consent." in text, name
        assert "A later update from the sender replaces this document." in text, name
        assert "The notice" not in text, name

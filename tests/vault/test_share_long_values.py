"""Every value the catalogue allows reaches the recipient's PDF in full (issue 9 §3).

A ``long_text`` field may hold 10,000 characters; before, anything over ~2,000 crashed the
PDF step ("row too high"). The packet is sent end to end and read back as the recipient
would: the signed packet verified, the PDF's Value column extracted with pdftotext.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import FixedClock
from pdftext import pages, value_column, words
from test_share import ORG_EMAIL, make_org, order

from vault.share import Selection, prepare, send
from vault.validate import LONG_TEXT_MAX
from vault.vault import Vault
from vault.verify import Checks, verify_file


@pytest.mark.poppler
def test_a_long_text_of_the_maximum_length_is_sent_and_shown_in_full(
        vault: Vault, clock: FixedClock, tmp_path: Path) -> None:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    ending = "\nLast line: call 0113 496 0000 first."
    body = "I need large print and a quiet room; please ring the bell twice. " * 160
    needs = body[: LONG_TEXT_MAX - len(ending)].strip() + ending
    vault.profiles.set(person, "accessNeeds", needs)
    shared = send(vault, prepare(vault, order(person, make_org(vault),
                                              Selection("accessNeeds"))), tmp_path)  # fmt: skip
    checks = Checks(now=clock.now, audience=ORG_EMAIL, nonce="CASE-42")
    for kind in ("pdf", "sd-jwt"):
        verdict = verify_file(shared.files[kind], checks)
        assert verdict.valid, verdict
        assert verdict.packet is not None
        assert verdict.packet.disclosed == {"accessNeeds": needs}
    assert pages(shared.files["pdf"]) > 3
    assert words(needs) in words(value_column(shared.files["pdf"]))

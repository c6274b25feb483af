"""T19: minimal disclosure. A person has a canary value in every catalogue field; for every
catalogue request template Pont shares the minimal selection, and no canary of a field that
was not selected (or was sent only in a less revealing form) may appear anywhere in what
leaves the vault: the SD-JWT (raw and base64url-decoded), the PDF (raw bytes, its text, and
the attached packet) and the email draft (raw and decoded). The selected canaries must be
found, which proves the scan can see them.
"""

from __future__ import annotations

import base64
import binascii
import email
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE, FixedClock
from pdftext import tool

from vault._crypto import KDF_FLOOR
from vault.catalogue import FieldSpec, PartSpec, load_catalogue
from vault.over_asking import minimal_selection
from vault.requests import request_catalogue
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Environment, Vault

# --- canary values, valid for each type -------------------------------------------------------


def _nhs_numbers() -> Iterator[str]:
    base = 943476500
    while True:
        base += 1
        digits = f"{base:09d}"
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            yield digits + str(check)


@dataclass
class Canaries:
    """Builds one valid, unique, greppable value per field (and part) type."""

    index: int = 0
    postcodes: int = 0
    nhs: Iterator[str] = field(default_factory=_nhs_numbers)

    def token(self, suffix: str = "") -> str:
        self.index += 1
        return f"CNY{self.index:03d}{suffix}QX"

    def scalar(self, kind: str, tokens: list[str]) -> Any:
        n = self.index = self.index + 1
        value: Any
        if kind in ("text", "long_text"):
            value = f"CNY{n:03d}QX"
        elif kind == "lines":
            tokens.append(f"CNY{n:03d}LQX")
            return [f"CNY{n:03d}LQX"]
        elif kind == "date":
            value = f"19{10 + n % 80:02d}-0{1 + n % 9}-1{n % 10}"
        elif kind == "email":
            value = f"cny{n:03d}qx@canary.example"
        elif kind == "phone":
            tokens.append(f"77009{n:05d}")
            return f"07700 9{n:05d}"
        elif kind == "postcode":
            self.postcodes += 1
            value = f"ZE{10 + self.postcodes} {self.postcodes % 10}QX"
        elif kind == "country":
            return "FR"  # two letters cannot be told from other text: not a canary
        elif kind == "nhs_number":
            value = next(self.nhs)
        elif kind == "ni_number":
            value = f"QQ{800000 + n:06d}C"
        elif kind == "sort_code":
            value = f"{n % 100:02d}-77-31"
        elif kind == "account_number":
            value = f"8{n % 100:02d}31597"
        elif kind == "utr":
            tail = f"3{n % 100:02d}817265"  # HMRC modulus 11: the first digit checks the rest
            total = sum(int(d) * w for d, w in zip(tail, (6, 7, 8, 9, 10, 5, 4, 3, 2), strict=True))
            value = "21987654321"[total % 11] + tail
        elif kind == "passport":
            value = f"PQX{n % 100:02d}917"
        elif kind == "driving_licence":
            value = "CNYQX701165SM9IJ"
        elif kind == "ods_code":
            value = f"Q{n % 100:02d}X77"
        else:
            raise AssertionError(f"no canary for type {kind}")
        tokens.append(value)
        return value

    def value(self, spec: FieldSpec) -> tuple[Any, list[str]]:
        tokens: list[str] = []
        if spec.type == "bool":
            return True, tokens
        if spec.type == "choice":
            choice = spec.choices[-1].value
            if "_" in choice:  # e.g. "do_not_donate": distinctive enough to scan for
                tokens.append(choice)
            return choice, tokens
        if spec.parts:
            return {p.key: self.part(p, tokens) for p in spec.parts}, tokens
        return self.scalar(spec.type, tokens), tokens

    def part(self, part: PartSpec, tokens: list[str]) -> Any:
        if part.type == "date":  # from / to: the same past year keeps them in order
            value = f"19{10 + self.index % 80:02d}-0{1 if part.key == 'from' else 9}-11"
            self.index += 1
            tokens.append(value)
            return value
        return self.scalar(part.type, tokens)


# --- scanning ---------------------------------------------------------------------------------



def b64url_parts(text: str) -> list[str]:
    """Every base64url run in ``text`` (JWT parts, disclosures), decoded where it decodes."""
    decoded = []
    for run in re.findall(r"[A-Za-z0-9_-]{8,}", text):
        try:
            raw = base64.urlsafe_b64decode(run + "=" * (-len(run) % 4))
        except (binascii.Error, ValueError):
            continue
        decoded.append(raw.decode("utf-8", "replace"))
    return decoded


def sdjwt_views(machine: str) -> list[str]:
    return [machine, *b64url_parts(machine)]


def disclosure_names(machine: str) -> set[str]:
    names = set()
    for part in machine.split("~")[1:-1]:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        names.add(re.match(r'\["[^"]*","([^"]+)"', raw.decode()).group(1))  # type: ignore[union-attr]
    return names


def squash(text: str) -> str:
    return "".join(text.split()).casefold()


@dataclass
class Views:
    """Every form in which the packet leaves the vault, as text to search."""

    channels: dict[str, list[str]]

    def hits(self, token: str) -> list[str]:
        needle = squash(token)
        return [
            name for name, texts in self.channels.items() if any(needle in squash(t) for t in texts)
        ]


def views_of(files: dict[str, Path], tmp: Path) -> Views:
    machine = files["sd-jwt"].read_text("ascii")
    pdf = files["pdf"]
    text = subprocess.run(
        [tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    detached = tmp / "detached.sd-jwt"
    subprocess.run(
        [tool("pdfdetach"), "-save", "1", "-o", str(detached), str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    attachment = detached.read_text("ascii")
    assert attachment == machine
    raw_eml = files["email"].read_bytes()
    decoded_eml: list[str] = []
    for part in email.message_from_bytes(raw_eml).walk():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            body = payload.decode("utf-8", "replace")
            decoded_eml.append(body)
            if part.get_filename() and part.get_filename().endswith(".sd-jwt"):
                decoded_eml += b64url_parts(body)
    return Views(
        {
            "sd-jwt": sdjwt_views(machine),
            "pdf-raw": [pdf.read_bytes().decode("latin-1")],
            "pdf-text": [text],
            "pdf-attachment": sdjwt_views(attachment),
            "eml-raw": [raw_eml.decode("latin-1")],
            "eml-decoded": decoded_eml,
        }
    )


# --- the test ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canary_vault(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Vault, int, dict[str, list[str]]]]:
    root = tmp_path_factory.mktemp("t19")
    shutil.copytree(template_vault[0], root / "vault")
    env = Environment(clock=FixedClock(), calibrate=lambda: KDF_FLOOR)
    with Vault.open(root / "vault", PASSPHRASE, env) as vault:
        person = vault.people.add("Pat Example", "owner").person.id
        maker = Canaries()
        tokens: dict[str, list[str]] = {}
        for spec in load_catalogue():
            value, found = maker.value(spec)
            vault.profiles.set(person, spec.key, value, entry=0 if spec.repeatable else None)
            tokens[spec.key] = found
        yield vault, person, tokens


@pytest.mark.poppler
def test_only_the_minimal_selection_leaves_the_vault(
    canary_vault: tuple[Vault, int, dict[str, list[str]]], tmp_path: Path
) -> None:
    vault, person, tokens = canary_vault
    have = {f.key for f in vault.profiles.fields(person)}
    assert have == {spec.key for spec in load_catalogue()}  # every field holds a canary
    templates = request_catalogue()
    leaks: list[str] = []
    missing: list[str] = []
    checked = 0
    for number, kind in enumerate(templates):
        email_address = f"org{number}@requests.example"
        org = vault.organisations.add(f"{kind.organisation_kind} {number}", email_address)
        request = kind.request(org.organisation.name, email=email_address, reference=f"R{number}")
        chosen = minimal_selection(request, have)
        assert chosen.missing == ()
        selections = tuple(Selection(f.key, 0, f.form or "full") for f in chosen.fields)
        order = ShareOrder(
            person,
            org.organisation.id,
            request.purpose,
            selections,
            reference=request.reference,
            lawful_basis=request.lawful_basis,
            retention=request.retention,
            request=request,
        )
        out = tmp_path / kind.id
        files = send(vault, prepare(vault, order), out).files
        views = views_of(files, out)
        full = {s.key for s in selections if s.form == "full"}
        names = {s.key if s.form == "full" else f"{s.key}_{s.form}" for s in selections}
        assert disclosure_names(files["sd-jwt"].read_text("ascii")) == names, kind.id
        for key, values in tokens.items():
            if not values:
                continue
            checked += 1
            for token in values:
                hits = views.hits(token)
                if key in full:
                    lost = {"sd-jwt", "pdf-text", "pdf-attachment", "eml-decoded"} - set(hits)
                    if lost:
                        missing.append(f"{kind.id}: {key}={token} not in {sorted(lost)}")
                elif hits:
                    leaks.append(f"{kind.id}: {key}={token} in {hits}")
    print(f"FIGURE T19 templates={len(templates)} fields_checked={checked} leaks={len(leaks)}")
    assert leaks == []
    assert missing == []
    assert len(templates) == 12

"""T14: wrong passphrase vs damaged vault, told apart. T15: passphrase normalisation."""

from __future__ import annotations

import random
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from fakes import PASSPHRASE
from sechelp import PAGE, figure, flip
from tamperlib import classify_open, populate, read_all

from vault._crypto import KDF_FLOOR
from vault.errors import VaultDamaged, WrongPassphrase
from vault.keyfile import normalise
from vault.vault import Vault


def wrong_passphrases(rng: random.Random) -> list[str]:
    near = [
        PASSPHRASE.upper(),
        PASSPHRASE + " ",
        " " + PASSPHRASE,
        PASSPHRASE[:-1],
        PASSPHRASE.replace(" ", ""),
        PASSPHRASE.replace("o", "0"),
        "",
        " ",
        PASSPHRASE.capitalize(),
        PASSPHRASE + "\n",
        PASSPHRASE.replace("e", "é"),
    ]
    alphabet = "abcdefghijklmnopqrstuvwxyz éüß漢字🙂"
    while len(near) < 100:
        near.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))))
    return near


def test_t14_wrong_passphrase_vs_damage(
    vault_folder: Path, tmp_path: Path, record_property
) -> None:
    rng = random.Random(14)
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        populate(vault, seed=14)
        state = [read_all(vault)]
    matrix: dict[str, Counter[str]] = {}
    original = (vault_folder / "vault.keys").read_bytes()
    for wrong in wrong_passphrases(rng):
        try:
            Vault.open(vault_folder, wrong).close()
            outcome = "OPENED"
        except WrongPassphrase:
            outcome = "WrongPassphrase"
        except VaultDamaged:
            outcome = "VaultDamaged"
        matrix.setdefault("wrong passphrase", Counter())[outcome] += 1
    assert (vault_folder / "vault.keys").read_bytes() == original  # nothing changed
    size = (vault_folder / "vault.db").stat().st_size
    case = tmp_path / "case"
    kinds = ["page 1"] * 50 + ["other page"] * 40 + ["key file"] * 10
    for kind in kinds:
        if case.exists():
            shutil.rmtree(case)
        shutil.copytree(vault_folder, case)
        if kind == "page 1":
            flip(case / "vault.db", rng.randrange(PAGE), rng.randrange(1, 256))
        elif kind == "other page":
            flip(case / "vault.db", rng.randrange(PAGE, size), rng.randrange(1, 256))
        else:
            keys = case / "vault.keys"
            flip(keys, rng.randrange(keys.stat().st_size), rng.randrange(1, 128))
        outcome = classify_open(case, lambda f: Vault.open(f, PASSPHRASE), state)
        label = {"open": "VaultDamaged", "read": "VaultDamaged", "check": "VaultDamaged"}.get(
            outcome.split(":")[0], outcome
        )
        matrix.setdefault(f"damaged {kind}", Counter())[label] += 1
    print("T14 confusion matrix (truth -> outcome):")
    for truth, row in matrix.items():
        print(f"  {truth:18} " + "  ".join(f"{k}={v}" for k, v in sorted(row.items())))
    misclassified = sum(
        v
        for truth, row in matrix.items()
        for k, v in row.items()
        if (truth == "wrong passphrase") != (k == "WrongPassphrase")
    )
    figure(
        record_property,
        "T14",
        wrong=sum(matrix["wrong passphrase"].values()),
        damaged=len(kinds),
        misclassified=misclassified,
        matrix=";".join(
            f"{t.replace(' ', '_')}:" + ",".join(f"{k}={v}" for k, v in sorted(r.items()))
            for t, r in matrix.items()
        ),
    )
    assert matrix["wrong passphrase"] == Counter({"WrongPassphrase": 100})
    for truth, row in matrix.items():
        if truth != "wrong passphrase":
            assert "WrongPassphrase" not in row, (truth, row)
    assert misclassified == 0
    raw = {t: k for t, row in matrix.items() for k in row if k.startswith(("RAW", "UNDETECTED"))}
    assert raw == {}, f"damage surfaced as a raw sqlcipher3 exception or not at all: {raw}"


PASSPHRASES = [
    "café au lait",
    "crème brûlée",
    "naïve señor",
    "Åsa Ørsted",
    "Straße zum Glück",
    "ḍḥāl ṣāḥib",
    "Ǆemal",
    "ﬁnal ﬂight",
    "한국어 비밀번호",
    "안녕하세요 세계",
    "日本語のパスワード",
    "中文密码很长",
    "Ελληνικά λόγια",
    "русский пароль",
    "עברית סיסמה",
    "كلمة السر",
    "हिन्दी पासवर्ड",
    "ภาษาไทย",
    "tiếng Việt mật khẩu",
    "Ţară şi ţinut",
    "Ångström Ω",
    "emoji 🙂🔐🗝️",
    "family 👨‍👩‍👧‍👦",
    "flags 🇬🇧🇫🇷",
    "skin 👍🏽",
    "math ∑∫√∞",
    "fullwidth ＡＢＣ",
    "combining é e\u0301",
    "é only",
    "ñ and n\u0303",
    "Å and A\u030a",
    "ḱ k\u0301",
    "ö̈ double",
    "ệ stacked",
    "Hangul jamo \u1100\u1161\u11a8",
    "각 precomposed",
    "ﾊﾝｶｸ half",
    "Ǹǹ grave",
    "ŉ apostrophe",
    "ǅ title",
    "Ⅻ roman",
    "① circled",
    "¼ fraction",
    "ℌ blackletter",
    "ｓｐａｃｅ",
    "tab\tinside",
    "nbsp\u00a0inside",
    "ideographic\u3000space",
    "zero\u200bwidth",
    "ĳ ligature",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_t15_normalisation_policy(record_property) -> None:
    """Policy: NFC, spaces kept as typed (keyfile.normalise), for all 50 passphrases."""
    assert len(PASSPHRASES) == 50
    failures = []
    for text in PASSPHRASES:
        for variant in (unicodedata.normalize("NFC", text), nfd(text)):
            if normalise(variant) != normalise(text):
                failures.append(f"nfc/nfd {text!r}")
        for spaced in (" " + text, text + " ", text + "  "):
            if normalise(spaced) == normalise(text):
                failures.append(f"space ignored {text!r}")
    differs = sum(nfd(t) != unicodedata.normalize("NFC", t) for t in PASSPHRASES)
    figure(
        record_property, "T15", cases=len(PASSPHRASES), nfd_differs=differs, failures=len(failures)
    )
    assert failures == []


END_TO_END = ["café au lait", "한국어 비밀번호", "Å and A\u030a", "emoji 🙂🔐🗝️", " lead and trail "]


@pytest.mark.parametrize(
    "subset",
    [
        pytest.param(END_TO_END, id="5"),
        pytest.param(PASSPHRASES, id="50", marks=pytest.mark.slow),
    ],
)
def test_t15_nfc_and_nfd_open_the_same_vault(subset, tmp_path: Path, record_property) -> None:
    failures = []
    for n, text in enumerate(subset):
        folder = tmp_path / f"v{n}"
        typed_nfd = nfd(text)
        Vault.create(folder, typed_nfd, kdf=KDF_FLOOR).vault.close()  # created typing NFD
        Vault.open(folder, unicodedata.normalize("NFC", text)).close()  # opened typing NFC
        for spaced in (text.strip() + " ", " " + text.strip()):
            if spaced == text:
                continue
            try:
                Vault.open(folder, spaced).close()
                failures.append(f"spaces ignored: {text!r}")
            except WrongPassphrase:
                pass
    figure(record_property, "T15-e2e", cases=len(subset), failures=len(failures))
    assert failures == []

"""The packaging files themselves: icons, desktop entry, MIME types, AppStream, budget, spec."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
sys.path.insert(0, str(PACKAGING))

import make_icons  # noqa: E402

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


@pytest.fixture(scope="module")
def icons(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    # pytest-qt's QApplication, so the rest of the run does not inherit a bare QGuiApplication.
    return make_icons.make_icons(tmp_path_factory.mktemp("icons"))


def test_hicolor_pngs_have_their_sizes(icons: dict[str, Path]) -> None:
    for size in make_icons.HICOLOR_SIZES:
        png = (icons["hicolor"] / f"{size}x{size}" / "apps" / "org.pont.Pont.png").read_bytes()
        assert png.startswith(make_icons.PNG_SIGNATURE)
        width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
        assert (width, height) == (size, size)
    assert (icons["hicolor"] / "scalable" / "apps" / "org.pont.Pont.svg").is_file()


def test_ico_container_holds_each_png(icons: dict[str, Path]) -> None:
    data = icons["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index, size in enumerate(sorted(make_icons.ICO_SIZES)):
        entry = data[6 + 16 * index : 6 + 16 * (index + 1)]
        width, height, _c, _r, planes, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        assert width == height == (0 if size == 256 else size)
        assert (planes, bits) == (1, 32)
        payload = data[offset : offset + length]
        assert payload.startswith(make_icons.PNG_SIGNATURE)
        assert struct.unpack(">II", payload[16:24]) == (size, size)


def test_qt_reads_the_ico(icons: dict[str, Path]) -> None:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(icons["ico"]))
    assert reader.canRead(), reader.errorString()
    assert reader.imageCount() == len(make_icons.ICO_SIZES)


def test_icns_container(icons: dict[str, Path]) -> None:
    data = icons["icns"].read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 :].startswith(make_icons.PNG_SIGNATURE)
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _size in make_icons.ICNS_TYPES]
    assert len(list(icons["iconset"].glob("icon_*.png"))) == 10


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / "org.pont.Pont.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "pont %f"
    assert desktop["Icon"] == "org.pont.Pont"
    declared = {m for m in desktop["MimeType"].split(";") if m}
    mime = ET.parse(LINUX / "org.pont.Pont.mime.xml").getroot()  # noqa: S314 (our own file)
    defined = {t.get("type") for t in mime.iter(f"{MIME_NS}mime-type")}
    assert declared <= defined | {"application/pdf"}
    assert {"application/x-pont-request+json", "application/sd-jwt"} <= declared
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(LINUX / "org.pont.Pont.desktop")], check=True)


def test_mime_types_recognise_pont_files(tmp_path: Path) -> None:
    if not shutil.which("update-mime-database"):
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    data = tmp_path / "share"
    (data / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / "org.pont.Pont.mime.xml", data / "mime" / "packages" / "org.pont.Pont.xml")
    subprocess.run(["update-mime-database", str(data / "mime")], check=True)
    files = tmp_path / "files"
    files.mkdir()
    (files / "council.pont-request.json").write_text('{"format": "pont-request"}')
    (files / "no-extension").write_text('{\n  "format": "pont-request",\n  "version": 1\n}\n')
    (files / "packet.sd-jwt").write_text("eyJhbGciOiJFUzI1NiJ9.e30.sig~")
    (files / "vault.pontbackup").write_bytes(b"\0" * 1024)
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for name in sys.argv[1:]:\n"
        "    print(db.mimeTypeForFile(name).name())\n"
    )
    names = ["council.pont-request.json", "no-extension", "packet.sd-jwt", "vault.pontbackup"]
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": f"{data}:/usr/share"}
    done = subprocess.run(
        [sys.executable, "-c", probe, *(str(files / n) for n in names)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == [
        "application/x-pont-request+json",
        "application/x-pont-request+json",
        "application/sd-jwt",
        "application/x-pont-backup",
    ]


def test_metainfo() -> None:
    component = ET.parse(LINUX / "org.pont.Pont.metainfo.xml").getroot()  # noqa: S314
    assert component.findtext("id") == "org.pont.Pont"
    assert component.findtext("launchable") == "org.pont.Pont.desktop"
    if shutil.which("appstreamcli"):
        subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(LINUX / "org.pont.Pont.metainfo.xml")],
            check=True,
            capture_output=True,
        )


def test_budget_is_stated() -> None:
    numbers = [
        line for line in (PACKAGING / "BUDGET").read_text().splitlines() if not line.startswith("#")
    ]
    assert len(numbers) == 1
    budget = int(numbers[0])
    # the number smoke.sh enforces is the one the docs state, with the reason for each raise
    docs = (PACKAGING.parent / "docs" / "packaging.md").read_text()
    assert f"**Budget: {budget // 1_000_000} MB** ({budget:,} bytes" in docs
    assert f"→ {budget // 1_000_000} MB (" in docs


def test_spec_is_one_dir() -> None:
    spec = (PACKAGING / "pont.spec").read_text()
    # one-dir: the executable excludes the binaries and COLLECT assembles the folder
    assert "exclude_binaries=True" in spec
    assert "COLLECT(" in spec
    assert "onefile" not in spec.replace("one-file", "")
    assert 'collect_data_files(\n    "resources"' in spec

"""Render Pont's app icon (resources/icons/pont.svg) for every platform, with QtSvg only.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py --out build/icons

Writes, under ``--out``:

* ``hicolor/<n>x<n>/apps/org.pont.Pont.png`` for n in 16 … 512, and
  ``hicolor/scalable/apps/org.pont.Pont.svg`` (Linux, installed by packaging/linux/install.sh);
* ``pont.ico``: 16 … 256 px PNG images in an ICO container (Windows; PNG entries are valid
  since Windows Vista). Written here byte by byte: no Pillow or ImageMagick;
* ``pont.icns``: PNG entries 16 … 1024 px in an ICNS container (macOS ≥ 10.7), and the
  ``pont.iconset`` folder ``iconutil -c icns pont.iconset`` takes, for those who prefer
  Apple's tool on a Mac.

Only the SVG is committed; everything here is a build product.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "pont.svg"
APP_ID = "org.pont.Pont"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's icns format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG QtSvg can read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG payloads."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, payloads = [], []
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"ICO images are 1-256 px, not {size}")
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256
        # width, height, colours (0: no palette), reserved, planes, bits per pixel, size, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        payloads.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(payloads)


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length, PNG) elements, big-endian."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def iconset(pngs: dict[int, bytes], folder: Path) -> None:
    """The folder layout ``iconutil -c icns`` reads (macOS)."""
    folder.mkdir(parents=True, exist_ok=True)
    for base in (16, 32, 128, 256, 512):
        (folder / f"icon_{base}x{base}.png").write_bytes(pngs[base])
        (folder / f"icon_{base}x{base}@2x.png").write_bytes(pngs[base * 2])


def make_icons(out: Path, svg: Path = SVG) -> dict[str, Path]:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(s for _k, s in ICNS_TYPES)})
    pngs = {size: render_png(svg, size) for size in sizes}
    written: dict[str, Path] = {}
    for size in HICOLOR_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written["hicolor"] = out / "hicolor"
    written["ico"] = out / "pont.ico"
    written["ico"].write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    written["icns"] = out / "pont.icns"
    written["icns"].write_bytes(icns(pngs))
    written["iconset"] = out / "pont.iconset"
    iconset(pngs, written["iconset"])
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--svg", type=Path, default=SVG)
    args = parser.parse_args(argv)
    written = make_icons(args.out, args.svg)
    for name, path in written.items():
        print(f"make_icons: {name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

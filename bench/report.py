"""Render the benchmark's result as Markdown (for people) and JSON (for tools)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Rows whose figure needs more than one core (Argon2id lanes; Qt start-up with its worker
# thread): flagged when the load average says the machine was busy.
LOAD_SENSITIVE = ("P1", "P11")


def _figure(stats: dict[str, Any], unit: str) -> str:
    value = stats["median"]
    if unit == "bytes":
        return f"{value / 1e6:.2f} MB"
    return f"{value * 1e3:.2f} ms"


def _spread(row: dict[str, Any]) -> str:
    ratio = row["ratio"]
    if ratio["n"] <= 1:
        return "deterministic"
    return f"{ratio['min']:.2f}–{ratio['max']:.2f}"


def markdown(result: dict[str, Any]) -> str:
    meta, machine = result["meta"], result["meta"]["machine"]
    lines = [
        f"# Pont benchmark — {meta['started']}{' (quick)' if meta['quick'] else ''}",
        "",
        "Targets from DESIGN.md §8, each a ratio to a baseline measured in the same run "
        "(reference/performance-anchors.md §4). Ratio = median of per-repeat paired ratios; "
        "configurations interleaved, order reversed every other repeat, warm-up excluded.",
        "",
        "## Machine",
        "",
    ]
    for key in ("cpu", "cpus", "ram_gib", "platform", "python", "sqlcipher3_sqlite",
                "cipher_version", "cipher_provider", "cipher_provider_version",
                "stdlib_sqlite", "cryptography", "scratch_fs", "loadavg_start"):  # fmt: skip
        if key in machine:
            lines.append(f"- {key}: {machine[key]}")
    lines.append(f"- loadavg_end: {meta.get('loadavg_end')}")
    lines.append(f"- fsync (4 KiB write + fsync, median of 50): {meta['fsync_ms']:.3f} ms")
    shape = meta["shape"]
    lines += [
        "",
        "## Data",
        "",
        f"- {shape['people']} people: the owner with {shape['owner_fields']} fields, "
        f"{shape['people'] - 1} relatives with {shape['relative_fields']} each "
        f"({meta['total_fields']} fields, each with one history row and one FTS5 row); "
        "custom text fields of 5–12 words (~60 B).",
        f"- Built through the core: `Vault.create` (default calibration, "
        f"{meta['timings']['create_with_calibration_s']:.1f} s), `People.add`, every person "
        f"with `Profiles.set_many`: {meta['timings']['fill_s']:.1f} s for "
        f"{meta['total_fields']} fields (the owner's {shape['owner_fields']}: "
        f"{meta['timings']['owner_set_many_s']:.1f} s). "
        f"Unkeyed twin: the statements the core ran, recorded and replayed "
        f"({meta['timings']['replay_plain_s']:.1f} s; recorder checked against the "
        f"connection's trace for {meta.get('trace_checked_people', 0)} person); identical "
        f"rows checked per table: {meta['same_rows']}.",
        f"- KDF calibrated: {meta['kdf_calibrated']}; floor: {meta['kdf_floor']}.",
        "",
        "## Results",
        "",
        "| # | baseline | measured | ratio | target | verdict | repeats | ratio range |",
        "|---|---|---:|---:|---|---|---:|---|",
    ]
    load = max(machine["loadavg_start"][0], (meta.get("loadavg_end") or [0.0])[0])
    for row in result["rows"]:
        verdict = row["verdict"]
        if row["id"].split()[0] in LOAD_SENSITIVE and load > 2:
            verdict += f" (load avg {load:.1f} > 2: machine busy)"
        lines.append(
            f"| {row['id']} | {row['baseline_label']}: {_figure(row['baseline'], row['unit'])} "
            f"| {_figure(row['measured'], row['unit'])} | {row['ratio']['median']:.3f} "
            f"| {row['target']} | {verdict} | {row['ratio']['n']} | {_spread(row)} |"
        )
    lines += ["", "## What each row measures", ""]
    for row in result["rows"]:
        note = f" — {row['note']}" if row["note"] else ""
        lines.append(f"- **{row['id']}**: {row['what']}{note}")
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in result["notes"]]
    lines += ["", f"Total run time: {meta['elapsed_s']:.0f} s.", ""]
    return "\n".join(lines)


def write(result: dict[str, Any], markdown_path: Path, json_path: Path) -> None:
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(markdown(result), encoding="utf-8")
    json_path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")

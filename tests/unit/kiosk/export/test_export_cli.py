"""The export commands as an organiser scripts them: exit status and exact lines."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from kiosk.cli import parse, run_core_command
from kiosk.export.cli import export_command, verify_export_command
from kiosk.export.kiosk_key import load_or_create
from kiosk.stats.cli import demo_data_command


def _run(command: object, *args: object) -> tuple[int, str]:
    out = io.StringIO()
    status = command(*args, out)  # type: ignore[operator]
    return status, out.getvalue()


def test_export_then_verify(data_dir: Path, tmp_path: Path) -> None:
    assert _run(demo_data_command, 120)[0] == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    status, text = _run(export_command, stick, None)
    assert status == 0, text
    [folder] = (stick / "digital-literacy-kiosk").iterdir()
    # Demo visits run up to now; today's are not over, so they wait for the next export.
    assert text.startswith("Exported ") and " visits and " in text
    assert "Today's visits go in the next export: a day leaves the kiosk once it is over." in text
    assert f"to {folder}\n" in text
    # The kiosk id and the signing key were made once and kept.
    kiosk_id = (data_dir / "kiosk-id").read_text().strip()
    fingerprint = load_or_create().fingerprint
    assert text.endswith(
        "Every file was read back and matches manifest.json: safe to remove.\n"
        f"Signed with this kiosk's key, fingerprint {fingerprint}.\n"
    )
    assert folder.name.endswith(kiosk_id[:8])

    status, text = _run(verify_export_command, folder)
    assert (status, text) == (
        0,
        f"{folder}: every file matches manifest.json, signed by kiosk {kiosk_id}\n"
        f"{folder}: signing key fingerprint {fingerprint}\n"
        f"{folder}: this is this kiosk's own key: the export was made here and is unchanged\n",
    )

    data = bytearray((folder / "report_figures.csv").read_bytes())
    # Change one letter or digit, never a line break or a quote: the rows stay as many.
    middle = next(i for i in range(len(data) // 2, len(data)) if chr(data[i]).isalnum())
    data[middle] ^= 0x01
    (folder / "report_figures.csv").write_bytes(bytes(data))
    (folder / "extra.txt").write_text("x")
    status, text = _run(verify_export_command, folder)
    assert status == 1
    assert text.splitlines() == [
        f"{folder}: extra.txt: not listed in manifest.json",
        f"{folder}: report_figures.csv: SHA-256 differs from the manifest (the file was changed or damaged)",
    ]


def test_export_to_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    status, text = _run(export_command, tmp_path / "not-mounted", date(2026, 11, 1))
    assert status == 1
    assert (
        text == f"error: {tmp_path / 'not-mounted'} does not exist. Nothing was written; check the path, "
        "or insert the stick and give the folder it is mounted on.\n"
    )


def test_verify_an_unfinished_export(tmp_path: Path) -> None:
    status, text = _run(verify_export_command, tmp_path)
    assert status == 1
    assert text == f"{tmp_path}: manifest.json: missing, so the export did not finish; do not use it\n"


def test_the_kiosk_command_line_runs_both(tmp_path: Path) -> None:
    data = tmp_path / "elsewhere"
    stick = tmp_path / "stick"
    stick.mkdir()
    out = io.StringIO()
    assert run_core_command(parse(["--data-dir", str(data), "demo-data", "--visits", "5"]), out) == 0
    assert run_core_command(parse(["--data-dir", str(data), "export", "--to", str(stick)]), out) == 0
    [folder] = (stick / "digital-literacy-kiosk").iterdir()
    out = io.StringIO()
    assert run_core_command(parse(["--data-dir", str(data), "verify-export", str(folder)]), out) == 0
    assert out.getvalue().startswith(f"{folder}: every file matches manifest.json, signed by kiosk ")
    assert (data / "statistics.sqlite3").is_file()

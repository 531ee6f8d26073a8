"""``kiosk voices coverage``: the shipped content against a voice pack in a real data dir."""

from __future__ import annotations

import io
from pathlib import Path

from kiosk import cli
from kiosk.voices.items import SourceTexts
from kiosk.voices.pack import VoicePack, voices_dir
from tests.unit.kiosk.voices.voice_helpers import padded_voice, write_wav


def _run(*argv: str) -> tuple[int | None, str]:
    out = io.StringIO()
    code = cli.run_core_command(cli.parse(list(argv)), out)
    return code, out.getvalue()


def _row(output: str, group: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.split()[:1] == [group])


def test_coverage_counts_a_recorded_and_a_stale_step_of_the_shipped_content(
    tmp_path: Path, data_dir: Path
) -> None:
    texts = SourceTexts.of_kiosk()
    group, items = next(iter(texts.groups.items()))
    assert len(items) >= 2
    take = write_wav(tmp_path / "take.wav", padded_voice(before_s=0.3, voice_s=0.6, after_s=0.3))
    pack = VoicePack.open("hmn", voices_dir())
    first_hash = texts.hash(items[0])
    assert first_hash is not None
    pack.add(items[0], take, first_hash)
    pack.add(items[1], take, "f" * 64)  # recorded for a Vietnamese text that has changed since

    code, output = _run("--data-dir", str(data_dir), "voices", "coverage", "--lang", "hmn")
    assert code == 0
    assert output.startswith("hmn (Tiếng H'Mông, Hmoob)")
    # tutorial, recorded, checked, missing, stale
    assert _row(output, group) == [group, "1", "0", str(len(items) - 2), "1"]
    assert f"    {items[1].key}" in output.splitlines()
    ui_row = _row(output, "ui")
    assert ui_row[1:3] == ["0", "0"] and int(ui_row[3]) == len(texts.groups["ui"])

    code, every = _run("--data-dir", str(data_dir), "voices", "coverage")
    assert code == 0 and every == output


def test_coverage_without_voice_packs_says_where_to_record(data_dir: Path) -> None:
    code, output = _run("--data-dir", str(data_dir), "voices", "coverage")
    assert code == 0 and "no voice pack" in output and "Record voices" in output
    code, output = _run("--data-dir", str(data_dir), "voices", "coverage", "--lang", "khm")
    assert code == 0 and "nothing recorded in this language yet" in output
    code, output = _run("--data-dir", str(data_dir), "voices", "coverage", "--lang", "../x")
    assert code == 1 and output.startswith("error: not a language code")

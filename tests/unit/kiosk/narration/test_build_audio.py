"""``kiosk content build-audio``: a pack pre-rendered once speaks on a kiosk without espeak-ng."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kiosk.cli import parse, run_core_command
from kiosk.content.audio import BUILT_FOLDER, parts_of
from kiosk.narration.cli import build_audio_command
from kiosk.narration.narration import AudioSource, Narration
from tests.helpers.audio import write_tone

from .narration_helpers import (
    CORE_PACK,
    GOOD_PACK,
    copy_pack,
    hide_espeak,
    require_espeak,
    tutorials_of,
    wav_seconds,
)


def _built_files(pack: Path) -> list[Path]:
    return sorted(pack.glob(f"tutorials/*/{BUILT_FOLDER}/*/*.wav"))


def test_the_core_pack_built_once_speaks_every_step_without_espeak_ng(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_espeak()
    pack = copy_pack(CORE_PACK, tmp_path)
    tutorials = tutorials_of(pack)
    narrations = sum(len(parts_of(step)) for tutorial in tutorials for step in tutorial.steps)

    out = io.StringIO()
    status = run_core_command(parse(["content", "build-audio", str(pack)]), out)
    assert status == 0, out.getvalue()
    assert out.getvalue() == (
        f"{pack}: {2 * narrations} written, 0 already up to date, 0 recorded by a person,"
        " 0 out-of-date removed (languages: vi, en)\n"
    )
    built = _built_files(pack)
    # One file per step (and per quiz step's reason) per language, each of them real speech.
    assert len(built) == 2 * narrations
    for language in ("vi", "en"):
        assert len([path for path in built if path.parent.name == language]) == narrations
    assert min(wav_seconds(path) for path in built) > 1.0

    hide_espeak(monkeypatch, tmp_path)
    narration = Narration()
    for language in ("vi", "en"):
        assert narration.can_speak(language, tutorials)
        for tutorial in tutorials:
            for index, step in enumerate(tutorial.steps):
                for part in parts_of(step):
                    audio = narration.audio(Narration.for_step(tutorial, index, language, part))
                    assert audio.source is AudioSource.BUILT
                    assert audio.path in built
    # Nothing was synthesised or cached on the way.
    assert not any(Path(narration.cache.folder).glob("*.wav"))


def test_a_second_build_keeps_what_is_current_and_replaces_what_changed(tmp_path: Path) -> None:
    require_espeak()
    pack = copy_pack(GOOD_PACK, tmp_path)
    assert build_audio_command(pack, io.StringIO()) == 0
    before = _built_files(pack)

    out = io.StringIO()
    assert build_audio_command(pack, out) == 0
    assert f"{pack}: 0 written, {len(before)} already up to date" in out.getvalue()
    assert _built_files(pack) == before

    english = pack / "tutorials/vneid-login/en.yaml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("Tap the “VNeID” icon", "Tap the red “VNeID” icon"), encoding="utf-8")
    out = io.StringIO()
    assert build_audio_command(pack, out) == 0
    assert f"{pack}: 1 written, {len(before) - 1} already up to date" in out.getvalue()
    assert "1 out-of-date removed" in out.getvalue()
    after = _built_files(pack)
    assert len(after) == len(before)
    [new] = set(after) - set(before)
    assert new.parent.name == "en" and new.name.startswith("open-app.")
    login = next(tutorial for tutorial in tutorials_of(pack) if tutorial.id == "vneid-login")
    assert Narration().audio(Narration.for_step(login, 0, "en")).path == new


def test_a_recorded_step_is_not_built(tmp_path: Path) -> None:
    require_espeak()
    pack = copy_pack(GOOD_PACK, tmp_path)
    recording = write_tone(pack / "tutorials/vneid-login/audio/vi/open-app.wav")
    out = io.StringIO()
    assert build_audio_command(pack, out) == 0
    assert "1 recorded by a person" in out.getvalue()
    assert not list(pack.glob(f"tutorials/vneid-login/{BUILT_FOLDER}/vi/open-app.*"))
    assert recording.exists()


def test_without_espeak_ng_it_fails_and_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = copy_pack(GOOD_PACK, tmp_path)
    hide_espeak(monkeypatch, tmp_path)
    out = io.StringIO()
    assert build_audio_command(pack, out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{pack}: 0 written,")
    install = "error: espeak-ng is not installed; install it with: apt-get install espeak-ng"
    assert lines[1].startswith(f"{install} (")
    assert len(lines) == 2
    assert not _built_files(pack)


def test_a_language_espeak_ng_cannot_speak_needs_recordings(tmp_path: Path) -> None:
    require_espeak()
    pack = copy_pack(GOOD_PACK, tmp_path)
    manifest = pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("languages: [vi, en]", "languages: [vi, en, hmn]"),
        encoding="utf-8",
    )
    # Stand-in Hmong texts (the English words under Hmong's name): what matters is the language.
    for english in pack.rglob("en.yaml"):
        shutil.copy(english, english.with_name("hmn.yaml"))
    out = io.StringIO()
    assert build_audio_command(pack, out) == 1
    assert (
        "error: espeak-ng has no voice for language 'hmn'; record those steps instead"
        " (tutorials/<id>/audio/<lang>/<step-id>.wav)"
    ) in out.getvalue()
    # The languages it can speak were still built.
    assert {path.parent.name for path in _built_files(pack)} == {"vi", "en"}


def test_a_folder_with_no_pack_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = io.StringIO()
    assert build_audio_command(empty, out) == 1
    assert out.getvalue() == f"error: no content pack found at {empty}\n"

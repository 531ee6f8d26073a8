"""espeak-ng as the narration uses it: its voices, WAV files, and a clear word when it is missing."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason
from kiosk.narration.espeak import Espeak

from .narration_helpers import hide_espeak, require_espeak, wav_seconds


def test_it_speaks_vietnamese_and_english_into_wav_files(tmp_path: Path) -> None:
    require_espeak()
    espeak = Espeak()
    assert espeak.has_voice("vi")
    assert espeak.has_voice("en")
    for language, words in (("vi", "Mở kho ứng dụng."), ("en", "Open the app store.")):
        out = tmp_path / f"{language}.wav"
        espeak.synthesise(words, language, out)
        with wave.open(str(out), "rb") as audio:
            assert audio.getnchannels() == 1
            assert audio.getsampwidth() == 2
        assert wav_seconds(out) > 0.5


def test_a_language_without_a_voice_is_told_apart(tmp_path: Path) -> None:
    require_espeak()
    espeak = Espeak()
    # espeak-ng has no Hmong voice: only a volunteer's recordings can speak Hmong.
    assert not espeak.has_voice("hmn")
    with pytest.raises(SpeechUnavailableError) as raised:
        espeak.synthesise("Nyob zoo", "hmn", tmp_path / "hmn.wav")
    assert raised.value.reason is UnavailableReason.NO_VOICE
    assert "no voice for language 'hmn'" in str(raised.value)


def test_the_version_and_voice_make_up_its_identity() -> None:
    require_espeak()
    espeak = Espeak(rate_wpm=120)
    assert espeak.known_identity("vi") is None  # not asked yet: nothing is run to answer
    version = espeak.version()
    assert version[0].isdigit()
    assert espeak.identity("vi") == f"espeak-ng {version} voice vi rate 120"
    assert espeak.known_identity("vi") == espeak.identity("vi")


def test_without_espeak_ng_it_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hide_espeak(monkeypatch, tmp_path)
    espeak = Espeak()
    assert espeak.executable() is None
    assert not espeak.has_voice("vi")
    with pytest.raises(SpeechUnavailableError) as raised:
        espeak.synthesise("Xin chào", "vi", tmp_path / "out.wav")
    assert raised.value.reason is UnavailableReason.NO_ENGINE
    assert str(raised.value) == "espeak-ng is not installed; install it with: apt-get install espeak-ng"
    assert not (tmp_path / "out.wav").exists()


def test_a_hung_engine_is_given_up_on(tmp_path: Path) -> None:
    require_espeak()
    program = tmp_path / "espeak-ng"
    real = require_espeak()
    # Answers the voice question like espeak-ng, then never finishes speaking.
    program.write_text(
        f'#!/bin/sh\ncase "$1" in --voices=*|--version) exec "{real}" "$@";; esac\nexec sleep 30\n',
        encoding="utf-8",
    )
    program.chmod(0o755)
    espeak = Espeak(str(program), timeout_s=0.5)
    with pytest.raises(SpeechUnavailableError) as raised:
        espeak.synthesise("Xin chào", "vi", tmp_path / "out.wav")
    assert raised.value.reason is UnavailableReason.FAILED
    assert "did not finish within 0.5 s" in str(raised.value)

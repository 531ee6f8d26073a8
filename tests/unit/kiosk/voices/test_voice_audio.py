"""Trimming, evening out and compressing a recording: real WAV files in, real Ogg files out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from kiosk.voices import audio
from kiosk.voices.audio import MARGIN_S, TARGET_DBFS, RecordingProblemError, prepare
from tests.unit.kiosk.voices.voice_helpers import (
    padded_voice,
    rms_dbfs,
    room_noise,
    speech_dbfs,
    voice_like,
    write_wav,
)


def _decoded(path: Path) -> tuple[np.ndarray, int]:
    samples, rate = soundfile.read(path, dtype="float32")
    return samples, rate


def test_the_libsndfile_here_writes_ogg_opus() -> None:
    assert "OPUS" in soundfile.available_subtypes("OGG")
    assert audio.codec() == audio.Codec("OPUS", ".opus")


def test_silence_at_both_ends_is_trimmed_keeping_margins(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "take.wav", padded_voice(before_s=1.5, voice_s=2.0, after_s=2.0))
    prepared = prepare(wav, tmp_path / "out" / "step")
    assert prepared.path == tmp_path / "out" / "step.opus"
    samples, rate = _decoded(prepared.path)
    assert rate == audio.RATE
    seconds = len(samples) / rate
    # 2 s of voice, a margin each side; the 3.5 s of room noise around it are gone.
    assert 2.0 + MARGIN_S <= seconds <= 2.0 + 2 * MARGIN_S + 0.1
    assert abs(prepared.seconds - seconds) < 0.05
    # The voice starts within the first margin and is not cut: the ends are quiet, the middle loud.
    edge = int(0.05 * rate)
    assert rms_dbfs(samples[:edge]) < rms_dbfs(samples[edge * 4 :]) - 15


@pytest.mark.parametrize("amplitude", [0.03, 0.1, 0.6])
def test_loudness_is_evened_out_to_the_target(tmp_path: Path, amplitude: float) -> None:
    wav = write_wav(tmp_path / "take.wav", padded_voice(amplitude=amplitude))
    prepared = prepare(wav, tmp_path / "step")
    samples, rate = _decoded(prepared.path)
    level = speech_dbfs(samples, rate)
    assert abs(level - TARGET_DBFS) < 1.5, level
    assert abs(prepared.speech_dbfs - TARGET_DBFS) < 0.5


def test_a_quiet_and_a_loud_take_end_up_equally_loud(tmp_path: Path) -> None:
    levels = []
    for amplitude in (0.03, 0.7):
        wav = write_wav(tmp_path / f"{amplitude}.wav", padded_voice(amplitude=amplitude))
        samples, rate = _decoded(prepare(wav, tmp_path / f"out-{amplitude}").path)
        levels.append(speech_dbfs(samples, rate))
    assert abs(levels[0] - levels[1]) < 1.0, levels


def test_peaks_are_limited_and_nothing_clips(tmp_path: Path) -> None:
    # Quiet speech with one loud knock: raising the speech to the target would push the knock far over.
    samples = padded_voice(amplitude=0.05)
    knock = int(2.0 * 48000)
    burst = np.random.default_rng(3).uniform(-1, 1, 960) * np.exp(-np.arange(960) / 200)
    samples[knock : knock + 960] += (0.95 * burst / np.abs(burst).max()).astype(np.float32)
    wav = write_wav(tmp_path / "knock.wav", samples)
    prepared = prepare(wav, tmp_path / "step")
    before_codec = audio.even_out(*_trimmed(wav))
    assert np.abs(before_codec).max() <= 10 ** (audio.CEILING_DBFS / 20) + 1e-6
    decoded, _ = _decoded(prepared.path)
    # The codec may overshoot the ceiling a little; still below full scale.
    assert np.abs(decoded).max() < 1.0
    assert abs(prepared.speech_dbfs - TARGET_DBFS) < 0.5


def _trimmed(wav: Path) -> tuple[np.ndarray, int, float]:
    samples, rate = audio.read_wav(wav)
    trimmed, speech_rms = audio.trim(samples, rate)
    return trimmed, rate, speech_rms


def test_a_click_in_the_silence_is_not_taken_for_speech(tmp_path: Path) -> None:
    samples = padded_voice(before_s=2.0, voice_s=1.0, after_s=0.5)
    samples[int(0.3 * 48000) : int(0.3 * 48000) + 48] = 0.8  # 1 ms click, 1.7 s before the voice
    prepared = prepare(write_wav(tmp_path / "click.wav", samples), tmp_path / "step")
    assert prepared.seconds < 1.0 + 2 * MARGIN_S + 0.1


def test_other_rates_and_stereo_are_read_and_resampled(tmp_path: Path) -> None:
    mono = padded_voice(rate=22050)
    wav = write_wav(tmp_path / "stereo.wav", mono, rate=22050, channels=2)
    prepared = prepare(wav, tmp_path / "step")
    samples, rate = _decoded(prepared.path)
    assert rate == 48000
    assert 2.0 < len(samples) / rate < 2.5


def test_silence_is_refused_with_what_to_do(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "silent.wav", np.zeros(48000 * 2, dtype=np.float32))
    with pytest.raises(RecordingProblemError, match="microphone is plugged in"):
        prepare(wav, tmp_path / "step")
    assert not list(tmp_path.glob("step*"))


def test_noise_without_a_voice_is_refused(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "noise.wav", room_noise(2.0, 48000, level=0.05))
    with pytest.raises(RecordingProblemError, match="no voice"):
        prepare(wav, tmp_path / "step")


def test_not_a_wav_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "take.wav"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(RecordingProblemError, match="not a WAV"):
        prepare(bad, tmp_path / "step")


def test_voice_like_signal_is_what_the_tests_think() -> None:
    voice = voice_like(1.0, 48000, amplitude=0.3)
    assert abs(float(np.abs(voice).max()) - 0.3) < 1e-3

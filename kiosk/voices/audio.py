"""A volunteer's raw recording made ready to play: trimmed, evened out, compressed.

1. **Trim**: the recording is cut into 10 ms frames; its noise floor is the quietest tenth of
   them. Speech is where frames are clearly above that floor (``_ABOVE_FLOOR_DB``) for at least
   30 ms of 50 (so one click is not speech); everything before the first and after the last
   speech goes, except a ``MARGIN_S`` margin at each end so no breath or consonant is clipped.
2. **Even out**: the speech's RMS level is brought to ``TARGET_DBFS`` (every recording of a
   pack then sounds equally loud), and any peak that would go above ``CEILING_DBFS`` is turned
   down by a short gain envelope (a limiter), so nothing ever clips.
3. **Compress**: Ogg Opus through libsndfile (``soundfile`` bundles a libsndfile with Opus),
   or Ogg Vorbis where that libsndfile lacks Opus. QtMultimedia plays both.

numpy and soundfile are imported when a recording is prepared, not when the package loads.
"""

from __future__ import annotations

import math
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.system.fsio import atomic_write

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]

# Opus works at 48 kHz; recordings at other rates are resampled to it.
RATE = 48000
TARGET_DBFS = -20.0
# Below full scale with room for the codec: Opus may overshoot a limited peak by a decibel or two.
CEILING_DBFS = -3.0
MARGIN_S = 0.15
_FRAME_S = 0.01
# A frame is speech when this much louder than the noise floor...
_ABOVE_FLOOR_DB = 15.0
# ...and not quieter than this below the loudest frame (a noisy room's floor is high).
_BELOW_PEAK_DB = 40.0
# The speech's loudness is measured on its frames within this much of the loudest.
_MEASURED_BELOW_PEAK_DB = 30.0
# Quieter than this everywhere: the microphone gave nothing (muted, unplugged, wrong input).
_SILENT_DBFS = -60.0
# Quiet speech is raised at most this much: more would mostly raise the room's noise.
_MAX_GAIN_DB = 30.0
# The limiter's blocks: each block's gain is at most what keeps its loudest sample under the ceiling.
_LIMIT_BLOCK_S = 0.005
_FADE_S = 0.005
# libsndfile's Opus "compression level" (0 largest .. 1 smallest). 0.8 is about 58 kbit/s mono
# (some 7 KB a second of speech); from about 0.82 (51 kbit/s) down the encoder takes over twice as
# long (some 27 ms per second of speech here against 12), which "Stop" to a playable file feels.
_OPUS_COMPRESSION = 0.8


class RecordingProblemError(ValueError):
    """The recording cannot be kept; the message says what to do (for the record page)."""


@dataclass(frozen=True)
class Codec:
    subtype: str
    suffix: str


@dataclass(frozen=True)
class Prepared:
    path: Path
    seconds: float
    # RMS level of the speech after evening out, in dBFS.
    speech_dbfs: float
    peak_dbfs: float
    codec: Codec


def codec() -> Codec:
    """Ogg Opus where this libsndfile can write it, else Ogg Vorbis."""
    import soundfile

    if "OPUS" in soundfile.available_subtypes("OGG"):
        return Codec("OPUS", ".opus")
    return Codec("VORBIS", ".ogg")


def dbfs(value: float) -> float:
    return 20 * math.log10(value) if value > 0 else -math.inf


def read_wav(path: Path) -> tuple[Samples, int]:
    """A 16-bit PCM WAV file (any rate, mono or stereo) as mono float samples in [-1, 1]."""
    import numpy as np

    try:
        with wave.open(str(path), "rb") as audio:
            width, channels, rate = audio.getsampwidth(), audio.getnchannels(), audio.getframerate()
            data = audio.readframes(audio.getnframes())
    except (wave.Error, EOFError) as error:
        raise RecordingProblemError(f"{path.name} is not a WAV recording ({error})") from error
    if width != 2:
        raise RecordingProblemError(
            f"{path.name}: only 16-bit WAV recordings are read (this one has {8 * width}-bit)"
        )
    samples = np.frombuffer(data[: len(data) - len(data) % (2 * channels)], dtype="<i2").astype(np.float32)
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return samples / np.float32(32768.0), rate


def _frame_levels(samples: Samples, frame: int) -> Samples:
    import numpy as np

    count = len(samples) // frame
    frames = samples[: count * frame].reshape(count, frame)
    return np.sqrt(np.mean(frames * frames, axis=1, dtype=np.float64)).astype(np.float32)


def _speech_frames(levels: Samples) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Frames of speech (where it starts and ends), and the frames its loudness is measured on."""
    import numpy as np

    loudest = float(levels.max()) if len(levels) else 0.0
    if dbfs(loudest) < _SILENT_DBFS:
        raise RecordingProblemError(
            "Nothing was heard: check that the microphone is plugged in and not muted, then record again."
        )
    floor = max(float(np.percentile(levels, 10)), 1e-6)
    threshold = max(floor * 10 ** (_ABOVE_FLOOR_DB / 20), loudest * 10 ** (-_BELOW_PEAK_DB / 20))
    if loudest <= threshold:
        raise RecordingProblemError(
            "Only noise was heard, no voice: speak closer to the microphone (a hand's width away) "
            "in a quieter place, then record again."
        )
    loud = levels > threshold
    # Speech: at least 3 loud frames among 5, so a single click does not count.
    nearby = np.convolve(loud.astype(np.int8), np.ones(5, dtype=np.int8), mode="same")
    speech = loud & (nearby >= 3)
    if not speech.any():
        raise RecordingProblemError("The recording is too short: say the whole text, then record again.")
    # Loudness: the voice's frames within 30 dB of the loudest, quiet syllables included.
    measured = levels > max(floor * 2, loudest * 10 ** (-_MEASURED_BELOW_PEAK_DB / 20))
    return speech, measured


def trim(samples: Samples, rate: int) -> tuple[Samples, float]:
    """The recording from just before its first speech to just after its last, and the speech's RMS."""
    import numpy as np

    frame = max(1, round(rate * _FRAME_S))
    levels = _frame_levels(samples, frame)
    speech, measured = _speech_frames(levels)
    voiced = np.flatnonzero(speech)
    margin = round(rate * MARGIN_S)
    start = max(0, int(voiced[0]) * frame - margin)
    end = min(len(samples), (int(voiced[-1]) + 1) * frame + margin)
    speech_rms = float(np.sqrt(np.mean(levels[measured].astype(np.float64) ** 2)))
    return samples[start:end], speech_rms


def gain_db(speech_rms: float) -> float:
    """How much louder the speech is made: to ``TARGET_DBFS``, by ``_MAX_GAIN_DB`` at most."""
    return min(TARGET_DBFS - dbfs(speech_rms), _MAX_GAIN_DB)


def even_out(samples: Samples, rate: int, speech_rms: float) -> Samples:
    """Speech at ``TARGET_DBFS``; peaks above ``CEILING_DBFS`` turned down; faded in and out."""
    import numpy as np

    louder = samples * np.float32(10 ** (gain_db(speech_rms) / 20))
    ceiling = np.float32(10 ** (CEILING_DBFS / 20))
    block = max(1, round(rate * _LIMIT_BLOCK_S))
    count = -(-len(louder) // block)
    padded = np.zeros(count * block, dtype=np.float32)
    padded[: len(louder)] = np.abs(louder)
    block_peaks = padded.reshape(count, block).max(axis=1)
    allowed = np.minimum(1.0, ceiling / np.maximum(block_peaks, np.float32(1e-9)))
    if allowed.min() < 1.0:
        # Each block edge takes the lower gain of the blocks either side, and the gain goes in a
        # straight line between edges: inside a block it never rises above that block's own.
        edges = np.minimum(np.concatenate(([allowed[0]], allowed)), np.concatenate((allowed, [allowed[-1]])))
        envelope = np.interp(
            np.arange(len(louder)), np.arange(count + 1) * block, edges.astype(np.float64)
        ).astype(np.float32)
        louder = louder * envelope
    fade = min(len(louder) // 2, round(rate * _FADE_S))
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        louder[:fade] *= ramp
        louder[-fade:] *= ramp[::-1]
    limited: Samples = np.clip(louder, -ceiling, ceiling)
    return limited


def resample(samples: Samples, rate: int, target: int = RATE) -> Samples:
    """Linear resampling: plenty for speech going to a codec that keeps up to 20 kHz."""
    import numpy as np

    if rate == target or not len(samples):
        return samples
    count = round(len(samples) * target / rate)
    positions = np.arange(count, dtype=np.float64) * (rate / target)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)


def encode(samples: Samples, path: Path, chosen: Codec | None = None) -> Codec:
    """Write ``samples`` (at ``RATE``) to ``path`` as Ogg, all or nothing."""
    import soundfile

    used = chosen if chosen is not None else codec()
    level = _OPUS_COMPRESSION if used.subtype == "OPUS" else None

    def render(temporary: Path) -> None:
        soundfile.write(temporary, samples, RATE, format="OGG", subtype=used.subtype, compression_level=level)

    atomic_write(path, render)
    return used


def prepare(wav: Path, destination_stem: Path) -> Prepared:
    """``wav`` trimmed, evened out and compressed to ``destination_stem`` + the codec's suffix."""
    import numpy as np

    samples, rate = read_wav(wav)
    if len(samples) < rate * _FRAME_S * 5:
        raise RecordingProblemError("The recording is too short: say the whole text, then record again.")
    trimmed, speech_rms = trim(samples, rate)
    ready = resample(even_out(trimmed, rate, speech_rms), rate)
    used = codec()
    path = destination_stem.with_name(destination_stem.name + used.suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    encode(ready, path, used)
    return Prepared(
        path=path,
        seconds=len(ready) / RATE,
        speech_dbfs=dbfs(speech_rms) + gain_db(speech_rms),
        peak_dbfs=dbfs(float(np.abs(ready).max())) if len(ready) else -math.inf,
        codec=used,
    )

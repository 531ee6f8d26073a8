"""Helpers for the voice tests: a voice-like WAV with known silence around it, and a tiny tutorial.

Plain functions rather than a conftest, so the module name stays unique for mypy and pytest;
the integration test and the benchmark use them too. ``virtual_microphone`` is a real
PulseAudio source (``module-pipe-source``) on the narration tests' server, fed in real time.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kiosk.content.model import QuizAnswer, Source, Step, StepKind, StepText, Tutorial, TutorialText
from tests.helpers.audio import SoundServer, sound_server

# The virtual microphone's PulseAudio source name.
MICROPHONE = "virtmic"

UI_WORDS = {
    "start.welcome": "Xin chào!",
    "start.button": "Bắt đầu",
    "player.next": "Tiếp theo",
    "common.back": "Quay lại",
    "common.home": "Trang chủ",
    "player.ring_tap": "Nút cần bấm được khoanh vòng màu cam.",
    "quiz.right": "Đúng rồi!",
}


def voice_like(seconds: float, rate: int, amplitude: float = 0.3, seed: int = 1) -> npt.NDArray[np.float32]:
    """Syllables: a 140 Hz voice with harmonics, four bursts a second, louder and quieter."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 6))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 0.5
    wobble = 0.6 + 0.4 * rng.random(int(seconds * 4) + 1)[(t * 4).astype(int)]
    signal = voice * syllables * wobble
    shaped: npt.NDArray[np.float32] = (amplitude * signal / np.abs(signal).max()).astype(np.float32)
    return shaped


def room_noise(seconds: float, rate: int, level: float = 0.002, seed: int = 2) -> npt.NDArray[np.float32]:
    noise: npt.NDArray[np.float32] = (
        np.random.default_rng(seed).normal(0, level, int(seconds * rate)).astype(np.float32)
    )
    return noise


def padded_voice(
    before_s: float = 1.0,
    voice_s: float = 2.0,
    after_s: float = 1.0,
    rate: int = 48000,
    amplitude: float = 0.3,
) -> npt.NDArray[np.float32]:
    """Room noise, then a voice, then room noise: what a volunteer's take looks like."""
    total = before_s + voice_s + after_s
    samples = room_noise(total, rate)
    start = int(before_s * rate)
    voice = voice_like(voice_s, rate, amplitude)
    samples[start : start + len(voice)] += voice
    return samples


def write_wav(path: Path, samples: npt.NDArray[np.float32], rate: int = 48000, channels: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    if channels > 1:
        pcm = np.repeat(pcm, channels)
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(channels)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(pcm.tobytes())
    return path


def rms_dbfs(samples: npt.NDArray[np.float32]) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(samples.astype(np.float64) ** 2))))


def tutorial(
    step_text: str = "Mở cửa hàng ứng dụng trên điện thoại.", folder: Path | None = None
) -> Tutorial:
    """Two steps, the second a quiz with a reason: three things to record."""
    image = (folder or Path("/nonexistent")) / "step.svg"
    steps = (
        Step(id="open-store", kind=StepKind.INSTRUCTION, image=image, highlight="store"),
        Step(id="fake-call", kind=StepKind.QUIZ, image=image, highlight="", answer=QuizAnswer.SCAM),
    )
    words = {
        "open-store": StepText("Mở cửa hàng", step_text),
        "fake-call": StepText(
            "Cuộc gọi lạ", "Một người tự xưng công an gọi.", why="Công an không gọi để đòi tiền."
        ),
    }
    return Tutorial(
        id="vneid-install",
        pack_id="test",
        content_version="2026.12.01",
        category="vneid",
        qr_url="",
        checked=date(2026, 12, 1),
        sources=(Source(title="Bộ Công an", checked=date(2026, 12, 1)),),
        steps=steps,
        texts={
            "vi": TutorialText(
                language="vi", title="Cài VNeID", summary="Cài.", safety="An toàn.", steps=words
            )
        },
        folder=folder,
    )


def speech_dbfs(samples: npt.NDArray[np.float32], rate: int) -> float:
    """RMS level of the 10 ms frames that are speech, in dBFS.

    Speech frames: within 30 dB of the loudest and twice as loud as the room's noise (the
    quietest tenth of the frames), as ``kiosk.voices.audio`` measures it.
    """
    frame = rate // 100
    count = len(samples) // frame
    levels = np.sqrt(np.mean(samples[: count * frame].astype(np.float64).reshape(count, frame) ** 2, axis=1))
    floor = float(np.percentile(levels, 10))
    speech = levels[levels > max(2 * floor, levels.max() * 10 ** (-30 / 20))]
    return float(20 * np.log10(np.sqrt(np.mean(speech**2))))


@dataclass
class VirtualMicrophone:
    """A PulseAudio source fed from a pipe: whatever ``speak`` writes is what a microphone hears."""

    server: SoundServer
    fifo: Path
    module: str
    name: str = MICROPHONE

    def speak(self, samples: npt.NDArray[np.float32], rate: int = 48000) -> threading.Thread:
        """Feed ``samples`` (mono, at ``rate``) in real time, as a microphone would, on a thread."""
        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()

        def feed() -> None:
            chunk = rate // 100 * 2  # 10 ms of 16-bit samples
            started = time.monotonic()
            with self.fifo.open("wb", buffering=0) as pipe:
                for offset in range(0, len(pcm), chunk):
                    pipe.write(pcm[offset : offset + chunk])
                    ahead = started + (offset + chunk) / 2 / rate - time.monotonic()
                    if ahead > 0:
                        time.sleep(ahead)

        thread = threading.Thread(target=feed, name="virtual-microphone", daemon=True)
        thread.start()
        return thread


def _pactl(server: SoundServer, *arguments: str) -> str:
    answer = subprocess.run(
        ["pactl", f"--server={server.address}", *arguments],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
        env={**os.environ, **server.environment},
    )
    if answer.returncode != 0:
        raise RuntimeError(f"pactl {' '.join(arguments)}: {answer.stderr.strip()}")
    return answer.stdout.strip()


@contextmanager
def virtual_microphone(folder: Path, rate: int = 48000) -> Iterator[VirtualMicrophone]:
    """The test run's PulseAudio (tests/helpers/audio.py) with a pipe-fed microphone.

    Skips where PulseAudio is not installed, as the narration tests do; removed afterwards.
    """
    server = sound_server()
    fifo = folder / "microphone.pipe"
    default = _pactl(server, "get-default-source")
    module = _pactl(
        server,
        "load-module",
        "module-pipe-source",
        f"source_name={MICROPHONE}",
        f"file={fifo}",
        "format=s16le",
        f"rate={rate}",
        "channels=1",
    )
    try:
        # A real source outranks a monitor, so PulseAudio makes the new one the default and moves
        # the streams that follow the default onto it, the run's recording of the null sink's
        # monitor among them: the monitor goes back to being the default (the recorder names its
        # microphone, so it needs no default).
        _pactl(server, "set-default-source", default)
        yield VirtualMicrophone(server, fifo, module)
    finally:
        _pactl(server, "unload-module", module)
        fifo.unlink(missing_ok=True)

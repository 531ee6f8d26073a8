"""Recording a volunteer's voice from a USB microphone into a WAV file, with a level for a meter.

``QAudioSource`` delivers raw PCM (mono, 16-bit, 48 kHz where the microphone offers it), kept in
memory and written as a WAV file on ``stop``; ``kiosk.voices`` then trims, evens out and
compresses it. Raw PCM rather than ``QMediaRecorder``: no encoder to wait for, and exactly the
samples the microphone gave. Plain Python types in and out (paths, floats, strings), so the
record page and the tests need nothing of Qt's audio classes.

Only the organiser's "Record voices" page uses this, after the volunteer has agreed to be
recorded; nothing here runs in a visitor's session, and no visitor is ever recorded.
"""

from __future__ import annotations

import logging
import math
import wave
from pathlib import Path

import numpy as np
from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices, QtAudio

log = logging.getLogger(__name__)

RATE = 48000
# A long step is read in under a minute; past this the take is surely a forgotten "Stop".
MAX_SECONDS = 180.0
_INT16 = QAudioFormat.SampleFormat.Int16
# How often a take checks that its microphone is still there.
_WATCH_MS = 250


class NoMicrophoneError(RuntimeError):
    """No microphone: the message says what to do."""

    def __init__(self) -> None:
        super().__init__(
            "No microphone found: plug in the USB microphone (or headset), wait a few seconds,"
            " then try again."
        )


def microphones() -> list[tuple[str, str]]:
    """The microphones present now, as (id, description), the default first."""
    default = QMediaDevices.defaultAudioInput()
    found = [
        (bytes(device.id().data()).decode(errors="replace"), device.description())
        for device in QMediaDevices.audioInputs()
    ]
    default_id = bytes(default.id().data()).decode(errors="replace") if not default.isNull() else ""
    return sorted(found, key=lambda entry: entry[0] != default_id)


def _device(microphone: str | None) -> QAudioDevice:
    inputs = QMediaDevices.audioInputs()
    if not inputs:
        raise NoMicrophoneError
    if microphone is not None:
        for device in inputs:
            if bytes(device.id().data()).decode(errors="replace") == microphone:
                return device
        raise NoMicrophoneError
    default = QMediaDevices.defaultAudioInput()
    return default if not default.isNull() else inputs[0]


def _format(device: QAudioDevice) -> QAudioFormat:
    wanted = QAudioFormat()
    wanted.setSampleRate(RATE)
    wanted.setChannelCount(1)
    wanted.setSampleFormat(_INT16)
    if device.isFormatSupported(wanted):
        return wanted
    return device.preferredFormat()


def _as_int16(data: bytes, sample_format: QAudioFormat.SampleFormat) -> bytes:
    """PCM in the microphone's sample format as 16-bit little-endian samples."""
    if sample_format == _INT16:
        return data
    if sample_format == QAudioFormat.SampleFormat.Float:
        floats = np.frombuffer(data[: len(data) - len(data) % 4], dtype="<f4")
        return np.asarray(np.clip(floats, -1, 1) * 32767, dtype="<i2").tobytes()
    if sample_format == QAudioFormat.SampleFormat.Int32:
        wide = np.frombuffer(data[: len(data) - len(data) % 4], dtype="<i4")
        return np.asarray(wide >> 16, dtype="<i2").tobytes()
    if sample_format == QAudioFormat.SampleFormat.UInt8:
        narrow = np.frombuffer(data, dtype=np.uint8).astype(np.int16)
        return np.asarray((narrow - 128) << 8, dtype="<i2").tobytes()
    raise ValueError(f"microphone sample format {sample_format} is not supported")


class MicrophoneRecorder(QObject):
    """One take at a time: ``start``, watch ``level``, ``stop`` to a WAV file (or ``cancel``)."""

    # The loudest sample of the latest stretch, 0..1 (1 is full scale), for a level meter.
    level_changed = Signal(float)
    # The microphone went away or failed mid-take; the message is for the organiser.
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: QAudioSource | None = None
        self._device: QIODevice | None = None
        self._format = QAudioFormat()
        self._chunks: list[bytes] = []
        self._bytes = 0
        self._level = 0.0
        self._watch = QTimer(self)
        self._watch.setInterval(_WATCH_MS)
        self._watch.timeout.connect(self._check)

    @property
    def recording(self) -> bool:
        return self._source is not None

    @property
    def level(self) -> float:
        return self._level

    @property
    def level_dbfs(self) -> float:
        return 20 * math.log10(self._level) if self._level > 0 else -math.inf

    @property
    def seconds(self) -> float:
        """How much has been recorded in this take."""
        frame = self._format.bytesPerFrame()
        return self._bytes / frame / self._format.sampleRate() if frame and self._format.sampleRate() else 0.0

    def start(self, microphone: str | None = None) -> None:
        """Start a take from ``microphone`` (an id from ``microphones()``; None: the default one)."""
        self.cancel()
        device = _device(microphone)
        self._format = _format(device)
        source = QAudioSource(device, self._format, self)
        source.setBufferSize(self._format.bytesForDuration(100_000))
        io = source.start()
        if io is None or source.error() != QtAudio.Error.NoError:
            source.deleteLater()
            raise NoMicrophoneError
        io.readyRead.connect(self._read)
        self._source, self._device = source, io
        self._watch.start()
        self._chunks, self._bytes, self._level = [], 0, 0.0
        log.info("recording a voice from %s (%d Hz)", device.description(), self._format.sampleRate())

    def stop(self, wav: Path) -> Path:
        """End the take and write it to ``wav`` (16-bit PCM); returns ``wav``."""
        if self._source is None:
            raise RuntimeError("not recording")
        self._read()
        self._close()
        data = b"".join(self._chunks)
        self._chunks = []
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(self._format.channelCount())
            out.setsampwidth(2)
            out.setframerate(self._format.sampleRate())
            out.writeframes(data)
        return wav

    def cancel(self) -> None:
        """End the take and forget it."""
        self._close()
        self._chunks, self._bytes, self._level = [], 0, 0.0

    def _close(self) -> None:
        source, self._source, self._device = self._source, None, None
        if source is not None:
            self._watch.stop()
            source.stop()
            source.deleteLater()

    def _read(self) -> None:
        if self._device is None:
            return
        data = bytes(self._device.readAll().data())
        if not data:
            return
        pcm = _as_int16(data, self._format.sampleFormat())
        if self.seconds >= MAX_SECONDS:
            return
        self._chunks.append(pcm)
        self._bytes += len(pcm) * self._format.bytesPerSample() // 2
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
        if len(samples):
            self._level = float(np.abs(samples.astype(np.int32)).max()) / 32768.0
            self.level_changed.emit(self._level)

    def _check(self) -> None:
        """A microphone unplugged mid-take stops the source with an error (and sends no more data)."""
        # Polled: PySide6 cannot deliver QAudioSource.stateChanged's QAudio::State to a Python slot.
        source = self._source
        if source is None:
            return
        error = source.error()
        if error != QtAudio.Error.NoError:
            self._close()
            self.failed.emit(f"The microphone stopped ({error.name}): check its cable, then record again.")

"""A microphone that offers only float, 32-bit or 8-bit samples still gives a 16-bit WAV take."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtMultimedia import QAudioFormat

from ui.voices.recorder import _as_int16

Format = QAudioFormat.SampleFormat


@pytest.mark.parametrize(
    ("sample_format", "data"),
    [
        (Format.Int16, np.array([0, 16384, -16384, 32767], dtype="<i2").tobytes()),
        (Format.Float, np.array([0.0, 0.5, -0.5, 1.5], dtype="<f4").tobytes()),
        (Format.Int32, np.array([0, 1 << 30, -(1 << 30), (1 << 31) - 1], dtype="<i4").tobytes()),
        (Format.UInt8, np.array([128, 192, 64, 255], dtype=np.uint8).tobytes()),
    ],
)
def test_each_sample_format_becomes_the_same_16_bit_samples(
    sample_format: QAudioFormat.SampleFormat, data: bytes
) -> None:
    samples = np.frombuffer(_as_int16(data, sample_format), dtype="<i2")
    assert samples[0] == 0
    assert abs(int(samples[1]) - 16384) <= 1 and abs(int(samples[2]) + 16384) <= 1
    # Full scale (or beyond, for float) stays at full scale: never wraps round to negative.
    assert samples[3] >= 32512

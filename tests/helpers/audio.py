"""A real PulseAudio server with a null sink, and a recorder of what was played into it.

``sound_server()`` starts one ``pulseaudio`` for the whole test run (QtMultimedia connects to
its server once per process and keeps that connection, so a second server would not be heard),
in a private runtime folder so it never meets the machine's own; it stops when the tests end.
Tests point clients at it with ``SoundServer.environment`` (PULSE_SERVER). ``monitor_recording()``
(one ``MonitorRecording`` for the run) runs ``parec`` on the null sink's monitor: every sample any
client played, with the time it arrived, so a test can say "sound came out" and "it stopped".

It skips, with the reason printed, only when PulseAudio (or, for ``require_espeak``, espeak-ng)
is not installed; CI installs ``pulseaudio``, ``pulseaudio-utils`` and ``espeak-ng``, so there
nothing skips. Qt-free: the core's narration tests use it too.
"""

from __future__ import annotations

import array
import atexit
import math
import os
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SINK = "nullsink"
MONITOR = f"{SINK}.monitor"
# The recording's format: mono 16-bit, enough to tell speech from silence.
RATE = 16000
# Amplitude (RMS of 16-bit samples) above which a stretch counts as sound; digital silence is 0
# and espeak-ng's speech is in the thousands.
SOUND_RMS = 200.0
_START_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class SoundServer:
    socket: Path
    cookie: Path
    log: Path

    @property
    def address(self) -> str:
        return f"unix:{self.socket}"

    @property
    def environment(self) -> dict[str, str]:
        """Variables that send a PulseAudio client (QtMultimedia, paplay, parec) to this server."""
        return {"PULSE_SERVER": self.address, "PULSE_COOKIE": str(self.cookie)}


_server: SoundServer | None = None
_process: subprocess.Popen[bytes] | None = None
_folder: tempfile.TemporaryDirectory[str] | None = None
_recording: MonitorRecording | None = None


def require_espeak() -> str:
    """The real espeak-ng's path; skips the test (saying why) where it is not installed."""
    found = shutil.which("espeak-ng")
    if found is None:
        reason = "espeak-ng is not installed: apt-get install espeak-ng"
        print(reason)
        pytest.skip(reason)
    return found


def _missing_tools() -> list[str]:
    return [tool for tool in ("pulseaudio", "pactl", "parec", "paplay") if shutil.which(tool) is None]


def sound_server() -> SoundServer:
    """The test run's PulseAudio server with a null sink, started on first use."""
    global _server, _process, _folder
    missing = _missing_tools()
    if missing:
        reason = (
            f"PulseAudio is not installed ({', '.join(missing)} missing):"
            " apt-get install pulseaudio pulseaudio-utils"
        )
        print(reason)
        pytest.skip(reason)
    if _server is not None and _process is not None and _process.poll() is None:
        return _server
    _folder = tempfile.TemporaryDirectory(prefix="kiosk-pulse-")
    root = Path(_folder.name)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    (root / "home").mkdir()
    server = SoundServer(socket=runtime / "native", cookie=root / "cookie", log=root / "pulseaudio.log")
    environment = {
        **os.environ,
        "HOME": str(root / "home"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime),
        "PULSE_STATE_PATH": str(root / "state"),
        "PULSE_COOKIE": str(server.cookie),
    }
    environment.pop("PULSE_SERVER", None)
    command = [
        "pulseaudio",
        "--daemonize=no",
        # No default.pa: only the two modules below, so the null sink is the one and default sink.
        "-n",
        "--exit-idle-time=-1",
        "--use-pid-file=no",
        "--log-target=stderr",
        f"--load=module-null-sink sink_name={SINK}",
        f"--load=module-native-protocol-unix auth-anonymous=1 socket={server.socket}",
    ]
    with server.log.open("wb") as log:
        # As root pulseaudio warns that it is "not intended to be run as root", then runs as a
        # per-user server, which is what the tests need.
        _process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    _wait_until_answering(server, _process)
    _server = server
    atexit.register(stop_sound_server)
    return server


def _wait_until_answering(server: SoundServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pulseaudio exited with {process.returncode}:\n{_log_of(server)}")
        answer = subprocess.run(
            ["pactl", f"--server={server.address}", "info"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env={**os.environ, **server.environment},
        )
        if answer.returncode == 0 and f"Default Sink: {SINK}" in answer.stdout:
            return
        time.sleep(0.1)
    pytest.fail(f"pulseaudio did not answer within {_START_TIMEOUT_S:g} s:\n{_log_of(server)}")


def _log_of(server: SoundServer) -> str:
    return server.log.read_text(encoding="utf-8", errors="replace")


def stop_sound_server() -> None:
    global _server, _process, _folder
    _stop_recording()
    if _process is not None:
        _process.terminate()
        try:
            _process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _process.kill()
            _process.wait(timeout=10)
    if _folder is not None:
        _folder.cleanup()
    _server, _process, _folder = None, None, None


def monitor_recording() -> MonitorRecording:
    """The test run's recorder of the null sink, started on first use and kept running.

    One recorder for the whole run because the first data of a new one can take up to two
    seconds: an idle null sink renders in large blocks until a low-latency reader is there.
    """
    global _recording
    server = sound_server()
    if _recording is None or _recording.server != server:
        _recording = MonitorRecording(server)
        _recording.start()
        atexit.register(_stop_recording)
    _recording.forget()
    return _recording


def _stop_recording() -> None:
    global _recording
    if _recording is not None:
        _recording.stop()
        _recording = None


def write_tone(path: Path, seconds: float = 0.5, rate: int = 22050) -> Path:
    """A 440 Hz tone as a WAV file, standing in for a volunteer's recording."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = array.array(
        "h", (int(8000 * math.sin(2 * math.pi * 440 * index / rate)) for index in range(int(seconds * rate)))
    )
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(frames.tobytes())
    return path


def rms(samples: array.array[int]) -> float:
    """Root mean square of 16-bit samples: 0 for silence."""
    if not samples:
        return 0.0
    return math.sqrt(sum(sample * sample for sample in samples) / len(samples))


@dataclass
class MonitorRecording:
    """Everything played into the null sink while it runs, as (arrival time, samples) chunks."""

    server: SoundServer
    chunks: list[tuple[float, array.array[int]]] = field(default_factory=list)
    _process: subprocess.Popen[bytes] | None = None
    _reader: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> MonitorRecording:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                f"--server={self.server.address}",
                f"--device={MONITOR}",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={RATE}",
                # Small fragments: each chunk's arrival time is then close to when it was played.
                "--latency-msec=10",
            ],
            stdout=subprocess.PIPE,
            env={**os.environ, **self.server.environment},
        )
        self._reader = threading.Thread(target=self._read, name="parec-reader", daemon=True)
        self._reader.start()
        self._wait_for_data()

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=10)
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()

    def forget(self) -> None:
        """Drop what was recorded so far (a long test run would otherwise keep every sample)."""
        with self._lock:
            self.chunks.clear()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        descriptor = self._process.stdout.fileno()
        leftover = b""
        while True:
            data = os.read(descriptor, 4096)
            if not data:
                return
            data = leftover + data
            usable = len(data) - len(data) % 2
            leftover = data[usable:]
            samples = array.array("h", data[:usable])
            with self._lock:
                self.chunks.append((time.monotonic(), samples))

    def _wait_for_data(self) -> None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            with self._lock:
                if self.chunks:
                    return
            time.sleep(0.01)
        pytest.fail(f"parec recorded nothing from {MONITOR} within {_START_TIMEOUT_S:g} s")

    def _between(self, start: float, end: float) -> list[tuple[float, array.array[int]]]:
        with self._lock:
            return [(when, samples) for when, samples in self.chunks if start <= when < end]

    def first_sound(self, after: float) -> float | None:
        """When the first chunk louder than silence arrived after ``after`` (monotonic seconds)."""
        for when, samples in self._between(after, math.inf):
            if rms(samples) > SOUND_RMS:
                return when
        return None

    def last_sound(self, after: float) -> float | None:
        found = None
        for when, samples in self._between(after, math.inf):
            if rms(samples) > SOUND_RMS:
                found = when
        return found

    def wait_for_sound(self, after: float, timeout_s: float) -> float | None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = self.first_sound(after)
            if found is not None:
                return found
            time.sleep(0.005)
        return None

    def loudness(self, start: float, end: float) -> float:
        """RMS of every sample that arrived between ``start`` and ``end``."""
        joined: array.array[int] = array.array("h")
        for _, samples in self._between(start, end):
            joined.extend(samples)
        return rms(joined)

    def seconds_of_sound(self, start: float, end: float) -> float:
        """How much of what arrived between ``start`` and ``end`` was sound, in seconds of audio."""
        loud = sum(len(samples) for _, samples in self._between(start, end) if rms(samples) > SOUND_RMS)
        return loud / RATE

"""Playing one narration file at a time through QtMultimedia; a new file or ``stop`` cuts it off.

WAV files (everything espeak-ng makes, and most recordings) play through ``QSoundEffect``:
it keeps the decoded sound in memory and starts in a few milliseconds, where ``QMediaPlayer``
first spins up an FFmpeg decoder (tens of milliseconds more; see tests/benchmarks/narration.py).
A volunteer's ``.ogg``, ``.opus`` or ``.mp3`` recording needs that decoder: a ``QMediaPlayer``.

Without a sound server QtMultimedia logs a warning on every use ("pa_context_connect() failed")
and plays into nothing. So before each file the PulseAudio socket (PipeWire serves the same one)
is tried first: no server, no Qt audio objects, and the caller is told there is no sound output.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QSoundEffect

log = logging.getLogger(__name__)

# A local socket answers at once; a server that takes longer than this is as good as absent.
_PROBE_TIMEOUT_S = 0.2
_SYSTEM_SOCKET = Path("/run/pulse/native")


def _sockets_to_try() -> list[Path] | None:
    """The PulseAudio sockets a client would try, in its order; None when it would use the network."""
    server = os.environ.get("PULSE_SERVER", "").strip()
    if server:
        found: list[Path] = []
        for entry in server.split():
            # "{machine-id}unix:/path" limits an entry to one machine; the path is what matters here.
            address = entry.split("}", 1)[-1]
            if address.startswith("unix:"):
                found.append(Path(address.removeprefix("unix:")))
            elif address.startswith("/"):
                found.append(Path(address))
            else:
                return None
        return found
    runtime = os.environ.get("PULSE_RUNTIME_PATH")
    if not runtime and os.environ.get("XDG_RUNTIME_DIR"):
        runtime = str(Path(os.environ["XDG_RUNTIME_DIR"]) / "pulse")
    found = [Path(runtime) / "native"] if runtime else []
    return [*found, _SYSTEM_SOCKET]


def sound_server_reachable() -> bool:
    """Whether a PulseAudio (or PipeWire-Pulse) server answers on its socket."""
    candidates = _sockets_to_try()
    if candidates is None:
        return True  # a network server: let Qt try it
    for path in candidates:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(_PROBE_TIMEOUT_S)
            try:
                probe.connect(str(path))
            except OSError:
                continue
            return True
    return False


class NarrationPlayback(QObject):
    """One narration at a time. ``finished`` only when a file played to its end, not when stopped."""

    finished = Signal()
    # Why the file could not be played, for the log.
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: QSoundEffect | None = None
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._volume = 1.0
        # True from play() until the file ends or stop(): a stop's own signals are not an ending.
        self._active = False

    @property
    def playing(self) -> bool:
        return self._active

    def available(self) -> bool:
        """Whether there is a sound server to play through (tried afresh: it may start after us)."""
        return sound_server_reachable()

    def play(self, path: Path, volume: float) -> None:
        """Play ``path`` from its start at linear gain ``volume``, cutting off whatever plays now."""
        self.stop()
        self._volume = volume
        self._active = True
        url = QUrl.fromLocalFile(str(path))
        if path.suffix.lower() == ".wav":
            effect = self._sound_effect()
            effect.setVolume(volume)
            effect.setSource(url)
            effect.play()
        else:
            player = self._media_player()
            assert self._output is not None
            self._output.setVolume(volume)
            player.setSource(url)
            player.play()

    def stop(self) -> None:
        self._active = False
        if self._effect is not None and self._effect.isPlaying():
            self._effect.stop()
        if (
            self._player is not None
            and self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState
        ):
            self._player.stop()

    def set_volume(self, volume: float) -> None:
        """Takes effect at once, also on the narration now playing."""
        self._volume = volume
        if self._effect is not None:
            self._effect.setVolume(volume)
        if self._output is not None:
            self._output.setVolume(volume)

    def _sound_effect(self) -> QSoundEffect:
        if self._effect is None:
            self._effect = QSoundEffect(self)
            self._effect.playingChanged.connect(self._on_effect_playing_changed)
            self._effect.statusChanged.connect(self._on_effect_status_changed)
        return self._effect

    def _media_player(self) -> QMediaPlayer:
        if self._player is None:
            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            self._player.mediaStatusChanged.connect(self._on_media_status_changed)
            self._player.errorOccurred.connect(self._on_player_error)
        return self._player

    def _on_effect_playing_changed(self) -> None:
        assert self._effect is not None
        if self._active and not self._effect.isPlaying():
            self._ended()

    def _on_effect_status_changed(self) -> None:
        assert self._effect is not None
        if self._active and self._effect.status() is QSoundEffect.Status.Error:
            self._fail(f"cannot play {self._effect.source().toLocalFile()}")

    def _on_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._active and status is QMediaPlayer.MediaStatus.EndOfMedia:
            self._ended()
        elif self._active and status is QMediaPlayer.MediaStatus.InvalidMedia:
            assert self._player is not None
            self._fail(f"cannot play {self._player.source().toLocalFile()}: not a sound file Qt can read")

    def _on_player_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if self._active and error is not QMediaPlayer.Error.NoError:
            self._fail(message or str(error))

    def _ended(self) -> None:
        self._active = False
        self.finished.emit()

    def _fail(self, reason: str) -> None:
        self.stop()
        self.failed.emit(reason)

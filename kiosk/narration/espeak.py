"""espeak-ng, the offline speech engine: which voices it has, and text to a WAV file.

It runs as a subprocess with a time limit (a hung engine must not hold a narration, or a
build, for ever). What it has is asked once per program path and remembered: the answers do
not change while the kiosk runs, and a test that hides espeak-ng from PATH gets a fresh answer.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from kiosk.narration.errors import SpeechUnavailableError, UnavailableReason

log = logging.getLogger(__name__)

PROGRAM = "espeak-ng"
# The kiosk's languages and the espeak-ng voice that reads them; any other language is tried
# under its own code (espeak-ng names most voices by language code).
VOICES: Mapping[str, str] = MappingProxyType({"vi": "vi", "en": "en"})
# Words per minute: espeak-ng's default is 175, fast for an older listener hearing a new app.
RATE_WPM = 140
SYNTHESIS_TIMEOUT_S = 30.0
QUERY_TIMEOUT_S = 5.0
_INSTALL_HINT = "install it with: apt-get install espeak-ng"


class Espeak:
    """One espeak-ng program, found on PATH (or given by path) each time it is needed."""

    def __init__(
        self,
        program: str = PROGRAM,
        *,
        rate_wpm: int = RATE_WPM,
        voices: Mapping[str, str] = VOICES,
        timeout_s: float = SYNTHESIS_TIMEOUT_S,
    ) -> None:
        self._program = program
        self.rate_wpm = rate_wpm
        self._voices = voices
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        # Per program path: its version, and which voices it has.
        self._versions: dict[str, str] = {}
        self._has_voice: dict[tuple[str, str], bool] = {}

    def voice(self, language: str) -> str:
        return self._voices.get(language, language)

    def executable(self) -> str | None:
        """The program's path, or None when it is not installed."""
        return shutil.which(self._program)

    def _require(self) -> str:
        found = self.executable()
        if found is None:
            raise SpeechUnavailableError(
                UnavailableReason.NO_ENGINE, f"{self._program} is not installed; {_INSTALL_HINT}"
            )
        return found

    def _query(self, program: str, *arguments: str) -> str:
        try:
            done = subprocess.run(
                [program, *arguments],
                capture_output=True,
                timeout=QUERY_TIMEOUT_S,
                check=True,
                env=_c_locale(),
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise SpeechUnavailableError(
                UnavailableReason.FAILED, f"{program} {' '.join(arguments)}: {error}"
            ) from error
        return done.stdout.decode("utf-8", errors="replace")

    def version(self) -> str:
        """espeak-ng's version ("1.51"): part of every cache key, since a new version sounds different."""
        program = self._require()
        with self._lock:
            known = self._versions.get(program)
        if known is not None:
            return known
        words = self._query(program, "--version").split()
        # "eSpeak NG text-to-speech: 1.51  Data at: ..."
        version = next((word for word in words if word[:1].isdigit()), " ".join(words[:4]))
        with self._lock:
            self._versions[program] = version
        return version

    def known_version(self) -> str | None:
        """The version if it was already asked for: never runs anything (safe on the GUI thread)."""
        program = self.executable()
        with self._lock:
            return self._versions.get(program) if program is not None else None

    def has_voice(self, language: str) -> bool:
        """Whether espeak-ng is installed and can speak ``language``; asked once, then remembered."""
        program = self.executable()
        if program is None:
            return False
        voice = self.voice(language)
        with self._lock:
            known = self._has_voice.get((program, voice))
        if known is not None:
            return known
        try:
            listing = self._query(program, f"--voices={voice}")
        except SpeechUnavailableError as error:
            log.warning("could not list espeak-ng voices: %s", error)
            return False
        # A header line, then one line per matching voice.
        found = len([line for line in listing.splitlines() if line.strip()]) > 1
        with self._lock:
            self._has_voice[(program, voice)] = found
        return found

    def identity(self, language: str) -> str:
        """Everything that changes how ``language`` sounds: engine version, voice, speed."""
        return self._identity(self.version(), language)

    def known_identity(self, language: str) -> str | None:
        """``identity`` if the version is already known; never runs anything (safe on the GUI thread)."""
        version = self.known_version()
        return self._identity(version, language) if version is not None else None

    def _identity(self, version: str, language: str) -> str:
        return f"espeak-ng {version} voice {self.voice(language)} rate {self.rate_wpm}"

    def synthesise(self, text: str, language: str, out: Path) -> None:
        """Write ``text`` spoken in ``language`` to the WAV file ``out`` (overwritten)."""
        program = self._require()
        if not self.has_voice(language):
            raise SpeechUnavailableError(
                UnavailableReason.NO_VOICE, f"espeak-ng has no voice for language '{language}'"
            )
        command = [program, "-v", self.voice(language), "-s", str(self.rate_wpm), "-b", "1"]
        command += ["-w", str(out), "--stdin"]
        try:
            done = subprocess.run(
                command,
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=self._timeout_s,
                check=False,
                env=_c_locale(),
            )
        except subprocess.TimeoutExpired as error:
            raise SpeechUnavailableError(
                UnavailableReason.FAILED, f"espeak-ng did not finish within {self._timeout_s:g} s"
            ) from error
        except OSError as error:
            raise SpeechUnavailableError(
                UnavailableReason.FAILED, f"espeak-ng could not run: {error}"
            ) from error
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", errors="replace").strip()
            raise SpeechUnavailableError(
                UnavailableReason.FAILED, f"espeak-ng exited with {done.returncode}: {said or 'no message'}"
            )
        if not out.is_file() or out.stat().st_size <= _WAV_HEADER_BYTES:
            raise SpeechUnavailableError(UnavailableReason.FAILED, f"espeak-ng wrote no audio to {out}")


_WAV_HEADER_BYTES = 44


def _c_locale() -> dict[str, str]:
    """Plain answers to parse, whatever the kiosk's locale; the text itself goes in as UTF-8 (-b 1)."""
    return {**os.environ, "LC_ALL": "C.UTF-8"}

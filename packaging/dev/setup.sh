#!/usr/bin/env bash
# Sets up everything the kiosk and its tests need on a fresh Debian/Ubuntu machine:
# system packages (installed with apt when run as root, otherwise the exact command is
# printed), a virtual environment with the kiosk and its tools (.venv), and a second one
# without PySide6 (.venv-core) in which the core's tests prove the core needs no screen.
# Safe to run again: it only does what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Qt's offscreen and xcb platforms, fonts, audio library (QtMultimedia imports need it),
# Xvfb for a real window on a machine without a display; CUPS and its virtual PDF printer,
# which the printing tests print through; mtools and e2fsprogs for the USB-stick tests (FAT
# images, a read-only ext4 stick); sqlite3 for the export benchmark's comparison;
# desktop-file-validate, shellcheck and systemd-analyze for the packaging checks (packaging/linux);
# espeak-ng for narration and PulseAudio with its tools (the audio tests record a null sink's
# monitor); libpipewire because QtMultimedia looks for it and logs a warning on every start without it.
# openbox, xdotool and x11-utils: a real window manager minimises the kiosk window on Xvfb and
# it must come back full screen (tests/integration/test_window_manager.py).
# postgresql: the district office's hub is tested on a real server (a throw-away cluster per test
# session, tests/integration/test_hub_postgresql.py).
SYSTEM_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  libpulse0 xvfb xauth
  cups cups-client printer-driver-cups-pdf
  mtools e2fsprogs sqlite3
  desktop-file-utils shellcheck systemd
  espeak-ng pulseaudio pulseaudio-utils libpipewire-0.3-0
  minisign
  openbox xdotool x11-utils
  postgresql
)
PYTHON=${PYTHON:-python3}

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# pip's own chatter goes to a log, shown only if a step fails.
quietly() {
  local log=$1
  shift
  if ! "$@" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "setup: failed: $*" >&2
    exit 1
  fi
}

stamp_of() { sha256sum pyproject.toml packaging/dev/setup.sh | sha256sum | cut -c1-16; }
STAMP=$(stamp_of)

if [ ! -f .venv/.kiosk-stamp ] || [ "$(cat .venv/.kiosk-stamp)" != "$STAMP" ]; then
  echo "setup: preparing .venv"
  "$PYTHON" -m venv .venv
  : >.venv/setup.log
  quietly .venv/setup.log .venv/bin/python -m pip install --upgrade pip
  quietly .venv/setup.log .venv/bin/python -m pip install -e ".[dev]"
  echo "$STAMP" > .venv/.kiosk-stamp
fi

if [ ! -f .venv-core/.kiosk-stamp ] || [ "$(cat .venv-core/.kiosk-stamp)" != "$STAMP" ]; then
  echo "setup: preparing .venv-core (the core without PySide6)"
  "$PYTHON" -m venv .venv-core
  : >.venv-core/setup.log
  quietly .venv-core/setup.log .venv-core/bin/python -m pip install --upgrade pip
  # Every dependency and dev tool except those listed as ui-only in pyproject.toml.
  mapfile -t core_requirements < <(.venv/bin/python - <<'PY'
import re
import tomllib

with open("pyproject.toml", "rb") as stream:
    project = tomllib.load(stream)
ui_only = set(project["tool"]["kiosk"]["ui-only-dependencies"])
requirements = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["dev"]
for requirement in requirements:
    name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()
    if name not in ui_only:
        print(requirement)
PY
)
  quietly .venv-core/setup.log .venv-core/bin/python -m pip install "${core_requirements[@]}"
  quietly .venv-core/setup.log .venv-core/bin/python -m pip install --no-deps -e .
  if .venv-core/bin/python -c "import PySide6" 2>/dev/null; then
    echo "setup: PySide6 leaked into .venv-core" >&2
    exit 1
  fi
  echo "$STAMP" > .venv-core/.kiosk-stamp
fi

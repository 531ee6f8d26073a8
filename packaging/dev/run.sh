#!/usr/bin/env bash
# Sets everything up, then starts the kiosk in a window. Arguments go to the kiosk
# (e.g. --kiosk for full screen, --data-dir DIR). On a machine with no display the kiosk
# runs on a virtual one (Xvfb) so it can still be checked and screenshotted.
set -euo pipefail
cd "$(dirname "$0")/../.."
packaging/dev/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting the kiosk on a virtual display (xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/kiosk "$@"
fi
exec .venv/bin/kiosk "$@"

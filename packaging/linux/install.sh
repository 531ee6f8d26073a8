#!/usr/bin/env bash
# Installs the kiosk on a Debian 12 / Ubuntu 22.04+ machine as a locked-down kiosk that starts
# at boot: the cage Wayland compositor on tty7 runs the frozen kiosk as the unprivileged user
# "kiosk" (see digital-literacy-kiosk.service). Safe to run again, e.g. to update the kiosk.
#
#   sudo packaging/linux/install.sh [BUNDLE]     BUNDLE: the one-folder bundle (default dist/kiosk)
#   sudo packaging/linux/install.sh --no-start   install and enable, but do not (re)start now
#   printf '%s\n' "$PIN" | sudo packaging/linux/install.sh --pin-from-stdin
#                                                the organiser PIN from one line of stdin (scripts)
#
# Steps: system packages (cage, audio, printing, speech) -> the "kiosk" user and its state folder
# /var/lib/digital-literacy-kiosk -> the bundle in /opt/digital-literacy-kiosk (swapped in whole;
# the old one kept as .previous) -> the frozen self-test, as the kiosk user -> the organiser PIN
# (asked twice at the terminal, unless one is set already) -> PAM stack, udev rule for USB
# sticks, desktop entry, unit -> enabled, graphical boot, started. Of the state, only the PIN
# file is written here; a forgotten PIN is set again with the same command (see README.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/digital-literacy-kiosk
KIOSK_USER=kiosk
UNIT=digital-literacy-kiosk.service
STATE=/var/lib/digital-literacy-kiosk
START=yes
PIN_FROM_STDIN=no
BUNDLE=$HERE/../../dist/kiosk

for argument in "$@"; do
  case $argument in
    --no-start) START=no ;;
    --pin-from-stdin) PIN_FROM_STDIN=yes ;;
    -h | --help)
      sed -n '2,17p' "$0"
      exit 0
      ;;
    -*)
      echo "install: unknown option $argument" >&2
      exit 2
      ;;
    *) BUNDLE=$argument ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (sudo $0 $*)" >&2
  exit 1
fi
if [ ! -x "$BUNDLE/kiosk" ]; then
  echo "install: no bundle at $BUNDLE (build it with: make bundle)" >&2
  exit 1
fi
BUNDLE=$(cd "$BUNDLE" && pwd)
# Read now, before apt-get or anything else could read standard input.
ORGANISER_PIN=
if [ "$PIN_FROM_STDIN" = yes ] && ! IFS= read -r ORGANISER_PIN; then
  [ -n "$ORGANISER_PIN" ] || { echo "install: --pin-from-stdin: no line on standard input" >&2; exit 1; }
fi

# cage and its session; PipeWire for narration; CUPS client for printing; espeak-ng for speech;
# the libraries Qt's Wayland platform and the bundle take from the system.
PACKAGES=(
  cage dbus-user-session pipewire-pulse wireplumber cups-client espeak-ng
  libegl1 libgl1 libgles2 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libpulse0
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

if ! getent group "$KIOSK_USER" >/dev/null; then
  groupadd --system "$KIOSK_USER"
fi
if ! id "$KIOSK_USER" >/dev/null 2>&1; then
  echo "install: creating the user $KIOSK_USER"
  useradd --system --gid "$KIOSK_USER" --create-home --home-dir "/home/$KIOSK_USER" \
    --shell /usr/sbin/nologin --comment "Digital-literacy kiosk" "$KIOSK_USER"
fi
# The unit's StateDirectory, made now so the organiser PIN can be set before the first start.
install -d -m 0750 -o "$KIOSK_USER" -g "$KIOSK_USER" "$STATE"
# Seat devices (GPU, input) and sound; groups that do not exist on this system are skipped.
for group in video render input audio; do
  if getent group "$group" >/dev/null; then
    usermod --append --groups "$group" "$KIOSK_USER"
  fi
done

# The bundle: copied beside, checked, then swapped in by two renames, so a failed copy never
# leaves a half-updated kiosk. Unchanged bundles are left as they are.
if [ -d "$PREFIX" ] && diff -rq "$BUNDLE" "$PREFIX" >/dev/null 2>&1; then
  echo "install: $PREFIX is up to date"
else
  echo "install: installing the bundle to $PREFIX"
  rm -rf "$PREFIX.new"
  cp -a "$BUNDLE" "$PREFIX.new"
  chown -R root:root "$PREFIX.new"
  chmod -R go-w "$PREFIX.new"
  if [ -d "$PREFIX" ]; then
    rm -rf "$PREFIX.previous"
    mv "$PREFIX" "$PREFIX.previous"
  fi
  mv "$PREFIX.new" "$PREFIX"
fi

# The frozen self-test, as the kiosk user, in a temporary data dir (the real state is not touched).
echo "install: running the self-test"
if ! runuser -u "$KIOSK_USER" -- env HOME="/home/$KIOSK_USER" LANG=C.UTF-8 "$PREFIX/kiosk" --self-test; then
  echo "install: the self-test failed; the kiosk is installed but not enabled" >&2
  exit 1
fi

# The organiser PIN, before the kiosk ever faces the public: otherwise the first person to find the
# hidden entry would choose it. A PIN already set is kept. Run as root, set-pin gives the file to
# the owner of the state folder (the kiosk user); it refuses weak PINs and says why.
SET_PIN=("$PREFIX/kiosk" --data-dir "$STATE" set-pin --organiser --if-unset)
if [ "$PIN_FROM_STDIN" = yes ]; then
  pin_set() { printf '%s\n' "$ORGANISER_PIN" | "${SET_PIN[@]}"; }
elif [ -t 0 ]; then
  echo "install: choose the organiser PIN (6 to 8 digits; it is not shown as you type)"
  pin_set() { "${SET_PIN[@]}"; }
else
  pin_set() { "${SET_PIN[@]}" </dev/null; }
fi
if ! pin_set; then
  echo "install: the organiser PIN was not set; the kiosk is installed but not enabled." >&2
  echo "install: run this script again in a terminal, or with --pin-from-stdin" >&2
  exit 1
fi
unset ORGANISER_PIN

install -D -m 0644 "$HERE/kiosk-cage.pam" /etc/pam.d/kiosk-cage
install -D -m 0644 "$HERE/90-kiosk-usb-sticks.rules" /etc/udev/rules.d/90-kiosk-usb-sticks.rules
install -D -m 0644 "$HERE/digital-literacy-kiosk.desktop" /usr/share/applications/digital-literacy-kiosk.desktop
install -D -m 0644 "$HERE/digital-literacy-kiosk.svg" \
  /usr/share/icons/hicolor/scalable/apps/digital-literacy-kiosk.svg
install -D -m 0644 "$HERE/$UNIT" "/etc/systemd/system/$UNIT"
udevadm control --reload-rules || true

systemctl daemon-reload
systemctl set-default graphical.target >/dev/null
# The kiosk takes tty7; no login prompt is started there.
systemctl mask getty@tty7.service >/dev/null
systemctl enable "$UNIT"
if [ "$START" = yes ]; then
  systemctl restart "$UNIT"
  echo "install: started; see: systemctl status $UNIT, journalctl -u $UNIT"
else
  echo "install: enabled; it starts at the next boot (or: systemctl start $UNIT)"
fi
# The way into organiser mode is hidden from visitors: the one who installs is told it here.
echo "install: organiser mode: hold the top-left corner of the screen for 3 seconds (or press Ctrl+Alt+O), then enter the organiser PIN"

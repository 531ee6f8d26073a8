#!/usr/bin/env bash
# Builds the kiosk's one-folder bundle with PyInstaller: dist/kiosk/kiosk (and its _internal/).
#
#   packaging/pyinstaller/build.sh               build (the .venv must exist: make run or make test)
#   packaging/pyinstaller/build.sh --self-test   build, then run the frozen `kiosk --self-test`
#
# The spec (kiosk.spec) lists the data explicitly: content, fonts, the Alembic migrations.
# PyInstaller's analysis cache lives in build/pyinstaller, so a rebuild after a small change
# takes seconds less; the bundle is replaced whole each time.
set -euo pipefail
cd "$(dirname "$0")/../.."

SELF_TEST=no
for argument in "$@"; do
  case $argument in
    --self-test) SELF_TEST=yes ;;
    *)
      echo "build: unknown argument $argument" >&2
      exit 2
      ;;
  esac
done

if [ ! -x .venv/bin/pyinstaller ]; then
  echo "build: .venv/bin/pyinstaller is missing; run packaging/dev/setup.sh first" >&2
  exit 1
fi

started=$SECONDS
# PyInstaller's chatter goes to a log, shown only if the build fails.
mkdir -p build
if ! .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/kiosk.spec >build/pyinstaller.log 2>&1; then
  cat build/pyinstaller.log >&2
  echo "build: PyInstaller failed" >&2
  exit 1
fi
echo "build: dist/kiosk built in $((SECONDS - started)) s ($(du -sh dist/kiosk | cut -f1))"

if [ "$SELF_TEST" = yes ]; then
  # A clean environment and another working folder, as on a kiosk: nothing from the checkout
  # or the venv can stand in for a file the bundle lacks.
  bundle=$PWD/dist/kiosk
  cd /
  env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" \
    "$bundle/kiosk" --self-test
fi

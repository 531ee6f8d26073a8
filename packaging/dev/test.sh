#!/usr/bin/env bash
# Sets everything up, then runs every check: lint, format, strict typing, the import
# contract (the core never imports the UI stack), the full test suite, and the core's
# tests again in an environment where PySide6 is not installed; every benchmark in its quick
# mode (tests/benchmarks: tiny counts, no timing asserted, fails if the measured path breaks);
# last, the PyInstaller bundle is built and its frozen `kiosk --self-test` run
# (packaging/pyinstaller/build.sh).
# Extra arguments go to the full pytest run (e.g. -k journey).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
packaging/dev/setup.sh || exit 1

failed=()
step() {
  local name=$1
  shift
  echo "== $name"
  "$@"
  local status=$?
  # pytest exits 5 when it collected no tests: that is a failure here.
  if [ $status -ne 0 ]; then
    failed+=("$name (exit $status)")
  fi
}

step "ruff lint" .venv/bin/ruff check .
step "ruff format" .venv/bin/ruff format --check .
step "mypy --strict" .venv/bin/mypy
step "import contract" .venv/bin/lint-imports
# The step pictures' copies of the drawing kit (content/kit/) are the kit's current parts.
step "content kit" .venv/bin/python tools/content_kit.py --check
step "pytest" .venv/bin/python -m pytest "$@"
# The core's own tests, without PySide6, qasync or pytest-qt.
step "pytest (core without Qt)" .venv-core/bin/python -m pytest tests/unit/kiosk \
  -p no:cacheprovider
# Each benchmark once, quickly, so one that no longer runs fails here rather than on the day
# it is needed; it prints its figures but asserts no timing.
benchmarks_quick() {
  local status=0 benchmark
  for benchmark in tests/benchmarks/*.py; do
    echo "-- $benchmark --quick"
    .venv/bin/python "$benchmark" --quick || status=1
  done
  return $status
}
step "benchmarks (quick)" benchmarks_quick
step "bundle + frozen self-test" packaging/pyinstaller/build.sh --self-test

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All checks passed."

"""The ``kiosk`` command: one ordered start-up.

Order, and why:
1. Parse the arguments. Commands that need no screen (``content check``, ``content list``)
   run straight away from the core and exit; PySide6 is not even imported for them.
2. Set the data dir (``--data-dir``), create it and try writing there. A read-only or full
   disk does not stop the kiosk: it serves visitors without statistics, and the organiser's
   dashboard says what to do.
3. Logging to rotating files in the data dir (to stderr, the journal, when they cannot be
   opened), and faulthandler, before anything can fail.
4. Global exception hooks: from here on no error goes unlogged.
5. Settings (a damaged file is kept aside; defaults are used).
5b. The statistics database is only named here: once the start screen is painted, a
   background thread checks it with the standard sqlite3 (a damaged file is set aside;
   Alembic runs only when its schema is old), then SQLAlchemy opens it
   (``kiosk.stats.service``). A read-only or full disk turns statistics off for this run;
   the kiosk serves visitors all the same.
6. UI text catalogues and content packs (a broken tutorial is skipped with a log line),
   or, if no content file changed since the last start, their checked result from the
   content cache in the data dir (``kiosk.content.cache``).
7. Only now the QApplication, fonts and the window with its start screen. Once that is
   painted, the other screens, the handout printer and the qasync loop are made, and the
   loop runs (``ui.app.run``). ``start(argv)`` stops before the loop so tests can drive the
   real application. At the first start, the key that signs exports is made then too, on a
   thread of its own (``kiosk.export.kiosk_key``).
8. Under systemd (packaging/linux), ``READY=1`` goes out only now, after the database check
   and the first paint; the GUI thread then feeds the watchdog (``ui.runtime.watchdog``).
``--self-test`` leaves this order after step 1: it checks the same pieces in a temporary data
dir (``ui.tools.self_test``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kiosk import cli
from kiosk.content.cache import load_content
from kiosk.content.installed import packs_dir
from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.stats.service import Statistics
from kiosk.system import logs, paths
from kiosk.system import settings as settings_store
from kiosk.system.crash_hooks import ExceptionHooks
from kiosk.system.settings import Settings

if TYPE_CHECKING:
    from kiosk.stats.startup import StartupCheck
    from ui.app import KioskApp

log = logging.getLogger(__name__)


class Prepared(NamedTuple):
    """Everything start-up sets up before Qt exists.

    A named tuple: a frozen dataclass would cost some 0.5 ms of every start to define.
    """

    args: argparse.Namespace
    settings: Settings
    ui_text: UiText
    catalogue: Catalogue
    hooks: ExceptionHooks
    statistics: Statistics


def prepare(args: argparse.Namespace) -> Prepared:
    """Steps 2–6 of the start-up order (see the module docstring)."""
    if args.data_dir is not None:
        paths.set_data_dir(args.data_dir.resolve())
    problem = paths.ensure_data_dirs()
    log_file = logs.setup(paths.log_dir())
    hooks = ExceptionHooks(kiosk_mode=args.kiosk)
    hooks.install()
    log.info(
        "Kiosk starting (kiosk mode: %s); data dir %s; log %s",
        args.kiosk,
        paths.data_dir(),
        log_file or "to stderr",
    )
    if problem is not None:
        log.error("%s; the kiosk serves visitors without statistics this time", problem)
    settings = settings_store.load(paths.settings_file())
    # Checked with the open, in the background after the first paint (kiosk.stats.service).
    database = paths.statistics_database()
    statistics = Statistics(
        _check_later(database) if problem is None else _statistics_off(problem),
        path=database,
        on_unavailable=_log_unavailable,
    )
    ui_text, catalogue = load_content(paths.ui_text_dir(), packs_dir(), paths.content_cache_file())
    log.info(
        "Loaded %d tutorials in %d categories; languages %s",
        len(catalogue.tutorials),
        len(catalogue.categories),
        ", ".join(catalogue.languages),
    )
    return Prepared(args, settings, ui_text, catalogue, hooks, statistics)


def _check_later(path: Path) -> Callable[[], StartupCheck]:
    """The database's start-up check, to be run with the open (its imports wait too)."""

    def check() -> StartupCheck:
        from kiosk.stats.startup import check_database

        return check_database(path)

    return check


def _statistics_off(problem: paths.DataDirProblem) -> Callable[[], StartupCheck]:
    """A data dir that cannot be written (read-only or full) keeps the statistics off for this run."""

    def check() -> StartupCheck:
        from kiosk.stats.failures import classify
        from kiosk.stats.startup import StartupCheck

        path = paths.statistics_database()
        return StartupCheck(path, unavailable=classify(problem.error, path))

    return check


def _log_unavailable(error: Exception) -> None:
    """The recorder's writes failing (disk full, stick pulled): the organiser reads it in the log."""
    log.error("statistics are not being saved: %s", error)


def start(argv: list[str], *, clock: Callable[[], float] = time.monotonic) -> KioskApp:
    """Start the kiosk up to a painted start screen, without entering the event loop.

    ``clock`` is the window's clock for taps and idle time (a benchmark taps faster than a visitor).
    """
    prepared = prepare(cli.parse(argv))
    return _build_window(prepared, argv, clock)


def _build_window(
    prepared: Prepared, argv: list[str], clock: Callable[[], float] = time.monotonic
) -> KioskApp:
    from ui.app import build

    kiosk_app = build(
        [sys.argv[0], *argv],
        settings=prepared.settings,
        catalogue=prepared.catalogue,
        ui_text=prepared.ui_text,
        kiosk_mode=prepared.args.kiosk,
        clock=clock,
        statistics=prepared.statistics,
    )
    prepared.hooks.set_recovery(kiosk_app.recover_from_error)
    key_file = paths.kiosk_key_file()
    if kiosk_app.window.first_paint_done:
        _make_signing_key(key_file)
    else:
        kiosk_app.window.first_painted.connect(lambda: _make_signing_key(key_file))
    return kiosk_app


def _make_signing_key(path: Path) -> None:
    """The export signing key, if there is none yet: on its own thread, imports and all.

    A kiosk that has its key loads nothing for it here: the key is read (and a damaged one
    replaced) when it is used, by an export or the organiser's dashboard.
    """
    if path.exists():
        return

    def make() -> None:
        from kiosk.export.kiosk_key import ensure_key

        ensure_key(path)

    threading.Thread(target=make, name="kiosk-key", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = cli.parse(arguments)
    result = cli.run_core_command(args)
    if result is not None:
        return result
    if args.command == "hub":
        # `kiosk hub` with no action: the district office's window, not the kiosk (no data dir).
        from ui.hub.window import run_hub_window

        return run_hub_window(args.db)
    if args.self_test:
        # Before prepare(): the self-test must not log into, or start, the real kiosk's data dir.
        from ui.tools.self_test import run_self_test

        return run_self_test(args.data_dir, sys.stdout)
    prepared = prepare(args)
    if args.command == "screenshots":
        # Rendered off screen, so they look the same on a kiosk, a laptop or a machine with no display.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from ui.tools.screenshots import render_all

        written = render_all(
            args.out,
            settings=prepared.settings,
            catalogue=prepared.catalogue,
            ui_text=prepared.ui_text,
            sizes=args.sizes,
            only=args.scenes,
        )
        print(f"{len(written)} screenshots written to {args.out}")
        return 0
    from ui.app import run

    return run(_build_window(prepared, arguments))


if __name__ == "__main__":
    sys.exit(main())

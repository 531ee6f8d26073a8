"""The child of the lost-journal test: records visits through the kiosk's recorder, then dies.

``stats_wal_child.py DB VISITS HOLD_READER``: records VISITS visits one after another, each
followed by the checkpoint the kiosk makes at the end of a visit, with SQLite's own automatic
checkpoints off (``wal_autocheckpoint=0``). With HOLD_READER 1 a reader (as a long export would)
holds a snapshot from before the first visit, so no checkpoint can empty the journal. Then it
prints ``done`` and leaves with ``os._exit``: no clean close, so the ``-wal`` file stays as a
power cut would leave it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.pool import ConnectionPoolEntry

from kiosk.stats import db
from kiosk.stats.db import open_database
from kiosk.stats.recorder import EndReason, VisitRecorder


def main(path: Path, visits: int, hold_reader: bool) -> None:
    database = open_database(path)

    def no_automatic_checkpoints(driver: Any, _record: ConnectionPoolEntry) -> None:
        driver.execute("PRAGMA wal_autocheckpoint=0")

    event.listen(database.engine, "connect", no_automatic_checkpoints)
    # The reader below would make every checkpoint wait; the test needs no wait.
    db.CHECKPOINT_WAIT_MS = 1
    reader = sqlite3.connect(path, isolation_level=None)
    if hold_reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM visits").fetchone()
    recorder = VisitRecorder(database)
    for _ in range(visits):
        visit = recorder.start_visit(language="vi")
        run = recorder.start_run(
            visit, tutorial_id="vneid-install", content_version="2026.11.24", steps_total=3
        )
        recorder.record_step(run, 0, 4.0)
        recorder.end_visit(visit, EndReason.FINISHED)
        recorder.checkpoint()
    recorder.flush()
    sys.stdout.write("done\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1")

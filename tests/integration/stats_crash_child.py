"""The child of the crash test: records visits as fast as the kiosk's recorder allows, forever.

It prints ``visit <id>`` when a visit's first row is committed and ``ended <id>`` when its
end is committed, flushing each line, so the parent knows exactly which writes were
acknowledged when it kills this process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.stats.db import open_database
from kiosk.stats.recorder import EndReason, VisitRecorder


def acknowledge(word: str) -> Callable[[str], None]:
    def committed(row_id: str) -> None:
        sys.stdout.write(f"{word} {row_id}\n")
        sys.stdout.flush()

    return committed


def main(path: Path) -> None:
    database = open_database(path)
    recorder = VisitRecorder(database)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    started, ended = acknowledge("visit"), acknowledge("ended")
    while True:
        visit = recorder.start_visit(language="vi", on_committed=started)
        run = recorder.start_run(
            visit, tutorial_id="vneid-install", content_version="2026.11.24", steps_total=3
        )
        for index in range(3):
            recorder.record_step(run, index, 4.0)
        recorder.finish_run(run, completed=True)
        recorder.mark_handout(run)
        # Wait for this visit's writes, as the kiosk's pace (one visit at a time) would.
        recorder.end_visit(visit, EndReason.FINISHED, on_committed=ended).result()


if __name__ == "__main__":
    main(Path(sys.argv[1]))

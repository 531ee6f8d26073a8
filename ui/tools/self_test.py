"""``kiosk --self-test``: the core's checks (``kiosk.self_test``), then the real window, off screen.

The window is built by ``ui.app.build`` exactly as a start builds it (fonts, Qt message
routing, the start screen), painted, and grabbed; then the first tutorial's first step is
opened and grabbed, which draws a step picture through QtSvg. A picture that is one flat
colour means Qt ran but drew nothing (a missing platform or image plugin, no fonts). Each
check prints one line; the exit code is 0 only if all passed.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from PySide6.QtGui import QFontDatabase, QImage

from kiosk.self_test import (
    CheckFailedError,
    CheckOutcome,
    LoadedContent,
    data_dir_for_self_test,
    guarded,
    run_core_checks,
)
from kiosk.system import paths
from kiosk.system import settings as settings_store
from ui.app import build
from ui.look import theme

# A screen counts as drawn when no single colour covers more than this share of it ...
_MAX_FLAT_SHARE = 0.97
# ... and it shows at least this many colours (background, text, buttons, picture).
_MIN_COLOURS = 4
# Sample every n-th pixel in both directions: plenty for "is anything drawn", and fast.
_SAMPLE_STEP = 8


def drawn_colours(image: QImage) -> tuple[int, float]:
    """(distinct colours, share of the commonest one) of ``image``, sampled on a grid."""
    counts: Counter[int] = Counter()
    for y in range(0, image.height(), _SAMPLE_STEP):
        for x in range(0, image.width(), _SAMPLE_STEP):
            counts[image.pixel(x, y)] += 1
    total = sum(counts.values())
    if not total:
        return 0, 1.0
    return len(counts), counts.most_common(1)[0][1] / total


def _require_drawn(what: str, image: QImage) -> str:
    colours, flat = drawn_colours(image)
    if colours < _MIN_COLOURS or flat > _MAX_FLAT_SHARE:
        raise CheckFailedError(f"the {what} came out blank ({colours} colours, {flat:.0%} one colour)")
    return f"{what} {colours} colours"


def check_screen(content: LoadedContent) -> str:
    """Build the real window off screen, paint it, and look at the start screen and a step."""
    kiosk_app = build(
        ["kiosk-self-test"],
        settings=settings_store.load(paths.settings_file()),
        catalogue=content.catalogue,
        ui_text=content.ui_text,
        kiosk_mode=False,
    )
    try:
        window = kiosk_app.window
        if kiosk_app.wait_for_first_paint() is not None or not window.first_paint_done:
            raise CheckFailedError("the start screen was never painted")
        if theme.FONT_FAMILY not in QFontDatabase.families():
            raise CheckFailedError(f"the bundled font {theme.FONT_FAMILY} is not loaded")
        seen = [_require_drawn("start screen", window.grab().toImage())]
        tutorial = content.catalogue.tutorials[0]
        window.open_tutorial(tutorial.id, 0)
        kiosk_app.app.processEvents()
        seen.append(_require_drawn(f"first step of {tutorial.id}", window.grab().toImage()))
        size = window.size()
        return f"{size.width()}x{size.height()} on {kiosk_app.app.platformName()}: {', '.join(seen)}"
    finally:
        kiosk_app.close()


def run_self_test(data_dir: Path | None, out: TextIO) -> int:
    """Every check, one line each on ``out``; 0 when all passed, 1 otherwise."""
    # Off screen whatever the machine has: the check must not need (or grab) the kiosk's display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    with data_dir_for_self_test(data_dir):
        outcomes, content = run_core_checks()
        if content is None:
            outcomes.append(CheckOutcome("screen", False, "not rendered: the content did not load"))
        else:
            outcomes.append(guarded("screen", lambda: check_screen(content)))
    for outcome in outcomes:
        print(f"self-test: {outcome}", file=out)
    failed = [outcome.name for outcome in outcomes if not outcome.ok]
    took = time.monotonic() - started
    if failed:
        print(f"self-test FAILED ({', '.join(failed)}) in {took:.1f} s", file=out)
        return 1
    print(f"self-test passed: {len(outcomes)} checks in {took:.1f} s", file=out)
    return 0

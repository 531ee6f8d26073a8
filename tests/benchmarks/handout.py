"""Handout build time against a minimal reportlab page with the same title and QR code.

Both are built in the same run, alternating, so the ratio says what the handout (steps,
pictures, layout, page fitting) costs on top of the least any reportlab PDF with this
font and code costs on this machine. Goal: median ratio <= 2. Also prints the first
(cold) handout: imports excluded, but fonts, SVG conversion and reportlab's caches cold.

``--quick`` (run by ``make test``) builds one tutorial's handouts once: it prints the same
figures, asserts no timing, and fails only if a handout or the floor page is no PDF.

    .venv/bin/python tests/benchmarks/handout.py [--runs 7] [--quick]
"""

from __future__ import annotations

import argparse
import functools
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Tutorial
from kiosk.handouts import HandoutWords, PaperSize, build_handout, fonts
from kiosk.handouts.qr import QrCode, qr_matrix

TODAY = date(2026, 11, 24)
POINT = "Nhà văn hóa thôn Bản Lang"


def minimal_page(tutorial: Tutorial, language: str, fresh_qr: bool = False) -> bytes:
    """The floor: one page, the title in Noto Sans Bold, the same vector QR code.

    ``fresh_qr`` recomputes the QR matrix (mask choice) instead of taking the kiosk's cached one.
    """
    fonts.register_fonts()
    if fresh_qr:
        qr_matrix.cache_clear()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(fonts.BOLD, 26)
    canvas.drawString(20 * mm, 270 * mm, tutorial.text(language).title)
    code = QrCode.sized(tutorial.qr_url, 42 * mm)
    code.wrapOn(canvas, 100 * mm, 100 * mm)
    code.drawOn(canvas, 20 * mm, 180 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def handout(tutorial: Tutorial, language: str, size: PaperSize, words: HandoutWords) -> bytes:
    return build_handout(tutorial, language, size, point_name=POINT, today=TODAY, words=words)


def _time(work: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    pdf = work()
    elapsed = time.perf_counter() - start
    # What was timed must be a whole PDF, or the figures measure a failure.
    if not (pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")):
        raise SystemExit(f"handout benchmark broken: {work!r} built no PDF ({len(pdf)} bytes)")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="a check that it still runs: one tutorial, once")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1

    catalogue = load_catalogue(packs_dir())
    tutorials = catalogue.tutorials[:1] if args.quick else catalogue.tutorials
    words = {language: HandoutWords.load(language) for language in ("vi", "en")}
    first = catalogue.tutorials[0]
    cold = _time(lambda: handout(first, "vi", PaperSize.A4, words["vi"]))
    print(f"first (cold) handout: {cold * 1000:.0f} ms ({first.id}, vi, a4)")

    for tutorial in tutorials:  # warm every picture and font subset once
        handout(tutorial, "vi", PaperSize.A4, words["vi"])
    ratios: dict[PaperSize, list[float]] = {size: [] for size in PaperSize}
    times: dict[PaperSize, list[float]] = {size: [] for size in PaperSize}
    fresh_ratios: list[float] = []
    floors: list[float] = []
    fresh_floors: list[float] = []
    for tutorial in tutorials:
        for language in ("vi", "en"):
            for size in PaperSize:
                built: list[float] = []
                floor: list[float] = []
                fresh: list[float] = []
                for _ in range(args.runs):
                    floor.append(_time(functools.partial(minimal_page, tutorial, language)))
                    fresh.append(_time(functools.partial(minimal_page, tutorial, language, fresh_qr=True)))
                    minimal_page(tutorial, language)  # leave the QR cache warm for the handout
                    built.append(_time(functools.partial(handout, tutorial, language, size, words[language])))
                ratios[size].append(statistics.median(built) / statistics.median(floor))
                fresh_ratios.append(statistics.median(built) / statistics.median(fresh))
                times[size].append(statistics.median(built))
                floors.append(statistics.median(floor))
                fresh_floors.append(statistics.median(fresh))
    print(
        f"minimal page, QR matrix cached as the kiosk does: median {statistics.median(floors) * 1000:.1f} ms"
    )
    print(
        f"minimal page, QR matrix computed each time: median {statistics.median(fresh_floors) * 1000:.1f} ms"
    )
    for size in PaperSize:
        print(
            f"{size.value:>7} handout: median {statistics.median(times[size]) * 1000:.1f} ms, "
            f"ratio {statistics.median(ratios[size]):.2f}x (max {max(ratios[size]):.2f}x) "
            f"over {len(ratios[size])} handouts x {args.runs} runs"
        )
    overall = statistics.median([r for values in ratios.values() for r in values])
    print(f"median ratio (handout / minimal page, both with the cached QR): {overall:.2f}x (goal <= 2x)")
    print(f"median ratio (handout / minimal page computing its QR): {statistics.median(fresh_ratios):.2f}x")


if __name__ == "__main__":
    main()

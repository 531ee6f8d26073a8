"""Render every screen to PNG: each window size × language × both themes × normal and extra-large text.

For people first: translators, content authors and reviewers look at these pictures to
check that nothing is clipped, cramped or unreadable without standing at a kiosk. The
window is rendered off screen with a frozen clock, so no idle warning interrupts. The
handout's print states (printing, printed, failed with the QR code) are shown as the screens
show them; nothing is sent to a printer.

Each window size gets its own folder (``1366x768/``, ``1920x1080/``): by default the commonest
kiosk laptop, where extra-large text is tightest, and a full-HD screen, where things must grow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QApplication

from kiosk.content.model import Catalogue, QuizAnswer, StepKind, Tutorial
from kiosk.i18n import UiText
from kiosk.printing.state import (
    FROM_CATALOGUE,
    FROM_FINISH,
    PrinterProblem,
    PrintPhase,
    PrintState,
)
from kiosk.system.settings import Settings
from kiosk.visit.session import TextSize
from ui.runtime.qt_setup import QtMessageRouter, ensure_application, load_fonts
from ui.shell.window import MainWindow, Screen

log = logging.getLogger(__name__)

THEMES = {"default": False, "high-contrast": True}
TEXT_SIZES = {"normal": TextSize.NORMAL, "extra-large": TextSize.EXTRA_LARGE}
# The window sizes pictured when none is asked for: (width, height).
WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1366, 768), (1920, 1080))


def size_name(size: tuple[int, int]) -> str:
    """``1366x768``: the folder a window size's pictures go into."""
    width, height = size
    return f"{width}x{height}"


def _frozen_clock() -> float:
    return 0.0


def _first_step(catalogue: Catalogue, kind: StepKind) -> tuple[str, int] | None:
    for tutorial in catalogue.tutorials:
        for index, step in enumerate(tutorial.steps):
            if step.kind is kind:
                return tutorial.id, index
    return None


def scenes(window: MainWindow, catalogue: Catalogue) -> Iterator[tuple[str, Callable[[], None]]]:
    """(name, set-up) for each picture; each set-up starts from the start screen."""
    instruction = _first_step(catalogue, StepKind.INSTRUCTION)
    quiz = _first_step(catalogue, StepKind.QUIZ)
    yield "01-start", lambda: window.show_screen(Screen.START)
    yield "02-language", lambda: window.show_screen(Screen.LANGUAGE)
    yield "03-catalogue", lambda: window.show_screen(Screen.CATALOGUE)
    if instruction is not None:
        yield "04-player", lambda: window.open_tutorial(*instruction)
    if quiz is not None:
        yield "05-quiz", lambda: window.open_tutorial(*quiz)

        def answered() -> None:
            window.open_tutorial(*quiz)
            step = window.player_screen.step
            if step is not None and step.answer is not None:
                window.player_screen.quiz.choose(step.answer)

        yield "06-quiz-answered", answered
    if catalogue.tutorials:

        def finish() -> None:
            tutorial = catalogue.tutorials[0]
            window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
            window.show_finish()

        yield "07-finish", finish
    drill = max(catalogue.tutorials, key=lambda t: sum(s.answer is not None for s in t.steps), default=None)
    if drill is not None and quiz is not None:
        yield "07-finish-score", partial(_drill_answered, window, drill)
    yield "08-idle", lambda: window.show_idle_warning(round(window.idle_watcher.answer_s))

    def phone_pause() -> None:
        # "I am trying on my phone", 28 s in: the clock reads 4:32 with the default 5 minutes.
        total = round(window.idle_watcher.phone_pause_s)
        window.idle_overlay.show_phone_pause(max(0, total - 28), total)

    yield "08-idle-phone", phone_pause
    yield "09-comfort", window.open_comfort
    if catalogue.tutorials:
        yield from _print_scenes(window, catalogue)
    yield from _reading_aloud_scenes(window, instruction)
    from ui.tools.practice_shots import practice_scenes

    yield from practice_scenes(window, catalogue)


def _drill_answered(window: MainWindow, drill: Tutorial) -> None:
    """The drill answered, the first two questions wrong: the score and what to look at again."""
    window.open_tutorial(drill.id, len(drill.steps) - 1)
    questions = [(i, s.answer) for i, s in enumerate(drill.steps) if s.answer is not None]
    for n, (index, answer) in enumerate(questions):
        wrong = QuizAnswer.SAFE if answer is QuizAnswer.SCAM else QuizAnswer.SCAM
        window.session.drill.record(index, wrong if n < 2 else answer)
    window.show_finish()


def _print_scenes(window: MainWindow, catalogue: Catalogue) -> Iterator[tuple[str, Callable[[], None]]]:
    """The handout's print states, shown as the screens would show them (nothing is printed)."""
    tutorial = catalogue.tutorials[0]

    def finish(phase: PrintPhase, problem: PrinterProblem | None = None) -> Callable[[], None]:
        def set_up() -> None:
            window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
            window.show_finish()
            window.finish_screen.show_print_state(PrintState(phase, tutorial.id, FROM_FINISH, problem))

        return set_up

    def in_catalogue(phase: PrintPhase, problem: PrinterProblem | None = None) -> Callable[[], None]:
        def set_up() -> None:
            window.show_screen(Screen.CATALOGUE)
            window.catalogue_screen.select_category(tutorial.category)
            window.catalogue_screen.show_print_state(PrintState(phase, tutorial.id, FROM_CATALOGUE, problem))

        return set_up

    yield "10-finish-printing", finish(PrintPhase.PRINTING)
    yield "11-finish-printed", finish(PrintPhase.DONE)
    yield "12-finish-print-failed", finish(PrintPhase.FAILED, PrinterProblem.NO_PRINTER)
    yield "13-catalogue-printing", in_catalogue(PrintPhase.PRINTING)
    yield "14-catalogue-print-failed", in_catalogue(PrintPhase.FAILED, PrinterProblem.OFF)


def _reading_aloud_scenes(
    window: MainWindow, instruction: tuple[str, int] | None
) -> Iterator[tuple[str, Callable[[], None]]]:
    """Reading aloud on, and a language it cannot speak, as the controls show them (nothing is said)."""
    from ui.widgets.narration_controls import NarrationState

    def showing(state: NarrationState, comfort: bool) -> Callable[[], None]:
        def set_up() -> None:
            if instruction is not None:
                window.open_tutorial(*instruction)
            if comfort:
                window.open_comfort()
            narration = window.narration
            if narration is not None:
                # Shown, not switched on: switched on, it would start reading to an empty room.
                shown = replace(state, room_for_words=window.session.text_size is TextSize.NORMAL)
                narration.toggle.show_state(shown)
                narration.section.show_state(shown)

        return set_up

    yield "15-reading-aloud", showing(NarrationState(on=True), comfort=False)
    yield "16-comfort-reading-aloud", showing(NarrationState(on=True, touch_and_hear=True), comfort=True)
    yield "17-no-voice", showing(NarrationState(available=False), comfort=False)


def render_all(
    out_dir: Path,
    *,
    settings: Settings,
    catalogue: Catalogue,
    ui_text: UiText,
    sizes: Sequence[tuple[int, int]] = (),
    only: Collection[str] = (),
) -> list[Path]:
    """Write one PNG per screen and combination; returns the files in the order written.

    ``sizes``: the window sizes, (width, height) (``WINDOW_SIZES`` when empty), each into its own folder under
    ``out_dir``. ``only``: the scene names to picture (all of them, and organiser mode, when empty).
    """
    app = ensure_application(["kiosk-screenshots"])
    router = QtMessageRouter()
    router.install()
    load_fonts()
    written: list[Path] = []
    try:
        for size in sizes or WINDOW_SIZES:
            folder = out_dir / size_name(size)
            folder.mkdir(parents=True, exist_ok=True)
            written += _render_size(app, folder, QSize(*size), settings, catalogue, ui_text, only)
    finally:
        router.uninstall()
    log.info("Wrote %d screenshots to %s", len(written), out_dir)
    return written


def _render_size(
    app: QApplication,
    out_dir: Path,
    size: QSize,
    settings: Settings,
    catalogue: Catalogue,
    ui_text: UiText,
    only: Collection[str],
) -> list[Path]:
    window = MainWindow(
        settings=settings, catalogue=catalogue, ui_text=ui_text, kiosk_mode=False, clock=_frozen_clock
    )
    window.idle_watcher.stop()
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(size)
    window.show()
    written: list[Path] = []
    try:
        for lang in ui_text.languages():
            for theme_name, high_contrast in THEMES.items():
                for text_name, text_size in TEXT_SIZES.items():
                    for scene, set_up in scenes(window, catalogue):
                        if only and scene not in only:
                            continue
                        window.return_to_start()
                        window.session.choose_language(lang)
                        window.session.set_text_size(text_size)
                        window.session.set_high_contrast(high_contrast)
                        set_up()
                        path = out_dir / f"{lang}-{theme_name}-{text_name}-{scene}.png"
                        _settle(app)
                        if not window.grab().save(str(path)):
                            raise OSError(f"could not write {path}")
                        written.append(path)
        if not only:
            from ui.tools.organiser_shots import render_organiser

            written += render_organiser(
                out_dir, catalogue=catalogue, ui_text=ui_text, size=size, settle=lambda: _settle(app)
            )
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        _settle(app)
    return written


def _settle(app: QApplication) -> None:
    """Let layouts and style changes finish before a picture is taken."""
    for _ in range(3):
        app.processEvents()
        # Without a running event loop, widgets replaced by deleteLater() are only freed on request.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

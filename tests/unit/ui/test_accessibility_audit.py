"""The accessibility audit: every screen, in each language, both themes, every text size.

On each, for what the visitor sees on top: every control has an accessible name in the
screen's language (translated: it changes when its words change) that contains its words;
every control is at least 12 mm and 64 px; the words, as painted, reach 4.5:1 against what
is behind them (7:1 in high contrast); and no words are cut off. The shipped tutorials are
used, so real text lengths are checked. One window per screen, theme and size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue, QuizAnswer, StepKind
from kiosk.content.signing import SecretKey
from kiosk.content.sticks import KEYS_FOLDER
from kiosk.printing.state import FROM_CATALOGUE, FROM_FINISH, IDLE, PrintPhase, PrintState
from kiosk.visit.session import TextSize
from tests.helpers.accessibility import (
    Named,
    clipping_problems,
    contrast_problems,
    name_problems,
    names,
    settle_fully,
    size_problems,
    translation_problems,
)
from tests.helpers.clock import FakeClock
from tests.helpers.content_packs import stick_pack
from tests.helpers.organiser import filled_database, organiser_screen, pin_store
from tests.helpers.qt import open_kiosk, qasync_loop, settle, ui_text
from ui.input.keys import Action
from ui.look import theme
from ui.look.style import stylesheet
from ui.shell.window import MainWindow, Screen

LANGUAGES = ("vi", "en")
THEMES = {"default": False, "high-contrast": True}

# A scene sets the window up from the start screen and yields a name for each state to check.
Scene = Callable[[MainWindow, Catalogue], Iterator[str]]

_shipped: list[Catalogue] = []


def shipped() -> Catalogue:
    if not _shipped:
        _shipped.append(load_catalogue(packs_dir(), ui_languages=ui_text().languages()))
    return _shipped[0]


def _step(catalogue: Catalogue, kind: StepKind) -> tuple[str, int]:
    for tutorial in catalogue.tutorials:
        for index, step in enumerate(tutorial.steps):
            if step.kind is kind:
                return tutorial.id, index
    raise AssertionError(f"no {kind} step in the shipped tutorials")


def start(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.show_screen(Screen.START)
    yield "start"


def language(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.show_screen(Screen.LANGUAGE)
    yield "language"


def topics(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.show_screen(Screen.CATALOGUE)
    for category in window.catalogue_screen.tabs:
        window.catalogue_screen.select_category(category)
        yield category


def instruction(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    tutorial_id, index = _step(catalogue, StepKind.INSTRUCTION)
    window.open_tutorial(tutorial_id, index)
    yield "instruction"
    # The last step: "Next" says "Finish".
    window.open_tutorial(tutorial_id, len(catalogue.tutorial(tutorial_id).steps) - 1)
    yield "last step"


def quiz(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    tutorial_id, index = _step(catalogue, StepKind.QUIZ)
    window.open_tutorial(tutorial_id, index)
    yield "question"
    # Next before an answer: the calm line asking for one.
    window.player_screen.next_button.click()
    settle()
    yield "asked for an answer"
    step = window.player_screen.step
    assert step is not None and step.answer is not None
    wrong = QuizAnswer.SAFE if step.answer is QuizAnswer.SCAM else QuizAnswer.SCAM
    for verdict, answer in (("right", step.answer), ("wrong", wrong)):
        # Opened afresh: an answer is kept for as long as the tutorial is open.
        window.open_tutorial(tutorial_id, index)
        window.player_screen.quiz.choose(answer)
        settle()
        yield verdict


def finish(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    tutorial = catalogue.tutorials[0]
    window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
    window.show_finish()
    yield "finish"
    window.finish_screen.face_buttons["okay"].click()
    yield "thanks"
    # After a drill with every answer wrong: the score and every question to look at again.
    drill = max(catalogue.tutorials, key=lambda t: sum(s.answer is not None for s in t.steps))
    window.open_tutorial(drill.id, len(drill.steps) - 1)
    window.show_finish()
    yield "drill score"


def printing(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    tutorial = catalogue.tutorials[0]
    window.open_tutorial(tutorial.id, len(tutorial.steps) - 1)
    window.show_finish()
    for phase in (PrintPhase.PRINTING, PrintPhase.DONE, PrintPhase.FAILED):
        window.finish_screen.show_print_state(PrintState(phase, tutorial.id, FROM_FINISH))
        yield f"finish {phase.name.lower()}"
    window.finish_screen.show_print_state(IDLE)
    window.show_screen(Screen.CATALOGUE)
    window.catalogue_screen.select_category(tutorial.category)
    for phase in (PrintPhase.PRINTING, PrintPhase.FAILED):
        window.catalogue_screen.show_print_state(PrintState(phase, tutorial.id, FROM_CATALOGUE))
        yield f"topics {phase.name.lower()}"


def comfort(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.open_tutorial(*_step(catalogue, StepKind.INSTRUCTION))
    window.open_comfort()
    yield "comfort"


def idle(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.show_screen(Screen.CATALOGUE)
    window.show_idle_warning(round(window.idle_watcher.answer_s))
    yield "idle"
    window.idle_overlay.show_phone_pause(272, 300)
    yield "phone pause"


def help_screen(window: MainWindow, catalogue: Catalogue) -> Iterator[str]:
    window.open_tutorial(*_step(catalogue, StepKind.INSTRUCTION))
    settle()
    window.keys.perform(Action.HELP)
    yield "help, nothing chosen"
    window.keys.perform(Action.HELP)
    window.keys.focus(window.player_screen.next_button)
    window.keys.perform(Action.HELP)
    yield "help on Next"
    window.keys.perform(Action.HELP)


SCENES: dict[str, Scene] = {
    "start": start,
    "language": language,
    "catalogue": topics,
    "player": instruction,
    "quiz": quiz,
    "finish": finish,
    "print": printing,
    "comfort": comfort,
    "idle": idle,
    "help": help_screen,
}


def back_to_start(window: MainWindow) -> None:
    """The start screen with nothing open, keeping the visitor's text size and theme."""
    window.comfort_panel.hide()
    window.idle_overlay.close_all()
    window.keys.close_help()
    window.finish_screen.show_print_state(IDLE)
    window.catalogue_screen.show_print_state(IDLE)
    window.session.leave_tutorial()
    window.show_screen(Screen.START)


def audit(root: QWidget, dpi: float, floor: float) -> list[str]:
    return [
        *name_problems(names(root)),
        *size_problems(root, dpi),
        *clipping_problems(root),
        *contrast_problems(root, floor),
    ]


@pytest.mark.parametrize("size", list(TextSize), ids=[s.value for s in TextSize])
@pytest.mark.parametrize("theme_name", list(THEMES))
@pytest.mark.parametrize("scene", list(SCENES))
def test_every_visitor_screen(
    qtbot: QtBot, tmp_path: Path, scene: str, theme_name: str, size: TextSize
) -> None:
    catalogue = shipped()
    kiosk = open_kiosk(qtbot, tmp_path, catalogue=catalogue)
    window = kiosk.window
    window.idle_watcher.stop()
    dpi = window.screen().physicalDotsPerInch()
    high_contrast = THEMES[theme_name]
    floor = (theme.HIGH_CONTRAST if high_contrast else theme.DEFAULT).min_contrast
    problems: list[str] = []
    named: dict[str, dict[str, list[Named]]] = {}
    # Restyling the whole window is the slow part: set the look once, then change only the language.
    window.session.set_text_size(size)
    window.session.set_high_contrast(high_contrast)
    for lang in LANGUAGES:
        back_to_start(window)
        window.session.choose_language(lang)
        for state in SCENES[scene](window, catalogue):
            settle_fully()
            problems += [f"{lang} {state}: {problem}" for problem in audit(window, dpi, floor)]
            named.setdefault(state, {})[lang] = names(window)
    for state, by_language in named.items():
        problems += [f"{state}: {p}" for p in translation_problems(by_language["vi"], by_language["en"])]
    assert problems == []


@pytest.mark.parametrize("size", list(TextSize), ids=[s.value for s in TextSize])
@pytest.mark.parametrize("theme_name", list(THEMES))
@pytest.mark.parametrize(
    "page",
    [
        "pin pad",
        "dashboard",
        "update content",
        "undo question",
        "leaving",
        "trusted keys",
        "key check",
        "record voices",
        "voice item",
        "voice checker",
    ],
)
def test_the_organiser_screens(
    qtbot: QtBot, tmp_path: Path, page: str, theme_name: str, size: TextSize
) -> None:
    """Organiser mode opens over the kiosk window, in whatever text size and theme the visit had."""
    high_contrast = THEMES[theme_name]
    look = theme.look_for(size, high_contrast, theme.FALLBACK_DPI)
    database = filled_database(tmp_path / "stats.sqlite3")
    # A stick with a content pack, for the content update page.
    stick = tmp_path / "KIOSK-USB"
    stick_pack(stick, version="2026.12.01")
    # A key to add on the stick, for the trusted keys page.
    (stick / KEYS_FOLDER).mkdir()
    (stick / KEYS_FOLDER / "nhom-noi-dung.pub").write_text(
        SecretKey.generate().public_key.to_text(), encoding="utf-8"
    )
    problems: list[str] = []
    named: dict[str, list[Named]] = {}
    with qasync_loop():
        for lang in LANGUAGES:
            pins = pin_store(tmp_path / lang, FakeClock())
            (tmp_path / lang).mkdir()
            with organiser_screen(qtbot, tmp_path, pins, database, lang=lang, extra_folders=(stick,)) as (
                host,
                screen,
            ):
                host.setStyleSheet(stylesheet(look))
                screen.open()
                if page == "dashboard":
                    screen.stack.setCurrentWidget(screen.dashboard)
                    with qtbot.waitSignal(screen.dashboard.figures_shown, timeout=10000):
                        screen.dashboard.refresh()
                elif page in ("update content", "undo question"):
                    screen.stack.setCurrentWidget(screen.content_panel)
                    with qtbot.waitSignal(screen.content_panel.listed, timeout=10000):
                        screen.content_panel.start()
                    if page == "undo question":
                        screen.content_panel._on_undo_clicked()
                elif page in ("trusted keys", "key check"):
                    keys = screen.trust_page
                    screen.stack.setCurrentWidget(keys)
                    with qtbot.waitSignal(keys.listed, timeout=10000):
                        keys.start()
                    if page == "key check":
                        keys.check(keys.keys[0])
                        for digit in keys.keys[0].key_id[-4:]:
                            keys.hex_buttons[digit].click()
                elif page in ("record voices", "voice item", "voice checker"):
                    voices = screen.voices_page
                    screen.stack.setCurrentWidget(voices)
                    voices.start()
                    voices.agree()
                    if page == "voice item":
                        voices.open_group(next(iter(voices.content.texts.groups)), "record")  # type: ignore[union-attr]
                    elif page == "voice checker":
                        voices._ask_typing("label")
                elif page == "leaving":
                    screen.close_screen()
                    screen.ask_to_leave(lambda: None)
                settle_fully()
                dpi = host.screen().physicalDotsPerInch()
                problems += [f"{lang}: {p}" for p in audit(host, dpi, look.palette.min_contrast)]
                named[lang] = names(host)
    problems += translation_problems(named["vi"], named["en"])
    assert problems == []


# -- the audit's own checks find what they look for -------------------------------------------
def test_the_checks_find_faint_cut_small_and_unnamed_things(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.helpers.organiser import host_window
    from ui.widgets.common import label

    host = host_window(qtbot)
    faint = label("Chữ mờ quá", "body", parent=host)
    faint.setStyleSheet("color: #B0A89C;")
    faint.setGeometry(20, 20, 400, 60)
    cut = label("Một câu rất dài sẽ không vừa trong một ô nhỏ như thế này đâu. " * 3, parent=host)
    cut.setGeometry(20, 100, 300, 40)
    # A plain button (the sheet sizes only buttons with a role), with no name.
    small = QPushButton("✕", host)
    small.setGeometry(20, 200, 40, 40)
    for widget in (faint, cut, small):
        widget.show()
    settle_fully()
    assert any("Chữ mờ quá" in problem for problem in contrast_problems(host, 4.5))
    assert any("Một câu rất dài" in problem for problem in clipping_problems(host))
    assert any("40×40" in problem for problem in size_problems(host, theme.FALLBACK_DPI))
    assert any("no accessible name" in problem for problem in name_problems(names(host)))
    fixed_id = [Named("BigButton", "Quay lại", "back")]
    assert translation_problems(fixed_id, [Named("BigButton", "Back", "back")]) != []
    assert translation_problems(fixed_id, [Named("BigButton", "Quay lại", "back")]) == []
    # A name must say what is written on the control.
    assert name_problems([Named("BigButton", "Tiếp theo", "Quay lại")]) != []

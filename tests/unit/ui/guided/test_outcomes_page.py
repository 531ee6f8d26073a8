"""The outcomes page: what the volunteer ticks is what it returns; reasons only after "could not finish"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Catalogue
from kiosk.i18n import UiText
from kiosk.printing.state import IDLE, PrintPhase, PrintState
from kiosk.visit.guided import GuidedPlan, GuidedSession, TutorialOutcome
from tests.helpers.accessibility import names, translation_problems
from tests.helpers.organiser import host_window
from tests.helpers.qt import settle, shown_texts
from ui.guided.outcomes_page import OutcomesPage

from .conftest import accessibility_problems, tap

PLAN = GuidedPlan(("scam-drill", "vneid-install"), "vi")


def open_outcomes(
    window: QWidget, catalogue: Catalogue, text: UiText, session: GuidedSession, lang: str = "vi"
) -> OutcomesPage:
    page = OutcomesPage(catalogue, text, lang, window)
    assert not page.isVisible()
    page.show_session(session)
    settle()
    return page


def test_each_tutorial_is_listed_in_the_sessions_order_with_its_outcomes(
    window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN), "en")
    assert page.isVisible() and page.geometry() == window.rect()
    texts = shown_texts(page)
    assert texts.index("Guide 1: Spotting scams") < texts.index("Guide 2: Install the VNeID app safely")
    assert {o: b.text() for o, b in page.outcome_buttons["scam-drill"].items()} == {
        "drill-completed": "Practice done",
        "report-sent": "Report sent",
    }
    assert [b.text() for b in page.outcome_buttons["vneid-install"].values()] == ["VNeID installed"]
    assert not any(b.isChecked() for b in page.outcome_buttons["scam-drill"].values())
    assert page.ticked() == {}


def test_reasons_stay_hidden_until_could_not_finish_is_on(
    window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    reasons = page.reason_buttons["vneid-install"]
    assert list(reasons) == ["no-chip-card", "no-internet", "other"]
    assert not any(button.isVisible() for button in reasons.values())
    assert "Chưa có thẻ căn cước gắn chip" not in shown_texts(page)
    tap(page.not_finished_buttons["vneid-install"])
    assert all(button.isVisible() for button in reasons.values())
    assert not any(button.isVisible() for button in page.reason_buttons["scam-drill"].values())
    tap(reasons["no-internet"])
    # Off again: the reasons go, and are no longer ticked (what is recorded is what is shown).
    tap(page.not_finished_buttons["vneid-install"])
    assert not reasons["no-internet"].isVisible()
    assert not reasons["no-internet"].isChecked()
    assert page.ticked() == {}


def test_ticked_returns_what_was_ticked(window: QWidget, catalogue: Catalogue, text: UiText) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    tap(page.outcome_buttons["scam-drill"]["report-sent"])
    tap(page.not_finished_buttons["vneid-install"])
    tap(page.reason_buttons["vneid-install"]["no-chip-card"])
    tap(page.reason_buttons["vneid-install"]["other"])
    ticked = page.ticked()
    assert ticked == {
        "scam-drill": TutorialOutcome(achieved=frozenset({"report-sent"})),
        "vneid-install": TutorialOutcome(reasons=frozenset({"no-chip-card", "other"})),
    }
    assert list(ticked) == ["scam-drill", "vneid-install"]
    # The session accepts every id the page offers.
    session = GuidedSession(PLAN)
    for tutorial_id, outcome in ticked.items():
        session.set_outcome(
            catalogue, tutorial_id, achieved=sorted(outcome.achieved), reasons=sorted(outcome.reasons)
        )
    assert session.ticked() == ticked


def test_a_session_shows_its_own_ticks_and_nothing_of_the_last_one(
    window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    tap(page.outcome_buttons["scam-drill"]["drill-completed"])
    tap(page.not_finished_buttons["vneid-install"])
    tap(page.reason_buttons["vneid-install"]["no-internet"])

    page.show_session(GuidedSession(GuidedPlan(("vneid-install",), "vi")))
    settle()
    assert page.ticked() == {}
    assert list(page.outcome_buttons) == ["vneid-install"]
    assert not page.reason_buttons["vneid-install"]["no-internet"].isVisible()

    earlier = GuidedSession(PLAN)
    earlier.set_outcome(catalogue, "vneid-install", achieved=["vneid-installed"], reasons=["other"])
    page.show_session(earlier)
    settle()
    assert page.not_finished_buttons["vneid-install"].isChecked()
    assert page.reason_buttons["vneid-install"]["other"].isVisible()
    assert page.ticked() == dict(earlier.ticked())


def test_print_and_done_are_announced_and_the_print_state_is_shown(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    assert not page.print_note.isVisible()
    with qtbot.waitSignal(page.print_requested):
        tap(page.print_button)
    page.show_print_state(PrintState(PrintPhase.PRINTING, "", "guided"))
    settle()
    assert page.print_button.text() == "Đang in…" and not page.print_button.isEnabled()
    assert not page.print_note.isVisible()
    page.show_print_state(PrintState(PrintPhase.FAILED, "", "guided"))
    settle()
    assert page.print_button.isEnabled() and page.print_button.text() == "In tờ mang về nhà"
    assert page.print_note.isVisible()
    assert page.print_message.text() == text.get("vi", "print.problem.failed")
    page.show_print_state(PrintState(PrintPhase.DONE, "", "guided"))
    assert page.print_message.text() == text.get("vi", "guided.outcomes.printed")
    page.show_print_state(IDLE)
    assert not page.print_note.isVisible()

    tap(page.outcome_buttons["scam-drill"]["drill-completed"])
    with qtbot.waitSignal(page.done_requested):
        tap(page.done_button)
    assert list(page.ticked()) == ["scam-drill"]
    # Once recorded, the page says so and takes no more taps.
    page.show_saved()
    settle()
    assert page.done_frame.isVisible() and page.done_note.text() == "Đã lưu kết quả."
    assert not page.done_button.isEnabled() and not page.print_button.isEnabled()


def test_done_with_nothing_ticked_asks_once(
    qtbot: QtBot, window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    assert not page.done_frame.isVisible()
    with qtbot.assertNotEmitted(page.done_requested):
        tap(page.done_button)
    assert page.done_frame.isVisible()
    assert page.done_note.text() == "Chưa chọn kết quả nào. Vẫn kết thúc?"
    assert page.done_button.text() == "Vẫn kết thúc"
    with qtbot.waitSignal(page.done_requested):
        tap(page.done_button)
    assert page.ticked() == {}
    # A new session asks again.
    page.show_session(GuidedSession(PLAN))
    settle()
    assert not page.done_frame.isVisible() and page.done_button.text() == "Xong"


def test_each_achieved_outcome_says_alone_or_with_help(
    window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    alone, helped = page.alone_buttons["scam-drill"], page.helped_buttons["scam-drill"]
    assert alone["drill-completed"].text() == "Tự làm" and helped["drill-completed"].text() == "Có người giúp"
    # Ticking an outcome means "by themselves" until "with help" is chosen.
    tap(page.outcome_buttons["scam-drill"]["drill-completed"])
    assert alone["drill-completed"].isChecked() and not helped["drill-completed"].isChecked()
    # "With help" alone ticks its outcome too.
    tap(helped["report-sent"])
    assert page.outcome_buttons["scam-drill"]["report-sent"].isChecked()
    assert not alone["report-sent"].isChecked()
    assert page.ticked() == {
        "scam-drill": TutorialOutcome(
            achieved=frozenset({"drill-completed", "report-sent"}), helped=frozenset({"report-sent"})
        )
    }
    tap(helped["drill-completed"])
    assert not alone["drill-completed"].isChecked()
    assert page.ticked()["scam-drill"].helped == frozenset({"drill-completed", "report-sent"})
    # Unticked: neither way is left chosen, and nothing is recorded for it.
    tap(page.outcome_buttons["scam-drill"]["report-sent"])
    assert not helped["report-sent"].isChecked() and not alone["report-sent"].isChecked()
    assert page.ticked()["scam-drill"] == TutorialOutcome(
        achieved=frozenset({"drill-completed"}), helped=frozenset({"drill-completed"})
    )
    # A session's earlier ticks come back with how.
    earlier = GuidedSession(PLAN)
    earlier.set_outcome(catalogue, "scam-drill", achieved=["report-sent"], helped=["report-sent"])
    page.show_session(earlier)
    settle()
    assert page.helped_buttons["scam-drill"]["report-sent"].isChecked()
    assert page.ticked() == dict(earlier.ticked())


def test_a_new_session_starts_with_no_print_state(
    window: QWidget, catalogue: Catalogue, text: UiText
) -> None:
    page = open_outcomes(window, catalogue, text, GuidedSession(PLAN))
    page.show_print_state(PrintState(PrintPhase.FAILED, "", "guided"))
    page.show_session(GuidedSession(PLAN))
    settle()
    assert not page.print_note.isVisible()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_control_is_big_named_helped_and_uncut(
    window: QWidget, shipped: Catalogue, text: UiText, lang: str
) -> None:
    ids = tuple(t.id for t in shipped.tutorials if len(t.outcomes) > 1)[:2]
    page = open_outcomes(window, shipped, text, GuidedSession(GuidedPlan(ids, lang)), lang)
    for tutorial_id in ids:
        tap(page.not_finished_buttons[tutorial_id])
    page.show_print_state(PrintState(PrintPhase.FAILED, "", "guided"))
    assert accessibility_problems(window, text) == []


def test_names_follow_the_language(qtbot: QtBot, shipped: Catalogue, text: UiText) -> None:
    windows = [host_window(qtbot) for _lang in ("vi", "en")]
    for host, lang in zip(windows, ("vi", "en"), strict=True):
        page = open_outcomes(host, shipped, text, GuidedSession(GuidedPlan(("vneid-activate",), lang)), lang)
        tap(page.not_finished_buttons["vneid-activate"])
    first, second = (names(host) for host in windows)
    assert translation_problems(first, second) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "Đã tập làm trên máy (“Thử làm”)"), ("en", "Practised on the kiosk (“Try it”)")],
)
def test_practised_on_the_kiosk_is_offered_beside_the_outcomes_of_a_tutorial_with_practice(
    qtbot: QtBot, shipped: Catalogue, text: UiText, lang: str, words: str
) -> None:
    host = host_window(qtbot)
    plan = GuidedPlan(("vneid-activate", "scam-drill"), lang)
    assert shipped.tutorial("vneid-activate").has_practice and not shipped.tutorial("scam-drill").has_practice
    page = open_outcomes(host, shipped, text, GuidedSession(plan), lang)
    # Only a tutorial that can be practised offers it.
    assert list(page.practised_buttons) == ["vneid-activate"]
    practised = page.practised_buttons["vneid-activate"]
    assert practised.text() == words and practised.isVisible() and not practised.isChecked()
    tap(practised)
    # Practised alone is a result worth recording, with nothing done on the phone yet.
    assert page.ticked() == {"vneid-activate": TutorialOutcome(practised=True)}
    first = next(iter(page.outcome_buttons["vneid-activate"].values()))
    tap(first)
    outcome = page.ticked()["vneid-activate"]
    assert outcome.practised and outcome.achieved
    # The session keeps it, and shows it again when the page is opened for it.
    session = GuidedSession(plan)
    session.set_outcome(shipped, "vneid-activate", achieved=sorted(outcome.achieved), practised=True)
    again = open_outcomes(host, shipped, text, session, lang)
    assert again.practised_buttons["vneid-activate"].isChecked()

"""The drill's answers and score: the first answer counts, unanswered questions are to review."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.model import QuizAnswer
from kiosk.visit.drill import DrillAnswers, DrillScore
from kiosk.visit.session import VisitorSession
from tests.helpers.catalogue import make_catalogue


def test_score_counts_the_first_answer_and_lists_the_rest(tmp_path: Path) -> None:
    catalogue = make_catalogue(tmp_path)
    drill = catalogue.tutorial("scam-drill")  # step 0: scam, step 1: safe, step 2: instruction
    answers = DrillAnswers()
    assert answers.score(drill) == DrillScore(right=0, total=2, to_review=(0, 1))
    answers.record(0, QuizAnswer.SCAM)
    answers.record(0, QuizAnswer.SAFE)  # a second answer does not replace the first
    answers.record(1, QuizAnswer.SCAM)
    assert answers.chosen(0) is QuizAnswer.SCAM
    assert answers.score(drill) == DrillScore(right=1, total=2, to_review=(1,))
    assert answers.score(catalogue.tutorial("vneid-install")) is None


def test_the_session_forgets_the_answers_with_the_tutorial() -> None:
    session = VisitorSession()
    session.begin_tutorial("scam-drill", 3)
    session.drill.record(0, QuizAnswer.SAFE)
    session.leave_tutorial()
    assert session.drill.chosen(0) is None
    session.begin_tutorial("scam-drill", 3)
    session.drill.record(1, QuizAnswer.SAFE)
    session.begin_tutorial("scam-drill", 3)
    assert session.drill.chosen(1) is None
    session.drill.record(1, QuizAnswer.SAFE)
    session.reset()
    assert session.drill.chosen(1) is None

"""`practice:` per step and `hint:` in the texts: read into the model, and checked with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.check import check_content
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Practice, PracticeKind, Severity

from .content_helpers import LOGIN, copy_good_pack, edit

RING = "    ring: tap\n"
HINT_VI = "    text: Bấm vào biểu tượng “VNeID” trên màn hình.\n"


def _practise(pack: Path, practice: str, *, hint: bool = True) -> None:
    edit(pack / LOGIN / "tutorial.yaml", RING, RING + f"    practice: {practice}\n")
    if hint:
        edit(pack / LOGIN / "vi.yaml", HINT_VI, HINT_VI + '    hint: "Tìm biểu tượng VNeID."\n')


def _problems(pack: Path) -> list[tuple[str, int, Severity, str]]:
    return [(p.path.name, p.line, p.severity, p.message) for p in check_content(pack)]


def test_tap_practice_and_hint_are_read(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    _practise(pack, "{tap: app-icon}")
    assert _problems(pack) == [] or all(p[2] is Severity.WARNING for p in _problems(pack))
    catalogue = load_catalogue(pack.parent)
    tutorial = next(t for t in catalogue.tutorials if t.id == "vneid-login")
    step = tutorial.steps[0]
    assert step.practice == Practice(PracticeKind.TAP, target="app-icon")
    assert tutorial.step_text("vi", step).hint == "Tìm biểu tượng VNeID."
    assert tutorial.steps[1].practice is None
    assert tutorial.has_practice


@pytest.mark.parametrize(
    ("practice", "expected"),
    [
        (
            "{tap: app-icn}",
            (14, "practice target 'app-icn' is not the id of any element in images/01-open-app.svg"),
        ),
        (
            '{type: digits, sample: "12345"}',
            (14, "the sample must be a 12-digit number (quoted), not '12345'"),
        ),
        ('{type: code, sample: "48291x"}', (14, "the sample must be a 6-digit code (quoted), not '48291x'")),
        ("{type: code}", (14, "practice type 'code' needs a 'sample': a 6-digit code, quoted")),
        ('{type: pin, sample: "1"}', (14, "practice type must be 'digits', 'code' or 'password', not 'pin'")),
        ("{type: password, rules: [min8, capital]}", (14, "unknown password rule 'capital'")),
        (
            "{type: password, rules: [min8, max4]}",
            (14, "password rules min8 and max4 exclude every password"),
        ),
        ("{type: password, rules: [upper, upper]}", (14, "password rule 'upper' is listed twice")),
        ("{type: password}", (14, "practice type 'password' needs 'rules'")),
        ("{tap: app-icon, type: code}", (14, "unknown key 'type'")),
        ("tap app-icon", (14, "'practice' must be a set of 'key: value' lines")),
    ],
)
def test_broken_practice_is_reported_at_its_line(
    tmp_path: Path, practice: str, expected: tuple[int, str]
) -> None:
    pack = copy_good_pack(tmp_path)
    _practise(pack, practice)
    errors = [(p[0], p[1], p[3]) for p in _problems(pack) if p[2] is Severity.ERROR]
    assert len(errors) == 1, errors
    name, line, message = errors[0]
    assert (name, line) == ("tutorial.yaml", expected[0])
    assert expected[1] in message


def test_a_practised_step_needs_a_hint(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    _practise(pack, "{tap: app-icon}", hint=False)
    errors = [p for p in _problems(pack) if p[2] is Severity.ERROR]
    assert [(p[0], p[3]) for p in errors] == [
        (
            "vi.yaml",
            "'hint' of step 'open-app' is missing (a practised step needs the help said after a first miss)",
        )
    ]


def test_a_quiz_step_is_never_practised(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(
        pack / LOGIN / "tutorial.yaml",
        "    answer: scam\n",
        "    answer: scam\n    practice: {tap: caller-name}\n",
    )
    messages = [p[3] for p in _problems(pack) if p[2] is Severity.ERROR]
    assert messages == ["a quiz step is answered, not practised: remove 'practice'"]


def test_a_hint_without_practice_is_a_warning(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "vi.yaml", HINT_VI, HINT_VI + '    hint: "Tìm biểu tượng."\n')
    assert _problems(pack) == [
        (
            "vi.yaml",
            8,
            Severity.WARNING,
            "'hint' of step 'open-app' is only used in practice (add 'practice')",
        )
    ]


def test_typing_practice_is_read(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    _practise(pack, "{type: password, rules: [min8, upper, lower, digit, symbol]}")
    tutorial = next(t for t in load_catalogue(pack.parent).tutorials if t.id == "vneid-login")
    assert tutorial.steps[0].practice == Practice(
        PracticeKind.PASSWORD, rules=("min8", "upper", "lower", "digit", "symbol")
    )


def test_every_core_tutorial_with_a_phone_action_is_practised() -> None:
    content = Path(__file__).resolve().parents[4] / "content"
    catalogue = load_catalogue(content / "packs")
    for tutorial in catalogue.tutorials:
        acts = [s for s in tutorial.steps if s.highlight and s.ring.value == "tap"]
        if not acts:
            continue
        assert tutorial.has_practice, tutorial.id
        for step in tutorial.steps:
            if step.practice is not None:
                for lang in ("vi", "en"):
                    assert tutorial.step_text(lang, step).hint, (tutorial.id, step.id, lang)
    activate = next(t for t in catalogue.tutorials if t.id == "vneid-activate")
    kinds = {s.id: s.practice.kind for s in activate.steps if s.practice is not None}
    assert kinds["enter-id"] is PracticeKind.DIGITS
    assert kinds["sms-code"] is PracticeKind.CODE
    assert kinds["password"] is PracticeKind.PASSWORD

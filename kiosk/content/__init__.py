"""Content packs: reading, resolving and checking tutorials."""

from kiosk.content.model import (
    DEFAULT_LANGUAGE,
    Catalogue,
    Category,
    Problem,
    QuizAnswer,
    Reason,
    Severity,
    Source,
    Step,
    StepKind,
    StepText,
    Tutorial,
    TutorialText,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "Catalogue",
    "Category",
    "Problem",
    "QuizAnswer",
    "Reason",
    "Severity",
    "Source",
    "Step",
    "StepKind",
    "StepText",
    "Tutorial",
    "TutorialText",
]

"""The content shipped with the kiosk passes its own check and every tap target exists.

The tutorials are written by other hands than this checker; this test is what keeps them
loadable on a kiosk nobody can fix remotely.
"""

from __future__ import annotations

from kiosk.content.check import check_content
from kiosk.content.installed import packs_dir
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Severity
from kiosk.content.svg import read_svg
from kiosk.system import paths


def test_shipped_content_has_no_error() -> None:
    errors = [str(p) for p in check_content(paths.content_dir()) if p.severity is Severity.ERROR]
    assert errors == []


def test_every_listed_tutorial_loads_and_every_highlight_is_in_its_picture() -> None:
    catalogue = load_catalogue(packs_dir(), ui_languages=("vi", "en"))
    assert catalogue.tutorials, "no tutorial shipped"
    missing = []
    for tutorial in catalogue.tutorials:
        assert set(tutorial.texts) >= {"vi", "en"}
        for step in tutorial.steps:
            picture, problems = read_svg(step.image)
            assert picture is not None, problems
            if step.highlight not in picture.ids:
                missing.append(f"{tutorial.id}/{step.id}: '{step.highlight}' not in {step.image.name}")
    assert missing == []

"""How a wait reads to the organiser: "2 phút 05 giây", "30 giây"."""

from __future__ import annotations

import math

from kiosk.i18n import UiText


def wait_text(ui_text: UiText, lang: str, seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    if whole >= 60:
        return ui_text.get(lang, "organiser.time.minutes", minutes=whole // 60, seconds=whole % 60)
    return ui_text.get(lang, "organiser.time.seconds", seconds=whole)

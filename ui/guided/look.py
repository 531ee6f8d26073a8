"""The volunteer's look: the organiser's pages (normal text, default colours) and a few rules of its own.

A volunteer steers the session over the visitor's screens, which follow the visitor's text
size and contrast; the volunteer's pages and bar keep one look whatever the visitor chose,
like organiser mode (ui/organiser/look.py), so their layout is the same at every visit.
"""

from __future__ import annotations

from ui.look import theme
from ui.look.style import normal_stylesheet
from ui.organiser.look import organiser_stylesheet

PAGE_NAMES = ("GuidedSetup", "OutcomesPage")
BAR_NAME = "VolunteerBar"
# The bar's words are the volunteer's, not the visitor's: smaller, so the steps get the width
# and the bar stays one row at the kiosk's 1366 px.
BAR_FONT = 20
STEP_SPACING = 4
# Above and below the bar's one row of targets: the phone picture over it needs the height.
BAR_PADDING = 4
# Its side margins and the gap between its parts (the screens' are wider).
BAR_MARGIN = 12
BAR_GAP = 6
# "Restart the timer" and "End session" stay on one line: a second line made the bar a
# quarter taller than its row of steps.
# The order number on a chosen tutorial: wide enough for "12" so the title does not move.
ORDER_NUMBER_WIDTH = 44
TUTORIAL_COLUMNS = 2
OUTCOME_COLUMNS = 2
REASON_COLUMNS = 3
# The setup page's two columns: the tutorials, and the visitor's settings beside them.
SETTINGS_COLUMN_STRETCH = 2
TUTORIALS_COLUMN_STRETCH = 3


def volunteer_stylesheet(physical_dpi: float) -> str:
    p = theme.DEFAULT
    pages = ", ".join(f"#{name}" for name in PAGE_NAMES)
    return (
        normal_stylesheet(physical_dpi)
        + organiser_stylesheet(p)
        + f"""
{pages} {{ background: {p.background}; }}
#{BAR_NAME} {{ background: {p.note_background}; border-top: {theme.BORDER}px solid {p.note_text}; }}
#{BAR_NAME} QLabel[role="bar-position"] {{ color: {p.note_text}; font-size: {BAR_FONT}px;
    font-weight: bold; }}
#{BAR_NAME} QLabel[role="bar-paused"] {{ color: {p.note_text}; font-size: {BAR_FONT}px; }}
*[role="secondary-label"][emphasis="compact"], *[role="choice-label"][emphasis="compact"] {{
    font-size: {BAR_FONT}px; }}
QLabel[role="order-number"] {{ color: {p.heading}; font-size: {theme.FONT_TITLE}px; font-weight: bold;
    min-width: {ORDER_NUMBER_WIDTH}px; }}
QLabel[role="order-number"][on="true"] {{ color: {p.on_primary}; }}
"""
    )

"""The Qt style sheet for a ``Look``: one sheet on the window restyles every screen at once.

Widgets say what they are with a ``role`` property (``heading``, ``primary``, ``tile``...)
and this sheet decides how each role looks. The words inside a button are a label with
the role ``<button role>-label``, so a button's text wraps instead of being clipped.

Sizes grow with the visitor's text size and with the screen (``Look.scale``, ``Look.screen``).
A screen whose words would not fit at the visitor's size sets ``fit`` on their container
(``set_fit``): "1" draws them at the next smaller text size, "2" at the one after, never under
normal. The player and finish screens use it only after everything else gave way (the phone
picture, the empty space), so the visitor never scrolls and never loses a word.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.visit.session import TextSize
from ui.look import theme
from ui.look.theme import Look

# The widget property a screen sets on a container whose words step down a size to fit.
FIT = "fit"
# How many sizes a container may step down (extra-large: to large, then to normal).
MAX_FIT = 2

_BUTTON_ROLES = ("primary", "secondary", "nav", "tile", "tab", "choice", "language", "face", "answer")


def _labels(role: str, suffix: str = "") -> str:
    """Selector for the label and icon inside buttons of ``role``."""
    return f'*[role="{role}-label"]{suffix}'


def _fitted(look: Look) -> str:
    """The words' sizes again for each ``fit`` step, one text size smaller each."""
    rules: list[str] = []
    for level, scale in enumerate(look.fit_scales(MAX_FIT), start=1):

        def px(base: int, scale: float = scale) -> int:
            return round(base * scale)

        inside = f'*[{FIT}="{level}"]'
        feedback_width = px(theme.FEEDBACK_COLUMN_WIDTH)
        qr_hint = look.chrome_px(theme.FONT_SMALL)
        labels = ", ".join(
            f"{inside} {_labels(role)}" for role in ("primary", "secondary", "choice", "answer", "face")
        )
        rules.append(f"""
{inside} QLabel {{ font-size: {px(theme.FONT_BODY)}px; }}
{inside} QLabel[role="heading"] {{ font-size: {px(theme.FONT_HEADING)}px; }}
{inside} QLabel[role="title"] {{ font-size: {px(theme.FONT_TITLE)}px; }}
{inside} QLabel[role="body"] {{ font-size: {px(theme.FONT_BODY)}px; }}
{inside} QLabel[role="muted"] {{ font-size: {px(theme.FONT_SMALL)}px; }}
{inside} QLabel[role="qr-hint"] {{ font-size: {min(px(theme.FONT_SMALL), qr_hint)}px; }}
{inside} QFrame[role="right"] QLabel, {inside} QFrame[role="right"] IconView,
{inside} QFrame[role="wrong"] QLabel, {inside} QFrame[role="wrong"] IconView {{
    font-size: {px(theme.FONT_TITLE)}px; }}
{inside} IconView {{ font-size: {px(theme.FONT_BUTTON)}px; }}
{labels} {{ font-size: {px(theme.FONT_BUTTON)}px; }}
{inside} #QrColumn[code="none"] {{ min-width: {feedback_width}px; max-width: {feedback_width}px; }}
""")
    return "".join(rules)


def set_fit(container: QWidget, level: int) -> None:
    """Draw the words in ``container`` ``level`` text sizes smaller (0: the visitor's size)."""
    wanted = str(level) if level > 0 else ""
    if (container.property(FIT) or "") == wanted:
        return
    container.setProperty(FIT, wanted)
    # A sheet of its own (empty but new) makes Qt style the container and everything in it afresh,
    # so the window's rules that select on the property apply at once.
    container.setStyleSheet(f"/* fit {wanted or 0} */")
    # The new sizes count at once (a screen measures them next), not after the next event loop pass.
    forget_sizes(container)


def forget_sizes(container: QWidget) -> None:
    """Every layout inside ``container`` forgets the sizes it had cached (after a style or a
    widget's visibility changed), so a measure made next is of what will be shown."""
    for widget in (container, *container.findChildren(QWidget)):
        layout = widget.layout()
        if layout is not None:
            layout.invalidate()
        widget.updateGeometry()


def words_outgrew(area: QScrollArea, watched: QObject, event: QEvent) -> bool:
    """True when ``area``'s words grew taller than it can show with its scroll bar off: the
    screen that owns it must fit its words again (an event filter on ``area.widget()`` asks)."""
    return (
        isinstance(watched, QWidget)
        and watched is area.widget()
        and event.type() == QEvent.Type.Resize
        and area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        and watched.height() > area.viewport().height()
    )


def stylesheet(look: Look) -> str:
    p = look.palette
    px = look.px
    screen = look.screen_px
    chrome = look.chrome_px
    target = look.min_target_px
    buttons = ", ".join(f'QPushButton[role="{role}"]' for role in _BUTTON_ROLES)
    tabs_width = chrome(theme.CATEGORY_COLUMN_WIDTH) + target
    # The finish screen's code column grows with the screen only: the code shrinks before the words.
    qr_width = screen(theme.QR_COLUMN_WIDTH)
    feedback_width = px(theme.FEEDBACK_COLUMN_WIDTH)
    focused = ", ".join(f'QPushButton[role="{role}"]:focus' for role in _BUTTON_ROLES)
    return f"""
* {{ font-family: "{theme.FONT_FAMILY}"; }}
#MainWindow, #IdleOverlay, #PhonePauseOverlay, #ComfortPanel, #PrintPanel, #HelpOverlay, #PictureZoom {{
    background: {p.background}; }}
QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QLabel {{ color: {p.text}; font-size: {px(theme.FONT_BODY)}px; background: transparent; }}
QLabel[role="hero"] {{ color: {p.heading}; font-size: {chrome(theme.FONT_HERO)}px; font-weight: bold; }}
QLabel[role="heading"] {{ color: {p.heading}; font-size: {px(theme.FONT_HEADING)}px; font-weight: bold; }}
QLabel[role="section"] {{ color: {p.heading}; font-size: {chrome(theme.FONT_BUTTON)}px; font-weight: bold; }}
QLabel[role="title"] {{ color: {p.text}; font-size: {px(theme.FONT_TITLE)}px; font-weight: bold; }}
QLabel[role="body"] {{ color: {p.text}; font-size: {px(theme.FONT_BODY)}px; }}
QLabel[role="muted"] {{ color: {p.muted}; font-size: {px(theme.FONT_SMALL)}px; }}
QLabel[role="screen-title"] {{ color: {p.heading}; font-size: {chrome(theme.FONT_HEADING)}px;
    font-weight: bold; }}
*[role="countdown"] {{ color: {p.heading}; font-size: {px(theme.FONT_COUNTDOWN)}px; font-weight: bold; }}
QLabel[role="url"] {{ color: {p.text}; font-size: {chrome(theme.FONT_BODY)}px; font-weight: bold; }}
QLabel[role="qr-hint"] {{ color: {p.text}; font-size: {chrome(theme.FONT_SMALL)}px; }}
QFrame[role="note"] {{ background: {p.note_background}; border: {theme.BORDER}px solid {p.note_text};
    border-radius: {theme.RADIUS}px; }}
QFrame[role="note"] QLabel {{ color: {p.note_text}; }}
#GlossaryPanel {{ background: rgba(0, 0, 0, 110); }}
QFrame[role="right"] {{ background: {p.right}; border-radius: {theme.RADIUS}px; }}
QFrame[role="wrong"] {{ background: {p.wrong}; border-radius: {theme.RADIUS}px; }}
QFrame[role="right"] QLabel, QFrame[role="right"] IconView {{ color: {p.on_right};
    font-size: {px(theme.FONT_TITLE)}px; font-weight: bold; }}
QFrame[role="wrong"] QLabel, QFrame[role="wrong"] IconView {{ color: {p.on_wrong};
    font-size: {px(theme.FONT_TITLE)}px; font-weight: bold; }}
#TopBar {{ background: {p.bar}; border-bottom: {theme.BORDER}px solid {p.bar_border}; }}
#BottomBar {{ background: {p.bar}; border-top: {theme.BORDER}px solid {p.bar_border}; }}

{buttons} {{
    min-width: {target}px; min-height: {target}px;
    border-radius: {theme.RADIUS}px; border: {theme.BORDER}px solid {p.secondary_border};
    background: {p.surface};
}}
{focused} {{ border: {theme.FOCUS_BORDER}px solid {p.focus}; }}
IconView {{ font-size: {px(theme.FONT_BUTTON)}px; }}
{_labels("primary")}, {_labels("secondary")}, {_labels("nav")}, {_labels("tab")}, {_labels("choice")},
{_labels("answer")}, {_labels("face")} {{
    font-size: {px(theme.FONT_BUTTON)}px; font-weight: bold; color: {p.secondary_text};
}}
QPushButton[role="primary"] {{ background: {p.primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
{_labels("primary")} {{ color: {p.on_primary}; }}
QPushButton[role="secondary"]:pressed, QPushButton[role="nav"]:pressed, QPushButton[role="tile"]:pressed,
QPushButton[role="tab"]:pressed, QPushButton[role="choice"]:pressed, QPushButton[role="language"]:pressed,
QPushButton[role="face"]:pressed, QPushButton[role="answer"]:pressed {{ background: {p.secondary_pressed}; }}
QPushButton[role="tab"]:checked, QPushButton[role="choice"]:checked, QPushButton[role="face"]:checked,
QPushButton[role="answer"]:checked, QPushButton[role="nav"]:checked {{ background: {p.primary};
    border-color: {p.primary}; }}
{_labels("tab", '[on="true"]')}, {_labels("choice", '[on="true"]')}, {_labels("face", '[on="true"]')},
{_labels("answer", '[on="true"]')}, {_labels("nav", '[on="true"]')} {{ color: {p.on_primary}; }}
{_labels("nav")}, {_labels("tab")} {{ font-size: {chrome(theme.FONT_BUTTON)}px; }}
#CategoryTabs {{ min-width: {tabs_width}px; max-width: {tabs_width}px; }}
#QrColumn {{ min-width: {qr_width}px; max-width: {qr_width}px; }}
QPushButton[role="tile"] {{ border-color: {p.tile_border}; }}
QLabel[role="tile-label"] {{ color: {p.heading}; font-size: {px(theme.FONT_BUTTON)}px; font-weight: bold; }}
QLabel[role="tile-summary"] {{ color: {p.text}; font-size: {px(theme.FONT_BODY)}px; }}
QLabel[role="tile-meta"] {{ color: {p.muted}; font-size: {px(theme.FONT_SMALL)}px; }}
{_labels("language")} {{ color: {p.heading}; font-size: {px(theme.FONT_LANGUAGE)}px; font-weight: bold; }}
*[role="primary-label"][emphasis="hero"] {{ font-size: {chrome(theme.FONT_HERO)}px; }}
QPushButton[emphasis="hero"] {{ min-width: {max(target, screen(theme.START_BUTTON_WIDTH))}px;
    min-height: {max(target, screen(theme.START_BUTTON_HEIGHT))}px; }}
QPushButton[emphasis="wide"] {{ min-width: {max(target, screen(theme.START_BUTTON_WIDTH))}px; }}
QPushButton[emphasis="beside-tile"] {{ min-width: {max(target, px(theme.PRINT_BESIDE_TILE_WIDTH))}px;
    max-width: {max(target, px(theme.PRINT_BESIDE_TILE_WIDTH))}px; }}
IconView[role="print-icon"] {{ color: {p.heading}; font-size: {chrome(theme.FONT_HERO)}px; }}
QPushButton[role="language"] {{ min-height: {max(target, screen(theme.LANGUAGE_TILE_HEIGHT))}px; }}
QPushButton[role="answer"] {{ min-height: {max(target, screen(theme.ANSWER_BUTTON_HEIGHT))}px; }}
QPushButton:disabled {{ background: {p.background}; border-color: {p.tile_border}; }}

QScrollBar:vertical {{ width: {target}px; background: {p.surface}; margin: 0;
    border: {theme.BORDER}px solid {p.tile_border}; border-radius: {target // 2}px; }}
QScrollBar::handle:vertical {{ background: {p.secondary_border}; min-height: {target}px;
    border-radius: {target // 2 - theme.SCROLLBAR_MARGIN}px; margin: {theme.SCROLLBAR_MARGIN}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
QWidget#QrColumn[code="none"] {{ min-width: {feedback_width}px; max-width: {feedback_width}px; }}
{_fitted(look)}
"""


def normal_stylesheet(physical_dpi: float) -> str:
    """The sheet for normal text in the default colours, whatever the visit chose.

    For organiser mode: it opens over the kiosk window, whose sheet follows the visitor's text
    size and contrast, but its pages are drawn on the default background (ui/organiser/look.py).
    With the visitor's high-contrast text on that background, words were unreadable (yellow on
    cream, 1.1:1), and at large text the PIN pad's "OK" no longer fitted its key.
    """
    return stylesheet(theme.look_for(TextSize.NORMAL, False, physical_dpi))

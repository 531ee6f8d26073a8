"""The "continue at home" sheet of a guided session: what was done, what was not and why, what next.

One sheet for the whole session, tutorial by tutorial in the order they were done: the
outcomes the volunteer ticked (in the tutorial's own words), or that it could not be
finished and why (the pack's words for the reason), then what the visitor can do next at
home and the tutorial's QR code to the official page. Like every handout it names no one:
the session's outcomes are words from the content pack, never anything typed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

import kiosk.handouts.layout as layout
from kiosk.content.model import Catalogue, Reason, Tutorial
from kiosk.handouts.build import PaperSize, render_pdf
from kiosk.handouts.layout import Para, Row, markup
from kiosk.handouts.words import HandoutWords

log = logging.getLogger(__name__)

BULLET = "\u2022"


@dataclass(frozen=True)
class TakeHomePart:
    """One tutorial of the session and what the volunteer ticked for it."""

    tutorial: Tutorial
    # Ids from ``tutorial.outcomes``: what was achieved on the visitor's own phone.
    achieved: tuple[str, ...] = ()
    # "Could not finish" reason ids (``Catalogue.reasons``).
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class TakeHome:
    """A guided session's results, in the order the tutorials were done.

    ``reasons`` holds the words of every reason a part may name (``Catalogue.reasons``).
    An id that is not the tutorial's outcome, or not a known reason, is refused here with
    ``ValueError``: a sheet must never print a blank where a result should be.
    """

    parts: tuple[TakeHomePart, ...]
    reasons: Mapping[str, Reason] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not self.parts:
            raise ValueError("a take-home sheet needs at least one tutorial")
        for part in self.parts:
            unknown = [o for o in part.achieved if o not in part.tutorial.outcomes]
            if unknown:
                raise ValueError(f"{part.tutorial.id} has no outcome {', '.join(unknown)}")
            missing = [r for r in part.reasons if r not in self.reasons]
            if missing:
                raise ValueError(f"unknown reason {', '.join(missing)}")

    @classmethod
    def from_catalogue(
        cls, catalogue: Catalogue, results: Sequence[tuple[str, Collection[str], Collection[str]]]
    ) -> TakeHome:
        """From (tutorial id, achieved outcome ids, reason ids) per tutorial, in order.

        KeyError for a tutorial the catalogue does not have; ValueError as for the constructor."""
        parts = tuple(
            TakeHomePart(catalogue.tutorial(tutorial_id), tuple(achieved), tuple(reasons))
            for tutorial_id, achieved, reasons in results
        )
        return cls(parts, MappingProxyType({reason.id: reason for reason in catalogue.reasons}))


def build_take_home(
    session: TakeHome,
    language: str,
    paper: PaperSize,
    *,
    point_name: str,
    today: date,
    words: HandoutWords,
) -> bytes:
    """The session's "continue at home" sheet in ``language`` as PDF bytes (A4 or one receipt).

    ``today`` is printed as a day only; the same results give the same bytes.
    """
    look = layout.RECEIPT_LOOK if paper is PaperSize.RECEIPT else layout.A4_LOOK
    styles = layout.styles_for(look)
    story: list[Flowable] = _header(words, point_name, today, look, styles)
    for number, part in enumerate(session.parts, start=1):
        story += _part(number, part, session.reasons, language, words, look, styles)
    story += layout.closing(words, look, styles)
    subject = " ".join(part.tutorial.qr_url for part in session.parts if part.tutorial.qr_url)
    pdf = render_pdf(
        story, paper, words, title=words.take_home, subject=subject, author=point_name, language=language
    )
    log.info(
        "built %s take-home sheet of %d tutorials in %s (%d bytes)",
        paper.value,
        len(session.parts),
        language,
        len(pdf),
    )
    return pdf


def _rule(before: float, after: float) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=layout.RULE_WIDTH, color=black, spaceBefore=before, spaceAfter=after
    )


def _header(
    words: HandoutWords, point_name: str, today: date, look: layout.Look, styles: layout.Styles
) -> list[Flowable]:
    point = Para(markup(point_name), styles.header)
    when = Para(markup(words.date_line(today)), styles.body if look.thermal else styles.header_right)
    if look.thermal:
        top: list[Flowable] = [point, when]
    else:
        width = look.frame_width
        top = [Row([[point], [when]], [width * 0.7, width * 0.3])]
    return [*top, _rule(2 * mm, 3 * mm), Para(markup(words.take_home), styles.title)]


def _part(
    number: int,
    part: TakeHomePart,
    reasons: Mapping[str, Reason],
    language: str,
    words: HandoutWords,
    look: layout.Look,
    styles: layout.Styles,
) -> list[Flowable]:
    """One tutorial: its results and next steps beside its QR code, kept on one A4 page; on a
    receipt (one strip, never split) one below the other."""
    tutorial = part.tutorial
    text = tutorial.text(language)
    results: list[Flowable] = []
    # In the pack's order, whatever order they were ticked in.
    achieved = [outcome for outcome in tutorial.outcomes if outcome in part.achieved]
    not_finished = [reason for reason in reasons if reason in part.reasons]
    if achieved:
        results.append(Para(f"<b>{markup(words.done)}:</b>", styles.body))
        results += [_item(tutorial.outcome_text(language, o), look) for o in achieved]
    if not_finished:
        results.append(Para(f"<b>{markup(words.not_finished)}:</b>", styles.body))
        results += [_item(reasons[r].title(language), look) for r in not_finished]
    if text.next_steps:
        results += [
            Spacer(1, 1.5 * mm),
            Para(markup(words.next), styles.heading),
            Para(markup(text.next_steps), styles.body),
        ]
    heading = Para(markup(f"{number}. {text.title}"), styles.heading)
    if not tutorial.qr_url:
        if look.thermal:
            return [_rule(3 * mm, 3 * mm), heading, *results]
        return [KeepTogether([_rule(4 * mm, 3 * mm), heading, *results])]
    if look.thermal:
        code = [
            Spacer(1, 2 * mm),
            Para(markup(words.scan), styles.scan),
            *layout.qr_code(tutorial, look, styles, text.qr_caption),
        ]
        return [_rule(3 * mm, 3 * mm), heading, *results, *code]
    qr_width = look.qr_target + 16 * mm
    gap = 6 * mm
    left_width = look.frame_width - qr_width - gap
    code = [
        Para(markup(words.scan), styles.url),
        Spacer(1, 1 * mm),
        *layout.qr_code(tutorial, look, styles, text.qr_caption),
    ]
    row = Row([results, code], [left_width + gap, qr_width])
    return [KeepTogether([_rule(4 * mm, 3 * mm), heading, row])]


def _item(words: str, look: layout.Look) -> Flowable:
    """A bulleted line; a second line starts under the words, not under the bullet."""
    return Paragraph(markup(words), _item_style(look), bulletText=BULLET)


@functools.lru_cache(maxsize=4)
def _item_style(look: layout.Look) -> ParagraphStyle:
    body = layout.styles_for(look).body
    return ParagraphStyle(
        "take-home-item",
        parent=body,
        leftIndent=body.fontSize * 1.1,
        bulletIndent=body.fontSize * 0.2,
        bulletFontName=body.fontName,
        bulletFontSize=body.fontSize,
    )

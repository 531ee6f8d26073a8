"""report.pdf's guided-session sections: outcomes and reasons by tutorial, then the coarse profile.

Drawn with the report's own styles and tables so they read as one document. Every count is
printed by the report's rule (``kiosk.export.published``); profile counts from 0 to 4 read
"<5" (see ``kiosk.export.guided``: a zero beside a small count would still point at people).
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from kiosk.export.guided import GuidedFigures
from kiosk.export.published import outcome_key, profile_key
from kiosk.export.report import Shown, _heading, _Styles, _table, _two
from kiosk.stats.codes import NO_NEED, PROFILE_NOTED, AgeBand, Need, OutcomeKind, ProfileAttribute

# The report's text width: A4 less its 18 mm side margins (kiosk.export.report.build_report).
WIDTH = A4[0] - 36 * mm
NUMBER = 27 * mm
PROFILE_WORDS: Mapping[tuple[str, str], tuple[str, str]] = {
    (ProfileAttribute.PROFILE.value, PROFILE_NOTED): ("Số người được ghi nhận", "Profiles noted"),
    (ProfileAttribute.AGE_BAND.value, AgeBand.UNDER_60.value): ("Dưới 60 tuổi", "Under 60"),
    (ProfileAttribute.AGE_BAND.value, AgeBand.SIXTY_PLUS.value): ("Từ 60 tuổi trở lên", "60 and over"),
    (ProfileAttribute.NEED.value, Need.SIGHT.value): ("Cần hỗ trợ về nhìn", "Needs help seeing"),
    (ProfileAttribute.NEED.value, Need.HEARING.value): ("Cần hỗ trợ về nghe", "Needs help hearing"),
    (ProfileAttribute.NEED.value, Need.MOVEMENT.value): ("Cần hỗ trợ về đi lại", "Needs help moving"),
    (ProfileAttribute.NEED.value, Need.READING.value): ("Cần hỗ trợ về đọc", "Needs help reading"),
    (ProfileAttribute.NEED.value, NO_NEED): ("Không cần hỗ trợ nào ở trên", "None of these needs"),
}


def guided_sections(
    figures: GuidedFigures,
    tutorial_titles: Mapping[str, str],
    outcome_titles: Mapping[tuple[str, str], str],
    reason_titles: Mapping[str, str],
    shown: Shown,
) -> list[Flowable]:
    """Sections 6 and 7 of the report; titles in Vietnamese, an id where the content has none."""
    styles = _Styles()
    return [
        *_outcomes(figures, tutorial_titles, outcome_titles, reason_titles, shown, styles),
        *_profile(figures, shown, styles),
    ]


def _outcomes(
    figures: GuidedFigures,
    tutorial_titles: Mapping[str, str],
    outcome_titles: Mapping[tuple[str, str], str],
    reason_titles: Mapping[str, str],
    shown: Shown,
    styles: _Styles,
) -> list[Flowable]:
    rows: list[list[Flowable | str]] = [
        [
            _two("Bài hướng dẫn và kết quả", "Tutorial and result", styles.head_cell),
            _two("Số lần", "Times", styles.head_number),
        ]
    ]
    shown_tutorial = None
    for tutorial_id, kind, code, _count in figures.outcomes:
        if tutorial_id != shown_tutorial:
            shown_tutorial = tutorial_id
            title = escape(tutorial_titles.get(tutorial_id, tutorial_id))
            rows.append([Paragraph(f"<b>{title}</b>", styles.cell), ""])
        if kind is OutcomeKind.ACHIEVED:
            words = f"Đã làm được: {outcome_titles.get((tutorial_id, code), code)}"
        elif kind is OutcomeKind.ACHIEVED_HELPED:
            words = f"Làm được khi có người giúp: {outcome_titles.get((tutorial_id, code), code)}"
        elif kind is OutcomeKind.PRACTISED:
            words = "Đã tập làm trên máy kiosk (Thử làm)"
        else:
            words = f"Chưa làm xong vì: {reason_titles.get(code, code)}"
        rows.append(
            [
                Paragraph(f"&nbsp;&nbsp;&nbsp;{escape(words)}", styles.cell),
                Paragraph(shown(outcome_key(tutorial_id, kind.value, code)), styles.number),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("Chưa có / None yet", styles.cell), ""])
    return [
        _heading("6. Kết quả các buổi có hướng dẫn", "Outcomes of guided sessions", styles),
        _two(
            "Tình nguyện viên đánh dấu việc khách đã làm được trên điện thoại của mình,"
            " hoặc lý do chưa làm xong.",
            "What the volunteer ticked as done on the visitor's own phone (by themselves or with help),"
            " or why it could not be finished.",
            styles.note,
        ),
        Spacer(0, 4),
        _table(rows, (WIDTH - NUMBER, NUMBER)),
    ]


def _profile(figures: GuidedFigures, shown: Shown, styles: _Styles) -> list[Flowable]:
    heading = _heading("7. Người được hướng dẫn", "Guided visitors", styles)
    months = ", ".join(f"{month[5:]}/{month[:4]}" for month in figures.profile_months) or "—"
    note = _two(
        "Không bắt buộc: tình nguyện viên chỉ ghi khi khách muốn. Mỗi mục được đếm riêng, không bao giờ "
        "ghép với nhau; chỉ tính các tháng đã kết thúc; số từ 0 đến 4 ghi là “<5”. "
        f"Các tháng: {months}.",
        "Optional: noted only when the visitor wishes. Each item is counted on its own, never combined; "
        f"only months that are over are counted; counts from 0 to 4 are shown as “<5”. Months: {months}.",
        styles.note,
    )
    rows: list[list[Flowable | str]] = []
    for attribute, value, _count in figures.profile:
        vietnamese, english = PROFILE_WORDS[(attribute, value)]
        rows.append(
            [
                _two(vietnamese, english, styles.cell),
                Paragraph(shown(profile_key(attribute, value)), styles.number),
            ]
        )
    if not rows:
        rows.append([Paragraph("Chưa có / None yet", styles.cell), ""])
    return [KeepTogether([heading, note, Spacer(0, 4), _table(rows, (WIDTH - NUMBER, NUMBER), header=False)])]

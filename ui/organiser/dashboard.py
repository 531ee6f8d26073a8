"""The organiser's dashboard: today, the last 7 days, this month (or a month before), a 30-day chart.

Each period says its dates; "Tháng trước"/"Tháng sau" page through whole earlier months. A
period shows its figures, its lessons (the first ``LESSONS_SHOWN``, all on request), the guided
sessions' results and profile counts, and its languages. One line under the title says what
"a visit" is and how the numbers are shown (rounded, "<5", "x").

The figures come from ``kiosk.stats.summarize`` (one read snapshot, so they add up), run
through ``ui.runtime.worker`` so a large database never freezes the screen. A database that was found
damaged at start-up and set aside is told here, exactly, to the organiser.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.export.identity import kiosk_id, short
from kiosk.export.kiosk_key import load_or_create
from kiosk.i18n import UiText
from kiosk.stats import Database, PeriodFigures, Summary, summarize
from kiosk.stats.codes import OutcomeKind
from kiosk.stats.periods import Period
from kiosk.stats.shown_summary import PROFILE_SHOWN, ShownSummary
from kiosk.stats.summary import OutcomeFigure
from kiosk.system import paths
from ui.look import theme
from ui.look.style import normal_stylesheet
from ui.organiser.chart import DailyChart
from ui.organiser.look import organiser_stylesheet
from ui.runtime import worker
from ui.widgets.common import BigButton, bar, clear_layout, label, scroll_area

# The summary's period names, and the words for them ("month": a whole month before this one).
PERIOD_KEYS = {"today": "today", "last 7 days": "last_7_days", "this month": "this_month", "month": "month"}
TOP_SHOWN = 3
# The hardest steps in practice shown for the month.
HARDEST_SHOWN = 5
# Lessons shown per period before "All lessons" is pressed.
LESSONS_SHOWN = 8


class OrganiserDashboard(QWidget):
    export_requested = Signal()
    content_requested = Signal()
    close_requested = Signal()
    volunteer_pin_requested = Signal()
    # "This point": its name, commune and province (ui/organiser/point_page.py).
    point_requested = Signal()
    # "Record voices": volunteers record and check the lessons in their language (voices_page.py).
    voices_requested = Signal()
    # Emitted after the figures are shown (tests and screenshots wait on it).
    figures_shown = Signal()

    def __init__(
        self,
        database: Database | None,
        ui_text: UiText,
        lang: str,
        *,
        titles: Mapping[str, str],
        today: Callable[[], date],
        offset: timedelta,
        result_words: Mapping[tuple[str, str], str] | None = None,
        point_name: str = "",
        step_titles: Mapping[tuple[str, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("OrganiserDashboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Organiser mode has one look, whatever text size and contrast the visit chose (ui/look/style.py).
        self.setStyleSheet(
            normal_stylesheet(self.screen().physicalDotsPerInch()) + organiser_stylesheet(theme.DEFAULT)
        )
        self._database = database
        self._ui_text = ui_text
        self._lang = lang
        self._titles = titles
        # (tutorial id, outcome id) and ("", reason id) -> the words, in the organiser's language.
        self._result_words = result_words or {}
        # (tutorial id, step id) -> the step's title, for the hardest steps in practice.
        self._step_titles = step_titles or {}
        self._today = today
        self._offset = offset
        self.summary: Summary | None = None
        # The first day of the earlier month shown instead of this month (None: this month).
        self.month: date | None = None
        # Every lesson of each period, not only the first LESSONS_SHOWN.
        self.all_lessons = False

        point = point_name.strip()
        self.title = label(
            self._t("dashboard.title_point", point=point) if point else self._t("dashboard.title"), "heading"
        )
        # What "a visit" is and how every number is shown (kiosk.stats.disclosure), in one line.
        self.explained = label(self._t("dashboard.explained"), "muted")
        self.explained.setObjectName("explained")
        # A word from the page that sent the organiser back here (the volunteers' PIN was saved).
        self.saved = label("", "body")
        self.saved.setObjectName("saved")
        self.saved.hide()
        self.notice = QFrame()
        self.notice.setProperty("role", "note")
        self.notice_text = label("", "body", parent=self.notice)
        notice_layout = QVBoxLayout(self.notice)
        notice_layout.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        notice_layout.addWidget(self.notice_text)
        self.notice.hide()
        self.status = label("", "body")
        # Wrong organiser PIN tries before this login (M3 of the security review): guessing shows.
        self.wrong_tries = label("", "body")
        self.wrong_tries.setWordWrap(False)
        self.wrong_tries.hide()
        # "Previous month" and "Next month" (towards this one) over the month's column, big enough
        # for any finger; "Next month" is off at this month.
        self.previous_button = BigButton(self._t("dashboard.previous_month"), role="secondary")
        self.next_button = BigButton(self._t("dashboard.next_month"), role="secondary")
        self.previous_button.setObjectName("previous-month")
        self.next_button.setObjectName("next-month")
        self.next_button.setEnabled(False)
        self.previous_button.clicked.connect(self.previous_month)
        self.next_button.clicked.connect(self.next_month)
        months = QHBoxLayout()
        months.setSpacing(theme.SPACING)
        months.addStretch(2)
        months.addWidget(self.previous_button)
        months.addWidget(self.next_button)
        self.periods = QHBoxLayout()
        self.periods.setSpacing(theme.SPACING)
        self.chart_title = label(self._t("dashboard.chart"), "section")
        self.chart = DailyChart(theme.DEFAULT)
        # What a district office pins to check this kiosk's exports (kiosk verify-export --fingerprint).
        fingerprint = load_or_create().fingerprint
        self.signing_key = label(
            self._t("dashboard.signing_key", kiosk=short(kiosk_id()), fingerprint=fingerprint), "muted"
        )
        self.export_button = BigButton(self._t("dashboard.export"), role="primary")
        self.content_button = BigButton(self._t("dashboard.content"), role="secondary")
        self.close_button = BigButton(self._t("dashboard.close"), role="secondary")
        self.volunteer_pin_button = BigButton(self._t("dashboard.volunteer_pin"), role="secondary")
        self.volunteer_pin_button.clicked.connect(self.volunteer_pin_requested)
        self.point_button = BigButton(self._t("dashboard.point"), role="secondary")
        self.point_button.clicked.connect(self.point_requested)
        self.voices_button = BigButton(self._t("dashboard.voices"), role="secondary")
        self.voices_button.clicked.connect(self.voices_requested)
        # Above the figures, left of the months: a sixth button would squeeze the bottom bar's.
        months.insertWidget(0, self.voices_button)
        self.export_button.clicked.connect(self.export_requested)
        self.content_button.clicked.connect(self.content_requested)
        self.close_button.clicked.connect(self.close_requested)

        content = QVBoxLayout()
        content.setContentsMargins(theme.MARGIN, theme.MARGIN // 2, theme.MARGIN, theme.MARGIN // 2)
        content.setSpacing(theme.SPACING // 2)
        # The wrong tries beside the title: a line of their own would squeeze the figures.
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.wrong_tries, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        content.addLayout(heading)
        content.addWidget(self.explained)
        content.addWidget(self.saved)
        content.addWidget(self.notice)
        content.addWidget(self.status)
        content.addLayout(months)
        content.addLayout(self.periods)
        content.addWidget(self.chart_title)
        content.addWidget(self.chart)
        content.addWidget(self.signing_key)
        content.addStretch(1)
        # Scrolls only when a long title or a damage notice does not fit on a small screen.
        page = QWidget()
        page.setLayout(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll_area(page), 1)
        layout.addWidget(
            bar(
                "BottomBar",
                self.close_button,
                self.volunteer_pin_button,
                self.point_button,
                self.content_button,
                self.export_button,
                stretch_at=(2,),
            )
        )

    # -- public ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count afresh, off the GUI thread; the old figures stay until the new ones arrive."""
        self._show_notice()
        database = self._database
        if database is None:
            self.status.setText(self._t("dashboard.failed"))
            return
        self.status.show()
        self.status.setText(self._t("dashboard.loading"))
        work = functools.partial(_counted, database, self._today(), self._offset, self.month)
        worker.run_in_background(work, self._on_counted, self._on_summary_failed, what="count statistics")

    def show_month(self, first: date | None) -> None:
        """Show the month of ``first`` (an earlier one; None or this month: this month) and count it."""
        this_month = self._today().replace(day=1)
        self.month = first.replace(day=1) if first is not None and first.replace(day=1) < this_month else None
        self.next_button.setEnabled(self.month is not None)
        self.refresh()

    def previous_month(self) -> None:
        shown = self.month or self._today().replace(day=1)
        self.show_month((shown - timedelta(days=1)).replace(day=1))

    def next_month(self) -> None:
        if self.month is not None:
            self.show_month((self.month + timedelta(days=32)).replace(day=1))

    def show_all_lessons(self, every: bool) -> None:
        self.all_lessons = every
        if self.summary is not None:
            self.show_summary(self.summary)

    def show_point(self, point_name: str) -> None:
        """The title with the point's name (as the organiser just saved it)."""
        point = point_name.strip()
        self.title.setText(
            self._t("dashboard.title_point", point=point) if point else self._t("dashboard.title")
        )

    def say_saved(self, text: str) -> None:
        """A line confirming what the organiser just did (until the dashboard is left)."""
        self.saved.setText(text)
        self.saved.setVisible(bool(text))

    def show_wrong_tries(self, count: int) -> None:
        """How many wrong organiser PINs were tried between the last login and this one."""
        self.wrong_tries.setText(self._t("dashboard.wrong_tries", count=count))
        self.wrong_tries.show()

    def show_summary(self, summary: Summary, shown: ShownSummary | None = None) -> None:
        self.summary = summary
        # Every count by the disclosure rule (kiosk.stats.disclosure): 1 to 4 read "<5", the rest
        # rounded to 5, a total that would give one away "x"; the screen is no exception.
        self.shown = shown if shown is not None else _checked(summary)
        self.status.setText("")
        self.status.hide()
        clear_layout(self.periods)
        for figures in summary.periods:
            self.periods.addWidget(self._period_frame(figures), 1)
        self.chart.set_days(self.shown.chart())
        self.figures_shown.emit()

    # -- helpers -------------------------------------------------------------------------
    def _on_counted(self, counted: tuple[Summary, ShownSummary]) -> None:
        self.show_summary(*counted)

    def _on_summary_failed(self, _error: Exception) -> None:
        self.status.show()
        self.status.setText(self._t("dashboard.failed"))

    def _show_notice(self) -> None:
        notice = self._database.notice if self._database is not None else None
        loss = self._database.loss if self._database is not None else None
        lines = []
        # Tried afresh each time: once the organiser has freed some space, the note goes.
        problem = paths.data_dir_problem()
        if problem is not None:
            key = "dashboard.data_dir_full" if problem.disk_full else "dashboard.data_dir_read_only"
            lines.append(self._t(key, folder=str(problem.folder)))
        if notice is not None:
            lines.append(self._t("dashboard.damaged", reason=notice.reason, kept_as=notice.kept_as.name))
        if loss is not None:
            # Fewer visits than the high-water record counted (kiosk.stats.highwater): never silent.
            day = loss.found_at.strftime("%d/%m/%Y" if self._lang == "vi" else "%Y-%m-%d")
            figures = {"day": day, "visits": loss.visits, "runs": loss.tutorial_runs}
            if loss.kept_as:
                lines.append(self._t("dashboard.missing_kept", kept_as=loss.kept_as, **figures))
            else:
                lines.append(self._t("dashboard.missing", **figures))
        self.notice_text.setText("\n\n".join(lines))
        self.notice.setVisible(bool(lines))

    def _period_frame(self, figures: PeriodFigures) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "figures")
        frame.setObjectName(f"period-{PERIOD_KEYS.get(figures.name, figures.name)}")
        column = QVBoxLayout(frame)
        column.setContentsMargins(theme.SPACING, theme.SPACING // 2, theme.SPACING, theme.SPACING // 2)
        column.setSpacing(2)
        name = label(self._period_name(figures), "section")
        name.setObjectName("period-name")
        column.addWidget(name)
        # The dates, so "7 ngày qua" and "Tháng này" are told apart even on the 7th.
        dates = label(self._dates(figures.period), "body")
        dates.setObjectName("period-dates")
        column.addWidget(dates)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.SPACING)
        grid.setVerticalSpacing(0)
        shown = self.shown
        rows = (
            ("visits", shown.text(figures.name, "visits")),
            ("guided", shown.text(figures.name, "guided")),
            ("completed", shown.text(figures.name, "completed")),
            ("handouts", shown.text(figures.name, "handouts")),
        )
        for row, (key, value) in enumerate(rows):
            number = label(value, "title")
            number.setObjectName(f"figure-{key}")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label(self._t(f"dashboard.{key}"), "body"), row, 0)
            grid.addWidget(number, row, 1)
        grid.setColumnStretch(0, 1)
        column.addLayout(grid)
        column.addWidget(label(self._t("dashboard.top"), "section"))
        lessons = figures.top_tutorials if self.all_lessons else figures.top_tutorials[:LESSONS_SHOWN]
        top = [
            self._t(
                "dashboard.runs",
                runs=shown.tutorial(figures.name, tutorial)[0],
                completed=shown.tutorial(figures.name, tutorial)[1],
                title=self._titles.get(tutorial, tutorial),
            )
            for tutorial, _runs, _completed in lessons
        ]
        lesson_list = label("\n".join(top) or self._t("dashboard.none"), "muted")
        lesson_list.setObjectName("lessons")
        column.addWidget(lesson_list)
        if len(figures.top_tutorials) > LESSONS_SHOWN:
            more = BigButton(
                self._t("dashboard.fewer_lessons")
                if self.all_lessons
                else self._t("dashboard.all_lessons", count=len(figures.top_tutorials)),
                role="secondary",
            )
            more.setObjectName("all-lessons")
            more.clicked.connect(functools.partial(self.show_all_lessons, not self.all_lessons))
            column.addWidget(more)
        if figures.outcomes:
            column.addWidget(label(self._t("dashboard.results"), "section"))
            results = [self._result_line(figures.name, outcome) for outcome in figures.outcomes[:TOP_SHOWN]]
            column.addWidget(label("\n".join(results), "muted"))
        hardest = self._hardest_lines(figures)
        if hardest:
            column.addWidget(label(self._t("dashboard.hardest"), "section"))
            steps = label("\n".join(hardest), "muted")
            steps.setObjectName("hardest-steps")
            column.addWidget(steps)
        if figures.guided_visits:
            column.addWidget(label(self._t("dashboard.profile"), "section"))
            profile = label(self._profile_lines(figures.name), "muted")
            profile.setObjectName("profile")
            column.addWidget(profile)
        column.addWidget(label(self._t("dashboard.languages"), "section"))
        languages = ", ".join(
            f"{self._language_name(code)}: {shown.language(figures.name, code)}"
            for code, _n in figures.languages
        )
        column.addWidget(label(languages or self._t("dashboard.none"), "muted"))
        column.addStretch(1)
        return frame

    def _period_name(self, figures: PeriodFigures) -> str:
        if figures.name == "month":
            first = figures.period.first
            return self._t("dashboard.month", month=f"{first.month:02d}/{first.year}")
        return self._t(f"dashboard.{PERIOD_KEYS.get(figures.name, 'today')}")

    @staticmethod
    def _dates(period: Period) -> str:
        first, last = period.first, period.last
        if first == last:
            return f"{first:%d/%m/%Y}"
        return f"{first:%d/%m}–{last:%d/%m/%Y}"

    def _profile_lines(self, period: str) -> str:
        """The guided sessions' profile counts: who noted one, age bands, needs (each by the rule)."""
        counts = {
            (attribute, value): self.shown.profile(period, attribute, value)
            for attribute, value in PROFILE_SHOWN
        }
        lines = []
        for attribute in ("profile", "age-band", "need"):
            parts = [
                self._t(
                    f"dashboard.profile_{attribute.replace('-', '_')}.{value.replace('-', '_')}", count=count
                )
                for (kind, value), count in counts.items()
                if kind == attribute
            ]
            lines.append(", ".join(parts))
        return "\n".join(lines)

    def _hardest_lines(self, figures: PeriodFigures) -> list[str]:
        """The month's steps missed most often in practice, each count by the disclosure rule."""
        if self.summary is None or figures is not self.summary.periods[-1] or not figures.practice:
            return []
        shown = self.shown
        lines = []
        for tutorial_id, step_id, _rate in shown.hardest_steps(figures.name, HARDEST_SHOWN):
            lines.append(
                self._t(
                    "dashboard.hardest_step",
                    misses=shown.practice(figures.name, tutorial_id, step_id, "misses"),
                    attempts=shown.practice(figures.name, tutorial_id, step_id, "attempts"),
                    title=self._titles.get(tutorial_id, tutorial_id),
                    step=self._step_titles.get((tutorial_id, step_id), step_id),
                )
            )
        return lines

    def _result_line(self, period: str, outcome: OutcomeFigure) -> str:
        """A guided session's result, its count by the disclosure rule."""
        title = self._titles.get(outcome.tutorial_id, outcome.tutorial_id)
        count = self.shown.outcome(period, outcome.tutorial_id, outcome.kind, outcome.code)
        if outcome.kind is OutcomeKind.PRACTISED:
            return self._t("dashboard.result_practised", count=count, title=title)
        if outcome.kind.achieved:
            words = self._result_words.get((outcome.tutorial_id, outcome.code), outcome.code)
            helped = outcome.kind is OutcomeKind.ACHIEVED_HELPED
            key = "dashboard.result_helped" if helped else "dashboard.result_done"
            return self._t(key, count=count, title=title, what=words)
        why = self._result_words.get(("", outcome.code), outcome.code)
        return self._t("dashboard.result_not", count=count, title=title, why=why)

    def _language_name(self, code: str) -> str:
        if code in self._ui_text.languages():
            return self._ui_text.language_name(code)
        return code

    def _t(self, key: str, **fmt: object) -> str:
        return self._ui_text.get(self._lang, f"organiser.{key}", **fmt)


def _checked(summary: Summary) -> ShownSummary:
    """The shown texts, with the disclosure check done (it is what takes time)."""
    shown = ShownSummary(summary)
    shown.text(summary.periods[0].name, "visits")
    return shown


def _counted(
    database: Database, day: date, offset: timedelta, month: date | None
) -> tuple[Summary, ShownSummary]:
    """Counting and the disclosure check, both off the GUI thread."""
    summary = summarize(database, day, offset, month_of=month)
    return summary, _checked(summary)

"""Practice ("Try it"): daily counts per tutorial step, and "practised on the kiosk" as an outcome.

A new table, ``practice_counts``: per local day, tutorial and step, how many times the step was
practised, the taps or typed tries, the misses, the hints shown and the times the kiosk showed the
target and moved on. Counts only: nothing typed, nothing that ties a count to a visit.

Guided outcomes get a fourth kind, "practised" (the volunteer's "practised on the kiosk"). As in
0003, SQLite cannot alter a CHECK constraint in place, so ``outcome_counts`` is rebuilt (batch
mode) from its definition as written here, and its rows are copied over.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_DAY = "day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_ID = "{0} <> '' AND {0} NOT GLOB '*[^A-Za-z0-9_-]*'"


def _outcome_counts(kinds: tuple[str, ...]) -> sa.Table:
    """The table as 0003 made it, with ``kinds`` allowed."""
    allowed = ", ".join(f"'{kind}'" for kind in kinds)
    return sa.Table(
        "outcome_counts",
        sa.MetaData(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tutorial_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint(_DAY, name="ck_outcome_counts_day"),
        sa.CheckConstraint(_ID.format("tutorial_id"), name="ck_outcome_counts_tutorial_id"),
        sa.CheckConstraint(f"kind IN ({allowed})", name="ck_outcome_counts_kind"),
        sa.CheckConstraint(_ID.format("code"), name="ck_outcome_counts_code"),
        sa.CheckConstraint("count >= 1", name="ck_outcome_counts_count"),
        sa.PrimaryKeyConstraint("day", "tutorial_id", "kind", "code", "demo", name="pk_outcome_counts"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    op.create_table(
        "practice_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tutorial_id", sa.String(64), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("practised", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("misses", sa.Integer(), nullable=False),
        sa.Column("hints_shown", sa.Integer(), nullable=False),
        sa.Column("shown_and_moved_on", sa.Integer(), nullable=False),
        sa.CheckConstraint(_DAY, name="ck_practice_counts_day"),
        sa.CheckConstraint(_ID.format("tutorial_id"), name="ck_practice_counts_tutorial_id"),
        sa.CheckConstraint(_ID.format("step_id"), name="ck_practice_counts_step_id"),
        sa.CheckConstraint("practised >= 1", name="ck_practice_counts_practised"),
        sa.CheckConstraint(
            "attempts >= 0 AND misses >= 0 AND hints_shown >= 0"
            " AND shown_and_moved_on BETWEEN 0 AND practised",
            name="ck_practice_counts_counts",
        ),
        sa.PrimaryKeyConstraint("day", "tutorial_id", "step_id", "demo", name="pk_practice_counts"),
        sqlite_with_rowid=False,
    )
    table = _outcome_counts(("achieved", "achieved-helped", "not-finished", "practised"))
    with op.batch_alter_table("outcome_counts", copy_from=table, recreate="always"):
        pass


def downgrade() -> None:
    # "Practised on the kiosk" has no place in 0003: those counts are dropped with the kind.
    op.execute("DELETE FROM outcome_counts WHERE kind = 'practised'")
    table = _outcome_counts(("achieved", "achieved-helped", "not-finished"))
    with op.batch_alter_table("outcome_counts", copy_from=table, recreate="always"):
        pass
    op.drop_table("practice_counts")

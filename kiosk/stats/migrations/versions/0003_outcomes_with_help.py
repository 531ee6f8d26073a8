"""Guided outcomes done with help: a third kind of outcome count, "achieved-helped".

The volunteer now says whether the visitor reached an outcome by themselves ("achieved") or
with help ("achieved-helped"). Still counts only, per day: nothing ties a count to a visit.
Only the kind's CHECK constraint changes; SQLite cannot alter one in place, so the table is
rebuilt (batch mode) from its definition as written here, and its rows are copied over.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_DAY = "day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


def _outcome_counts(kinds: tuple[str, ...]) -> sa.Table:
    """The table as 0002 made it, with ``kinds`` allowed."""
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
        sa.CheckConstraint(
            "tutorial_id <> '' AND tutorial_id NOT GLOB '*[^A-Za-z0-9_-]*'",
            name="ck_outcome_counts_tutorial_id",
        ),
        sa.CheckConstraint(f"kind IN ({allowed})", name="ck_outcome_counts_kind"),
        sa.CheckConstraint("code <> '' AND code NOT GLOB '*[^A-Za-z0-9_-]*'", name="ck_outcome_counts_code"),
        sa.CheckConstraint("count >= 1", name="ck_outcome_counts_count"),
        sa.PrimaryKeyConstraint("day", "tutorial_id", "kind", "code", "demo", name="pk_outcome_counts"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    table = _outcome_counts(("achieved", "achieved-helped", "not-finished"))
    with op.batch_alter_table("outcome_counts", copy_from=table, recreate="always"):
        pass


def downgrade() -> None:
    # Done with help is counted as done: the count is kept, only the distinction is lost.
    op.execute(
        "INSERT INTO outcome_counts (day, tutorial_id, kind, code, demo, count)"
        " SELECT day, tutorial_id, 'achieved', code, demo, count FROM outcome_counts"
        " WHERE kind = 'achieved-helped'"
        " ON CONFLICT (day, tutorial_id, kind, code, demo) DO UPDATE SET count = count + excluded.count"
    )
    op.execute("DELETE FROM outcome_counts WHERE kind = 'achieved-helped'")
    table = _outcome_counts(("achieved", "not-finished"))
    with op.batch_alter_table("outcome_counts", copy_from=table, recreate="always"):
        pass

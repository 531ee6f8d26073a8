"""Guided sessions: daily counts of outcomes and reasons, and of the coarse visitor profile.

Two new tables, no change to the old ones: a visit row never learns a profile. The allowed
values are written out here as they were when this revision was made (the models may grow).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_DAY = "day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


def upgrade() -> None:
    op.create_table(
        "outcome_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tutorial_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint(_DAY, name=op.f("ck_outcome_counts_day")),
        sa.CheckConstraint(
            "tutorial_id <> '' AND tutorial_id NOT GLOB '*[^A-Za-z0-9_-]*'",
            name=op.f("ck_outcome_counts_tutorial_id"),
        ),
        sa.CheckConstraint("kind IN ('achieved', 'not-finished')", name=op.f("ck_outcome_counts_kind")),
        sa.CheckConstraint(
            "code <> '' AND code NOT GLOB '*[^A-Za-z0-9_-]*'", name=op.f("ck_outcome_counts_code")
        ),
        sa.CheckConstraint("count >= 1", name=op.f("ck_outcome_counts_count")),
        sa.PrimaryKeyConstraint("day", "tutorial_id", "kind", "code", "demo", name=op.f("pk_outcome_counts")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "profile_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("attribute", sa.String(16), nullable=False),
        sa.Column("value", sa.String(16), nullable=False),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint(_DAY, name=op.f("ck_profile_counts_day")),
        sa.CheckConstraint(
            "(attribute = 'profile' AND value IN ('noted'))"
            " OR (attribute = 'age-band' AND value IN ('under-60', '60-plus'))"
            " OR (attribute = 'need' AND value IN ('sight', 'hearing', 'movement', 'reading', 'none'))",
            name=op.f("ck_profile_counts_value"),
        ),
        sa.CheckConstraint("count >= 1", name=op.f("ck_profile_counts_count")),
        sa.PrimaryKeyConstraint("day", "attribute", "value", "demo", name=op.f("pk_profile_counts")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("profile_counts")
    op.drop_table("outcome_counts")

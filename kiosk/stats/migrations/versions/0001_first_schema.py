"""The first statistics schema: visits, tutorial runs, time per step.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("text_size", sa.String(16), nullable=False),
        sa.Column("high_contrast", sa.Boolean(), nullable=False),
        sa.Column("end_reason", sa.String(8), nullable=True),
        sa.Column("feedback", sa.SmallInteger(), nullable=True),
        sa.Column("demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*'", name=op.f("ck_visits_uid")),
        sa.CheckConstraint(
            "language <> '' AND language NOT GLOB '*[^A-Za-z0-9-]*'", name=op.f("ck_visits_language")
        ),
        sa.CheckConstraint("mode IN ('self', 'guided')", name=op.f("ck_visits_mode")),
        sa.CheckConstraint(
            "text_size IN ('normal', 'large', 'extra-large')", name=op.f("ck_visits_text_size")
        ),
        sa.CheckConstraint(
            "end_reason IS NULL OR end_reason IN ('finished', 'home', 'idle')",
            name=op.f("ck_visits_end_reason"),
        ),
        sa.CheckConstraint("feedback IS NULL OR feedback IN (1, 2, 3)", name=op.f("ck_visits_feedback")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("uid", name=op.f("uq_visits_uid")),
    )
    op.create_index("ix_visits_started_at", "visits", ["started_at"])
    op.create_table(
        "tutorial_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("tutorial_id", sa.String(64), nullable=False),
        sa.Column("content_version", sa.String(32), nullable=False),
        sa.Column("steps_total", sa.Integer(), nullable=False),
        sa.Column("furthest_step", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("handout_printed", sa.Boolean(), nullable=False),
        sa.Column("qr_shown", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*'", name=op.f("ck_tutorial_runs_uid")
        ),
        sa.CheckConstraint(
            "tutorial_id <> '' AND tutorial_id NOT GLOB '*[^A-Za-z0-9_-]*'",
            name=op.f("ck_tutorial_runs_tutorial_id"),
        ),
        sa.CheckConstraint(
            "content_version <> '' AND content_version NOT GLOB '*[^0-9A-Za-z.+_-]*'",
            name=op.f("ck_tutorial_runs_content_version"),
        ),
        sa.CheckConstraint("steps_total >= 1", name=op.f("ck_tutorial_runs_steps_total")),
        sa.CheckConstraint(
            "furthest_step BETWEEN 1 AND steps_total", name=op.f("ck_tutorial_runs_furthest_step")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_tutorial_runs_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tutorial_runs")),
        sa.UniqueConstraint("uid", name=op.f("uq_tutorial_runs_uid")),
    )
    op.create_index("ix_tutorial_runs_visit_id", "tutorial_runs", ["visit_id", "tutorial_id"])
    op.create_table(
        "step_times",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("step_number", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.CheckConstraint("step_number >= 1", name=op.f("ck_step_times_step_number")),
        sa.CheckConstraint("seconds >= 0", name=op.f("ck_step_times_seconds")),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["tutorial_runs.id"],
            name=op.f("fk_step_times_run_id_tutorial_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "step_number", name=op.f("pk_step_times")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("step_times")
    op.drop_index("ix_tutorial_runs_visit_id", table_name="tutorial_runs")
    op.drop_table("tutorial_runs")
    op.drop_index("ix_visits_started_at", table_name="visits")
    op.drop_table("visits")

"""The hub's first schema: points, kiosks with their pinned keys, imports, day and outcome counts.

Revision ID: 0001
Revises:
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _key() -> list[sa.Column[object]]:
    return [
        sa.Column("kiosk_id", sa.String(32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("commune", sa.String(100), nullable=False),
        sa.Column("province", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points")),
        sa.UniqueConstraint("name", "commune", "province", name=op.f("uq_points_name_commune_province")),
    )
    op.create_table(
        "kiosks",
        sa.Column("kiosk_id", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(39), nullable=True),
        sa.Column("public_key", sa.String(64), nullable=True),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_created", sa.String(17), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["point_id"], ["points.id"], name=op.f("fk_kiosks_point_id_points")),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosks")),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(32), nullable=False),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("created", sa.String(17), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("days_added", sa.Integer(), nullable=False),
        sa.Column("days_replaced", sa.Integer(), nullable=False),
        sa.Column("days_kept", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosks.kiosk_id"], name=op.f("fk_imports_kiosk_id_kiosks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
        sa.UniqueConstraint("kiosk_id", "manifest_sha256", name=op.f("uq_imports_kiosk_id_manifest_sha256")),
    )
    op.create_table(
        "kiosk_days",
        *_key(),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("guided", sa.Integer(), nullable=False),
        sa.Column("completions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"], name=op.f("fk_kiosk_days_import_id_imports")),
        sa.PrimaryKeyConstraint("kiosk_id", "day", "demo", name=op.f("pk_kiosk_days")),
    )
    op.create_index(op.f("ix_kiosk_days_day"), "kiosk_days", ["day"])
    op.create_table(
        "day_counts",
        *_key(),
        sa.Column("attribute", sa.String(24), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "day", "demo", "attribute", "code", name=op.f("pk_day_counts")),
    )
    op.create_index(op.f("ix_day_counts_day"), "day_counts", ["day"])
    op.create_table(
        "outcome_counts",
        *_key(),
        sa.Column("tutorial_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kiosk_id", "day", "demo", "tutorial_id", "kind", "code", name=op.f("pk_outcome_counts")
        ),
    )
    op.create_index(op.f("ix_outcome_counts_day"), "outcome_counts", ["day"])
    op.create_table(
        "profile_counts",
        sa.Column("kiosk_id", sa.String(32), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("attribute", sa.String(24), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kiosk_id", "month", "demo", "attribute", "code", name=op.f("pk_profile_counts")
        ),
    )


def downgrade() -> None:
    for table in (
        "profile_counts",
        "outcome_counts",
        "day_counts",
        "kiosk_days",
        "imports",
        "kiosks",
        "points",
    ):
        op.drop_table(table)

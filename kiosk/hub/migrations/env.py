"""Alembic's entry point for the district office's hub database.

``kiosk.hub.db`` builds the configuration in code and hands over an open connection, so a
checkout, a wheel and the bundle migrate alike, on SQLite and on PostgreSQL. Batch mode lets
later revisions change tables on SQLite, which cannot alter most of a table in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kiosk.hub.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("hub migrations run through kiosk.hub.db with an open connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

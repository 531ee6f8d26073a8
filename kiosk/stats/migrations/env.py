"""Alembic's entry point for the kiosk's statistics database.

The kiosk never runs Alembic from an ini file or the command line: ``kiosk.stats.migrate``
builds the configuration in code and hands over an open connection, so a checkout, a wheel
and the PyInstaller bundle migrate alike. Batch mode lets later revisions change tables on
SQLite, which cannot alter most of a table in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kiosk.stats.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("statistics migrations run through kiosk.stats.migrate with an open connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

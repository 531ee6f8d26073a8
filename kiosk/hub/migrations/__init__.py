"""The hub database's Alembic environment and revisions (run by kiosk.hub.db, never from an ini file)."""

"""The hub database's revisions, oldest first."""

"""A visit: the visitor's session, volunteer-guided sessions, and what is recorded of them."""

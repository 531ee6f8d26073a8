"""What is drawn over the whole window (comfort panel, idle question, help), on one base: ``overlay``."""

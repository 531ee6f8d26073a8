"""Printing: the CUPS print service."""

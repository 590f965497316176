"""The static site the QR codes open: pages, calendar files (ics) and the stylesheet (style)."""
from .pages import render  # noqa: F401

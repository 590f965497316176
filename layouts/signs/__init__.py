"""Door signs: what a sign shows (data), how its rows fit (plan), and the drawing (document)."""
from .document import render  # noqa: F401

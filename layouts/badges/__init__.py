"""Badges: what a badge shows (data), its sizes and blocks (fit), shortening notes (notes), the desk's
piles and divider cards (desk), and the sheets (document)."""
from .document import render  # noqa: F401

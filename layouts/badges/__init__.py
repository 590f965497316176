"""Badges: what a badge shows (data), fitting its blocks (fit), shortening notes (notes), the desk's
piles and divider cards (desk), and the sheets (document)."""
from .document import render  # noqa: F401

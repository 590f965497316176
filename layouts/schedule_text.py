"""Old names the poster modules still import; the toolkit is text.py and programme.py.

Only aliases live here: delete this module when the poster imports the toolkit itself.
"""
from __future__ import annotations

from .programme import as_of, secondary, short_url
from .text import Segment, Unit, after, draw_segments, text_width, words, wrap, wrap_units
from .text import unit_width as _unit_width

__all__ = ["Segment", "Unit", "_unit_width", "after", "as_of", "draw_segments", "secondary", "short_url",
           "text_width", "words", "wrap", "wrap_units"]

"""The typeface every printed thing is set in: its ReportLab names and its files.

One fact shared by fonts.py, which registers the faces, and the layouts' theme, which draws
with them; it lives in the core so that registering fonts needs no layout.
"""
from __future__ import annotations

# Noto Sans: OFL, TrueType outlines (ReportLab refuses CFF), covers Latin Extended, Greek and
# Cyrillic. Registered once by eventprint.fonts.register().
FONT = "EP-Sans"
FONT_BOLD = "EP-Sans-Bold"
FONT_ITALIC = "EP-Sans-Italic"
FONT_BOLD_ITALIC = "EP-Sans-BoldItalic"
FONT_FILES = {
    FONT: "NotoSans-Regular.ttf",
    FONT_BOLD: "NotoSans-Bold.ttf",
    FONT_ITALIC: "NotoSans-Italic.ttf",
    FONT_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}

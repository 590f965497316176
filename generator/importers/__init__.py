"""``eventprint import``: exports of pretalx, frab, Indico, Sessionize and CSV → a content folder.

``import_file`` reads and converts (pure apart from reading the file);
``write_content`` writes ``DIR/imported/*.yaml`` (only files whose text
changed) and a commented ``DIR/overrides.yaml`` when there is none.
"""
from __future__ import annotations

from .api import import_file, write_content  # noqa: F401

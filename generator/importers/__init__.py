"""``eventprint import``: exports of pretalx, frab, Indico, Sessionize and CSV → a content folder.

``import_file`` reads and converts (pure apart from reading the file);
``write_content`` puts ``DIR/imported/*.yaml`` in place all or nothing (``staged``;
files whose text did not change stay as they were) and a commented
``DIR/overrides.yaml`` when there is none.
"""
from __future__ import annotations


def __getattr__(name: str):
    """``import_file`` and ``write_content``, imported when first asked for: every command's
    parser is defined with the import subcommand's, and the importers are 20 ms to load."""
    if name in ("import_file", "write_content"):
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

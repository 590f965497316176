"""The programme booklet: reading copy and imposed files (document), with its parts: cover and back
(pages), contents and practical page (front), at a glance (glance, glance_grid), talks (sections,
talks, row), shared measures (base, flow) and imposition (impose)."""
from .document import render  # noqa: F401

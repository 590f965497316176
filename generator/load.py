"""Where callers have always loaded content from; the work is done in ``eventprint.content``."""
from .content import Loaded, load_content, load_event

__all__ = ["Loaded", "load_content", "load_event"]

"""Reading our own YAML content into the model.

``read`` finds and reads the files (hand-written, or imported/ with ``overrides`` merged);
``fields`` reads single values; ``schema`` and ``programme`` check each file; ``resolve`` checks
across files; ``assemble`` builds the model (``stamp`` dates it); ``loader`` runs them in order.
"""
from .loader import Loaded, load_content, load_event

__all__ = ["Loaded", "load_content", "load_event"]

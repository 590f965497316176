"""The lobby poster: the sheets (document), their head (head), and the list layout (listing, flow)."""
from .document import render  # noqa: F401

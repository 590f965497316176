"""Page thumbnails: PNGs of PDF pages drawn by PDFium (pypdfium2), kept under the file's digest.

pypdfium2 is a runtime dependency for this alone: a thumbnail a browser shows as an image is the
only preview that works everywhere (a PDF in a frame is a plugin's business, and headless
browsers draw none), and PDFium draws a page in a few milliseconds from the bytes in memory.
"""
from __future__ import annotations

import io
import threading
from collections import OrderedDict

THUMB = 400  # px, a thumbnail's longer side; shown at half that, sharp on a high-density screen


class Thumbnails:
    """PNGs of PDF pages, drawn by PDFium (which is not thread-safe: one lock) and kept a while."""

    def __init__(self, keep: int = 2000):
        self.lock = threading.Lock()
        self.docs: OrderedDict[str, object] = OrderedDict()
        self.pngs: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self.sizes: dict[str, list[tuple[float, float]]] = {}
        self.keep = keep

    def _doc(self, key: str, data: bytes):
        import pypdfium2
        if key not in self.docs:
            self.docs[key] = pypdfium2.PdfDocument(data)
            while len(self.docs) > 8:
                self.docs.popitem(last=False)[1].close()
        self.docs.move_to_end(key)
        return self.docs[key]

    def page_sizes(self, key: str, data: bytes) -> list[tuple[float, float]]:
        """Each page's (width, height) in points."""
        with self.lock:
            if key not in self.sizes:
                doc = self._doc(key, data)
                self.sizes[key] = [doc.get_page_size(i) for i in range(len(doc))]
            return self.sizes[key]

    def png(self, key: str, data: bytes, page: int) -> bytes | None:
        with self.lock:
            if (key, page) not in self.pngs:
                doc = self._doc(key, data)
                if not 0 <= page < len(doc):
                    return None
                p = doc[page]
                width, height = p.get_size()
                image = p.render(scale=THUMB / max(width, height)).to_pil()
                buf = io.BytesIO()
                image.save(buf, "PNG", compress_level=1)  # a fifth of the default's time, a few % larger
                self.pngs[(key, page)] = buf.getvalue()
                while len(self.pngs) > self.keep:
                    self.pngs.popitem(last=False)
            self.pngs.move_to_end((key, page))
            return self.pngs[(key, page)]

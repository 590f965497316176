"""The toolkit every output draws with: text runs with font fallback and bidi (textruns), measuring,
wrapping and fitting (text, typeset, hyphenation), card layouts as lists of blocks (blocks), the
time x room grid (grid, grid_text, tracks), shared phrases (programme), sheets and crop marks
(sheets), canvas, QR codes and PDF/X (common, qrmatrix, pdfx, pdfwrite, textout, reuse, escape),
and the one theme (theme)."""

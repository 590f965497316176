"""The printed things, one package per output (booklet, poster, signs, badges, site), drawn with
the shared toolkit in ``kit``. Layouts take the model and options and draw; they never read files."""

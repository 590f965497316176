"""The font files bundled with eventprint (installed as ``eventprint.fontfiles``).

This file only makes the folder a package, so ``importlib.resources`` finds the
fonts both in a checkout and in an installed wheel.
"""

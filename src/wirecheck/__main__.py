"""``python -m wirecheck``."""

from .cli import main

main()

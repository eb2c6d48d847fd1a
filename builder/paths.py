"""Where the project is: every part of the builder finds its files from ROOT."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

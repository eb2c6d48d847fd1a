"""Benchmarks of the built course (`make bench`); see bench/__main__.py."""

"""Benchmarks: each module prints its measurements side by side; `python -m bench` runs them all."""

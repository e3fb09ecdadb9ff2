"""Command-line entry points: `python -m server <command>`."""

"""Runs the matchmaking command line (see server/matchmaking/cli.py)."""

import sys

from server.matchmaking.cli import main

sys.exit(main())

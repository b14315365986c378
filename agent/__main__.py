"""``python -m agent``: the same entry as ``tavus agent launch``."""

from agent.cli import main

raise SystemExit(main())

"""``python -m kiosk.config [--installed]``: print the configuration file the declarations make."""

from __future__ import annotations

import sys

from kiosk.config.example import example_toml

print(example_toml(installed="--installed" in sys.argv[1:]), end="")

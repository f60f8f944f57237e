"""Subcommands of ``kiosk``. Each module has ``register(subparsers)``; see kiosk/cli.py."""

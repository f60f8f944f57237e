"""The kiosk's domain: catalogue, flow engine, identity, speech, store and backends (no Qt)."""

__version__ = "0.1.0"

"""Simulated devices: TCP servers speaking the real bytes, reached through socket:// URLs."""

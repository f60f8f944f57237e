"""Device drivers, transports and simulators. Imports nothing else of ours and no Qt."""

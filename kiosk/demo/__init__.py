"""The demonstration: fictional residents in the kiosk's own database and a backend that serves
them, so a newcomer sees every service work. A deployment replaces the backend with an adapter
of the ``kiosk.backends.base.Backend`` protocol; the demo is never imported by the core.
"""

"""The shared condition wait, under the name the device tests import it by."""

from tests.helpers.waiting import wait_until

__all__ = ["wait_until"]

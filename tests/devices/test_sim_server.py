"""The simulators' TCP server: links are tracked while they live and forgotten once closed."""

from __future__ import annotations

import socket

from devices.sim.server import Link, SimServer


class _Idle(SimServer):
    name = "idle"

    def serve(self, link: Link) -> None:
        link.recv(256)


def test_a_client_accepted_while_unplugging_is_closed_and_forgotten() -> None:
    # The race made certain: the accept loop takes a client on a listener that is no longer the
    # server's own (unplug() has set it to None), as when the port is unplugged mid-accept.
    server = _Idle()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    client = socket.create_connection(listener.getsockname(), timeout=2)
    try:
        server._accept_loop(listener)  # returns once it has dropped that client
        assert server.connections == 1
        assert server.links() == []
        assert client.recv(16) == b""  # the simulator closed its end
    finally:
        client.close()
        listener.close()
        server.stop()

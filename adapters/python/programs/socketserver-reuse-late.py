"""003 §12: `server.allow_reuse_address = True` after `ThreadingTCPServer(ip_port, MyServer)`.

The attribute is read by server_bind(), which the constructor has already called, so setting it
on the object changes nothing. The program shows it two ways: SO_REUSEADDR on the server's
socket before and after setting the attribute; and restarts on a port where a closed connection
sits in TIME_WAIT: with the attribute set after construction the constructor itself raises,
with a subclass whose class attribute is True it binds. (Linux lets a bind share a port with a
TIME_WAIT connection only if both have SO_REUSEADDR, so the first server is such a subclass.)

CPython only: the reference (Node) always sets SO_REUSEADDR on listeners, so it has no
counterpart in impl/examples and the claim needs `reuseaddr-control`.

Records: `class-default` {allow_reuse_address}, `after-setting` {before, after} (SO_REUSEADDR),
`restart` {how, ok, errno}.
"""

import os
import socket
import socketserver
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import report  # noqa: E402


class Quiet(socketserver.BaseRequestHandler):
    def handle(self):
        pass


def reuseaddr(server):
    return server.socket.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)


def leave_time_wait(server):
    """The server side closes first, so its end of the connection (the server's port) enters TIME_WAIT."""
    client = socket.create_connection(server.server_address)
    conn, _ = server.socket.accept()
    conn.close()
    client.recv(1)
    client.close()


def restart(how, cls, port):
    try:
        again = cls(('127.0.0.1', port), Quiet)
    except OSError as e:
        report('restart', how=how, ok=False, errno=e.errno, error=str(e))
        return
    report('restart', how=how, ok=True, errno=None)
    again.server_close()


class ReusingServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True


if __name__ == '__main__':
    report('class-default', allow_reuse_address=socketserver.ThreadingTCPServer.allow_reuse_address)
    server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Quiet)
    before = reuseaddr(server)
    server.allow_reuse_address = True  # 003 §12, after construction
    report('after-setting', before=before, after=reuseaddr(server))
    server.server_close()
    first = ReusingServer(('127.0.0.1', 0), Quiet)
    port = first.server_address[1]
    leave_time_wait(first)
    first.server_close()
    restart('attribute set after construction', socketserver.ThreadingTCPServer, port)
    restart('class attribute set before construction', ReusingServer, port)

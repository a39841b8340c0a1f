"""The networking capabilities the driver has (harness/capability.ts), from CPython's own modules.

`reuseaddr-control`: CPython binds without SO_REUSEADDR unless a program sets it (Node cannot).
`unix-sockets` only where the platform has AF_UNIX.
"""

import socket

SOCKET_CAPABILITIES = ["tcp", "udp", "select", "reuseaddr-control"] + (["unix-sockets"] if hasattr(socket, "AF_UNIX") else [])

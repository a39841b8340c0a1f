"""How actor processes talk to the driver: one Unix datagram per message, on one socket pair.

Every actor process inherits the sending end. A datagram is delivered whole or not at all, so
the messages of processes that record at the same moment never interleave, and a process
killed in the middle of a send (SIGTERM from `terminate`, SIGKILL at the end of the run) leaves
no half message behind and holds no lock that others would wait for (a multiprocessing.Queue
would do both). A message may carry file descriptors (SCM_RIGHTS): that is how a pidfd, which
names a process without the races of a pid, reaches the driver.
"""

import array
import errno
import json
import socket

# Big enough for a program's transcript; the kernel doubles it and caps it at wmem_max.
SEND_BUFFER_BYTES = 4 * 1024 * 1024
MAX_MESSAGE_BYTES = SEND_BUFFER_BYTES
MAX_FDS = 4


class MessageTooLarge(Exception):
    pass


def _encode(message):
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), default=repr).encode("utf-8")


class EventChannel:
    def __init__(self):
        self._receiver, self._sender = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self._sender.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER_BYTES)
        except OSError:
            pass
        self._buffer = bytearray(MAX_MESSAGE_BYTES + 1)
        self._ancillary = socket.CMSG_SPACE(MAX_FDS * 4)

    # -- in actor processes --

    def send(self, message, fds=()):
        data = _encode(message)
        if len(data) > MAX_MESSAGE_BYTES:
            raise MessageTooLarge("a message of %d bytes does not fit in one datagram" % len(data))
        try:
            if fds:
                socket.send_fds(self._sender, [data], list(fds))
            else:
                self._sender.send(data)
        except OSError as e:
            if e.errno == errno.EMSGSIZE:
                raise MessageTooLarge(str(e))
            raise

    # -- in the driver --

    def fileno(self):
        return self._receiver.fileno()

    def receive(self):
        """The next message and the descriptors it carried, or None when none is waiting."""
        try:
            n, ancdata, _flags, _addr = self._receiver.recvmsg_into([self._buffer], self._ancillary, socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return None
        fds = []
        for level, kind, data in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                ints = array.array("i")
                ints.frombytes(data[: len(data) - len(data) % ints.itemsize])
                fds.extend(ints)
        return json.loads(bytes(self._buffer[:n]).decode("utf-8")), fds

    def close(self):
        self._receiver.close()
        self._sender.close()

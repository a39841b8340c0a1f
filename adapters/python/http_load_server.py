"""CPython's baseline for the load tests: http.server.ThreadingHTTPServer with a handler doing
the same work as the reference's load handlers (impl/net/http/load-handlers.ts).

    python3 http_load_server.py '{"work": "sleep", "context": {"sleepMs": 20}}'

Prints `listening <port>` once bound to 127.0.0.1. Speaks HTTP/1.1 (protocol_version), so
connections are kept alive as autocannon expects. Exits when stdin closes (the parent is gone)
or on SIGTERM. Standard library only.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def spin(iterations):
    # The reference's CPU-bound loop, the same arithmetic in 32-bit.
    x = 0
    for i in range(iterations):
        x = (x * 31 + i) & 0xFFFFFFFF
    return x


def make_handler(work, context):
    sleep_s = float(context.get("sleepMs", 20)) / 1000.0
    iterations = int(context.get("cpuIterations", 2_000_000))

    class LoadHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # send_response and wfile.write are two sends; without TCP_NODELAY, Nagle and the
        # client's delayed ACK hold the second ~40 ms and CPython would be measured waiting.
        disable_nagle_algorithm = True

        def do_GET(self):
            if work == "sleep":
                time.sleep(sleep_s)
                body = b"slept\n"
            elif work == "cpu":
                body = b"%d\n" % spin(iterations)
            else:
                body = b"hello\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    return LoadHandler


def main():
    request = json.loads(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(request["work"], request.get("context") or {}))
    # A load test opens its connections at once; socketserver's default backlog is 5.
    server.socket.listen(512)

    def watch_stdin():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    print("listening %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

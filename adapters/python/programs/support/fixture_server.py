"""A local stand-in for the web the documents' crawlers fetch (the reference's
impl/examples/support/fixture-server.ts, in CPython's standard library).

An HTTP server on 127.0.0.1 (http.server, one thread per request) whose pages say how to answer
in their own URL, so a crawler can be given slow pages, failing pages and unreachable ones
without any network:

    /page/<name>?size=<bytes>&status=<code>&delay=<ms>

answers `status` (200 by default) after `delay` ms with a body of `size` bytes. It runs in a
daemonic process of its own (start_fixture_process), as the web is elsewhere: a crawler whose
main process is busy (a blocking callback) does not stall it.

The listings fetch with `requests`, which is not in the standard library; `get` is
`requests.get` on urllib.request for what the crawlers use of it: `status_code` and `text`, a
response for any status (urllib raises HTTPError for those, requests does not), and an
exception when the server cannot be reached.
"""

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process, Queue


class FixtureHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        size = int(query.get('size', ['1000'])[0])
        status = int(query.get('status', ['200'])[0])
        delay = float(query.get('delay', ['0'])[0])
        time.sleep(delay / 1000.0)
        body = ('<html>' + 'x' * max(0, size - 13) + '</html>').encode('utf-8')
        self.send_response(status)
        self.send_header('content-type', 'text/html; charset=utf-8')
        self.send_header('content-length', str(len(body)))
        self.send_header('connection', 'close')
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # the crawlers' own output is what their stdout and stderr are for


def serve_fixtures(ready):
    """Target of the server process: serves until terminated, after telling `ready` its base URL."""
    server = ThreadingHTTPServer(('127.0.0.1', 0), FixtureHandler)
    ready.put('http://127.0.0.1:%d' % server.server_address[1])
    server.serve_forever()


def start_fixture_process():
    """Starts the fixture server in a daemonic child process and returns its base URL."""
    ready = Queue()
    Process(target=serve_fixtures, args=(ready,), daemon=True).start()
    return ready.get()


def page_url(base_url, name, status=200, delay_ms=0, size=1000):
    return '%s/page/%s?size=%d&status=%d&delay=%d' % (base_url, name, size, status, delay_ms)


def refused_url():
    """A URL nobody listens on (a port bound and released at once): fetching it is refused."""
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    return 'http://127.0.0.1:%d/page/unreachable' % port


class Response:
    def __init__(self, status_code, text):
        self.status_code = status_code
        self.text = text


# Loopback only: no proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url):
    """requests.get(url) for the crawlers: a Response for any status; unreachable raises URLError."""
    try:
        with _opener.open(url) as response:
            return Response(response.status, response.read().decode('utf-8'))
    except urllib.error.HTTPError as e:
        with e:
            return Response(e.code, e.read().decode('utf-8'))

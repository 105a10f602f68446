# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A scriptable HTTP server on 127.0.0.1 and a fake clock for the client tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union
from urllib.parse import parse_qs, urlsplit

import pytest

CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "PLACEHOLDER-SECRET-K05"
TSG_ID = "1000000001"

# Returned by a handler to close the connection without sending a response.
DROP = object()

Reply = Union[Tuple[int, Dict[str, str], bytes], object]


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    body: bytes
    target: str = ""

    def header(self, name: str) -> Optional[str]:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def form(self) -> Dict[str, List[str]]:
        return parse_qs(self.body.decode("utf-8"))

    def basic_auth(self) -> Optional[Tuple[str, str]]:
        value = self.header("Authorization") or ""
        if not value.startswith("Basic "):
            return None
        user, _separator, password = base64.b64decode(value[6:]).decode("utf-8").partition(":")
        return user, password


def json_reply(status: int, payload: Any, headers: Optional[Dict[str, str]] = None) -> Reply:
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return status, all_headers, json.dumps(payload).encode("utf-8")


@dataclass
class LocalServer:
    """Routes (method, path) to handlers and records every request, thread-safely."""

    url: str = ""
    routes: Dict[Tuple[str, str], Callable[[RecordedRequest], Reply]] = field(default_factory=dict)
    requests: List[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    DROP = DROP
    json_reply = staticmethod(json_reply)

    def route(self, method: str, path: str, handler: Callable[[RecordedRequest], Reply]) -> None:
        self.routes[(method, path)] = handler

    def sequence(self, method: str, path: str, replies: List[Reply]) -> None:
        """Return the replies in order for this route, repeating the last one."""
        position = {"next": 0}

        def handler(request: RecordedRequest) -> Reply:
            with self.lock:
                index = min(position["next"], len(replies) - 1)
                position["next"] += 1
            return replies[index]

        self.route(method, path, handler)

    def received(self, path: Optional[str] = None) -> List[RecordedRequest]:
        with self.lock:
            return [request for request in self.requests if path is None or request.path == path]

    def add_token_service(
        self, path: str = "/oauth2/access_token", expires_in: int = 900, delay: float = 0.0
    ) -> "TokenService":
        service = TokenService(expires_in, delay)
        self.route("POST", path, service)
        return service


class TokenService:
    """A token endpoint that issues tok-1, tok-2, ... and counts requests in flight."""

    def __init__(self, expires_in: int = 900, delay: float = 0.0) -> None:
        self.expires_in = expires_in
        self.delay = delay
        self.issued: List[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.failures: List[Reply] = []

    def __call__(self, request: RecordedRequest) -> Reply:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                threading.Event().wait(self.delay)
            with self.lock:
                if self.failures:
                    return self.failures.pop(0)
                token = "tok-%d" % (len(self.issued) + 1)
                self.issued.append(token)
            return json_reply(
                200,
                {"access_token": token, "token_type": "Bearer", "expires_in": self.expires_in},
            )
        finally:
            with self.lock:
                self.in_flight -= 1


def _handler_class(server: LocalServer) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            request = RecordedRequest(
                method=self.command,
                path=parts.path,
                target=self.path,
                query=parse_qs(parts.query),
                headers=dict(self.headers.items()),
                body=body,
            )
            with server.lock:
                server.requests.append(request)

            handler = server.routes.get((self.command, request.path))
            reply = handler(request) if handler else json_reply(404, {"error": "no route"})
            if reply is DROP:
                self.close_connection = True
                return

            status, headers, content = reply  # type: ignore[misc]
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = _handle
        do_POST = _handle

    return Handler


class _Server(ThreadingHTTPServer):
    # A backlog of 5 (the default) drops connections when 32 clients connect at once.
    request_queue_size = 128


def start_server(
    server: LocalServer, wrap_socket: Optional[Callable[[Any], Any]] = None
) -> ThreadingHTTPServer:
    httpd = _Server(("127.0.0.1", 0), _handler_class(server))
    httpd.daemon_threads = True
    scheme = "http"
    if wrap_socket is not None:
        httpd.socket = wrap_socket(httpd.socket)
        scheme = "https"
    server.url = "%s://127.0.0.1:%d" % (scheme, httpd.server_address[1])
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    httpd = start_server(server)
    yield server
    httpd.shutdown()
    httpd.server_close()


@dataclass
class TlsServer:
    """An HTTPS LocalServer with a self-signed certificate for 127.0.0.1."""

    server: LocalServer
    certificate: str
    other_certificate: str


def _self_signed(directory: Any, name: str) -> Tuple[str, str]:
    certificate = str(directory / ("%s.pem" % name))
    key = str(directory / ("%s.key" % name))
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            key,
            "-out",
            certificate,
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@pytest.fixture
def tls_server(tmp_path: Any) -> Iterator[TlsServer]:
    certificate, key = _self_signed(tmp_path, "server")
    other_certificate, _other_key = _self_signed(tmp_path, "other")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)

    server = LocalServer()
    httpd = start_server(server, lambda sock: context.wrap_socket(sock, server_side=True))
    yield TlsServer(server, certificate, other_certificate)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def clean_network_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """Keep proxies, CA bundles and the user's cache directory out of every test."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


class FakeTime:
    """A monotonic clock and a wall clock that move only when sleep() is called."""

    def __init__(self, wall: float = 1_800_000_000.0) -> None:
        self.monotonic_now = 1000.0
        self.wall_now = wall
        self.sleeps: List[float] = []

    def monotonic(self) -> float:
        return self.monotonic_now

    def wall(self) -> float:
        return self.wall_now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.monotonic_now += seconds
        self.wall_now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@dataclass
class Harness:
    """A Client wired to the local server, with every warning and debug line captured."""

    client: Any
    warnings: List[str]
    debug: List[str]
    time: FakeTime
    cache_directory: str

    def messages(self) -> List[str]:
        return self.warnings + self.debug


@pytest.fixture
def make_client(
    local_server: LocalServer, fake_time: FakeTime, tmp_path: Any
) -> Callable[..., Harness]:
    """Build a Client for local_server; keyword arguments override connection options."""
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import Client
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
        build_settings,
    )
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
        TokenCache,
    )

    def build(
        server: Optional[LocalServer] = None,
        token_path: str = "/oauth2/access_token",
        client_options: Optional[Dict[str, Any]] = None,
        **overrides: Any,
    ) -> Harness:
        target = server or local_server
        values: Dict[str, Any] = {
            "tsg_id": TSG_ID,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "auth_url": target.url + token_path,
            "api_url": target.url,
            "timeout": 5,
            "max_retries": 3,
        }
        values.update(overrides)
        warnings: List[str] = []
        debug: List[str] = []
        cache_directory = str(tmp_path / "token-cache")
        client = Client(
            build_settings(values, warn=warnings.append),
            warn=warnings.append,
            debug=debug.append,
            sleep=fake_time.sleep,
            clock=fake_time.monotonic,
            now=fake_time.wall,
            token_cache=TokenCache(cache_directory, debug=debug.append),
            **(client_options or {}),
        )
        return Harness(client, warnings, debug, fake_time, cache_directory)

    return build

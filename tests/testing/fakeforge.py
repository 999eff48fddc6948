"""A real HTTP server on 127.0.0.1 that answers the GitHub and GitLab endpoints specflow uses,
keeps the comments in memory, pages them with `Link` headers, and records every request."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

GITHUB_TOKEN = "ghs_secret-token-for-tests"
GITLAB_TOKEN = "glpat-secret-token-for-tests"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names in lower case
    body: Any

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class Failure:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1_000_000  # how many requests it answers before the route works again
    delay: float = 0.0


class FakeForge:
    """`comments` holds GitHub comments ({id, user: {login}, body}) and GitLab notes
    ({id, author: {id}, body, system}) alike; the routes decide which shape they read."""

    def __init__(self, page_size: int = 100) -> None:
        self.page_size = page_size
        self.comments: list[dict[str, Any]] = []
        self.requests: list[Request] = []
        self.failures: dict[str, Failure] = {}  # "METHOD /path" (a prefix) → answer
        self.redirects: dict[str, str] = {}  # "METHOD /path" → Location
        self.next_host: str | None = None  # a Link header pointing elsewhere
        self.github_login = "specflow-bot"
        self.gitlab_user = 7
        self.user_forbidden = False  # GET /user answers 403, as for an Actions token
        self.next_id = 1000
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = False  # so that `server_close` waits for them
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeForge:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()  # no thread outlives the test (a fork in a later one copies none)

    def routes(self) -> list[str]:
        return [r.route for r in self.requests]

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method != "GET"]

    def add_github(self, login: str, body: str) -> dict[str, Any]:
        comment = {"id": self._id(), "user": {"login": login}, "body": body}
        comment["html_url"] = f"https://github.example/pull/1#issuecomment-{comment['id']}"
        self.comments.append(comment)
        return comment

    def add_gitlab(self, author: int, body: str, system: bool = False) -> dict[str, Any]:
        note = {"id": self._id(), "author": {"id": author}, "body": body, "system": system}
        self.comments.append(note)
        return note

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                forge._serve(self, "GET")

            def do_POST(self) -> None:
                forge._serve(self, "POST")

            def do_PATCH(self) -> None:
                forge._serve(self, "PATCH")

            def do_PUT(self) -> None:
                forge._serve(self, "PUT")

            def do_DELETE(self) -> None:
                forge._serve(self, "DELETE")

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        headers = {name.lower(): value for name, value in handler.headers.items()}
        request = Request(method, parts.path, parse_qs(parts.query), headers, body)
        with self.lock:
            self.requests.append(request)
        route = f"{method} {parts.path}"
        for prefix, target in self.redirects.items():
            if route.startswith(prefix):
                self._send(handler, 307, None, {"Location": target})
                return
        for prefix, failure in self.failures.items():
            if route.startswith(prefix) and failure.times > 0:
                failure.times -= 1
                time.sleep(failure.delay)
                self._send(handler, failure.status, failure.body, failure.headers)
                return
        status, answer, headers = self._route(request, handler)
        self._send(handler, status, answer, headers)

    def _route(
        self, request: Request, handler: BaseHTTPRequestHandler
    ) -> tuple[int, Any, dict[str, str]]:
        path, method = request.path, request.method
        github = path.startswith("/repos/") or path == "/user"
        if github and request.headers.get("authorization") != f"Bearer {GITHUB_TOKEN}":
            return 401, {"message": "Bad credentials"}, {}
        if path.startswith("/api/v4/") and request.headers.get("private-token") != GITLAB_TOKEN:
            return 401, {"message": "401 Unauthorized"}, {}
        if path == "/user":
            if self.user_forbidden:
                return 403, {"message": "Resource not accessible by integration"}, {}
            return 200, {"login": self.github_login}, {}
        if path == "/api/v4/user":
            return 200, {"id": self.gitlab_user, "username": "specflow-bot"}, {}
        if path.endswith("/comments") or path.endswith("/notes"):
            if method == "GET":
                return self._page(request, handler)
            if method == "POST":
                return 201, self._create(request, gitlab=path.endswith("/notes")), {}
        if "/comments/" in path or "/notes/" in path:
            key = int(path.rsplit("/", 1)[1])
            found = next((c for c in self.comments if c["id"] == key), None)
            if found is None:
                return 404, {"message": "Not Found"}, {}
            if method in ("PATCH", "PUT"):
                found["body"] = request.body["body"]
                return 200, found, {}
            if method == "DELETE":
                self.comments.remove(found)
                return 204, None, {}
        return 404, {"message": "Not Found"}, {}

    def _create(self, request: Request, gitlab: bool) -> dict[str, Any]:
        if gitlab:
            return self.add_gitlab(self.gitlab_user, request.body["body"])
        return self.add_github(self.github_login, request.body["body"])

    def _page(
        self, request: Request, handler: BaseHTTPRequestHandler
    ) -> tuple[int, Any, dict[str, str]]:
        size = min(int(request.query.get("per_page", ["30"])[0]), self.page_size)
        page = int(request.query.get("page", ["1"])[0])
        items = self.comments[(page - 1) * size : page * size]
        headers = {}
        if page * size < len(self.comments):
            base = self.next_host or self.url
            query = f"per_page={size}&page={page + 1}"
            headers["Link"] = f'<{base}{request.path}?{query}>; rel="next"'
        return 200, items, headers

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str]
    ) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def running(page_size: int = 100) -> Iterator[FakeForge]:
    forge = FakeForge(page_size).start()
    try:
        yield forge
    finally:
        forge.stop()

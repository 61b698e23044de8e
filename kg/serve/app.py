"""The HTTP side of ``kg serve``: a Starlette app run by uvicorn.

Starlette and uvicorn carry the HTTP plumbing (request parsing, chunked bodies, keep-alive, a
listen backlog of 2048, HEAD, CORS and Host checks); kg adds the SPARQL protocol, the pages,
token checks, cross-site form protection and the security headers. Queries go to the worker
processes of :mod:`kg.serve.workers`; updates run here, one at a time, on the read-write store.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import ipaddress
import shutil
import socket
import tempfile
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

import anyio
import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.ontology_files import example_queries
from kg.rdf import PREFIXES
from kg.serve.cache import ReplyCache
from kg.serve.endpoint import (
    EndpointConfig,
    Reply,
    error_reply,
    run_update,
    service_description,
)
from kg.serve.workers import Job, WorkerPool
from kg.store import KGStore

MAX_BODY = 10 * 1024 * 1024
BACKLOG = 2048
#: Sent with every answer: pages run only their own scripts, talk only to this server and
#: cannot be framed; no answer is sniffed into another type.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self'"
        " 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
        " frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: YASGUI, vendored from npm (see its README there), served for the query page.
YASGUI_DIR = Path(str(resources.files("kg").joinpath("assets/yasgui")))
_LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1", "[::1]"]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                            if k.lower().encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _response(reply: Reply) -> Response:
    headers = {"Vary": "Accept, Origin", **reply.headers}
    return Response(reply.body, reply.status, headers=headers, media_type=reply.content_type)


def allowed_hosts(host: str) -> list[str]:
    """Return the Host header values accepted for a server bound to ``host`` ('*' when it
    listens on every address: the name clients use cannot be known then)."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    names = [host, f"[{host}]"] if ":" in host else [host]
    return names + (_LOOPBACK_NAMES if loopback else [])


def query_page_html() -> str:
    """Return the query page: editor, example-query menu and a results table (no CDN)."""
    from kg.viz.data import json_island

    template = resources.files("kg").joinpath("assets/query.html").read_text(encoding="utf-8")
    examples = [
        {"name": q["name"], "title": q["title"], "description": q["description"],
         "sparql": q["sparql"]}
        for q in example_queries()
    ]
    return (template.replace("__KG_EXAMPLES__", json_island(examples))
            .replace("__KG_PREFIXES__", json_island(PREFIXES)))


class Endpoint:
    """The routes of ``kg serve`` over one store: a worker pool for queries and pages, and the
    read-write store (updates only)."""

    def __init__(self, path: Path, config: EndpointConfig, update_store: ox.Store | None):
        self.config = config
        self.pool = WorkerPool(path, config.workers, config.timeout, config.memory_mb,
                               config.allow_service)
        self.update_store = update_store
        self.generation = 0
        self.cache = ReplyCache(config.cache_mb * 1024 * 1024) if config.cache_mb else None
        self._write_lock = threading.Lock()
        self._pages: dict[str, tuple[int, Reply]] = {}
        self.app = Starlette(
            routes=[
                Route("/sparql", self.sparql, methods=["GET", "POST", "OPTIONS"]),
                Route("/", self.query_page, methods=["GET", "OPTIONS"]),
                Route("/index.html", self.query_page, methods=["GET", "OPTIONS"]),
                Route("/graph", self.graph_page, methods=["GET", "OPTIONS"]),
                Route("/timeline", self.graph_page, methods=["GET", "OPTIONS"]),
                Route("/facts", self.graph_page, methods=["GET", "OPTIONS"]),
                Mount("/assets/yasgui", StaticFiles(directory=str(YASGUI_DIR))),
            ],
        )
        self.app.add_exception_handler(404, self._not_found)
        self.app.add_exception_handler(405, self._not_allowed)

    # -- pages ----------------------------------------------------------------------------------

    async def _not_found(self, request: Request, exc: Exception) -> Response:
        return _response(error_reply(404, f"not found: {request.url.path} (try /, /sparql,"
                                     " /graph)"))

    async def _not_allowed(self, request: Request, exc: Exception) -> Response:
        return _response(error_reply(405, f"method {request.method} not allowed on"
                                     f" {request.url.path}", {"Allow": "GET, HEAD, OPTIONS"}))

    @staticmethod
    def _options(methods: str) -> Response:
        return Response(status_code=204, headers={"Allow": methods})

    async def query_page(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return self._options("GET, HEAD, OPTIONS")
        return _response(Reply(200, "text/html; charset=utf-8", query_page_html().encode()))

    async def graph_page(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return self._options("GET, HEAD, OPTIONS")
        name = request.url.path.strip("/")
        cached = self._pages.get(name)
        if cached and cached[0] == self.generation:
            return _response(cached[1])
        generation = self.generation
        reply = await anyio.to_thread.run_sync(
            self.pool.run, Job(page=name, generation=generation))
        if reply.status == 200:
            self._pages[name] = (generation, reply)
        return _response(reply)

    # -- SPARQL ---------------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return self._options("GET, HEAD, POST, OPTIONS")
        params = parse_qs(request.url.query, keep_blank_values=True)
        query = update = None
        if request.method == "POST":
            refusal = self._cross_site(request)
            if refusal:
                return _response(refusal)
            body = await self._body(request)
            if isinstance(body, Reply):
                return _response(body)
            media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            text = body.decode("utf-8", errors="replace")
            if media == "application/x-www-form-urlencoded":
                for name, values in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(name, []).extend(values)
            elif media == "application/sparql-query":
                query = text
            elif media == "application/sparql-update":
                update = text
            else:
                return _response(error_reply(
                    415, f"unsupported Content-Type {media!r}: use application/sparql-query,"
                    " application/sparql-update or application/x-www-form-urlencoded"))
        query = query if query is not None else _first(params, "query")
        update = update if update is not None else _first(params, "update")
        if update is not None:
            return _response(await self._update(request, update))
        if query is None:
            if request.method == "POST":
                return _response(error_reply(400, "missing SPARQL query: pass the 'query'"
                                             " or 'update' parameter"))
            url = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
            body = service_description(url, self.config.allow_update)
            return _response(Reply(200, "text/turtle; charset=utf-8", body))
        if not query.strip():
            return _response(error_reply(400, "empty SPARQL query"))
        job = Job(
            sparql=query, accept=request.headers.get("accept"),
            fmt=_first(params, "format", "output", "results"),
            default_graphs=tuple(params.get("default-graph-uri") or ()),
            named_graphs=tuple(params.get("named-graph-uri") or ()),
            max_rows=self.config.max_rows, generation=self.generation,
        )

        async def run() -> Reply:
            return await anyio.to_thread.run_sync(self.pool.run, job)

        return _response(await (self.cache.answer(job, run) if self.cache is not None else run()))

    def _cross_site(self, request: Request) -> Reply | None:
        """Return a 403 for a POST sent by a page of another origin that --cors does not
        allow (a form on any web site could otherwise make the browser post queries)."""
        origin = request.headers.get("origin")
        site = request.headers.get("sec-fetch-site", "")
        if origin is None:
            if site == "cross-site":
                return error_reply(403, "cross-site POST refused")
            return None
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        allowed = self.config.cors
        if origin == own or "*" in allowed or origin in allowed:
            return None
        return error_reply(403, f"cross-site POST from {origin[:100]} refused (allow it with"
                           " kg serve --cors ORIGIN)")

    async def _body(self, request: Request) -> bytes | Reply:
        """Return the request body, or the error reply for a missing, oversized, malformed or
        too slowly sent one."""
        headers = request.headers
        if "content-length" not in headers and "transfer-encoding" not in headers:
            return error_reply(411, "POST needs a Content-Length (or a chunked body)")
        chunks: list[bytes] = []
        size = 0

        async def read() -> Reply | None:
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    return error_reply(413, f"request body larger than {MAX_BODY} bytes")
                chunks.append(chunk)
            return None

        try:
            refusal = await asyncio.wait_for(read(), self.config.read_timeout)
        except TimeoutError:
            return error_reply(408, f"request body not received within"
                               f" {self.config.read_timeout:g} s", {"Connection": "close"})
        except ClientDisconnect:
            return error_reply(400, "request body incomplete: the client disconnected")
        return refusal or b"".join(chunks)

    def _authorized(self, request: Request) -> bool:
        """Return whether the request carries the token: ``Bearer <token>``, or Basic auth
        with the token as password (any user name)."""
        token = self.config.token
        scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
        given = given.strip()
        if not token:
            return False
        if scheme.lower() == "basic":
            try:
                given = base64.b64decode(given, validate=True).decode("utf-8").partition(":")[2]
            except (binascii.Error, UnicodeDecodeError):
                return False
        elif scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.encode(), token.encode())

    async def _update(self, request: Request, update: str) -> Reply:
        config = self.config
        if not config.allow_update or request.method != "POST" or self.update_store is None:
            return error_reply(403, "SPARQL Update is disabled: this endpoint is read-only"
                               " (start kg serve with --allow-update and a token)")
        if not self._authorized(request):
            return error_reply(
                401, "SPARQL Update needs the token: 'Authorization: Bearer <token>' or Basic"
                " auth with the token as password",
                {"WWW-Authenticate": 'Basic realm="kg", charset="UTF-8", Bearer realm="kg"'})
        return await anyio.to_thread.run_sync(self._apply_update, update)

    def _apply_update(self, update: str) -> Reply:
        with self._write_lock:
            reply = run_update(self.update_store, update, self.config.allow_service)
            if reply.status < 300:
                self.update_store.flush()
                self.generation += 1
        return reply


def _first(params: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        if params.get(name):
            return params[name][0]
    return None


def build_app(endpoint: Endpoint, host: str) -> ASGIApp:
    """Return the endpoint's app wrapped in the Host check, CORS and security headers."""
    app: ASGIApp = endpoint.app
    if endpoint.config.cors:
        app = CORSMiddleware(
            app, allow_origins=list(endpoint.config.cors),
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            max_age=600,
        )
    names = allowed_hosts(host) + list(endpoint.config.host_names)
    app = TrustedHostMiddleware(app, allowed_hosts=names)
    return SecurityHeaders(app)


class KGServer:
    """A bound ``kg serve`` endpoint: the listening socket, the app, the workers."""

    def __init__(self, sock: socket.socket, endpoint: Endpoint, host: str, quiet: bool,
                 cleanup: list) -> None:
        self.socket = sock
        self.endpoint = endpoint
        self.config = endpoint.config
        self._cleanup = cleanup
        app = build_app(endpoint, host)
        self._uvicorn = uvicorn.Server(uvicorn.Config(
            app, lifespan="off", log_level="warning" if quiet else "info", access_log=not quiet,
            backlog=BACKLOG, timeout_keep_alive=15, timeout_graceful_shutdown=2,
            server_header=False,
        ))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the base URL the server listens on."""
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Answer requests until Ctrl-C or :meth:`shutdown`."""
        self.endpoint.pool.start()
        asyncio.run(self._uvicorn.serve(sockets=[self.socket]))

    def start(self) -> None:
        """Serve in a background thread (returns once the server answers)."""
        self._thread = threading.Thread(target=self.serve_forever, name="kg-serve",
                                        daemon=True)
        self._thread.start()
        while not self._uvicorn.started and self._thread.is_alive():
            self._thread.join(0.02)

    def shutdown(self) -> None:
        """Stop serving (from another thread)."""
        self._uvicorn.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    def server_close(self) -> None:
        """Stop the workers and release the socket and the store."""
        self.endpoint.pool.close()
        self.socket.close()
        for action in self._cleanup:
            action()

    def stop(self) -> None:
        """Stop serving and release everything."""
        self.shutdown()
        self.server_close()


def _disk_copy(store: KGStore) -> tuple[Path, ox.Store, str]:
    """Return a temporary on-disk copy of an in-memory store (workers open it read-only)."""
    tmp = tempfile.mkdtemp(prefix="kg-serve-")
    path = Path(tmp) / "store"
    copy = ox.Store(str(path))
    copy.bulk_extend(store.ox.quads_for_pattern(None, None, None, None))
    copy.flush()
    return path, copy, tmp


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # answers go out as head + body writes: without TCP_NODELAY (inherited by accepted
    # sockets) each keep-alive answer waits ~40 ms for the client's delayed ACK
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(
    store: KGStore | str | Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    config: EndpointConfig | None = None,
    *,
    quiet: bool = False,
) -> KGServer:
    """Return a bound (not yet serving) endpoint over ``store``; ``port=0`` picks a free port.

    ``store`` is a store directory or an open :class:`KGStore`; an in-memory store is served
    from a temporary on-disk copy (the query workers are separate processes).
    """
    config = config or EndpointConfig()
    if config.allow_update and not config.token:
        raise ValueError("--allow-update needs a token (--token or KG_TOKEN)")
    cleanup: list = []
    update_store: ox.Store | None = None
    if isinstance(store, KGStore) and store.path is None:
        path, copy, tmp = _disk_copy(store)
        update_store = copy
        cleanup.append(lambda: shutil.rmtree(tmp, ignore_errors=True))
    elif isinstance(store, KGStore):
        path, update_store = store.path, store.ox
    else:
        path = Path(store)
        if config.allow_update:
            opened = KGStore.open(path)
            update_store = opened.ox
            cleanup.append(opened.close)
    sock = _bind(host, port)
    endpoint = Endpoint(Path(path), config, update_store if config.allow_update else None)
    return KGServer(sock, endpoint, host, quiet, cleanup)


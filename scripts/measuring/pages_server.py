"""A local stand-in for GitHub Pages: serves a built site under `/<repo>/`.

    python scripts/measuring/pages_server.py [--dir site] [--subpath report-site] [--port 8765]

Takes a built site folder; gives HTTP on 127.0.0.1 the way GitHub Pages
serves a project site: only below `/<subpath>/`, `index.html` for folders
(with a redirect from `/dir` to `/dir/`), text files gzip-compressed when the
client accepts it, and the site's own `404.html` with status 404 for anything
missing. The tests, `make weight` and `make lighthouse` all measure through
it, so compressed sizes and the 404 page are what a reader gets.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".yaml", ".txt", ".map"}
TYPES = {".yaml": "text/yaml; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".js": "text/javascript",
         ".json": "application/json", ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".xml": "application/xml", ".webmanifest": "application/manifest+json"}


@lru_cache(maxsize=512)
def _gzipped(path: str, mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    root: Path
    subpath: str
    sent: list | None = None  # when a list: (url path, body bytes sent) of every response
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: the callers print what matters
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        path = unquote(urlsplit(self.path).path)
        prefix = f"/{self.subpath}/" if self.subpath else "/"
        if self.subpath and path == prefix.rstrip("/"):
            return self._redirect(prefix)
        if not path.startswith(prefix):
            return self._not_found(head)
        relative = path[len(prefix):]
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root):
            return self._not_found(head)
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(head)
        self._send(200, target, head)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        page = self.root / "404.html"
        if page.is_file():
            return self._send(404, page, head)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, target: Path, head: bool) -> None:
        suffix = target.suffix.lower()
        ctype = TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if suffix in COMPRESSED and accepts_gzip:
            body = _gzipped(str(target), target.stat().st_mtime_ns)
        else:
            body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if suffix in COMPRESSED:
            self.send_header("Vary", "Accept-Encoding")
            if accepts_gzip:
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        if not head:
            self.wfile.write(body)
            if self.sent is not None:
                self.sent.append((urlsplit(self.path).path, len(body)))


def start(directory: Path, subpath: str = "report-site", port: int = 0,
          sent: list | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` at http://127.0.0.1:PORT/<subpath>/ in a daemon thread; returns (server, url).

    Pass a list as `sent` to have every response's path and body size appended to it.
    """
    handler = type("Handler", (PagesHandler,), {"root": directory.resolve(), "subpath": subpath.strip("/"),
                                                 "sent": sent})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"/{subpath.strip('/')}/" if subpath.strip("/") else "/"
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{base}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("site"))
    parser.add_argument("--subpath", default="report-site")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    httpd, url = start(args.dir, args.subpath, args.port)
    print(f"serving {args.dir} at {url} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()


if __name__ == "__main__":
    main()

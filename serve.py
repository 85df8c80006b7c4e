#!/usr/bin/env python3
"""Builds Tuneboard's web app if needed and serves it on http://127.0.0.1:8000/.

    python3 serve.py                 # install what is missing, build, serve
    python3 serve.py --port 9000     # another port (0: any free port)
    python3 serve.py --no-serve      # build and exit
    python3 serve.py --no-build      # serve what build/web/ holds

It serves only the files under build/web/, which is the whole site: copy that folder to any static host.
"""
import argparse
import http.server
import os
import pathlib
import posixpath
import socket
import subprocess
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent
SITE = ROOT / "build" / "web"
BUILD = ROOT / "build" / "web-build"

# The key a user types goes only to the provider they chose: connect-src stays open because that
# provider (or a local model server) can be anywhere; everything else is this site's own.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                               "connect-src *; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".html": "text/html; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".csv": "text/csv; charset=utf-8",
         ".png": "image/png", ".svg": "image/svg+xml", ".bin": "application/octet-stream"}


def run(command, **kwargs):
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def build():
    run(["bash", "scripts/bootstrap.sh"])
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    if not (BUILD / "CMakeCache.txt").exists():
        run(["emcmake", "cmake", "--preset", "web"], env=env)
    # make rebuilds only what is older than its sources.
    run(["cmake", "--build", "--preset", "web", "-j", str(os.cpu_count() or 2)], env=env)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    server_version = "Tuneboard"
    sys_version = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SITE), **kwargs)

    def site_path(self):
        """The file under build/web/ the request names, or None for anything outside it."""
        raw = urllib.parse.urlsplit(self.path).path
        decoded = urllib.parse.unquote(raw)
        # Refuse rather than normalise: no '..' segment, encoded or not, and no backslashes or NULs.
        parts = decoded.split("/")
        if ".." in parts or "\\" in decoded or "\0" in decoded:
            return None
        relative = posixpath.normpath(decoded).lstrip("/")
        path = (SITE / relative).resolve() if relative not in ("", ".") else SITE / "index.html"
        if path.is_dir():
            path = path / "index.html"
        try:
            path.relative_to(SITE.resolve())
        except ValueError:
            return None
        return path if path.is_file() else None

    def send_file(self, head_only):
        path = self.site_path()
        if path is None:
            self.send_error(404, "Not found")
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def do_GET(self):
        self.send_file(head_only=False)

    def do_HEAD(self):
        self.send_file(head_only=True)

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("TUNEBOARD_QUIET") != "1":
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--no-serve", action="store_true", help="build, then exit")
    parser.add_argument("--no-build", action="store_true", help="serve build/web/ as it is")
    args = parser.parse_args()

    if not args.no_build:
        try:
            build()
        except subprocess.CalledProcessError as error:
            sys.exit(f"serve.py: the build failed ({error}); see the output above.")
    if args.no_serve:
        return
    if not (SITE / "index.html").is_file():
        sys.exit(f"serve.py: {SITE} holds no site yet; run without --no-build.")

    server_class = http.server.ThreadingHTTPServer
    if ":" in args.host:
        server_class = type("IPv6Server", (server_class,), {"address_family": socket.AF_INET6})
    server = server_class((args.host, args.port), SiteHandler)
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"Tuneboard is at http://{shown}:{port}/  (Ctrl+C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

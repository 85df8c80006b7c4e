#!/usr/bin/env python3
"""A fake OpenAI-compatible server for Tuneboard's tests: standard library only, on loopback, on a port
chosen at start (printed as "listening on http://127.0.0.1:PORT").

What it does, in the spirit of the official spec (shared/reference/openai-openapi-subset.yaml):
- CORS as api.openai.com does: preflights answered for Authorization, Content-Type and api-key, with
  Access-Control-Allow-Origin: * and the request id exposed;
- Bearer (or api-key) authentication against the keys given with --key; anything else gets a 401 in
  OpenAI's error shape;
- GET /v1/models: a model list in which one model carries a shutdown_date;
- every request is counted: GET /__fake/requests lists them (method, path, whether it was authorised,
  the fault it got), so tests can prove what was sent and that nothing was sent twice;
- faults set per test: POST /__fake/faults {"path": "/v1/models", "faults": [{"status": 503},
  {"status": 429, "headers": {"retry-after-ms": "100"}, "code": "rate_limit_exceeded"}]} makes the next
  requests to that path answer so, in order, before it answers normally again.

usage: openai_fake.py [--key KEY ...] [--host 127.0.0.1] [--port 0]
"""
import argparse
import http.server
import itertools
import json
import threading

MODELS = [
    {"id": "gpt-4o-mini-2024-07-18", "object": "model", "created": 1721172741, "owned_by": "system",
     "shutdown_date": "2027-01-14"},
    {"id": "gpt-4.1-mini-2025-04-14", "object": "model", "created": 1744317547, "owned_by": "system",
     "shutdown_date": None},
    {"id": "tuneboard-fake-small", "object": "model", "created": 1764000000, "owned_by": "fake", "shutdown_date": None},
]
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, api-key",
    "Access-Control-Expose-Headers": "x-request-id, retry-after, retry-after-ms, x-should-retry",
    "Access-Control-Max-Age": "600",
}


class FakeState:
    def __init__(self, keys):
        self.keys = set(keys)
        self.lock = threading.Lock()
        self.requests = []
        self.faults = {}  # path → faults still to give, in order
        self.ids = itertools.count(1)

    def record(self, method, path, authorised):
        """Counts a request; returns its request id and the fault it is to get, if any."""
        with self.lock:
            pending = self.faults.get(path.split("?", 1)[0], [])
            fault = pending.pop(0) if pending else None
            self.requests.append({"method": method, "path": path, "authorised": authorised,
                                  "fault": fault["status"] if fault else None})
            return f"req_fake_{next(self.ids):06d}", fault


def error_body(message, type_, code=None, param=None):
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "TuneboardFake"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    @property
    def state(self):
        return self.server.state

    def reply(self, status, body, request_id=None, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {**CORS_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if request_id:
            self.send_header("x-request-id", request_id)
        self.end_headers()
        self.wfile.write(data)

    def key(self):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[len("Bearer "):]
        return self.headers.get("api-key", "")

    def do_OPTIONS(self):
        self.send_response(204)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/__fake/requests":
            with self.state.lock:
                self.reply(200, {"requests": list(self.state.requests)})
            return
        authorised = self.key() in self.state.keys
        request_id, fault = self.state.record("GET", self.path, authorised)
        if fault:
            code = fault.get("code", "server_error" if fault["status"] >= 500 else "rate_limit_exceeded")
            self.reply(fault["status"], error_body(f"Injected fault {fault['status']}.", "fake_fault", code),
                       request_id, fault.get("headers"))
            return
        if not authorised:
            self.reply(401, error_body("Incorrect API key provided. You can find your API key in your provider's settings.",
                                       "invalid_request_error", "invalid_api_key"), request_id)
            return
        if path == "/v1/models":
            self.reply(200, {"object": "list", "data": MODELS}, request_id)
            return
        self.reply(404, error_body(f"Unknown request URL: GET {path}.", "invalid_request_error", "unknown_url"), request_id)


    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path == "/__fake/faults":
            spec = json.loads(body or b"{}")
            with self.state.lock:
                self.state.faults[spec["path"]] = list(spec.get("faults", []))
            self.reply(200, {"ok": True})
            return
        request_id, _ = self.state.record("POST", self.path, self.key() in self.state.keys)
        self.reply(404, error_body(f"Unknown request URL: POST {self.path}.", "invalid_request_error", "unknown_url"),
                   request_id)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--key", action="append", default=[], help="a key the fake accepts (repeatable)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    server.state = FakeState(args.key)
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

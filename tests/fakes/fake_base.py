"""What every fake provider here shares: the server loop, CORS, key checks, the request log, faults, latency,
multipart parsing and OpenAI-shaped errors. Standard library only.

True labels (POST /__fake/truth {"texts": {"<text>": "<label>"}}, or {"csv": "<CSV text>", "text": "<its text
column>", "label": "<its label column>"}) tell the chat model what a row's label is,
so tests can know every answer's correctness without putting the label in the prompt.

Faults (POST /__fake/faults {"path": "/v1/models", "faults": [...]}) are given to the next requests to that
path, one each, in order; a fault is an object with any of:
- "status": N (+ optional "headers", "code"): answer N with an OpenAI-shaped error;
- "code": "insufficient_quota" (429) or "training_not_available" (403): the status may be left out;
- "hang": seconds: wait that long, then answer as the fault's other fields say (normally if none);
- "hold": seconds: do the work at once (a create makes its job, a cancel cancels), then hold the answer
  that long: a provider that acted but whose answer the client gave up on;
- "after": true with a "status" or "drop": do the work (a create makes its job or batch), then answer
  with that status or close the connection instead of the answer: an ambiguous create at once;
- "malformed": true: answer 200 with a body that is not JSON;
- "drop": true: close the connection without answering;
- "huge": N (+ optional "declare": false): answer 200 with N bytes of JSON whitespace, with a
  Content-Length unless "declare" is false (then the body ends when the connection closes); the log
  entry gets "sentBytes", what was written before the client went away.
Random faults (--rate-429 F, --rate-500 F, drawn from --seed) hit that fraction of chat and embeddings
requests that have no fault queued for them: a 429 carrying retry-after-ms (--retry-after-ms, and
retry-after in whole seconds), or a 500. A soak of many rows meets faults as a real provider gives them, with no list to write.
The request log (GET /__fake/requests) records for each request its method, path, whether it was
authorised, the fault it got (the status if the fault had one, else the fault's kind, else null), and when
it arrived and was answered ("arrived", "answered": seconds since the fake started, so a test can tell an
answer written before a page went away from one written after); the listing's "now" is the fake's clock.
"""
import argparse
import csv
import math
import io
import email.parser
import email.policy
import http.server
import itertools
import json
import random
import threading
import time
import urllib.parse

from fake_embed import create_embeddings

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, api-key",
    "Access-Control-Expose-Headers": "x-request-id, retry-after, retry-after-ms, x-should-retry",
    "Access-Control-Max-Age": "600",
}
RANDOM_FAULT_PATHS = {"/v1/chat/completions", "/v1/embeddings"}  # the requests a run makes by the thousand
CODE_STATUS = {"insufficient_quota": 429, "training_not_available": 403, "rate_limit_exceeded": 429}
CODE_MESSAGE = {
    "insufficient_quota": ("You exceeded your current quota, please check your plan and billing details.",
                           "insufficient_quota"),
    "training_not_available": ("Fine-tuning is not available for your organization.", "invalid_request_error"),
}


class ApiError(Exception):
    """Raised by a route to answer with an OpenAI-shaped error."""

    def __init__(self, status, message, code=None, param=None, type_="invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.code, self.param, self.type = status, message, code, param, type_


def error_body(message, type_, code=None, param=None):
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def fault_label(fault):
    if not fault:
        return None
    if "status" in fault:
        return fault["status"]
    if "code" in fault:
        return CODE_STATUS.get(fault["code"], 500)
    for kind in ("hang", "hold", "malformed", "drop", "huge"):
        if kind in fault:
            return kind
    return None


def parse_multipart(content_type, body):
    """Fields of a multipart/form-data body: name → (value bytes, filename or None)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise ApiError(400, "Expected a multipart/form-data body.", "invalid_request_body")
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            fields[name] = (part.get_payload(decode=True) or b"", part.get_filename())
    return fields


class FakeState:
    def __init__(self, args):
        self.args = args
        self.keys = set(args.key)
        self.lock = threading.RLock()  # routes run under it and may log or look up truth
        self.requests = []
        self.faults = {}  # path → faults still to give, in order
        self.truth = {}   # text → its true label, for chat answers (POST /__fake/truth)
        self.ids = itertools.count(1)
        self.latency_rng = random.Random(args.seed)
        # Apart from the latency draws, so adding faults leaves a run's latencies as they were.
        self.fault_rng = random.Random(f"faults:{args.seed}")
        self.started = time.monotonic()

    def clock(self):
        return round(time.monotonic() - self.started, 4)

    def random_fault(self, method, path):
        """A fault drawn at the --rate-429 / --rate-500 rates for a chat or embeddings request, or None."""
        if method != "POST" or path not in RANDOM_FAULT_PATHS or not (self.args.rate_429 or self.args.rate_500):
            return None
        draw = self.fault_rng.random()
        if draw < self.args.rate_429:
            wait = self.args.retry_after_ms
            return {"status": 429, "code": "rate_limit_exceeded",
                    "headers": {"retry-after-ms": str(int(wait)), "retry-after": str(max(1, math.ceil(wait / 1000)))}}
        if draw < self.args.rate_429 + self.args.rate_500:
            return {"status": 500}
        return None

    def record(self, method, path, authorised):
        """Counts a request; returns its request id, the fault it is to get and its added latency."""
        with self.lock:
            pending = self.faults.get(path.split("?", 1)[0], [])
            fault = pending.pop(0) if pending else self.random_fault(method, path.split("?", 1)[0])
            request_id = f"req_fake_{next(self.ids):06d}"
            self.requests.append({"id": request_id, "method": method, "path": path, "authorised": authorised,
                                  "fault": fault_label(fault), "arrived": self.clock()})
            latency = self.latency_rng.uniform(0, self.args.latency_ms) / 1000 if self.args.latency_ms else 0
            return request_id, fault, latency

    def annotate(self, request_id, key, value):
        """Adds what was answered to a logged request."""
        with self.lock:
            for entry in reversed(self.requests):
                if entry["id"] == request_id:
                    entry[key] = value
                    return

    def truth_of(self, text):
        """The label registered for `text`, or for a registered text `text` ends with (a template's suffix)."""
        with self.lock:
            if text in self.truth:
                return self.truth[text]
            for known, label in self.truth.items():
                if known and known in text:
                    return label
        return None


class BaseHandler(http.server.BaseHTTPRequestHandler):
    """Subclasses define route(method, path, query, body) → (status, JSON-able body) or raise ApiError."""
    server_version = "TuneboardFake"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    request_id = None

    def log_message(self, format, *args):
        pass

    @property
    def state(self):
        return self.server.state

    def send_body(self, status, data, content_type="application/json", headers=None):
        self.send_response(status)
        for name, value in {**CORS_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if self.request_id:
            self.send_header("x-request-id", self.request_id)
        self.end_headers()
        self.wfile.write(data)

    def reply(self, status, body, headers=None):
        self.send_body(status, json.dumps(body).encode(), headers=headers)

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
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        path, _, query_string = self.path.partition("?")
        if path == "/__fake/requests" and method == "GET":
            with self.state.lock:
                self.reply(200, {"requests": list(self.state.requests), "now": self.state.clock()})
            return
        if path == "/__fake/truth" and method == "POST":
            spec = json.loads(body or b"{}")
            texts = {str(k): str(v) for k, v in spec.get("texts", {}).items()}
            if "csv" in spec:
                # A CSV with a header, as Tuneboard's split download writes it.
                for row in csv.DictReader(io.StringIO(spec["csv"])):
                    texts[row[spec.get("text", "text")]] = row[spec.get("label", "label")]
            with self.state.lock:
                self.state.truth.update(texts)
            self.reply(200, {"ok": True, "texts": len(self.state.truth)})
            return
        if path == "/__fake/batch" and method == "POST" and getattr(self.state, "batches", None):
            with self.state.lock:
                self.state.batches.set_outcome(json.loads(body or b"{}"))
            self.reply(200, {"ok": True})
            return
        if path == "/__fake/faults" and method == "POST":
            spec = json.loads(body or b"{}")
            with self.state.lock:
                self.state.faults[spec["path"]] = list(spec.get("faults", []))
            self.reply(200, {"ok": True})
            return
        authorised = self.key() in self.state.keys
        self.request_id, fault, latency = self.state.record(method, self.path, authorised)
        try:
            self.answer_api(method, path, query_string, body, authorised, fault, latency)
        finally:
            self.state.annotate(self.request_id, "answered", self.state.clock())

    def answer_api(self, method, path, query_string, body, authorised, fault, latency):
        if latency:
            time.sleep(latency)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(query_string).items()}
        if fault and fault.get("after") and authorised:
            try:
                self.route(method, path, query, body)
            except ApiError:
                pass
            self.give_fault({k: v for k, v in fault.items() if k != "after"})
            return
        if fault and self.give_fault(fault):
            return
        if not authorised:
            self.reply(401, error_body("Incorrect API key provided. You can find your API key in your provider's "
                                       "settings.", "invalid_request_error", "invalid_api_key"))
            return
        try:
            status, answer = self.route(method, path, query, body)
        except ApiError as e:
            self.hold(fault)
            self.reply(e.status, error_body(e.message, e.type, e.code, e.param))
            return
        self.hold(fault)
        if isinstance(answer, tuple):  # (bytes, content type): a file's content
            self.send_body(status, answer[0], answer[1])
        else:
            self.reply(status, answer)

    def hold(self, fault):
        """Holds back an answer already decided (the "hold" fault); the client may give up meanwhile."""
        if fault and "hold" in fault:
            time.sleep(float(fault["hold"]))

    def give_fault(self, fault):
        """Acts out a fault; True when the request has been answered (or dropped) by it."""
        if "hang" in fault:
            time.sleep(float(fault["hang"]))
        if fault.get("drop"):
            self.close_connection = True
            return True
        if "huge" in fault:
            self.send_huge(int(fault["huge"]), fault.get("declare", True))
            return True
        if fault.get("malformed"):
            self.send_body(200, b'{"object": "list", "data": [{"id": "gpt-4o-mi')
            return True
        status = fault.get("status", CODE_STATUS.get(fault.get("code"), None))
        if status is None:
            return False  # a pure hang: answer normally, late
        code = fault.get("code", "server_error" if status >= 500 else "rate_limit_exceeded")
        message, type_ = CODE_MESSAGE.get(code, (f"Injected fault {status}.", "fake_fault"))
        self.reply(status, error_body(message, type_, code), fault.get("headers"))
        return True

    def send_huge(self, size, declare):
        """An answer far larger than any API sends (a wrong base URL, a hostile server), written until the
        client stops reading; records how much got out."""
        self.send_response(200)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        if declare:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b" " * 65536
        sent = 0
        try:
            while sent < size:
                part = chunk[:min(len(chunk), size - sent)]
                self.wfile.write(part)
                sent += len(part)
        except OSError:
            pass  # the client refused the rest
        self.state.annotate(self.request_id, "sentBytes", sent)

    def route(self, method, path, query, body):
        """Hands /v1/... to route_v1_unlocked, then to route_v1 (the path's parts after v1, under the state's
        lock); a None answer, or any other path, is a 404 in OpenAI's shape."""
        parts = path.strip("/").split("/")
        if parts[0] == "v1":
            answer = self.route_v1_unlocked(method, parts[1:], query, body)
            if answer is None:
                with self.state.lock:
                    answer = self.route_v1(method, parts[1:], query, body)
            if answer is not None:
                return answer
        raise ApiError(404, f"Unknown request URL: {method} {path}.", "unknown_url")

    def route_v1_unlocked(self, method, parts, query, body):
        """Routes that touch none of the fake's state and may take long, run outside its lock so the request
        log and other requests are answered meanwhile: POST /v1/embeddings, which every dialect here serves
        in OpenAI's shape (see fake_embed.py)."""
        if method == "POST" and parts == ["embeddings"]:
            return 200, create_embeddings(self.json_body(body), ApiError,
                                          log=lambda entry: self.state.annotate(self.request_id, "embeddings", entry))
        return None

    def route_v1(self, method, parts, query, body):
        return None

    def json_body(self, body):
        try:
            value = json.loads(body or b"{}")
        except ValueError:
            raise ApiError(400, "We could not parse the JSON body of your request.", "invalid_json")
        if not isinstance(value, dict):
            raise ApiError(400, "The request body must be a JSON object.", "invalid_json")
        return value


def arguments(doc):
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--key", action="append", default=[], help="a key the fake accepts (repeatable)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--step-seconds", type=float, default=0.05,
                        help="how long each tick of a fine-tuning job's life takes (default 0.05)")
    parser.add_argument("--latency-ms", type=float, default=0,
                        help="add a random latency of up to this many milliseconds to each API request")
    parser.add_argument("--seed", type=int, default=0, help="seed of the latency and random fault draws")
    parser.add_argument("--rate-429", type=float, default=0,
                        help="fraction of chat and embeddings requests answered 429 with retry-after-ms (default 0)")
    parser.add_argument("--rate-500", type=float, default=0,
                        help="fraction of chat and embeddings requests answered 500 (default 0)")
    parser.add_argument("--retry-after-ms", type=float, default=50,
                        help="the wait a random 429 asks for, in milliseconds (default 50)")
    return parser


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """Clients that gave up (a timeout during a hang fault, say) are expected: say nothing of them."""
        import sys
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def serve(args, handler, state):
    server = Server((args.host, args.port), handler)
    server.daemon_threads = True
    server.state = state
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass

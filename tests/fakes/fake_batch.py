"""The Batch API both fakes share (OpenAI's shapes; together_fake.py maps them onto Together's): batches made
from an uploaded input file, whose life advances one status on each retrieve, and whose output and error
files answer each line as the fake's POST /v1/chat/completions would answer its body.

Life: validating → in_progress → finalizing → completed, one step per GET of the batch. At validation the
input file is checked as OpenAI does (each line a JSON object with a unique custom_id, method POST, the
batch's url, a body; one model; at most 50,000 lines): a bad file fails the batch with errors naming the
lines. An outcome set with POST /__fake/batch {"outcome": "expired" | "failed", "answered": N, "id": …}
(without "id": the next batch created) makes the batch expire at its next step out of in_progress with its
first N lines answered (the rest in the error file as batch_expired), or fail at validation. A cancel turns
a batch that has not ended into cancelling, then cancelled at the next retrieve, with the first half of
its lines answered if it was in progress (the rest batch_cancelled).

Output and error files are the official format: {"id", "custom_id", "response": {"status_code",
"request_id", "body"}, "error": null} for a line that ran (2xx in the output file, other statuses in the
error file) and {"id", "custom_id", "response": null, "error": {"code", "message"}} for one that did not.
Lines are written in reverse input order: order is not guaranteed, and a client must match by custom_id.
"""
import itertools
import json
import time

MAX_LINES = 50000
FINAL = ("completed", "failed", "expired", "cancelled")
NEXT = {"validating": "in_progress", "in_progress": "finalizing", "finalizing": "completed",
        "cancelling": "cancelled"}


def check_metadata(metadata, ApiError):
    """The spec's Metadata: at most 16 pairs, keys ≤ 64 characters, values strings ≤ 512."""
    if metadata is None:
        return
    if not isinstance(metadata, dict) or len(metadata) > 16 or not all(
            isinstance(k, str) and len(k) <= 64 and isinstance(v, str) and len(v) <= 512 for k, v in metadata.items()):
        raise ApiError(400, "Invalid 'metadata': at most 16 string pairs, keys up to 64 characters and values up "
                            "to 512.", "invalid_value", "metadata")


def input_errors(content, url):
    """The problems OpenAI's validation reports for an input file, as BatchError items, and its lines."""
    errors, lines, seen, models = [], [], set(), set()
    for number, raw in enumerate(content.decode("utf-8", "replace").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            errors.append({"code": "invalid_json_line", "message": "This line is not parseable as valid JSON.",
                           "param": None, "line": number})
            continue
        body = line.get("body") if isinstance(line, dict) else None
        problem = None
        if not isinstance(line, dict) or not isinstance(line.get("custom_id"), str) or not line["custom_id"]:
            problem = ("missing_required_parameter", "Missing required parameter: 'custom_id'.")
        elif line["custom_id"] in seen:
            problem = ("duplicate_custom_id", "The custom_id for this request is a duplicate of another request.")
        elif url is not None and line.get("method") != "POST":
            problem = ("invalid_method", "Only POST is supported.")
        elif url is not None and line.get("url") != url:
            problem = ("mismatched_url", f"The url of this request does not match the batch's endpoint {url}.")
        elif not isinstance(body, dict):
            problem = ("invalid_body", "The body of this request must be a JSON object.")
        if problem:
            errors.append({"code": problem[0], "message": problem[1], "param": None, "line": number})
            continue
        seen.add(line["custom_id"])
        models.add(body.get("model"))
        lines.append(line)
    if len(models) > 1:
        errors.append({"code": "mismatched_model", "message": "All requests in a batch must use the same model.",
                       "param": "body.model", "line": None})
    if len(lines) > MAX_LINES:
        errors.append({"code": "too_many_requests", "message": f"A batch may hold at most {MAX_LINES} requests.",
                       "param": None, "line": None})
    if not lines and not errors:
        errors.append({"code": "empty_file", "message": "The input file holds no requests.", "param": None,
                       "line": None})
    return errors, lines


class Batches:
    """Every batch of one fake. `answer(body)` → (status, response body): the fake's chat answer;
    `add_file(content, filename, purpose)` → a file id; `check_url`: whether lines must carry method POST
    and the batch's endpoint as url (Together's carry only custom_id and body)."""

    def __init__(self, answer, add_file, check_url=True, id_prefix="batch_fake"):
        self.answer, self.add_file, self.check_url, self.id_prefix = answer, add_file, check_url, id_prefix
        self.batches = {}  # id → batch object (OpenAI's shape) plus "_lines", "_outcome", "_answered"
        self.ids = itertools.count(1)
        self.requests = itertools.count(1)
        self.outcomes = []  # for the next batches created
        self.outcome_by_id = {}

    def set_outcome(self, spec):
        outcome = {"outcome": spec.get("outcome", "completed"), "answered": int(spec.get("answered", 0))}
        if spec.get("id"):
            self.outcome_by_id[spec["id"]] = outcome
        else:
            self.outcomes.append(outcome)

    def create(self, request, input_content, ApiError, endpoint_choices=("/v1/chat/completions",)):
        for name in ("input_file_id", "endpoint", "completion_window"):
            if not request.get(name):
                raise ApiError(400, f"Missing required parameter: '{name}'.", "missing_required_parameter", name)
        if request["endpoint"] not in endpoint_choices:
            raise ApiError(400, f"Invalid 'endpoint': expected one of {', '.join(endpoint_choices)}.", "invalid_value",
                           "endpoint")
        if request["completion_window"] != "24h":
            raise ApiError(400, "Invalid 'completion_window': only '24h' is supported.", "invalid_value",
                           "completion_window")
        check_metadata(request.get("metadata"), ApiError)
        now = int(time.time())
        batch_id = f"{self.id_prefix}{next(self.ids):06d}"
        batch = {"id": batch_id, "object": "batch", "endpoint": request["endpoint"], "model": None, "errors": None,
                 "input_file_id": request["input_file_id"], "completion_window": "24h", "status": "validating",
                 "output_file_id": None, "error_file_id": None, "created_at": now, "in_progress_at": None,
                 "expires_at": now + 86400, "finalizing_at": None, "completed_at": None, "failed_at": None,
                 "expired_at": None, "cancelling_at": None, "cancelled_at": None,
                 "request_counts": {"total": 0, "completed": 0, "failed": 0},
                 "metadata": request.get("metadata"), "_content": input_content, "_lines": [],
                 "_outcome": self.outcomes.pop(0) if self.outcomes else {"outcome": "completed", "answered": 0}}
        self.batches[batch_id] = batch
        return self.view(batch_id)

    def view(self, batch_id):
        return {k: v for k, v in self.batches[batch_id].items() if not k.startswith("_")}

    def newest_first(self):
        return [self.view(batch_id) for batch_id in reversed(list(self.batches))]

    def advance(self, batch_id):
        """One step of the batch's life (a retrieve); returns the batch as it now is."""
        batch = self.batches[batch_id]
        outcome = self.outcome_by_id.pop(batch_id, None) or batch["_outcome"]
        batch["_outcome"] = outcome
        status, now = batch["status"], int(time.time())
        if status == "validating":
            errors, lines = input_errors(batch["_content"], batch["endpoint"] if self.check_url else None)
            if outcome["outcome"] == "failed" and not errors:
                errors = [{"code": "invalid_request", "message": "The batch was failed on request (fake).",
                           "param": None, "line": None}]
            if errors:
                batch.update(status="failed", failed_at=now, errors={"object": "list", "data": errors})
                return self.view(batch_id)
            batch["_lines"] = lines
            batch["model"] = lines[0]["body"].get("model")
            batch["request_counts"]["total"] = len(lines)
            batch.update(status="in_progress", in_progress_at=now)
        elif status == "in_progress" and outcome["outcome"] == "expired":
            self.finish(batch, outcome["answered"], "batch_expired",
                        "This request could not be executed before the completion window expired.")
            batch.update(status="expired", expired_at=now)
        elif status == "in_progress":
            batch.update(status="finalizing", finalizing_at=now)
        elif status == "finalizing":
            self.finish(batch, len(batch["_lines"]), None, None)
            batch.update(status="completed", completed_at=now)
        elif status == "cancelling":
            self.finish(batch, batch.get("_cancel_answered", 0), "batch_cancelled",
                        "This request was not executed because the batch was cancelled.")
            batch.update(status="cancelled", cancelled_at=now)
        return self.view(batch_id)

    def cancel(self, batch_id, ApiError):
        batch = self.batches[batch_id]
        if batch["status"] in FINAL or batch["status"] == "cancelling":
            raise ApiError(400, f"Cannot cancel a batch with status '{batch['status']}'.", "invalid_request", None)
        batch["_cancel_answered"] = len(batch["_lines"]) // 2 if batch["status"] in ("in_progress", "finalizing") else 0
        batch.update(status="cancelling", cancelling_at=int(time.time()))
        return self.view(batch_id)

    def finish(self, batch, answered, code, message):
        """Writes the output and error files: the first `answered` lines run, the rest (if any) did not."""
        output, errors = [], []
        completed = failed = 0
        for i, line in enumerate(batch["_lines"]):
            request_id = f"batch_req_fake{next(self.requests):08d}"
            if i < answered:
                status, body = self.answer(line["body"])
                entry = {"id": request_id, "custom_id": line["custom_id"],
                         "response": {"status_code": status, "request_id": f"req_{request_id}", "body": body},
                         "error": None}
                (output if 200 <= status < 300 else errors).append(entry)
                if 200 <= status < 300:
                    completed += 1
                else:
                    failed += 1
            else:
                errors.append({"id": request_id, "custom_id": line["custom_id"], "response": None,
                               "error": {"code": code, "message": message}})
                failed += 1
        batch["request_counts"].update(completed=completed, failed=failed)
        # Order is not guaranteed: the reverse of the input's, so a client that relies on it is caught.
        if output:
            batch["output_file_id"] = self.add_file(jsonl(output[::-1]), f"{batch['id']}_output.jsonl", "batch_output")
        if errors:
            batch["error_file_id"] = self.add_file(jsonl(errors[::-1]), f"{batch['id']}_error.jsonl", "batch_output")


def jsonl(entries):
    return "".join(json.dumps(entry) + "\n" for entry in entries).encode()

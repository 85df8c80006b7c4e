#!/usr/bin/env python3
"""A fake OpenAI-compatible server for Tuneboard's tests: standard library only, on loopback, on a port
chosen at start (printed as "listening on http://127.0.0.1:PORT").

What it does, in the spirit of the official spec (shared/reference/openai-openapi-subset.yaml):
- CORS as api.openai.com does: preflights answered for Authorization, Content-Type and api-key, with
  Access-Control-Allow-Origin: * and the request id exposed;
- Bearer (or api-key) authentication against the keys given with --key; anything else gets a 401 in
  OpenAI's error shape;
- GET /v1/models: a model list in which one model carries a shutdown_date;
- POST /v1/files (multipart: purpose=fine-tune, file), GET /v1/files/{id}, GET /v1/files/{id}/content
  (a job's result file is a CSV step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,
  base64-encoded as OpenAI's cookbook expects, or plain with --plain-results);
- POST /v1/fine_tuning/jobs, GET /v1/fine_tuning/jobs (?limit, ?after), GET …/{id}, POST …/{id}/cancel,
  GET …/{id}/events (?after, ?limit), GET …/{id}/checkpoints: jobs live a timed life (see fake_sim.py;
  --step-seconds sets the pace); a training file under 10 lines or a model whose name contains "fail"
  makes the job fail;
- POST /v1/chat/completions: answers a classification with a label chosen by a deterministic rule of known
  accuracy per model (see fake_sim.py and ACCURACY);
- POST /v1/batches, GET /v1/batches (?limit, ?after), GET …/{id}, POST …/{id}/cancel: the Batch API on input
  files uploaded with purpose=batch; each retrieve moves a batch one status on, and its output and error
  files answer every line as POST /v1/chat/completions would (see fake_batch.py; POST /__fake/batch makes
  one expire or fail);
- POST /v1/embeddings: unit vectors made from the texts' words, so texts of one class lie close together
  (see fake_embed.py); any model name, text-embedding-3-small listed;
- every request is counted: GET /__fake/requests lists them (method, path, whether it was authorised,
  the fault it got), so tests can prove what was sent and that nothing was sent twice;
- faults set per test (see fake_base.py): POST /__fake/faults {"path": "/v1/models", "faults": [{"status":
  503}, {"status": 429, "headers": {"retry-after-ms": "100"}, "code": "rate_limit_exceeded"}, {"hang": 2},
  {"malformed": true}, {"drop": true}, {"code": "insufficient_quota"}]} makes the next requests to that path
  answer so, in order, before it answers normally again; --latency-ms adds seeded random latency.

usage: openai_fake.py [--key KEY ...] [--host 127.0.0.1] [--port 0] [--step-seconds 0.05]
                      [--latency-ms 0] [--seed 0] [--plain-results]
"""
import base64
import itertools
import time
import zlib

from fake_base import ApiError, BaseHandler, FakeState, arguments, error_body, parse_multipart, serve
from fake_batch import Batches
from fake_sim import Job, chat_completion

MODELS = [
    {"id": "gpt-4o-mini-2024-07-18", "object": "model", "created": 1721172741, "owned_by": "system",
     "shutdown_date": "2027-01-14"},
    {"id": "gpt-4.1-mini-2025-04-14", "object": "model", "created": 1744317547, "owned_by": "system",
     "shutdown_date": None},
    {"id": "tuneboard-fake-small", "object": "model", "created": 1764000000, "owned_by": "fake", "shutdown_date": None},
    {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system",
     "shutdown_date": None},
]
# Chat accuracy in percent; fine-tuned models ("ft:…", their checkpoints included) answer right 88% of the time.
ACCURACY = {"tuneboard-fake-small": 50, "gpt-4o-mini-2024-07-18": 80, "gpt-4o-mini": 80,
            "gpt-4.1-mini-2025-04-14": 85, "gpt-4.1-mini": 85}
FINE_TUNED_ACCURACY = 88
# Models that answer in free text, now and then in a form that needs normalising (see fake_sim.py).
SLOPPY = {"tuneboard-fake-small"}
RESULT_COLUMNS = ["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"]


def accuracy_of(model):
    return FINE_TUNED_ACCURACY if model.startswith("ft:") else ACCURACY.get(model)


def tunable(model):
    """Models jobs may start from: the listed ones, their aliases, and any name containing "fail" (which
    makes the job fail, to test that)."""
    return model in ACCURACY or "fail" in model


class OpenAIState(FakeState):
    def __init__(self, args):
        super().__init__(args)
        self.files = {}  # id → {"object": file object, "content": bytes} or {"object", "job"} for results
        self.jobs = {}   # id → (job object without live fields, Job)
        self.file_ids = itertools.count(1)
        self.job_ids = itertools.count(1)
        self.chats = itertools.count(1)
        self.batches = Batches(self.batch_answer, self.add_file)

    def add_file(self, content, filename, purpose):
        file_id = f"file-fake{next(self.file_ids):06d}"
        self.files[file_id] = {"content": content, "object": {
            "id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
            "filename": filename, "purpose": purpose, "status": "processed"}}
        return file_id

    def batch_answer(self, body):
        """A batch line's answer: what POST /v1/chat/completions answers for the same body."""
        try:
            return 200, chat_completion(body, accuracy_of, next(self.chats), ApiError, truth_of=self.truth_of,
                                        sloppy=body.get("model") in SLOPPY)
        except ApiError as e:
            return e.status, error_body(e.message, e.type, e.code, e.param)


def result_csv(job):
    lines = [",".join(RESULT_COLUMNS)]
    for row in job.metrics:
        lines.append(",".join(str(v) for v in (row["step"], row["train_loss"], row["train_mean_token_accuracy"],
                                                row.get("valid_loss", ""), row.get("valid_mean_token_accuracy", ""))))
    return ("\n".join(lines) + "\n").encode()


def result_content(job, plain):
    """A result file's content: its CSV, base64-encoded (as OpenAI's cookbook expects) unless plain."""
    csv = result_csv(job)
    return csv if plain else base64.b64encode(csv)


def page(items, query, key="id", default_limit=20):
    """Cursor paging as OpenAI does it: items in listing order, ?after=<id> starts after it, ?limit."""
    limit = int(query.get("limit", default_limit))
    start = 0
    if query.get("after"):
        ids = [item[key] for item in items]
        start = ids.index(query["after"]) + 1 if query["after"] in ids else len(items)
    chosen = items[start:start + limit]
    return {"object": "list", "data": chosen, "has_more": start + limit < len(items)}


class Handler(BaseHandler):
    def route_v1(self, method, parts, query, body):
        s = self.state
        if method == "GET" and parts == ["models"]:
            return 200, {"object": "list", "data": MODELS}
        if method == "POST" and parts == ["chat", "completions"]:
            return 200, chat_completion(self.json_body(body), accuracy_of, next(s.chats), ApiError,
                                        truth_of=s.truth_of, sloppy=self.json_body(body).get("model") in SLOPPY,
                                        log=lambda entry: s.annotate(self.request_id, "chat", entry))
        if parts[:1] == ["files"]:
            return self.files_route(method, parts[1:], body)
        if parts[:2] == ["fine_tuning", "jobs"]:
            return self.jobs_route(method, parts[2:], query, body)
        if parts[:1] == ["batches"]:
            return self.batches_route(method, parts[1:], query, body)
        return None

    # --- files ---------------------------------------------------------------------------------------------

    def files_route(self, method, rest, body):
        s = self.state
        if method == "POST" and not rest:
            fields = parse_multipart(self.headers.get("Content-Type", ""), body)
            purpose = fields.get("purpose", (b"", None))[0].decode()
            if purpose not in ("fine-tune", "batch"):
                raise ApiError(400, f"'{purpose}' is not one of the purposes this server accepts: 'fine-tune', "
                                    "'batch'.", "invalid_value", "purpose")
            if "file" not in fields:
                raise ApiError(400, "Missing required parameter: 'file'.", "missing_required_parameter", "file")
            content, filename = fields["file"]
            if purpose == "batch" and len(content) > 200 * 1000 * 1000:
                raise ApiError(400, "A batch input file may be at most 200 MB.", "invalid_value", "file")
            return 200, s.files[s.add_file(content, filename or "upload.jsonl", purpose)]["object"]
        if method == "GET" and rest:
            entry = s.files.get(rest[0])
            if entry and "job" in entry and entry["job"].status() != "succeeded":
                entry = None  # a result file exists once its job has succeeded
            if not entry:
                raise ApiError(404, f"No such File object: {rest[0]}", None, "id")
            if rest[1:] == ["content"]:
                if "job" in entry:
                    return 200, (result_content(entry["job"], s.args.plain_results), "text/plain")
                return 200, (entry["content"], "application/octet-stream")
            if len(rest) == 1:
                return 200, entry["object"]
        return super().route(method, "/v1/files/" + "/".join(rest), {}, body)

    # --- fine-tuning jobs ----------------------------------------------------------------------------------

    def job_view(self, job_id):
        obj, job = self.state.jobs[job_id]
        status = job.status()
        names = {"validating": "validating_files"}
        view = {**obj, "status": names.get(status, status), "finished_at": job.finished_at()}
        if status == "succeeded":
            view.update(fine_tuned_model=obj["_model_name"], trained_tokens=job.trained_tokens,
                        result_files=[obj["_result_file"]])
        if status == "failed":
            view["error"] = job.error
        if status in ("queued", "running"):
            view["estimated_finish"] = job.time_of(job.marks[-1][0])
        return {k: v for k, v in view.items() if not k.startswith("_")}

    def jobs_route(self, method, rest, query, body):
        s = self.state
        if method == "POST" and not rest:
            return 200, self.create_job(self.json_body(body))
        if method == "GET" and not rest:
            newest = [self.job_view(job_id) for job_id in reversed(list(s.jobs))]
            return 200, page(newest, query)
        if not rest or rest[0] not in s.jobs:
            raise ApiError(404, f"No fine-tuning job found with id {rest[0] if rest else ''}.", "fine_tune_not_found",
                           "fine_tuning_job_id")
        obj, job = s.jobs[rest[0]]
        if method == "GET" and len(rest) == 1:
            return 200, self.job_view(rest[0])
        if method == "POST" and rest[1:] == ["cancel"]:
            if not job.cancel():
                raise ApiError(400, f"Job has already completed: {rest[0]}", "invalid_request", None)
            return 200, self.job_view(rest[0])
        if method == "GET" and rest[1:] == ["events"]:
            events = [{"object": "fine_tuning.job.event", "id": f"ftevent-fake{job.number:06d}-{i:05d}",
                       "created_at": job.time_of(tick), "level": p["level"], "message": p["message"],
                       "type": p["type"], "data": p.get("data", {})}
                      for i, (tick, kind, p) in job.visible() if kind == "event"]
            if job.cancel_tick is not None:
                events.append({"object": "fine_tuning.job.event", "id": f"ftevent-fake{job.number:06d}-cancel",
                               "created_at": job.time_of(job.cancel_tick), "level": "info",
                               "message": "Fine-tuning job cancelled", "type": "message", "data": {}})
            return 200, page(events[::-1], query)
        if method == "GET" and rest[1:] == ["checkpoints"]:
            by_step = {row["step"]: row for row in job.metrics}
            items = [{"object": "fine_tuning.job.checkpoint", "id": f"ftckpt-fake{job.number:06d}-{step}",
                      "created_at": job.time_of(4 + step), "fine_tuning_job_id": rest[0], "step_number": step,
                      "fine_tuned_model_checkpoint": f"{obj['_model_name']}:ckpt-step-{step}",
                      "metrics": {k: v for k, v in by_step[step].items()}}
                     for step in reversed(job.checkpoint_steps())]
            listing = page(items, query, default_limit=10)
            listing.update(first_id=items[0]["id"] if items else None, last_id=items[-1]["id"] if items else None)
            return 200, listing
        return super().route(method, "/v1/fine_tuning/jobs/" + "/".join(rest), query, body)

    # --- batches -------------------------------------------------------------------------------------------

    def batches_route(self, method, rest, query, body):
        s = self.state
        if method == "POST" and not rest:
            request = self.json_body(body)
            entry = s.files.get(request.get("input_file_id"))
            if request.get("input_file_id") and (not entry or entry["object"]["purpose"] != "batch"):
                raise ApiError(400, f"File {request['input_file_id']} is not a file with purpose 'batch'.",
                               "invalid_request", "input_file_id")
            return 200, s.batches.create(request, entry["content"] if entry else b"", ApiError)
        if method == "GET" and not rest:
            listing = page(s.batches.newest_first(), query)
            listing.update(first_id=listing["data"][0]["id"] if listing["data"] else None,
                           last_id=listing["data"][-1]["id"] if listing["data"] else None)
            return 200, listing
        if not rest or rest[0] not in s.batches.batches:
            raise ApiError(404, f"No batch found with id '{rest[0] if rest else ''}'.", "not_found", "batch_id")
        if method == "GET" and len(rest) == 1:
            batch = s.batches.advance(rest[0])
            s.annotate(self.request_id, "batch", {"id": batch["id"], "status": batch["status"]})
            return 200, batch
        if method == "POST" and rest[1:] == ["cancel"]:
            return 200, s.batches.cancel(rest[0], ApiError)
        return super().route(method, "/v1/batches/" + "/".join(rest), query, body)

    def create_job(self, request):
        s = self.state
        model = request.get("model")
        if not model:
            raise ApiError(400, "Missing required parameter: 'model'.", "missing_required_parameter", "model")
        training = request.get("training_file")
        if not training:
            raise ApiError(400, "Missing required parameter: 'training_file'.", "missing_required_parameter",
                           "training_file")
        if not tunable(model):
            raise ApiError(404, f"The model `{model}` does not exist or you do not have access to it.",
                           "model_not_found", "model")
        for param in ("training_file", "validation_file"):
            file_id = request.get(param)
            if file_id is None and param == "validation_file":
                continue
            entry = s.files.get(file_id)
            if not entry or "content" not in entry:
                raise ApiError(400, f"invalid {param}: {file_id}", "invalid_request", param)
            if entry["object"]["purpose"] != "fine-tune":
                raise ApiError(400, f"File {file_id} does not have purpose 'fine-tune'.", "invalid_request", param)
        suffix = request.get("suffix") or ""
        if len(suffix) > 64:
            raise ApiError(400, "suffix must be at most 64 characters.", "invalid_value", "suffix")
        method = request.get("method") or {"type": "supervised", "supervised": {}}
        hyper = dict(request.get("hyperparameters") or {})
        hyper.update(((method.get("supervised") or {}).get("hyperparameters")) or {})
        content = s.files[training]["content"]
        seed = request.get("seed")
        if seed is None:
            seed = zlib.crc32(content + model.encode()) % 2147483647
        number = next(s.job_ids)
        job = Job(number, model, content, hyper, seed, s.args.step_seconds)
        job_id = f"ftjob-fake{number:06d}"
        hyperparameters = {"n_epochs": job.epochs, "batch_size": job.batch,
                           "learning_rate_multiplier": hyper.get("learning_rate_multiplier", "auto")}
        if hyperparameters["learning_rate_multiplier"] == "auto":
            hyperparameters["learning_rate_multiplier"] = 1.8
        result_id = f"file-fakeresult{number:06d}"
        s.files[result_id] = {"job": job, "object": {
            "id": result_id, "object": "file", "bytes": len(result_content(job, s.args.plain_results)),
            "created_at": job.time_of(job.marks[-1][0]), "filename": "step_metrics.csv",
            "purpose": "fine-tune-results", "status": "processed"}}
        obj = {"object": "fine_tuning.job", "id": job_id, "model": model, "created_at": int(job.created),
               "finished_at": None, "fine_tuned_model": None, "organization_id": "org-fake", "result_files": [],
               "status": "validating_files", "validation_file": request.get("validation_file"),
               "training_file": training, "hyperparameters": hyperparameters, "trained_tokens": None,
               "error": None, "seed": seed, "estimated_finish": None, "integrations": [],
               "metadata": request.get("metadata"),
               "method": {"type": "supervised", "supervised": {"hyperparameters": hyperparameters}},
               "_model_name": f"ft:{model}:fake:{suffix}:{job_id[len('ftjob-'):]}", "_result_file": result_id}
        s.jobs[job_id] = (obj, job)
        return self.job_view(job_id)


def main():
    parser = arguments(__doc__)
    parser.add_argument("--plain-results", action="store_true",
                        help="serve result files as plain CSV instead of base64-encoded CSV")
    args = parser.parse_args()
    serve(args, Handler, OpenAIState(args))


if __name__ == "__main__":
    main()

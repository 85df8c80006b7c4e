#!/usr/bin/env python3
"""A fake Together AI server for Tuneboard's tests: standard library only, on loopback, on a port chosen
at start (printed as "listening on http://127.0.0.1:PORT"). Keys, CORS, the request log, faults and
latency work as in openai_fake.py (see fake_base.py).

- POST /v1/files/upload (multipart: file, file_name, purpose=fine-tune or batch-api), GET /v1/files/{id},
  GET /v1/files/{id}/content;
- POST /v1/batches {input_file_id, endpoint, completion_window} → {"job": batch, "warning"}; GET /v1/batches
  (a bare array, newest first); GET /v1/batches/{id}; POST /v1/batches/{id}/cancel: the life and files of
  fake_batch.py in Together's shape (statuses in capitals, times as ISO strings, no metadata; input lines
  carry custom_id and body);
- POST /v1/fine-tunes {model, training_file, validation_file, n_epochs (1), n_checkpoints (1), n_evals (0),
  batch_size (8), learning_rate (1e-5), suffix, training_type {type: Lora|Full}}; GET /v1/fine-tunes
  ({"data": [...]}, newest first); GET /v1/fine-tunes/{id}; …/events ({"data": [fine-tune-event…]},
  oldest first, created_at as ISO strings); …/checkpoints ({"data": [{step, path, created_at,
  checkpoint_type}]}, newest first); …/metrics ({"metrics": [{"train/loss", "train/learning_rate",
  "train/global_step", "train/epoch", "eval/loss" on steps with evaluation}]}); POST …/cancel.
  Statuses pending → queued → running → completed, or error (training file under 10 lines, a model whose
  name contains "fail") or cancelled. The life is the one in fake_sim.py, paced by --step-seconds.
- GET /v1/models: a bare JSON array, the chat models and the embedding model BAAI/bge-base-en-v1.5;
- POST /v1/chat/completions: as openai_fake.py's, with ACCURACY below (fine-tuned "fake-user/…" models 88%);
- POST /v1/embeddings: as openai_fake.py's (Together's is OpenAI-shaped; see fake_embed.py).

usage: together_fake.py [--key KEY ...] [--host 127.0.0.1] [--port 0] [--step-seconds 0.05]
                        [--latency-ms 0] [--seed 0]
"""
import datetime
import itertools
import time
import zlib

from fake_base import ApiError, BaseHandler, FakeState, arguments, error_body, parse_multipart, serve
from fake_batch import Batches
from fake_sim import Job, chat_completion

BASE_MODELS = ["meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "Qwen/Qwen2.5-7B-Instruct"]
ACCURACY = {"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo": 70, "Qwen/Qwen2.5-7B-Instruct-Turbo": 75,
            "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference": 65, "Qwen/Qwen2.5-7B-Instruct": 72}
FINE_TUNED_PREFIX, FINE_TUNED_ACCURACY = "fake-user/", 88
MODELS = [{"id": model, "object": "model", "created": 1721692800, "type": "chat", "display_name": model.split("/")[1],
           "organization": model.split("/")[0], "context_length": 131072,
           "pricing": {"input": 0.18, "output": 0.18, "hourly": 0, "base": 0, "finetune": 0}} for model in ACCURACY]
EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
MODELS.append({"id": EMBEDDING_MODEL, "object": "model", "created": 1721692800, "type": "embedding",
               "display_name": "BAAI-Bge-Base-1.5", "organization": "BAAI", "context_length": 512,
               "pricing": {"input": 0.008, "output": 0, "hourly": 0, "base": 0, "finetune": 0}})
STATUS = {"validating": "pending", "queued": "queued", "running": "running", "succeeded": "completed",
          "failed": "error", "cancelled": "cancelled"}
EVENT_TYPES = [("Validating", "job_pending"), ("Files validated", "job_queued"), ("started", "job_start"),
               ("Checkpoint", "checkpoint_save"), ("New fine-tuned model", "model_uploading"),
               ("successfully completed", "job_complete")]


def accuracy_of(model):
    return FINE_TUNED_ACCURACY if model.startswith(FINE_TUNED_PREFIX) else ACCURACY.get(model)


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).isoformat().replace("+00:00", "Z")


class TogetherState(FakeState):
    def __init__(self, args):
        super().__init__(args)
        self.files, self.jobs = {}, {}
        self.file_ids, self.job_ids, self.chats = itertools.count(1), itertools.count(1), itertools.count(1)
        self.batches = Batches(self.batch_answer, self.add_file, check_url=False, id_prefix="batch-fake-")

    def add_file(self, content, filename, purpose):
        file_id = f"file-fake{next(self.file_ids):06d}"
        self.files[file_id] = {"content": content, "object": {
            "id": file_id, "object": "file", "created_at": int(time.time()), "type": "file-upload",
            "purpose": purpose, "filename": filename, "bytes": len(content),
            "line_count": len([line for line in content.splitlines() if line.strip()]), "processed": True,
            "FileType": "jsonl"}}
        return file_id

    def batch_answer(self, body):
        """A batch line's answer: what POST /v1/chat/completions answers for the same body."""
        try:
            return 200, chat_completion(body, accuracy_of, next(self.chats), ApiError, truth_of=self.truth_of)
        except ApiError as e:
            return e.status, error_body(e.message, e.type, e.code, e.param)


def batch_view(batch):
    """A batch in Together's shape."""
    finished = batch.get("completed_at") or batch.get("failed_at") or batch.get("expired_at") or batch.get("cancelled_at")
    errors = (batch.get("errors") or {}).get("data") or []
    counts = batch["request_counts"]
    done = counts["completed"] + counts["failed"]
    return {"id": batch["id"], "user_id": "user_fake", "input_file_id": batch["input_file_id"],
            "file_size_bytes": 0, "status": batch["status"].upper(), "job_deadline": iso(batch["expires_at"]),
            "created_at": iso(batch["created_at"]), "endpoint": batch["endpoint"],
            "progress": 100 * done // counts["total"] if counts["total"] else 0, "model_id": batch["model"],
            "output_file_id": batch["output_file_id"], "error_file_id": batch["error_file_id"],
            "error": "; ".join(e["message"] for e in errors) or None, "completed_at": iso(finished) if finished else None}


class Handler(BaseHandler):
    def route_v1(self, method, parts, query, body):
        s = self.state
        if method == "GET" and parts == ["models"]:
            return 200, MODELS
        if method == "POST" and parts == ["chat", "completions"]:
            return 200, chat_completion(self.json_body(body), accuracy_of, next(s.chats), ApiError,
                                        truth_of=s.truth_of, sloppy=False,
                                        log=lambda entry: s.annotate(self.request_id, "chat", entry))
        if method == "POST" and parts == ["files", "upload"]:
            return 200, self.upload(body)
        if method == "GET" and parts[:1] == ["files"] and len(parts) == 2 and parts[1] in s.files:
            return 200, s.files[parts[1]]["object"]
        if method == "GET" and parts[:1] == ["files"] and parts[2:] == ["content"] and parts[1] in s.files:
            return 200, (s.files[parts[1]]["content"], "application/octet-stream")
        if parts[:1] == ["batches"]:
            return self.batches_route(method, parts[1:], body)
        if method == "POST" and parts == ["fine-tunes"]:
            return 200, self.create_job(self.json_body(body))
        if method == "GET" and parts == ["fine-tunes"]:
            return 200, {"data": [self.job_view(job_id) for job_id in reversed(list(s.jobs))]}
        if parts[:1] == ["fine-tunes"] and len(parts) in (2, 3):
            return self.job_route(method, parts[1], parts[2] if len(parts) == 3 else None)
        return None

    def upload(self, body):
        s = self.state
        fields = parse_multipart(self.headers.get("Content-Type", ""), body)
        purpose = fields.get("purpose", (b"", None))[0].decode()
        if purpose not in ("fine-tune", "batch-api"):
            raise ApiError(400, f"Invalid purpose '{purpose}': expected 'fine-tune' or 'batch-api'.", "invalid_value",
                           "purpose")
        if "file" not in fields:
            raise ApiError(400, "Missing required parameter: 'file'.", "missing_required_parameter", "file")
        content, filename = fields["file"]
        name = fields.get("file_name", (b"", None))[0].decode() or filename or "upload.jsonl"
        return s.files[s.add_file(content, name, purpose)]["object"]

    def batches_route(self, method, rest, body):
        s = self.state
        if method == "POST" and not rest:
            request = {"completion_window": "24h", **self.json_body(body)}
            request.pop("metadata", None)  # Together keeps none
            entry = s.files.get(request.get("input_file_id"))
            if request.get("input_file_id") and (not entry or entry["object"]["purpose"] != "batch-api"):
                raise ApiError(400, f"File {request['input_file_id']} is not a file with purpose 'batch-api'.",
                               "invalid_request", "input_file_id")
            batch = s.batches.create(request, entry["content"] if entry else b"", ApiError)
            return 200, {"job": batch_view(s.batches.batches[batch["id"]]), "warning": ""}
        if method == "GET" and not rest:
            return 200, [batch_view(s.batches.batches[b["id"]]) for b in s.batches.newest_first()]
        if not rest or rest[0] not in s.batches.batches:
            raise ApiError(404, f"Batch job {rest[0] if rest else ''} not found.", "not_found", "batch_id")
        if method == "GET" and len(rest) == 1:
            s.batches.advance(rest[0])
            return 200, batch_view(s.batches.batches[rest[0]])
        if method == "POST" and rest[1:] == ["cancel"]:
            s.batches.cancel(rest[0], ApiError)
            return 200, batch_view(s.batches.batches[rest[0]])
        return None

    def create_job(self, request):
        s = self.state
        model, training = request.get("model"), request.get("training_file")
        if not model:
            raise ApiError(400, "Missing required parameter: 'model'.", "missing_required_parameter", "model")
        if not training:
            raise ApiError(400, "Missing required parameter: 'training_file'.", "missing_required_parameter",
                           "training_file")
        if model not in BASE_MODELS and "fail" not in model:
            raise ApiError(404, f"Model {model} is not available for fine-tuning.", "model_not_found", "model")
        for param in ("training_file", "validation_file"):
            if request.get(param) is not None and request[param] not in s.files:
                raise ApiError(400, f"File {request[param]} not found.", "invalid_request", param)
        content = s.files[training]["content"]
        hyper = {"n_epochs": request.get("n_epochs", 1), "batch_size": request.get("batch_size", 8)}
        number = next(s.job_ids)
        job = Job(number, model, content, hyper, zlib.crc32(content + model.encode()), s.args.step_seconds)
        job_id = f"ft-fake{number:06d}"
        suffix = request.get("suffix")
        name = f"{FINE_TUNED_PREFIX}{model.split('/')[-1]}{'-' + suffix if suffix else ''}-{job_id[3:]}"
        obj = {"id": job_id, "object": "finetune", "model": model, "training_file": training,
               "validation_file": request.get("validation_file"), "model_output_name": name, "suffix": suffix,
               "n_epochs": job.epochs, "batch_size": job.batch, "n_checkpoints": request.get("n_checkpoints", 1),
               "n_evals": request.get("n_evals", 0), "learning_rate": request.get("learning_rate", 1e-5),
               "training_type": request.get("training_type") or {"type": "Lora", "lora_r": 8, "lora_alpha": 8},
               "created_at": iso(job.created), "trainingfile_numlines": job.examples,
               "trainingfile_size": len(content), "token_count": job.tokens, "total_price": 0}
        s.jobs[job_id] = (obj, job)
        return self.job_view(job_id)

    def events(self, job_id):
        obj, job = self.state.jobs[job_id]
        events = []
        for i, (tick, kind, p) in job.visible():
            if kind != "event" or p["type"] == "metrics":
                continue
            type_ = "job_error" if p["level"] == "error" else next(
                (t for key, t in EVENT_TYPES if key in p["message"]), "message")
            events.append({"object": "fine-tune-event", "id": f"ftevent-fake{job.number:06d}-{i:05d}",
                           "created_at": iso(job.time_of(tick)), "level": p["level"], "message": p["message"],
                           "type": type_, "hash": f"{zlib.crc32(p['message'].encode()):08x}"})
        if job.cancel_tick is not None:
            events.append({"object": "fine-tune-event", "id": f"ftevent-fake{job.number:06d}-cancel",
                           "created_at": iso(job.time_of(job.cancel_tick)), "level": "info",
                           "message": "Job cancelled", "type": "job_cancelled", "hash": "cancel"})
        return events

    def job_view(self, job_id):
        obj, job = self.state.jobs[job_id]
        steps = job.steps()
        done = steps[-1]["step"] if steps else 0
        return {**obj, "status": STATUS[job.status()], "updated_at": iso(time.time()),
                "epochs_completed": done // job.per_epoch, "events": self.events(job_id)}

    def checkpoints(self, job_id):
        obj, job = self.state.jobs[job_id]
        steps = job.steps()
        done = steps[-1]["step"] if steps else 0
        count = max(1, min(int(obj["n_checkpoints"]), job.epochs))
        chosen = [e * job.per_epoch for e in range(job.epochs - count + 1, job.epochs + 1)]
        items = [{"step": step, "created_at": iso(job.time_of(4 + step)),
                  "path": f"{obj['model_output_name']}{'' if step == job.total else f'-step-{step}'}",
                  "checkpoint_type": "Final" if step == job.total else "Intermediate"}
                 for step in chosen if step <= done and (step < job.total or job.status() == "succeeded")]
        return items[::-1]

    def job_route(self, method, job_id, action):
        s = self.state
        if job_id not in s.jobs:
            raise ApiError(404, f"Fine-tune job {job_id} not found.", "not_found", "id")
        obj, job = s.jobs[job_id]
        if method == "GET" and action is None:
            return 200, self.job_view(job_id)
        if method == "POST" and action == "cancel":
            if not job.cancel():
                raise ApiError(400, f"Job {job_id} has already finished.", "invalid_request", None)
            return 200, self.job_view(job_id)
        if method == "GET" and action == "events":
            return 200, {"data": self.events(job_id)}
        if method == "GET" and action == "checkpoints":
            return 200, {"data": self.checkpoints(job_id)}
        if method == "GET" and action == "metrics":
            rows = []
            for row in job.steps():
                out = {"train/loss": row["train_loss"], "train/global_step": row["step"],
                       "train/epoch": round(row["step"] / job.per_epoch, 4),
                       "train/learning_rate": obj["learning_rate"] * (1 - (row["step"] - 1) / job.total)}
                if "valid_loss" in row:
                    out["eval/loss"] = row["valid_loss"]
                rows.append(out)
            return 200, {"metrics": rows}
        return super().route(method, f"/v1/fine-tunes/{job_id}/{action}", {}, b"")


def main():
    args = arguments(__doc__).parse_args()
    serve(args, Handler, TogetherState(args))


if __name__ == "__main__":
    main()

"""The simulated parts shared by the fakes: a fine-tuning job's life and the chat model's answers.

A job's life is a fixed timeline computed when it is created (deterministic given its inputs), played out
in ticks of --step-seconds: created (tick 0) → validated (tick 2) → started (tick 4) → one training step
per tick → finished one tick after the last step. A training file with fewer than 10 non-empty lines fails
at validation; a model whose name contains "fail" fails halfway through training. Cancelling freezes the
timeline at the current tick.

Chat answers (see answer_label): the labels come from response_format.json_schema.schema.properties
.label.enum when given, else from a line "Labels: A | B | C" in the system message; the true label is what
the last user message declares with "[[label:X]]", else the label a test registered for that message's text
(POST /__fake/truth). h = first 8 hex digits of sha256("<model>\\n<user
message>") as an integer; the answer is right when h % 100 < the model's accuracy (percent); a wrong answer
is others[(h // 100) % len(others)] where others are the labels other than the true one, in order. Without
a true label the answer is labels[h % len(labels)]. Without a "Labels:" line, the system message's lines
"- X" are the labels (Tuneboard's default prompt lists them so).

Sloppy models (SLOPPY) answer in free text as people's models do: one answer in 20 names no label ("I
cannot tell."), the others are written as "X", "x.", "**X**" or "Label: X" by turns. Every answer is
logged with the request (GET /__fake/requests: "chat": {model, truth, answer, text}: answer null for
none, text the first 16 hex digits of sha256 of the user message, which names the row).
"""
import hashlib
import json
import math
import random
import re
import time

MIN_EXAMPLES = 10
VALID_EVERY = 5  # steps between validation metrics (and at every epoch end)


def count_tokens(text):
    """Tokens, counted roughly as words."""
    return len(str(text).split())


def training_plan(content, hyper):
    """(examples, epochs, batch size, steps per epoch, total steps, tokens) for a training file's bytes."""
    lines = [line for line in content.decode("utf-8", "replace").splitlines() if line.strip()]
    n = len(lines)
    epochs = hyper.get("n_epochs", "auto")
    if epochs in ("auto", None):
        epochs = 3
        if n and n * 3 < 100:
            epochs = min(25, 100 // n)
        elif n * 3 > 25000:
            epochs = max(1, 25000 // n)
    batch = hyper.get("batch_size", "auto")
    if batch in ("auto", None):
        batch = max(1, min(256, round(n * 0.002)))
    epochs, batch = int(epochs), int(batch)
    per_epoch = max(1, math.ceil(n / batch))
    return n, epochs, batch, per_epoch, epochs * per_epoch, sum(count_tokens(line) for line in lines)


def step_metrics(seed, total, per_epoch):
    """Metrics of every step 1..total: loss falling and accuracy rising, with seeded noise."""
    rng = random.Random(seed)
    rows = []
    for step in range(1, total + 1):
        p = step / total
        loss = max(0.01, 1.8 * math.exp(-3.5 * p) + 0.05 + rng.uniform(-0.06, 0.06))
        acc = min(1.0, max(0.0, 0.45 + 0.5 * (1 - math.exp(-4 * p)) + rng.uniform(-0.04, 0.04)))
        row = {"step": step, "train_loss": round(loss, 4), "train_mean_token_accuracy": round(acc, 4)}
        epoch_end = step % per_epoch == 0
        if step % VALID_EVERY == 0 or epoch_end:
            row["valid_loss"] = round(loss * 1.08 + rng.uniform(0, 0.05), 4)
            row["valid_mean_token_accuracy"] = round(max(0.0, acc - rng.uniform(0, 0.05)), 4)
        if epoch_end:
            row["full_valid_loss"] = round(loss * 1.1, 4)
            row["full_valid_mean_token_accuracy"] = round(max(0.0, acc - 0.03), 4)
        rows.append(row)
    return rows


class Job:
    """A fine-tuning job's timeline. Marks are (tick, kind, payload): kind "status" (payload: one of
    validating, queued, running, succeeded, failed — each fake names them its own way), "event"
    (payload: {message, level, type, data}) or "step" (payload: the step's metrics)."""

    def __init__(self, number, model, content, hyper, seed, step_seconds, fail_code=None):
        self.number = number
        self.created = time.time()
        self.started = time.monotonic()
        self.step_seconds = step_seconds
        self.cancel_tick = None
        n, self.epochs, self.batch, self.per_epoch, self.total, self.tokens = training_plan(content, hyper)
        self.examples = n
        self.error = None
        self.trained_tokens = self.tokens * self.epochs
        self.metrics = step_metrics(seed, self.total, self.per_epoch)
        m = self.marks = []
        m.append((0, "status", "validating"))
        m.append((0, "event", {"message": "Validating training file", "level": "info", "type": "message"}))
        if n < MIN_EXAMPLES:
            self.error = {"code": "invalid_training_file", "param": "training_file",
                          "message": f"The training file has {n} example(s), but must have at least "
                                     f"{MIN_EXAMPLES} examples."}
            m.append((2, "event", {"message": self.error["message"], "level": "error", "type": "message"}))
            m.append((2, "status", "failed"))
            return
        m.append((2, "event", {"message": "Files validated, moving job to queued state", "level": "info",
                               "type": "message"}))
        m.append((2, "status", "queued"))
        m.append((4, "event", {"message": "Fine-tuning job started", "level": "info", "type": "message"}))
        m.append((4, "status", "running"))
        last = self.total
        if "fail" in model:
            last = max(1, math.ceil(self.total / 2))
        for row in self.metrics[:last]:
            tick = 4 + row["step"]
            data = {**row, "total_steps": self.total}
            m.append((tick, "step", data))
            m.append((tick, "event", {"message": f"Step {row['step']}/{self.total}: training loss="
                                                 f"{row['train_loss']:.4f}", "level": "info", "type": "metrics",
                                      "data": data}))
            if row["step"] % self.per_epoch == 0:
                m.append((tick, "event", {"message": f"Checkpoint created at step {row['step']}", "level": "info",
                                          "type": "message", "epoch": row["step"] // self.per_epoch}))
        end = 4 + last + 1
        if last < self.total:
            self.error = {"code": fail_code or "internal_error", "param": None,
                          "message": f"Training failed at step {last}: the fake was asked to fail (model name "
                                     f"contains 'fail')."}
            m.append((end, "event", {"message": self.error["message"], "level": "error", "type": "message"}))
            m.append((end, "status", "failed"))
            return
        m.append((end, "event", {"message": "New fine-tuned model created", "level": "info", "type": "message"}))
        m.append((end, "event", {"message": "The job has successfully completed", "level": "info",
                                 "type": "message"}))
        m.append((end, "status", "succeeded"))

    def tick(self):
        now = int((time.monotonic() - self.started) / self.step_seconds)
        return now if self.cancel_tick is None else min(now, self.cancel_tick)

    def visible(self):
        """Marks so far, each with its index (stable) in the timeline."""
        now = self.tick()
        return [(i, mark) for i, mark in enumerate(self.marks) if mark[0] <= now]

    def status(self):
        if self.cancel_tick is not None:
            return "cancelled"
        status = "validating"
        for _, (_, kind, payload) in self.visible():
            if kind == "status":
                status = payload
        return status

    def finished_at(self):
        status = self.status()
        if status == "cancelled":
            return self.time_of(self.cancel_tick)
        if status in ("succeeded", "failed"):
            return self.time_of(self.marks[-1][0])
        return None

    def time_of(self, tick):
        return int(self.created + tick * self.step_seconds)

    def cancel(self):
        """Freezes the job; False when it had already finished."""
        if self.status() in ("succeeded", "failed", "cancelled"):
            return False
        self.cancel_tick = self.tick()
        return True

    def steps(self):
        return [payload for _, (_, kind, payload) in self.visible() if kind == "step"]

    def checkpoint_steps(self):
        """Steps at the ends of the last three epochs (once the job has succeeded)."""
        if self.status() != "succeeded":
            return []
        return [e * self.per_epoch for e in range(max(1, self.epochs - 2), self.epochs + 1)]


# --- chat -------------------------------------------------------------------------------------------------

LABEL_LINE = re.compile(r"^\s*labels?\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
TRUE_LABEL = re.compile(r"\[\[label:([^\]]*)\]\]")


def text_of(content):
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


def labels_of(request):
    schema = (((request.get("response_format") or {}).get("json_schema") or {}).get("schema") or {})
    enum = ((schema.get("properties") or {}).get("label") or {}).get("enum")
    if enum:
        return [str(label) for label in enum]
    for message in request.get("messages", []):
        if isinstance(message, dict) and message.get("role") in ("system", "developer"):
            text = text_of(message.get("content"))
            found = LABEL_LINE.search(text)
            if found:
                return [label.strip() for label in found.group(1).split("|") if label.strip()]
            bullets = [line[2:].strip() for line in text.splitlines() if line.startswith("- ") and line[2:].strip()]
            if bullets:
                return bullets
    return []


def answer_hash(model, user_text):
    return int(hashlib.sha256(f"{model}\n{user_text}".encode()).hexdigest()[:8], 16)


def true_label(user_text, truth_of):
    found = TRUE_LABEL.search(user_text)
    return found.group(1).strip() if found else truth_of(user_text)


def answer_label(model, user_text, labels, accuracy, truth_of=lambda text: None):
    h = answer_hash(model, user_text)
    if not labels:
        return "unknown"
    true = true_label(user_text, truth_of)
    if true is None:
        return labels[h % len(labels)]
    if true in labels and h % 100 < accuracy:
        return true
    others = [label for label in labels if label != true]
    return others[(h // 100) % len(others)] if others else true


def sloppy_content(model, user_text, label):
    """(content, label meant or None): how a model without a schema writes its answer."""
    h = answer_hash(model, user_text)
    if (h // 7) % 20 == 0:
        return "I cannot tell.", None
    form = (h // 10000) % 4
    return [label, label.lower() + ".", f"**{label}**", f"Label: {label}"][form], label


def chat_completion(request, accuracy_of, number, ApiError, truth_of=lambda text: None, sloppy=False, log=None):
    """An OpenAI chat.completion for `request`; accuracy_of(model) → percent, or None for an unknown model;
    truth_of(user text) → the registered true label or None; `log(entry)` is given what was answered."""
    model = request.get("model")
    if not model or not isinstance(model, str):
        raise ApiError(400, "You must provide a model parameter.", "missing_required_parameter", "model")
    messages = request.get("messages")
    if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) and "role" in m
                                                                 for m in messages):
        raise ApiError(400, "'messages' must be a non-empty array of messages with a role.", "invalid_value",
                       "messages")
    accuracy = accuracy_of(model)
    if accuracy is None:
        raise ApiError(404, f"The model `{model}` does not exist or you do not have access to it.",
                       "model_not_found", "model")
    users = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    user_text = users[-1] if users else ""
    label = answer_label(model, user_text, labels_of(request), accuracy, truth_of)
    fmt = (request.get("response_format") or {}).get("type")
    meant = label
    if fmt in ("json_schema", "json_object"):
        content = json.dumps({"label": label})
    elif sloppy:
        content, meant = sloppy_content(model, user_text, label)
    else:
        content = label
    if log:
        log({"model": model, "truth": true_label(user_text, truth_of), "answer": meant,
             "text": hashlib.sha256(user_text.encode()).hexdigest()[:16]})
    prompt = sum(count_tokens(text_of(m.get("content"))) + 3 for m in messages) + 3
    completion = max(1, count_tokens(content))
    return {
        "id": f"chatcmpl-fake{number:06d}", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []}}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
        "service_tier": "default", "system_fingerprint": "fp_tuneboard_fake",
    }

// Tuneboard's service worker does one thing: it keeps the answers to the questions the page marks with a
// replay key (a test row's question to a provider) until the page says it has saved them. A reload in the
// middle of an evaluation cuts off the requests in flight; the provider answers (and bills) them all the
// same. Sent through here, each such answer is kept, and the page asking the same row again after the
// reload gets it from here, or waits for the request still on its way, instead of paying twice.
// Every other request (the page's files, model lists, uploads) goes on as if there were no worker.
// Nothing of the request (its key above all) is kept: only the provider's answer, under a hash.
'use strict';

const KEY = 'x-tuneboard-replay';             // 16 hex digits (api::replay_key)
const MAX_BYTES = 'x-tuneboard-max-bytes';    // the largest answer the page takes for this kind of request
const TIMEOUT_MS = 'x-tuneboard-timeout-ms';  // how long the page waits for it
const STORE = 'tuneboard-answers-v1';
const KEPT_AT = 'x-tuneboard-kept-at';
const KEEP_MS = 24 * 60 * 60 * 1000;  // an answer never released is dropped a day after it came
const TIDY_EVERY_MS = 60 * 60 * 1000;

const answering = new Map();  // key → promise of the answer ({status, statusText, headers, body}, or null)
let tidied = 0;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim().then(tidy)));

self.addEventListener('fetch', (event) => {
  const key = event.request.headers.get(KEY);
  if (!key) return;
  if (!answering.has(key)) {
    const answer = keptOrAsked(key, event.request);
    answering.set(key, answer);
    // The worker lives on until the answer is kept, even when the page that asked has gone.
    event.waitUntil(answer.finally(() => answering.delete(key)));
  }
  event.respondWith(answering.get(key).then(toResponse));
});

// {release: [keys]}: the page has saved these answers.
self.addEventListener('message', (event) => {
  const keys = event.data && Array.isArray(event.data.release) ? event.data.release : [];
  const valid = keys.map(String).filter((key) => /^[0-9a-f]{16}$/.test(key));
  if (valid.length === 0) return;
  event.waitUntil(caches.open(STORE)
    .then((store) => Promise.all(valid.map((key) => store.delete(keyUrl(key)))))
    .then(() => (Date.now() - tidied > TIDY_EVERY_MS ? tidy() : undefined)));
});

const keyUrl = (key) => new URL('tuneboard-answers/' + key, self.registration.scope).href;

async function keptOrAsked(key, request) {
  const store = await caches.open(STORE);
  const kept = await store.match(keyUrl(key));
  if (kept) {
    return { status: kept.status, statusText: kept.statusText, headers: [...kept.headers], body: await kept.arrayBuffer() };
  }
  const answer = await ask(request);
  if (answer && answer.status >= 200 && answer.status < 300 && !answer.cut) {
    await store.put(keyUrl(key), new Response(answer.body.slice(0), {
      status: answer.status, statusText: answer.statusText, headers: [...answer.headers, [KEPT_AT, String(Date.now())]],
    })).catch(() => {});  // storage full or refused: the answer still reaches the page that waits for it
  }
  return answer;
}

// The request as the page made it, without this worker's headers, within the page's time and size
// limits. An answer larger than the limit is cut just past it (the page then refuses it for its size, as
// it does without a worker); null when no answer came (network, CORS, timeout).
async function ask(request) {
  const headers = new Headers(request.headers);
  const maxBytes = Number(headers.get(MAX_BYTES)) || Number.MAX_SAFE_INTEGER;
  const timeoutMs = Number(headers.get(TIMEOUT_MS)) || 0;
  for (const name of [KEY, MAX_BYTES, TIMEOUT_MS]) headers.delete(name);
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  const abort = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => abort.abort(), timeoutMs) : 0;
  try {
    const response = await fetch(request.url, {
      method: request.method, headers, body, mode: 'cors', credentials: 'omit', cache: 'no-store', signal: abort.signal,
    });
    const chunks = [];
    let size = 0;
    let cut = false;
    const reader = response.body ? response.body.getReader() : null;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size > maxBytes) {
        cut = true;
        await reader.cancel();
        break;
      }
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    // The body is handed over decoded, so its length and encoding as sent no longer apply.
    const kept = [...response.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding');
    return { status: response.status, statusText: response.statusText, headers: kept, body: bytes.buffer, cut };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function toResponse(answer) {
  if (!answer) return Response.error();
  const bodiless = [101, 204, 205, 304].includes(answer.status);
  const headers = answer.headers.filter(([name]) => name !== KEPT_AT);
  return new Response(bodiless ? null : answer.body.slice(0), { status: answer.status, statusText: answer.statusText, headers });
}

// Drops the answers never released within a day (a page closed for good before it saved them).
async function tidy() {
  tidied = Date.now();
  const store = await caches.open(STORE);
  for (const request of await store.keys()) {
    const kept = await store.match(request);
    if (!kept || Date.now() - Number(kept.headers.get(KEPT_AT) || 0) > KEEP_MS) await store.delete(request);
  }
}

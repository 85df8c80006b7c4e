// serve.py: only build/web/ is served, with the right types and security headers.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startSite } from './harness.mjs';

let site;
before(async () => { site = await startSite(); });
after(() => site?.stop());

// node's fetch would normalise '..' away; a raw request sends the path exactly as written.
function get(rawPath) {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    http.get({ hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

test('the page, the script and the wasm come with their types and the security headers', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.headers['content-security-policy'], /default-src 'self'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.equal((await get('/tuneboard.wasm')).headers['content-type'], 'application/wasm');
  assert.equal((await get('/tuneboard.js')).headers['content-type'], 'text/javascript');
});

test('nothing outside build/web/ can be reached, encoded or not', async () => {
  for (const attempt of ['/../serve.py', '/..%2fserve.py', '/%2e%2e/serve.py', '/%2E%2E%2Fserve.py',
    '/web/../../serve.py', '/..\\serve.py', '/%2e%2e%5cserve.py', '/../../../../etc/passwd',
    '/%252e%252e/serve.py', '/index.html%00.js', '/missing.js']) {
    const response = await get(attempt);
    assert.equal(response.status, 404, attempt);
    assert.doesNotMatch(response.body, /import argparse|root:/, attempt);
  }
});

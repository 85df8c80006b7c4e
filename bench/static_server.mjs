// The benchmarks' web server: the built site at /, and the benchmark pages and npm packages by their
// repository paths (yardstick parsers and tokenizers load from there). `page(html)` may rewrite
// index.html on its way out. `mounts` serves other folders by URL prefix, {'/prefix/': '/a/folder'} (a
// build folder's outputs, a benchmark's data files). Loopback, on a port chosen at start; resolves to
// {url, close}.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.csv': 'text/csv' };

export async function startBenchServer(page = (html) => html, mounts = {}) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (url.includes('..')) { res.writeHead(404).end(); return; }
    const mount = Object.keys(mounts).find((prefix) => url.startsWith(prefix));
    const file = mount ? path.join(mounts[mount], url.slice(mount.length))
      : url.startsWith('/bench/') || url.startsWith('/node_modules/') ? path.join(root, url)
      : path.join(root, 'build', 'web', url === '/' ? 'index.html' : url);
    try {
      statSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    if (url === '/') {
      res.end(page(readFileSync(file, 'utf8')));
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

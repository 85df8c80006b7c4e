// Included in the app's JS (--pre-js) for the EM_JS code of src/platform.

// Calls fn(ptr) with `text` as a NUL-terminated UTF-8 string in WASM memory, freed afterwards: how
// every browser callback hands text to C++.
function tbWithUTF8(text, fn) {
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  try {
    fn(ptr);
  } finally {
    _free(ptr);
  }
}

// A reader of `file` whose read() gives its next chunk: read into one reused buffer of `capacity` bytes
// ("BYOB") where the browser can, which spares it a fresh ArrayBuffer a chunk (measured 15-30 % faster
// on a 200 MB file, bench/ingest.sh; a sixth of labelling a file, bench/label_file.sh). A chunk read so
// is valid until the next read(). Browsers without BYOB give chunks the default way, of any size.
function tbChunkReader(file, capacity) {
  try {
    const reader = file.stream().getReader({mode: 'byob'});
    let buffer = new ArrayBuffer(capacity);
    const read = () => reader.read(new Uint8Array(buffer, 0, capacity)).then((result) => {
      if (result.value) buffer = result.value.buffer;
      return result;
    });
    return {reader, read};
  } catch (unsupported) {
    const reader = file.stream().getReader();
    return {reader, read: () => reader.read()};
  }
}

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

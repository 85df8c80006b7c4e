// js-tiktoken imports base64-js, which is CommonJS; its browser build (loaded by a classic script first)
// sets window.base64js, which this module hands over.
export default window.base64js;

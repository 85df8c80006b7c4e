// Sets up the Emscripten Module before tuneboard.js loads: the canvas, where output goes, and a clear
// message when the browser cannot run the app.
'use strict';
(function () {
  const loading = document.getElementById('loading');
  function fail(message) {
    loading.hidden = false;
    loading.className = 'fatal';
    loading.textContent = message;
  }
  const probe = document.createElement('canvas');
  if (!probe.getContext('webgl2')) {
    fail('Tuneboard needs WebGL2, which this browser or its settings do not provide. ' +
         'Try a current Chrome, Edge, Firefox or Safari with hardware acceleration on.');
  }
  // The service worker keeps the answers of test rows in flight across a reload (service-worker.js).
  // Without it (opened from disk, or refused) the app works the same, and a reload may ask those rows again.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('service-worker.js').catch(() => {});
  }
  const canvas = document.getElementById('canvas');
  // Right-click belongs to the app's own widgets, not the browser's menu.
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => fail('Tuneboard stopped: ' + what + '. Reload the page to start again.'),
    // Called by the app when its first frame is on screen.
    onFirstFrame: () => { loading.hidden = true; },
  };
})();

// Start Python before anything else: the build inlines this script at the top
// of every page, so the worker begins downloading Pyodide while the page's
// modules, styles and figures still load. runtime.js adopts the worker and
// the messages it sent meanwhile, and calls startWorker() again to restart.
(() => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  function startWorker() {
    const worker = new Worker(url(config.worker), { type: "module" });
    // Stop can interrupt Python through this buffer when the page is isolated.
    const interruptBuffer = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    const inbox = [];
    worker.onmessage = (event) => inbox.push(event.data);
    worker.onerror = (event) => inbox.push({ type: "failed", message: event.message || "the Python worker could not start" });
    worker.postMessage({ type: "init", pyodide: url(config.pyodide), startFiles: config.startFiles,
      python: url(config.python), downloadBytes: config.downloadBytes, interruptBuffer });
    return { worker, interruptBuffer, inbox };
  }
  window.coursePython = { started: startWorker(), startWorker };
})();

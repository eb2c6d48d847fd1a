// The Web Worker that runs Python: Pyodide + NumPy + the course's engine.
//
// Messages (plain data only; replies carry the request's `id`):
//   page -> worker                         worker -> page
//   {type:"init", pyodide, startFiles,     {type:"progress", stage, loaded, total}
//    python, downloadBytes,                {type:"ready", versions, timings} | {type:"failed", message}
//    interruptBuffer?}
//   {id, type:"run", lesson, cell, code}   {id, type:"output", text}* then {id, type:"done", result}
//   {id, type:"reset", lesson}             {id, type:"done", result}
//   {id, type:"call", method, args}        {id, type:"done", result} (kernel.session methods;
//                                          NumPy arrays in results arrive as transferred typed arrays)
//   {type:"cancel", id}                    {id, type:"done", result:{ok:false, cancelled:true}}
//                                          (only while request `id` still waits for Python to start)
// Any request that fails in JavaScript replies {id, type:"done", result:{ok:false, error}}.
//
// The methods `call` may name, and their args (kernel.session.METHODS is the list; a test keeps both in step):
//   check(lesson, expression, cell|null)      -> {passed, message}
//   widget_open(lesson, widget, spec, cell|null) widget_redraw(lesson, widget) widget_refresh(lesson, widget)
//   widget_set(lesson, widget, values)        widget_advance(lesson, widget, "step"|"play", count)
//   widget_scrub(lesson, widget, index)       widget_restart(lesson, widget)
//                                             -> a kernel.widgets reply {ok, error, values, readouts, figures, history, ...}

let session = null; // the Python kernel.session.SESSION object
let pyodide = null;
const queue = [];

// Pyodide reports some start-up failures (e.g. a WebAssembly download cut
// off) only as unhandled rejections; until Python is up, any of them means
// the start failed, and the page must hear about it rather than wait forever.
self.addEventListener("unhandledrejection", (event) => {
  if (session) return;
  event.preventDefault(); // reported to the page below, in plain words
  startFailed(event.reason);
});

let failedOnce = false;
function startFailed(error) {
  if (failedOnce || session) return;
  failedOnce = true;
  const reason = describe(error);
  // After a failed download Pyodide often fails again in its own words (a
  // WebAssembly trap, a missing function); the download is the cause to name.
  const plain = downloadFailure || (/fetch|network|load/i.test(reason) ? `a download failed (${reason})`
    : `its files could not be used (${reason})`);
  self.postMessage({ type: "failed", message: plain });
}
let downloadFailure = null;

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message).catch(startFailed);
  } else if (message.type === "cancel") {
    const waiting = queue.findIndex((request) => request.id === message.id);
    if (waiting < 0) return; // already run
    queue.splice(waiting, 1);
    self.postMessage({ id: message.id, type: "done", result: { ok: false, cancelled: true } });
  } else {
    queue.push(message);
    if (session) drain();
  }
};

// When each stage ended, in milliseconds since the epoch (for the page's
// benchmarks: comparable with the page's own performance.timeOrigin).
const now = () => performance.timeOrigin + performance.now();
const timings = { workerStarted: now() };

async function start({ pyodide: indexURL, startFiles, python, downloadBytes, interruptBuffer }) {
  const progress = countDownloads(downloadBytes);
  // 1. Request every file the start needs at once: Pyodide would ask for the
  //    WebAssembly and the standard library only once its loader is imported,
  //    and for the NumPy wheel only once its own script has run. (A
  //    <link rel="preload"> in the page cannot do this: a worker never uses the
  //    page's preloads, so each file would download twice.)
  for (const [file, integrity] of Object.entries(startFiles || {})) fetchEarly(new URL(file, indexURL).href, integrity);
  // Pyodide's script too: its loader would import it only once the loader itself
  // has arrived; the worker's module map hands the loader this same import.
  import(`${indexURL}pyodide.asm.js`).catch(() => {}); // a failure is the loader's to report
  const archive = fetch(python).then((response) => response.arrayBuffer());
  archive.catch(() => {}); // reported by the fetch wrapper; awaited below
  // 2. Start Python; it takes those responses, NumPy's included (loadPyodide's `packages`).
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  timings.loaderImported = now();
  pyodide = await loadPyodide({ indexURL, packages: ["numpy"], stdout: () => {}, stderr: () => {} });
  timings.pythonAndNumpyLoaded = now();
  // A worker has no prompt(): reading stdin fails at once instead of logging an error
  // (input() itself explains this in the cell: kernel/cells.py).
  pyodide.setStdin({ error: true });
  progress.stage("engine");
  // 3. Unpack the course packages (engine, checks, figures, kernel) where Python can import them
  //    (their bytecode was compiled for this folder: builder/vendor.py COURSE_FOLDER).
  pyodide.unpackArchive(await archive, "zip", { extractDir: "/home/pyodide/course" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/course')");
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  timings.archiveUnpacked = now();
  session = pyodide.runPython("import numpy, engine\nfrom kernel.session import SESSION\nSESSION");
  timings.engineImported = now();
  const versions = pyodide.runPython("import sys; f'Python {sys.version.split()[0]}, NumPy {numpy.__version__}'");
  self.postMessage({ type: "ready", versions, timings });
  drain();
}

function drain() {
  while (queue.length) handle(queue.shift());
}

function handle(message) {
  const { id } = message;
  try {
    let result;
    if (message.type === "run") {
      const sink = (text) => self.postMessage({ id, type: "output", text });
      result = session.run(message.lesson, message.cell, message.code, sink);
    } else if (message.type === "reset") {
      result = session.reset(message.lesson);
    } else if (message.type === "call") {
      // Objects become Python dicts and lists; numbers and strings pass as they are.
      const args = message.args.map((arg) => (arg && typeof arg === "object" ? pyodide.toPy(arg) : arg));
      try {
        result = session[message.method](...args);
      } finally {
        for (const arg of args) arg?.destroy?.();
      }
    } else {
      throw new Error(`unknown request type ${message.type}`);
    }
    const plain = toPlain(result);
    // NumPy arrays arrive as typed arrays (copies): hand their memory over, don't copy it again.
    self.postMessage({ id, type: "done", result: plain }, transferables(plain));
  } catch (error) {
    self.postMessage({ id, type: "done", result: { ok: false, error: describe(error) } });
  }
}

// Convert a Python result to plain JavaScript data and free the proxy.
function toPlain(value) {
  if (value && typeof value.toJs === "function") {
    const plain = value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    value.destroy();
    return plain;
  }
  return value;
}

function transferables(value, found = []) {
  if (ArrayBuffer.isView(value)) found.push(value.buffer);
  else if (Array.isArray(value)) for (const item of value) transferables(item, found);
  else if (value && typeof value === "object") for (const key in value) transferables(value[key], found);
  return found;
}

function describe(error) {
  return error && error.message ? error.message : String(error);
}

// Responses requested before Pyodide asks for them, by URL; each is handed out
// once, to the request that asks for the same URL with the same integrity.
const early = new Map();

function fetchEarly(url, integrity) {
  const response = fetch(url, integrity ? { integrity } : {});
  response.catch(() => {}); // reported by the fetch wrapper; Pyodide gets the failure when it asks
  early.set(url, { response, integrity });
}

function takeEarly(url, init) {
  const held = early.get(url);
  if (!held || (init?.integrity || "") !== held.integrity) return null;
  early.delete(url);
  return held.response;
}

const REPORT_MS = 100;

// Report download progress by counting the bytes of every response body, and
// name the stage: downloading, then starting Python once the WebAssembly is
// in, then loading NumPy once its wheel is in.
function countDownloads(total) {
  let loaded = 0;
  let stage = "download";
  const report = () => self.postMessage({ type: "progress", stage, loaded, total });
  // A body arrives in hundreds of chunks: tell the page at most every REPORT_MS
  // (each report redraws the status), and at once when the stage changes.
  let reported = 0;
  const reportSoon = () => {
    if (performance.now() - reported < REPORT_MS) return;
    reported = performance.now();
    report();
  };
  const plainFetch = self.fetch.bind(self);
  // A start-up download that fails fails the start at once, by the file's
  // name: Pyodide would otherwise go on, and fail later, or wait forever.
  const failed = (url, reason) => {
    downloadFailure ||= `${url.split("/").pop()} could not be downloaded (${reason})`;
    startFailed(new Error(reason));
    // Pyodide goes on to log its own failure; the page has it in plain words already.
    console.error = () => {};
  };
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const held = takeEarly(url, init);
    if (held) return held; // already counted
    let response;
    try {
      response = await plainFetch(input, init);
    } catch (error) {
      if (!session) failed(url, describe(error));
      throw error;
    }
    if (!response.ok && !session) failed(url, `the server answered ${response.status}`);
    // Count a clone's bytes and leave the original untouched: WebAssembly's
    // streaming compile wants the response exactly as fetch made it.
    if (response.ok && response.body) countBody(response.clone().body, url);
    return response;
  };
  async function countBody(body, url) {
    const reader = body.getReader();
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) { // cut off midway
        if (!session) failed(url, describe(error));
        return;
      }
      if (chunk.done) break;
      loaded += chunk.value.byteLength;
      reportSoon();
    }
    if (url.endsWith(".wasm") && stage === "download") stage = "python";
    if (url.endsWith(".whl")) stage = "numpy";
    report();
  }
  report();
  return { stage(name) { stage = name; report(); } };
}

// The course's service worker: after a first visit, every page, the Python
// runtime and the figures work offline, and later visits start Python from
// the local copy instead of the network.
//
// The build writes BUILD and FILES below: every file of this build, each
// mapped to "" when its name carries a hash of its content (scripts, styles,
// the runtime: such a name never changes meaning) or to the sha256 of its
// bytes (pages, build.json), which is checked before a copy is kept.
//
// One build at a time, switched as a whole: a new worker fetches only the
// files its build has and the cache lacks, and once it has them all it
// writes its list of files into the cache (the manifest). Whichever worker
// is active answers from the manifest as it finds it, so the switch happens
// there, in one write, and does not wait for the new worker to activate
// (which a browser delays while a page of the course is open, and Chromium
// can delay for good when builds follow one another). A navigation shows
// one build's page with that build's scripts; a page left open keeps
// working, because the files of the build before stay until the next one
// arrives.
//
// The cache is named after this worker's scope (the course's own folder),
// so two courses on one origin never touch each other's copies.
// Responses to pages also get the two headers that make a page cross-origin
// isolated, so Stop can interrupt Python on hosts that cannot send them.

const BUILD = "__BUILD__";
const FILES = __FILES__;
const SCOPE = self.registration.scope; // ends with "/"
const CACHE = `course:${SCOPE}`;
const MANIFEST = new URL("sw-files.json", SCOPE).href; // {build, files, previous}: what is served
const ISOLATED = new Set(["document", "iframe", "worker", "sharedworker"]); // what needs the headers

// The cache key of one file of a build: its URL, plus its hash when its name does not carry one.
const keyOf = (path, rev) => new URL(path, SCOPE).href + (rev ? `?rev=${rev}` : "");

self.addEventListener("install", (event) => {
  // Everything of the new build must be in before it is served; a file that
  // cannot be fetched, or that is already another build's, fails the
  // install, and the browser tries again on a later visit. Installs of one
  // scope never overlap (the browser queues them), so this is the only
  // writer of the cache while it runs.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const [path, rev] of Object.entries(FILES)) {
      const key = keyOf(path, rev);
      if (await cache.match(key)) continue;
      const response = await fetch(new Request(new URL(path, SCOPE), { cache: "no-cache" }));
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      if (rev && (await sha256(response.clone())) !== rev) throw new Error(`${path} is from another build`);
      await cache.put(key, response);
    }
    // The build served until now becomes the one before (unless it is this very build again).
    const current = await readManifest(cache);
    const same = current && JSON.stringify(current.files) === JSON.stringify(FILES);
    const previous = (same ? current.previous : current?.files) || {};
    await cache.put(MANIFEST, Response.json({ build: BUILD, files: FILES, previous }));
    // Keep this build and the one before (pages still open may need its files); drop older ones.
    const keep = new Set([MANIFEST]);
    for (const files of [FILES, previous]) {
      for (const [path, rev] of Object.entries(files)) keep.add(keyOf(path, rev));
    }
    for (const request of await cache.keys()) {
      if (!keep.has(request.url)) await cache.delete(request);
    }
  })());
});

self.addEventListener("activate", (event) => {
  // The first worker controls the page that registered it; later ones take
  // over once no page of the course is open (they serve nothing new: the
  // manifest already switched the build).
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || !url.href.startsWith(SCOPE)) return;
  // Only a page and its Web Workers need the isolation headers; any other
  // response goes out as the cache holds it (rebuilding it would stream it
  // through this worker, and cost V8 its cached compiled WebAssembly).
  const answered = answer(request, url);
  event.respondWith(ISOLATED.has(request.destination) ? answered.then(isolated) : answered);
});

async function answer(request, url) {
  const cache = await caches.open(CACHE);
  let path = url.pathname.slice(new URL(SCOPE).pathname.length) || "index.html";
  if (path.endsWith("/")) path += "index.html";
  const { files, previous } = (await readManifest(cache)) || { files: {}, previous: {} };
  // A file of the served build: its copy, or the network (never the same path
  // of another build: a page or build.json of the build before would mix builds).
  if (path in files) return (await cache.match(keyOf(path, files[path]))) || fetch(request);
  // Another file: a page still open of the build before may need that build's scripts.
  if (path in previous) {
    const cached = await cache.match(keyOf(path, previous[path]));
    if (cached) return cached;
  }
  return fetch(request);
}

async function readManifest(cache) {
  const response = await cache.match(MANIFEST);
  if (!response) return null;
  try {
    const manifest = await response.json();
    return manifest?.files && manifest.previous ? manifest : null;
  } catch {
    return null;
  }
}

// Caches of this course's earlier workers were named course-<build>, one per
// build; remove those that hold this scope's pages, and nobody else's.
async function deleteOldCaches() {
  for (const name of await caches.keys()) {
    if (!/^course-[0-9a-f]+$/.test(name)) continue;
    const old = await caches.open(name);
    if (await old.match(SCOPE)) await caches.delete(name);
  }
}

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Add the cross-origin isolation headers a static host may not send: the
// page needs both, and its Web Worker's script needs the embedder policy too.
function isolated(response) {
  if (response.status === 0 || response.type === "opaqueredirect" || response.headers.has("Cross-Origin-Embedder-Policy")) return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

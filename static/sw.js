// The course's service worker: after a first visit, every page, the Python
// runtime and the figures work offline, and a second visit starts Python
// from the local cache instead of the network.
//
// The build writes BUILD and FILES below (every file of the site). Pages are
// network-first (fresh when online, cached when not); everything else is
// cache-first: it changes only with a new build, which brings a new cache.
// Responses to pages also get the two headers that make a page cross-origin
// isolated, so Stop can interrupt Python on hosts that cannot send them.

const BUILD = "__BUILD__";
const FILES = __FILES__;
const CACHE = `course-${BUILD}`;

self.addEventListener("install", (event) => {
  // Fetch in the background, one file at a time, so the reader's own page
  // loads are not slowed; a missing file must not stop the install.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const file of FILES) {
      try {
        if (!(await cache.match(file))) await cache.add(new Request(file, { cache: "no-cache" }));
      } catch {
        // Offline during install, or a file gone: it is cached on first use instead.
      }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("course-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  const page = request.mode === "navigate" || request.destination === "document";
  event.respondWith((page ? networkFirst(request) : cacheFirst(request)).then(isolated));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// Add the cross-origin isolation headers a static host may not send: the
// page needs both, and its Web Worker's script needs the embedder policy too.
function isolated(response) {
  if (response.status === 0 || response.headers.has("Cross-Origin-Embedder-Policy")) return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Served as /sw.js by `build.py serve`: while authoring nothing may come from
// a service worker's cache, so if a built copy of the course installed one on
// this origin before, it removes itself and its caches and reloads the pages.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) await caches.delete(name);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll()) client.navigate(client.url);
})()));

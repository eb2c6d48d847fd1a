// Builds and updates: keep the course for offline use (sw.js), and tell a
// reader whose page is older than the deployed build that a new version is
// ready, with a Reload button. Nothing ever changes under an open page: its
// scripts, styles and runtime have content-hashed names, and a new build is
// shown only on a navigation.
//
//   keepOffline()        register sw.js (once Python has loaded)
//   checkForUpdate()     compare this page with build.json; show or hide the notice
//   isThisBuild(doc)     were a fetched page's scripts built with this page's?
import { BUILD } from "./config.js";

const CHECK_EVERY_MS = 10 * 60 * 1000;

export function isThisBuild(doc) {
  return doc.getElementById("page")?.dataset.build === BUILD;
}

export function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(new URL("sw.js", document.baseURI), { updateViaCache: "none" })
    .then(() => checkForUpdate())
    .catch(() => {}); // no offline copy (private mode, file://): the course still works online
}

export function watchForUpdates() {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkForUpdate();
  });
  setInterval(checkForUpdate, CHECK_EVERY_MS);
}

let checks = 0; // checks overlap (a return to the tab, a new worker): only the latest may show or hide

// build.json is the deployed build's (or, under the service worker, the
// offline copy's: what a reload would show). Returns whether this page is older.
export async function checkForUpdate() {
  const check = ++checks;
  const registration = await navigator.serviceWorker?.getRegistration(document.baseURI).catch(() => null);
  if (registration) {
    registration.update().catch(() => {});
    watchInstalls(registration);
  }
  const deployed = await fetchBuildInfo();
  if (!deployed) return false;
  const page = document.getElementById("page");
  const name = location.pathname.slice(location.pathname.lastIndexOf("/") + 1) || "index.html";
  const rev = page?.dataset.rev;
  const older = deployed.build !== BUILD || (name in deployed.pages && deployed.pages[name] !== rev);
  if (check === checks) showNotice(older);
  return older;
}

// A newer build is served (sw.js's manifest) as soon as its worker has
// installed it, not when that worker activates: look again then.
const watched = new WeakSet();
function watchInstalls(registration) {
  if (watched.has(registration)) return;
  watched.add(registration);
  // (A page no worker controls yet reads build.json from the host, where nothing changed.)
  const follow = (worker) => worker?.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) checkForUpdate();
  });
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));
}

async function fetchBuildInfo() {
  try {
    const response = await fetch(new URL("build.json", document.baseURI), { cache: "no-store" });
    if (!response.ok) return null;
    const info = await response.json();
    const valid = info && typeof info.build === "string" && info.pages && typeof info.pages === "object";
    return valid ? info : null;
  } catch {
    return null; // offline, or a host without build.json: nothing to say
  }
}

function showNotice(show) {
  let notice = document.getElementById("update-notice");
  if (!show) {
    if (notice) notice.hidden = true;
    return;
  }
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "update-notice";
    notice.className = "update-notice";
    notice.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = "A new version of this course is ready.";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.addEventListener("click", () => location.reload());
    notice.append(text, button);
    const header = document.querySelector(".site-header");
    if (header) header.after(notice);
    else document.body.prepend(notice);
  }
  notice.hidden = false;
}

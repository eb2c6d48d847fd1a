// Moving between lessons without restarting Python: links to other pages of
// the course swap the page's content in place and keep the worker alive.
// The address bar, back/forward, reload and direct links behave as on any
// static site; anything unexpected falls back to a normal page load, and so
// does a page of another build (a redeploy), so scripts and page always match.
//
//   enableNavigation({ beforeLeave(), afterEnter() })

import { isThisBuild } from "./updates.js";

let hooks = null;

export function enableNavigation(pageHooks) {
  hooks = pageHooks;
  document.addEventListener("click", onClick);
  window.addEventListener("popstate", () => swapTo(location.href, { push: false }));
  history.replaceState({ course: true }, "");
}

function isCoursePage(url) {
  if (url.origin !== location.origin || !url.pathname.endsWith(".html") && !url.pathname.endsWith("/")) return false;
  // Pages of this course live in the same folder as the current one.
  const folder = (path) => path.slice(0, path.lastIndexOf("/") + 1);
  return folder(url.pathname) === folder(location.pathname);
}

function onClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href);
  if (!isCoursePage(url)) return;
  if (url.pathname === location.pathname) return; // same page: let the browser jump to the #section
  event.preventDefault();
  swapTo(url.href, { push: true });
}

async function swapTo(href, { push }) {
  const url = new URL(href);
  let page;
  try {
    const response = await fetch(url.href, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    page = new DOMParser().parseFromString(await response.text(), "text/html");
  } catch {
    location.assign(url.href); // let the browser show what went wrong
    return;
  }
  const incoming = page.getElementById("page");
  // A page of another build needs that build's scripts: load it in full.
  if (!incoming || !isThisBuild(page)) {
    location.assign(url.href);
    return;
  }
  hooks.beforeLeave();
  if (push) history.pushState({ course: true }, "", url.href);
  document.title = page.title;
  document.body.className = page.body.className;
  document.getElementById("page").replaceWith(document.adoptNode(incoming));
  syncHeadStyles(page);
  if (url.hash) document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
  else window.scrollTo(0, 0);
  hooks.afterEnter();
}

// A lesson needs KaTeX's stylesheet; the index does not. Add what is missing.
function syncHeadStyles(page) {
  for (const link of page.head.querySelectorAll('link[rel="stylesheet"]')) {
    const href = link.getAttribute("href");
    if (!document.head.querySelector(`link[rel="stylesheet"][href="${href}"]`)) {
      document.head.append(link.cloneNode());
    }
  }
}

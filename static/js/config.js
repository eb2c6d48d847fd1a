// The build's settings for this page (from <script id="site-config">), with
// relative URLs resolved against the page so the site works under any path.
// BUILD is the id of the scripts' own build: the build writes it here, and
// every page carries the id of the scripts it was built with (#page's
// data-build), so a page and its scripts can be checked to match.
const element = document.getElementById("site-config");
const settings = element ? JSON.parse(element.textContent) : {};

export const BUILD = "__STATIC_BUILD__";

export const siteConfig = {
  ...settings,
  url(relative) {
    return new URL(relative, document.baseURI).href;
  },
};

// The build's settings for this page (from <script id="site-config">), with
// relative URLs resolved against the page so the site works under any path.
const element = document.getElementById("site-config");
const settings = element ? JSON.parse(element.textContent) : {};

export const siteConfig = {
  ...settings,
  url(relative) {
    return new URL(relative, document.baseURI).href;
  },
};

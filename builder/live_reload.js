// Put into every page by `build.py serve`, never into a built site.
// While authoring: the page says it is live (so main.js installs no service
// worker), reloads after each rebuild, and shows a failed build's errors,
// with file and line, over the last good version of the page.
window.courseLiveReload = true;
{
  const events = new EventSource("/__reload");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => {
    const show = () => {
      let box = document.getElementById("build-errors");
      if (!box) {
        box = document.createElement("pre");
        box.id = "build-errors";
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;" +
          "margin:0;padding:1rem;background:#2b0b0b;color:#ffd7d7;font:13px/1.4 monospace;" +
          "border-radius:8px;z-index:1000;white-space:pre-wrap";
        document.body.append(box);
      }
      box.textContent = "The build failed; this is the last good version.\n\n" + JSON.parse(event.data);
    };
    if (document.body) show();
    else document.addEventListener("DOMContentLoaded", show, { once: true });
  });
}

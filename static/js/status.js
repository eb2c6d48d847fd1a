// The Python status in the page header: stages and a percentage while loading,
// a plain-words message with Retry on failure. Mirrors the state on <html
// data-python="loading|ready|error"> for styles and tests.
import { python } from "./runtime.js";

const STAGES = {
  download: "Downloading Python",
  python: "Starting Python",
  numpy: "Loading NumPy",
  engine: "Loading the course's engine",
};

export function showPythonStatus() {
  const root = document.documentElement;
  const box = document.getElementById("python-status");
  const text = box.querySelector(".python-status-text");
  const bar = box.querySelector(".python-status-bar");
  const retry = box.querySelector(".python-retry");

  python.on("progress", ({ stage, loaded, total }) => {
    root.dataset.python = "loading";
    box.dataset.stage = stage;
    retry.hidden = true;
    const percent = total ? Math.min(100, Math.round((100 * loaded) / total)) : null;
    text.textContent = `${STAGES[stage] || "Loading Python"}…` + (stage === "download" && percent !== null ? ` ${percent}%` : "");
    bar.hidden = false;
    // How much has arrived, never the endless animation of a bar without a value:
    // that repaints the header many times a second while Python starts on the same cores.
    bar.value = stage === "engine" ? 100 : percent ?? 0; // the engine comes after every download
  });
  python.on("ready", () => {
    root.dataset.python = "ready";
    box.dataset.stage = "ready";
    text.textContent = "Python ready";
    bar.hidden = true;
  });
  python.on("failed", ({ message }) => {
    root.dataset.python = "error";
    box.dataset.stage = "error";
    text.textContent = `Python could not start: ${message}. The text and figures still work; code cells need Python.`;
    bar.hidden = true;
    retry.hidden = false;
  });
  retry.addEventListener("click", () => python.retry());
}

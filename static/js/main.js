// Entry point of every page: start Python at once, mount the page, and keep
// the worker when the reader moves to another lesson.
import { mountCells } from "./cells.js";
import { enableNavigation } from "./navigation.js";
import { showFinishedMarks, trackLessonEnd } from "./progress.js";
import { python } from "./runtime.js";
import { showPythonStatus } from "./status.js";

let current = null; // what the mounted page needs to clean up

function mountPage() {
  const main = document.getElementById("content");
  if (main?.dataset.page === "index") {
    showFinishedMarks(main);
    current = { destroy() {} };
    return;
  }
  const lesson = main.dataset.lesson;
  // A lesson opened anew starts with a fresh namespace, like a reload would.
  python.reset(lesson);
  const cells = mountCells(main, lesson);
  cells.runAutorun();
  const stopTracking = trackLessonEnd(main, lesson);
  current = {
    lesson,
    cells,
    destroy() {
      stopTracking();
      cells.destroy();
    },
  };
}

showPythonStatus();
python.start();
mountPage();
enableNavigation({
  beforeLeave: () => current?.destroy(),
  afterEnter: mountPage,
});
window.addEventListener("pagehide", () => current?.destroy());

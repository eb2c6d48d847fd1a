// Entry point of every page: start Python at once, mount the page, and keep
// the worker when the reader moves to another lesson.
import { mountCells } from "./cells.js";
import { enableNavigation } from "./navigation.js";
import { mountExercises } from "./exercises.js";
import { showProgress, trackLessonEnd } from "./progress.js";
import { python } from "./runtime.js";
import { mountSharing } from "./share.js";
import { showPythonStatus } from "./status.js";
import { BUILD } from "./config.js";
import { mountSavedWork } from "./saved-work.js";
import { checkForUpdate, keepOffline, watchForUpdates } from "./updates.js";
import { mountWidgets } from "./widgets.js";

let current = null; // what the mounted page needs to clean up

function mountPage() {
  const main = document.getElementById("content");
  if (main?.dataset.page === "index") {
    showProgress(main);
    mountSavedWork(main, () => showProgress(main));
    current = { destroy() {} };
    return;
  }
  const lesson = main.dataset.lesson;
  // A lesson opened anew starts with a fresh namespace, like a reload would.
  python.reset(lesson);
  const cells = mountCells(main, lesson);
  const widgets = mountWidgets(main, lesson, cells);
  const exercises = mountExercises(main, lesson, cells);
  const sharing = mountSharing(main, lesson, cells, widgets);
  // The worker answers in order: widgets open once their cells have run.
  const start = () => {
    cells.runAutorun();
    widgets.open();
  };
  // A shared link's code and values go in before anything runs.
  if (sharing.restoring) sharing.restored.then(start);
  else start();
  const stopTracking = trackLessonEnd(main, lesson, exercises.exercises.length);
  current = {
    lesson,
    cells,
    widgets,
    destroy() {
      sharing.destroy();
      stopTracking();
      exercises.destroy();
      widgets.destroy();
      cells.destroy();
    },
  };
}

showPythonStatus();
python.start();
window.coursePython.runtime = python; // for the benchmarks: start-up timings, requests
document.documentElement.dataset.scripts = BUILD; // the scripts' build, next to the page's (#page[data-build])
mountPage();
enableNavigation({
  beforeLeave: () => current?.destroy(),
  afterEnter() {
    mountPage();
    if (!window.courseLiveReload) checkForUpdate();
  },
});
window.addEventListener("pagehide", () => current?.destroy());
// Once Python is up (its downloads done), let a service worker keep the whole
// course for offline use; not while an author's live-reloading server runs.
if (!window.courseLiveReload) {
  python.on("ready", keepOffline);
  watchForUpdates();
}

// Lesson progress kept in the browser: a lesson is finished once the reader
// has reached its end. The index shows a mark next to finished lessons.
//
//   trackLessonEnd(main, lesson) -> stop()   showFinishedMarks(main)
import { load, progressKey, save } from "./storage.js";

export function isFinished(lesson) {
  return Boolean(load(progressKey(lesson), {}).finished);
}

export function markFinished(lesson) {
  save(progressKey(lesson), { ...load(progressKey(lesson), {}), finished: true });
}

export function trackLessonEnd(main, lesson) {
  const end = main.querySelector(".lesson-nav");
  if (!end || !("IntersectionObserver" in window)) return () => {};
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      markFinished(lesson);
      observer.disconnect();
    }
  });
  observer.observe(end);
  return () => observer.disconnect();
}

export function showFinishedMarks(main) {
  for (const item of main.querySelectorAll(".lesson-item")) {
    const finished = isFinished(item.dataset.lesson);
    item.toggleAttribute("data-finished", finished);
    for (const mark of item.querySelectorAll(".lesson-done, .lesson-done-label")) mark.hidden = !finished;
  }
}

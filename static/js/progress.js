// Lesson progress kept in the browser: which exercises the reader solved, and
// whether they reached the end. A lesson is finished when both are done. The
// index shows a mark next to finished lessons and a count of solved exercises.
//
//   trackLessonEnd(main, lesson, exerciseCount) -> stop()
//   markSolved(lesson, id)   solvedExercises(lesson)   showProgress(main)
import { load, progressKey, save } from "./storage.js";

const read = (lesson) => load(progressKey(lesson), {});
const write = (lesson, changes) => save(progressKey(lesson), { ...read(lesson), ...changes });

export function solvedExercises(lesson) {
  return read(lesson).solved || [];
}

export function isFinished(lesson) {
  const progress = read(lesson);
  return Boolean(progress.reachedEnd) && (progress.solved || []).length >= (progress.exercises || 0);
}

export function markSolved(lesson, id) {
  const solved = solvedExercises(lesson);
  if (!solved.includes(id)) write(lesson, { solved: [...solved, id] });
}

export function trackLessonEnd(main, lesson, exerciseCount) {
  write(lesson, { exercises: exerciseCount });
  const end = main.querySelector(".lesson-nav");
  if (!end || !("IntersectionObserver" in window)) return () => {};
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      write(lesson, { reachedEnd: true });
      observer.disconnect();
    }
  });
  observer.observe(end);
  return () => observer.disconnect();
}

export function showProgress(main) {
  for (const item of main.querySelectorAll(".lesson-item")) {
    const lesson = item.dataset.lesson;
    const finished = isFinished(lesson);
    item.toggleAttribute("data-finished", finished);
    for (const mark of item.querySelectorAll(".lesson-done, .lesson-done-label")) mark.hidden = !finished;
    const total = Number(item.dataset.exercises || 0);
    const count = item.querySelector(".lesson-exercises");
    if (count && total) {
      const solved = Math.min(solvedExercises(lesson).length, total);
      count.textContent = `${solved} of ${total} exercise${total === 1 ? "" : "s"} solved`;
      count.hidden = solved === 0;
    }
  }
}

// Lesson progress kept in the browser: which exercises the reader solved, and
// whether they reached the end. A lesson is finished when both are done. The
// index shows a mark next to finished lessons and a count of solved exercises.
// Exercises are remembered by their stable key (keys.js), so progress stays
// with its exercise when the author inserts another one above it.
//
//   trackLessonEnd(main, lesson, exerciseCount) -> stop()
//   markSolved(lesson, key)   solvedExercises(lesson)   showProgress(main)
//   migrateProgress(lesson, keyAt)   earlier builds' `exercise-N` marks, once
import { isProgress, migratedKey, progressKey, readEntry, readLegacy, writeEntry } from "./storage.js";

// A lesson not opened since the keys changed still counts its earlier marks.
const read = (lesson) => readEntry(progressKey(lesson), isProgress)
  ?? (readEntry(migratedKey(lesson), (value) => value === true) ? null : readLegacy(progressKey(lesson), isProgress))
  ?? {};
const write = (lesson, changes) => writeEntry(progressKey(lesson), { ...read(lesson), ...changes });

export function solvedExercises(lesson) {
  return read(lesson).solved || [];
}

export function isFinished(lesson) {
  const progress = read(lesson);
  return Boolean(progress.reachedEnd) && (progress.solved || []).length >= (progress.exercises || 0);
}

export function markSolved(lesson, key) {
  const solved = solvedExercises(lesson);
  if (!solved.includes(key)) write(lesson, { solved: [...solved, key] });
}

// Earlier builds named exercises by position (`exercise-2`): that was the
// exercise at that position then, which on the first visit since is the one
// there now. `keyAt(id)` gives its stable key.
export function migrateProgress(lesson, keyAt) {
  const current = readEntry(progressKey(lesson), isProgress);
  const legacy = readLegacy(progressKey(lesson), isProgress);
  if (current || !legacy) return;
  const solved = (legacy.solved || []).map((id) => keyAt(id) ?? id);
  writeEntry(progressKey(lesson), { ...legacy, solved: [...new Set(solved)] });
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

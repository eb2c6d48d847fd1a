// Exercises: a task on the cell above, checked by Python after the cell runs
// (and after a widget on the page changes), with a hint and a solution.
//
//   const exercises = mountExercises(main, lesson, cells)
// A solved exercise is remembered (progress.js) and shown as solved on reload.
import { exerciseSlug, uniqueKeys } from "./keys.js";
import { markSolved, migrateProgress, solvedExercises } from "./progress.js";
import { python } from "./runtime.js";

const WIDGET_CHECK_DELAY_MS = 250;
const CHECK_WAITS = "Checking once Python has loaded…";

class Exercise {
  constructor(element, lesson, cells, key) {
    this.element = element;
    this.lesson = lesson;
    this.id = element.dataset.exercise;
    this.key = key; // what progress remembers it by
    this.check = element.dataset.check;
    this.cell = cells.byId.get(element.dataset.cell);
    this.status = element.querySelector(".exercise-status");
    this.hint = element.querySelector(".exercise-hint");
    this.solution = element.querySelector(".exercise-solution");
    this.timer = null;
    const toggle = (button, panel) => button.addEventListener("click", () => {
      panel.hidden = !panel.hidden;
      button.setAttribute("aria-expanded", String(!panel.hidden));
    });
    toggle(element.querySelector(".exercise-hint-button"), this.hint);
    toggle(element.querySelector(".exercise-solution-button"), this.solution);
    element.querySelector(".exercise-check-button").addEventListener("click", () => this.run());
    element.querySelector(".exercise-use").addEventListener("click", () => this.useSolution());
    if (solvedExercises(lesson).includes(this.key)) this.show({ passed: true, message: "You solved this one before." }, true);
  }

  async run() {
    // A check asked for before Python is up waits in the queue: say so, not nothing.
    const waits = python.state !== "ready";
    if (waits) {
      delete this.element.dataset.state;
      this.status.textContent = CHECK_WAITS;
    }
    // Checked with the values of the widgets on the exercise's own cell (kernel/scopes.py).
    const result = await python.call("check", this.lesson, this.check, this.cell ? `cell ${this.cell.index}` : null);
    if (result.restarted || result.lost) {
      if (waits) this.status.textContent = "Not checked: Python stopped first. Press Check again.";
      return;
    }
    this.show(result);
    if (result.passed) markSolved(this.lesson, this.key);
  }

  // Re-check soon after a widget changed, once the reader pauses.
  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), WIDGET_CHECK_DELAY_MS);
  }

  show({ passed, message }, remembered = false) {
    this.element.dataset.state = passed ? "passed" : "failed";
    this.status.textContent = `${passed ? "✓" : "✗"} ${message}`;
    if (remembered) this.element.dataset.state = "remembered";
  }

  useSolution() {
    if (!this.cell) return;
    this.cell.setCode(this.solution.querySelector("pre").textContent);
    this.cell.run();
  }

  destroy() {
    clearTimeout(this.timer);
  }
}

export function mountExercises(main, lesson, cells) {
  const elements = [...main.querySelectorAll(".exercise")];
  // Progress is kept by each exercise's title, which an inserted exercise does not move.
  const keys = uniqueKeys(elements.map((element) => exerciseSlug(element.querySelector(".exercise-title").textContent)));
  migrateProgress(lesson, (id) => keys[elements.findIndex((element) => element.dataset.exercise === id)]);
  const exercises = elements.map((element, n) => new Exercise(element, lesson, cells, keys[n]));
  // Only the reader's own runs and moves are checked: a page that just
  // opened should not greet them with "not yet".
  const onRan = (event) => {
    const { cell, result, automatic } = event.detail;
    for (const exercise of exercises) {
      if (exercise.cell === cell && result.ok && !automatic) exercise.run();
    }
  };
  // A widget re-checks the exercises on its own cell (e.g. "move the sliders until ...").
  const onWidget = (event) => exercises.forEach((exercise) => {
    if (exercise.cell && exercise.cell === event.detail.widget.cell) exercise.soon();
  });
  main.addEventListener("cell:ran", onRan);
  main.addEventListener("widget:changed", onWidget);
  return {
    exercises,
    destroy() {
      main.removeEventListener("cell:ran", onRan);
      main.removeEventListener("widget:changed", onWidget);
      exercises.forEach((exercise) => exercise.destroy());
    },
  };
}

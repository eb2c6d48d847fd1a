// Training controls under a figure: Step (and 10 steps, ...), Play/Pause with
// a speed (iterations per frame), Reset, a step counter, and after Pause a
// timeline to scrub through the recorded history.
//
//   new TrainingControls(element, {advance(action, count), play(speed, playing, pause), scrub(index), restart()})
//   controls.update(history)  controls.stop()
// `play` runs frames until `playing()` turns false; `pause()` is the wait
// between frames: the next animation frame, or with prefers-reduced-motion
// a visible pause, so Play advances in steps the eye can follow.

const REDUCED_MOTION_STEP_MS = 600;

export class TrainingControls {
  constructor(element, actions) {
    this.element = element;
    this.actions = actions;
    this.playing = false;
    this.playButton = element.querySelector(".train-play");
    this.speed = element.querySelector(".train-speed select");
    this.counter = element.querySelector(".train-counter output");
    this.timelineBox = element.querySelector(".train-timeline");
    this.timeline = element.querySelector(".timeline");
    this.length = 0;
    for (const button of element.querySelectorAll(".train-step")) {
      button.addEventListener("click", () => {
        this.stop();
        actions.advance("step", Number(button.dataset.count));
      });
    }
    this.playButton?.addEventListener("click", () => (this.playing ? this.stop() : this.play()));
    element.querySelector(".train-reset").addEventListener("click", () => {
      this.stop();
      actions.restart();
    });
    this.timeline.addEventListener("input", () => actions.scrub(Number(this.timeline.value)));
    element.querySelector(".timeline-back").addEventListener("click", () => this.nudge(-1));
    element.querySelector(".timeline-forward").addEventListener("click", () => this.nudge(1));
  }

  nudge(delta) {
    const index = Math.min(this.length - 1, Math.max(0, Number(this.timeline.value) + delta));
    this.timeline.value = String(index);
    this.actions.scrub(index);
  }

  async play() {
    this.playing = true;
    this.playButton.textContent = "Pause";
    this.playButton.setAttribute("aria-pressed", "true");
    this.timelineBox.hidden = true;
    const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    await this.actions.play(() => Number(this.speed.value), () => this.playing,
      reduced ? () => wait(REDUCED_MOTION_STEP_MS) : nextFrame);
    this.stop();
  }

  stop() {
    if (!this.playButton) return;
    const was = this.playing;
    this.playing = false;
    this.playButton.textContent = "Play";
    this.playButton.setAttribute("aria-pressed", "false");
    if (was) this.showTimeline();
  }

  showTimeline() {
    this.timelineBox.hidden = this.playing || this.length < 2;
  }

  update({ length, position, iteration }) {
    this.length = length;
    this.counter.textContent = String(iteration ?? Math.max(0, position));
    this.timeline.max = String(Math.max(0, length - 1));
    this.timeline.value = String(Math.max(0, position));
    this.timeline.setAttribute("aria-valuetext", `step ${Math.max(0, position)} of ${Math.max(0, length - 1)}`);
    this.showTimeline();
  }
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

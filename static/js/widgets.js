// Widgets: sliders, readouts, figures and training controls driven by Python.
//
//   const widgets = mountWidgets(main, lesson, cells)   // every .widget under main
//   widgets.open()      once the page's autorun cells are queued
//   widgets.destroy()
//
// Each widget draws its first state (computed at build time) at once, then
// talks to the worker through kernel.session's widget_* methods. Slider moves
// are coalesced: while a request is in flight only the newest values wait, so
// the figure never lags behind the hand. Before Python has answered, the
// controls work all the same: a slider's value and its code line follow the
// hand at once, a note says the figure follows, and the newest values are
// sent as soon as Python can compute them.
import { bindCode } from "./binding.js";
import { enableWeightDragging } from "./drag.js";
import { Announcer, Plot } from "./plots.js";
import { python } from "./runtime.js";
import { SliderControl, TextControl } from "./controls.js";
import { TrainingControls } from "./training.js";

const STALE_REDRAW_DELAY_MS = 250;
const WAITING_NOTE = "Python is still loading: the figure follows as soon as it can.";

// Requests that follow the reader's hand (exercises re-check after these).
const READER_ACTIONS = new Set(["widget_set", "widget_advance", "widget_scrub", "widget_restart"]);

class Widget {
  constructor(element, lesson, cells) {
    this.element = element;
    this.lesson = lesson;
    this.id = element.dataset.widget;
    this.spec = JSON.parse(element.querySelector(".widget-spec").textContent);
    this.cell = cells.byId.get(element.dataset.cell);
    this.plots = [...element.querySelectorAll(".plot")].map((plot) => new Plot(plot));
    this.readouts = [...element.querySelectorAll(".readout output")];
    this.announcer = new Announcer(element.querySelector(".widget-description"));
    this.note = element.querySelector(".widget-note");
    this.sliders = [...element.querySelectorAll(".slider")].map(
      (slider) => new SliderControl(slider, (name, value) => this.slid(name, value)));
    this.inputs = [...element.querySelectorAll(".text-input")].map(
      (field) => new TextControl(field, (name, value) => this.queueValue(name, value)));
    this.binding = this.cell ? bindCode(this.cell, this.sliders, (name, value) => this.queueValue(name, value)) : null;
    const training = element.querySelector(".widget-training");
    this.training = training && new TrainingControls(training, {
      advance: (action, count) => this.request("widget_advance", action, count),
      play: (speed, playing, pause) => this.play(speed, playing, pause),
      scrub: (index) => this.queueScrub(index),
      restart: () => this.request("widget_restart"),
    });
    // Variables this widget shows: another widget on the same cell changing one makes it stale
    // (widgets on other cells keep their own values, so they never go stale).
    this.names = new Set([...this.sliders.map((slider) => slider.name), ...(this.spec.track || []),
      ...this.inputs.map((field) => field.name)]);
    this.stale = false;
    this.visible = false;
    this.opened = false;
    this.busy = false;
    this.waiting = false; // the note says the figure waits for Python
    this.pendingValues = null;
    this.pendingScrub = null;
    this.showFirstState(JSON.parse(element.querySelector(".widget-first").textContent));
  }

  showFirstState(first) {
    (first.figures || []).forEach((figure, index) => this.plots[index].show(figure));
    // Network diagrams whose weights have sliders can be dragged by their edges
    // (once Plotly has drawn them, which happens when they come into view).
    for (const plot of this.plots) {
      if (plot.traces.some((trace) => trace?.name === "weights" && trace.customdata?.some((name) => name))) {
        plot.drawnOnce.then(() => enableWeightDragging(plot.element, this.sliders, (name, value) => this.slid(name, value)));
      }
    }
  }

  async open() {
    // The widget keeps its own cell's values (kernel/scopes.py): the cell is named as it runs.
    const reply = await this.request("widget_open", this.spec, this.cell ? `cell ${this.cell.index}` : null);
    this.opened = true;
    this.element.toggleAttribute("data-live", reply.ok !== false || !reply.restarted);
    this.flush();
    return reply;
  }

  // A slider moved by the reader: ask Python, and rewrite the code line once
  // the figure is drawn (the editor's update would only delay the figure).
  slid(name, value) {
    this.codeWrites = { ...this.codeWrites, [name]: value };
    if (!this.opened) this.writeCode(); // no figure to draw yet that the editor could delay
    this.queueValue(name, value);
  }

  writeCode() {
    const writes = this.codeWrites;
    this.codeWrites = null;
    for (const [name, value] of Object.entries(writes || {})) this.binding?.write(name, value);
  }

  queueValue(name, value) {
    this.pendingValues = { ...this.pendingValues, [name]: value };
    this.training?.stop();
    this.holdUntilOpen();
    this.flush();
  }

  queueScrub(index) {
    this.pendingScrub = index;
    this.holdUntilOpen();
    this.flush();
  }

  // The reader acted before Python answered this widget: say why the figure has not moved yet.
  holdUntilOpen() {
    if (this.opened) return;
    this.waiting = true;
    this.note.hidden = false;
    this.note.textContent = WAITING_NOTE;
  }

  // Another widget changed a variable this one shows: redraw once the reader
  // pauses (not on every step of their drag), if this one is in view, or as
  // soon as it scrolls into view.
  markStale() {
    this.stale = true;
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => this.flush(), STALE_REDRAW_DELAY_MS);
  }

  flush() {
    if (this.busy || !this.opened) return;
    if (this.stale && this.visible && !this.pendingValues && this.pendingScrub === null) {
      this.stale = false;
      this.request("widget_redraw");
    } else if (this.pendingValues) {
      const values = this.pendingValues;
      this.pendingValues = null;
      this.request("widget_set", values);
    } else if (this.pendingScrub !== null) {
      const index = this.pendingScrub;
      this.pendingScrub = null;
      this.request("widget_scrub", index);
    }
  }

  async request(method, ...args) {
    if (READER_ACTIONS.has(method)) this.holdUntilOpen();
    this.busy = true;
    const reply = await python.call(method, this.lesson, this.id, ...args);
    this.busy = false;
    this.endWaiting();
    await this.show(reply, method);
    this.flush();
    return reply;
  }

  async show(reply, method) {
    await this.apply(reply);
    this.writeCode();
    if (READER_ACTIONS.has(method)) {
      this.announcer.say(this.describe());
      this.element.dispatchEvent(new CustomEvent("widget:changed", { bubbles: true, detail: { widget: this } }));
    }
  }

  // What the figures and readouts show now, in words (for the live region).
  describe() {
    const readouts = this.readouts.map((output) => `${output.closest(".readout").querySelector("dt").textContent} = ${output.textContent}`);
    const counter = this.training?.element?.querySelector(".train-counter")?.textContent.trim();
    return [...this.plots.map((plot) => plot.description), ...readouts, counter].filter(Boolean).join(". ");
  }

  // Play: while frame k is drawn, Python already computes frame k + 1; still
  // only one request is in flight, and none once the reader pauses.
  async play(speed, playing, pause) {
    this.holdUntilOpen();
    this.busy = true;
    const advance = () => python.call("widget_advance", this.lesson, this.id, "play", speed());
    let next = advance();
    for (;;) {
      const reply = await next;
      this.endWaiting();
      const going = playing() && reply.ok && !reply.diverged && !reply.restarted;
      next = going ? advance() : null;
      await this.show(reply, "widget_advance");
      if (!going) break;
      await pause();
    }
    this.busy = false;
    this.flush();
  }

  async apply(reply) {
    if (!reply) return;
    if (reply.restarted || reply.lost) {
      this.lost = true;
      this.training?.stop();
    }
    if (reply.restarted) return;
    if (reply.values) {
      for (const slider of this.sliders) {
        // Python's value wins unless the reader has since moved the slider again.
        if (slider.name in reply.values && !(this.pendingValues && slider.name in this.pendingValues)) {
          slider.show(reply.values[slider.name]);
        }
      }
    }
    for (const field of this.inputs) {
      if (reply.inputs && field.name in reply.inputs) field.show(reply.inputs[field.name]);
      field.invalid(reply.invalid?.[field.name]);
    }
    (reply.readouts || []).forEach(({ text, error }, index) => {
      const output = this.readouts[index];
      if (!output) return;
      output.textContent = text;
      output.classList.toggle("readout-error", error);
    });
    this.cell?.showWidgetError(reply.ok ? null : reply.error);
    if (reply.history && this.training) this.training.update(reply.history);
    this.showNote(reply);
    await Promise.all((reply.figures || []).map((figure, index) => this.plots[index]?.show(figure)));
    // For anything that waits on the picture (tests, benchmarks): it is drawn.
    this.element.dispatchEvent(new CustomEvent("widget:drawn", { bubbles: true, detail: { widget: this } }));
  }

  endWaiting() {
    if (!this.waiting) return;
    this.waiting = false;
    this.note.hidden = true; // a reply's own note, if any, follows
  }

  showNote(reply) {
    const message = reply.diverged ? reply.diverged.message : !reply.ok && reply.error ? "The figure could not be updated: the error is shown in the code cell above." : "";
    this.note.hidden = !message;
    this.note.textContent = message;
    this.note.classList.toggle("diverged", Boolean(reply.diverged));
    this.element.toggleAttribute("data-diverged", Boolean(reply.diverged));
    if (reply.diverged) this.training?.stop();
  }

  // After a cell ran, the code may define new functions or values: redraw.
  // If Python restarted since the widget opened, open it again instead.
  refresh() {
    if (this.lost) {
      this.lost = false;
      this.open();
      return;
    }
    if (!this.opened) return;
    this.training?.stop();
    this.request("widget_refresh");
  }

  destroy() {
    clearTimeout(this.staleTimer);
    this.training?.stop();
    this.announcer.destroy();
    for (const plot of this.plots) plot.destroy();
  }
}

export function mountWidgets(main, lesson, cells) {
  const widgets = [...main.querySelectorAll(".widget")].map((element) => new Widget(element, lesson, cells));
  const onRan = () => widgets.forEach((widget) => widget.refresh());
  const onChanged = (event) => {
    const source = event.detail.widget;
    for (const widget of widgets) {
      if (widget !== source && widget.cell === source.cell && [...source.names].some((name) => widget.names.has(name))) widget.markStale();
    }
  };
  const visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const widget = widgets.find((candidate) => candidate.element === entry.target);
      widget.visible = entry.isIntersecting;
      if (widget.visible) widget.flush();
    }
  });
  widgets.forEach((widget) => visibility.observe(widget.element));
  main.addEventListener("cell:ran", onRan);
  main.addEventListener("widget:changed", onChanged);
  return {
    widgets,
    open() {
      return Promise.all(widgets.map((widget) => widget.open()));
    },
    destroy() {
      visibility.disconnect();
      main.removeEventListener("cell:ran", onRan);
      main.removeEventListener("widget:changed", onChanged);
      widgets.forEach((widget) => widget.destroy());
    },
  };
}

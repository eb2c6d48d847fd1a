// Plotly figures on the page. A Plot keeps the traces it drew; an update may
// send only the traces that changed (null keeps the old one), so Plotly.react
// sees the same objects for the rest and skips them (e.g. a loss surface
// while only the point on it moves). A plot far from the viewport is not
// drawn at all: it keeps the newest figure and draws it when it comes near,
// so opening a long lesson or training off-screen costs the page nothing.
//
//   const plot = new Plot(element); await plot.show({data, layout, description})
import { siteConfig } from "./config.js";
import { onSchemeChange, themed, themedLayout } from "./theme.js";

// Nothing on a figure may send it anywhere: no "share to the cloud" button
// (whatever this Plotly names it: showSendToCloud is the switch) and no URL
// for one, no Plotly logo link. The other tools stay on the page.
const CONFIG = { responsive: true, displaylogo: false, scrollZoom: false,
  showSendToCloud: false, plotlyServerURL: "", showLink: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"],
  // 3-D scenes render at the screen's pixel ratio, not Plotly's default of 2:
  // on an ordinary screen that is a quarter of the pixels to draw each frame.
  plotGlPixelRatio: Math.min(2, window.devicePixelRatio || 1) };

let loading = null;
export function loadPlotly() {
  return (loading ||= new Promise((resolve, reject) => {
    if (window.Plotly) return resolve(window.Plotly);
    const script = document.createElement("script");
    script.src = siteConfig.url(siteConfig.plotly);
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error("Plotly.js could not be loaded"));
    document.head.append(script);
  }));
}

const live = new Set();
onSchemeChange(() => {
  for (const plot of live) plot.retheme();
});

const NEAR = "400px 0px"; // how close to the viewport a plot must be to draw
const byElement = new WeakMap();
const nearby = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const plot = byElement.get(entry.target);
    plot.visible = entry.isIntersecting;
    if (plot.visible && plot.dirty) plot.draw();
  }
}, { rootMargin: NEAR });

export class Plot {
  constructor(element) {
    this.element = element;
    this.traces = [];
    this.drawn = [];
    this.layout = {};
    this.visible = false;
    this.dirty = false;
    this.drawnOnce = new Promise((resolve) => (this.firstDrawn = resolve));
    live.add(this);
    byElement.set(element, this);
    nearby.observe(element);
  }

  async show(figure) {
    if (!figure) return;
    if (figure.table) return this.showTable(figure.table, figure.description);
    figure.data.forEach((trace, index) => {
      if (trace) {
        this.traces[index] = trace;
        this.drawn[index] = themed(trace);
      }
    });
    this.traces.length = this.drawn.length = figure.data.length;
    this.layout = figure.layout;
    this.element.classList.toggle("plot-3d", Boolean(figure.layout.scene));
    if (figure.description) this.description = this.element.dataset.description = figure.description;
    this.element.querySelector(".main-svg")?.setAttribute("aria-label", this.description);
    this.dirty = true;
    if (this.visible) await this.draw();
  }

  async draw() {
    this.dirty = false;
    const Plotly = await loadPlotly();
    // A new array of (mostly) the same trace objects: Plotly diffs by identity.
    await Plotly.react(this.element, this.drawn.slice(), themedLayout(this.layout), CONFIG);
    this.labelImage();
    this.firstDrawn();
  }

  // The picture, not the whole plot, is the image (role="img" with what it
  // shows now); Plotly's tool bar stays a sibling toolbar, reachable by Tab,
  // instead of buttons nested inside an image. Until Plotly draws, the
  // build's placeholder carries the description.
  labelImage() {
    this.element.querySelector(":scope > .plot-placeholder")?.remove();
    const [picture, ...layers] = this.element.querySelectorAll(".main-svg");
    if (picture) {
      picture.setAttribute("role", "img");
      picture.setAttribute("aria-label", this.description || "Figure");
    }
    // Hover labels and 3-D canvases repeat the picture: hide them from screen readers.
    for (const layer of [...layers, ...this.element.querySelectorAll(".gl-container")]) layer.setAttribute("aria-hidden", "true");
    this.element.querySelector(".modebar")?.setAttribute("aria-label", "Figure tools");
  }

  // Tables are read row by row, so they are HTML, not a picture.
  showTable({ columns, rows, footer, caption }, description) {
    this.element.classList.add("plot-table");
    this.description = this.element.dataset.description = description;
    // A wide table scrolls sideways: focusable and named, so keyboards can scroll it too.
    this.element.tabIndex = 0;
    this.element.setAttribute("role", "region");
    this.element.setAttribute("aria-label", caption || description || "Table");
    const table = document.createElement("table");
    if (caption) table.createCaption().textContent = caption;
    const head = table.createTHead().insertRow();
    // An empty heading (a row-label column) still names its column for screen readers.
    for (const column of columns) {
      const th = Object.assign(document.createElement("th"), { scope: "col" });
      if (column) th.textContent = column;
      else th.append(Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: "Row" }));
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell;
    }
    if (footer) {
      const tr = table.createTFoot().insertRow();
      for (const cell of footer) tr.insertCell().textContent = cell;
    }
    this.element.replaceChildren(table);
    this.table = { columns, rows, footer, description };
  }

  retheme() {
    if (this.table) return;
    this.drawn = this.traces.map(themed);
    this.dirty = true;
    if (this.visible) this.draw();
  }

  // What the reader sees, for tests: the data Plotly is drawing.
  get data() {
    return this.element.data;
  }

  destroy() {
    live.delete(this);
    nearby.unobserve(this.element);
    window.Plotly?.purge(this.element);
  }
}

// Tells screen readers what a widget's figures show now, in its polite live
// region: at once for a single change, then at most every THROTTLE_MS while
// sliders move or Play runs, always ending on the newest state.
const THROTTLE_MS = 1500;

export class Announcer {
  constructor(region) {
    this.region = region;
    this.last = 0;
    this.timer = null;
    this.text = "";
  }

  say(text) {
    this.text = text;
    if (this.timer) return;
    const wait = this.last + THROTTLE_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    this.timer = null;
    this.last = performance.now();
    if (this.region && this.region.textContent !== this.text) this.region.textContent = this.text;
  }

  destroy() {
    clearTimeout(this.timer);
  }
}

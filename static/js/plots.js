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

const CONFIG = { responsive: true, displaylogo: false, scrollZoom: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage", "sendDataToCloud"],
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
    if (figure.description) this.element.setAttribute("aria-label", figure.description);
    this.dirty = true;
    if (this.visible) await this.draw();
  }

  async draw() {
    this.dirty = false;
    const Plotly = await loadPlotly();
    // A new array of (mostly) the same trace objects: Plotly diffs by identity.
    await Plotly.react(this.element, this.drawn.slice(), themedLayout(this.layout), CONFIG);
    this.firstDrawn();
  }

  // Tables are read row by row, so they are HTML, not a picture.
  showTable({ columns, rows, footer, caption }, description) {
    this.element.classList.add("plot-table");
    this.element.removeAttribute("role");
    this.element.removeAttribute("aria-label");
    const table = document.createElement("table");
    if (caption) table.createCaption().textContent = caption;
    const head = table.createTHead().insertRow();
    for (const column of columns) head.append(Object.assign(document.createElement("th"), { textContent: column, scope: "col" }));
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

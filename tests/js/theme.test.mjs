import assert from "node:assert/strict";
import { test } from "node:test";

import { installBrowser } from "./stubs.mjs";

installBrowser({ variables: { "--fig-model": " #2f5bd3", "--text": "#1d1d1f", "--muted": "#5c5f66", "--fig-grid": "#e7e3da" } });
const { paletteFrom, themed, themedLayout } = await import("../../static/js/theme.js");

test("a token reads --fig-<name>, else --<name>", () => {
  const variables = { "--fig-model": "blue", "--text": "black" };
  const palette = paletteFrom((name) => variables[name] ?? "", () => assert.fail("nothing is missing"));
  assert.equal(palette["@model"], "blue");
  assert.equal(palette["@text"], "black");
});

test("a token with no colour is reported once and drawn in the text colour, never a silent grey", () => {
  const reports = [];
  const palette = paletteFrom((name) => ({ "--text": "black" })[name] ?? "", (message) => reports.push(message));
  assert.equal(palette["@nowhere"], "black");
  assert.equal(palette["@nowhere"], "black");
  assert.equal(reports.length, 1);
  assert.match(reports[0], /@nowhere has no --fig-nowhere/);
});

test("themed replaces tokens deep inside a trace and shares number arrays", () => {
  const numbers = new Float64Array([1, 2, 3]);
  const plain = [1, 2, 3];
  const trace = { x: numbers, y: plain, line: { color: "@model" }, marker: { color: ["@model", "red"] }, name: "@ not a token" };
  const out = themed(trace);
  assert.equal(out.line.color, "#2f5bd3");
  assert.deepEqual(out.marker.color, ["#2f5bd3", "red"]);
  assert.equal(out.x, numbers);
  assert.equal(out.y, plain);
  assert.equal(out.name, "@ not a token");
  assert.equal(trace.line.color, "@model"); // the figure itself is not changed
});

test("themedLayout styles axes with the palette and keeps the figure's own settings", () => {
  const layout = themedLayout({ xaxis: { title: { text: "w" }, range: [0, 1] }, scene: { xaxis: {} } });
  assert.equal(layout.xaxis.gridcolor, "#e7e3da");
  assert.deepEqual(layout.xaxis.range, [0, 1]);
  assert.equal(layout.xaxis.title.text, "w");
  assert.equal(layout.font.color, "#1d1d1f");
  assert.equal(layout.scene.dragmode, "turntable");
  assert.deepEqual(layout.margin, { l: 8, r: 8, t: 8, b: 8 }); // a 3-D scene needs only a thin margin
  const flat = themedLayout({});
  assert.equal(flat.yaxis.zerolinecolor, "#5c5f66");
});

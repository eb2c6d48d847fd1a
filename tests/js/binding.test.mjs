import assert from "node:assert/strict";
import { test } from "node:test";

import { bindCode } from "../../static/js/binding.js";

// A cell as binding.js sees it: its code, an element that fires "cell:edited", and replace().
function fakeCell(code) {
  const cell = {
    code,
    element: new EventTarget(),
    replace(from, to, text) {
      cell.code = cell.code.slice(0, from) + text + cell.code.slice(to);
    },
    edit(code, source = "reader") {
      cell.code = code;
      cell.element.dispatchEvent(new CustomEvent("cell:edited", { detail: { code, source } }));
    },
  };
  return cell;
}

function fakeSlider(name, value, min = -10, max = 10) {
  return { name, value, shown: [], inRange: (v) => v >= min && v <= max, format: (v) => v.toFixed(2), show(v) { this.value = v; this.shown.push(v); } };
}

test("dragging a slider rewrites only the number of its plain assignment, keeping any comment", () => {
  const cell = fakeCell("w = 1.0  # weight\nb = 0.0\ny = w * 2\n");
  const binding = bindCode(cell, [fakeSlider("w", 1), fakeSlider("b", 0)], () => {});
  binding.write("w", 2.345);
  binding.write("b", -1);
  assert.equal(cell.code, "w = 2.35  # weight\nb = -1.00\ny = w * 2\n");
});

test("a variable without a plain assignment is left alone", () => {
  const cell = fakeCell("w = compute()\nww = 3\n");
  bindCode(cell, [fakeSlider("w", 1)], () => {}).write("w", 5);
  assert.equal(cell.code, "w = compute()\nww = 3\n");
});

test("typing a new value in range moves the slider and tells the widget", () => {
  const cell = fakeCell("w = 1\n");
  const slider = fakeSlider("w", 1);
  const told = [];
  bindCode(cell, [slider], (name, value) => told.push([name, value]));
  cell.edit("w = 2.5e-1\n");
  cell.edit("w = 99\n"); // out of range: the slider stays
  cell.edit("w = 3\n", "slider"); // the slider's own rewrite is not echoed back
  assert.deepEqual(told, [["w", 0.25]]);
  assert.deepEqual(slider.shown, [0.25]);
});

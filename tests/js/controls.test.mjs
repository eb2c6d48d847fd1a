import assert from "node:assert/strict";
import { test } from "node:test";

import { installBrowser } from "./stubs.mjs";

installBrowser();
const { SliderControl } = await import("../../static/js/controls.js");

// The slider's markup as templates/widget.html writes it: a range and a number box.
function fakeSlider({ min = "-10", max = "10", step = "0.01", value = "1" } = {}) {
  const listeners = {};
  const input = (type) => ({
    type, min, max, step, value, attributes: {},
    addEventListener: (event, fn) => { listeners[`${type}:${event}`] = fn; },
    setAttribute(name, text) { this.attributes[name] = text; },
  });
  const range = input("range");
  const number = input("number");
  const element = {
    dataset: { name: "w" },
    querySelector: (selector) => (selector.includes("range") ? range : number),
    querySelectorAll: () => [],
  };
  return { element, range, number, fire: (type, event) => listeners[`${type}:${event}`]() };
}

test("a slider shows its value with the step's decimals and says it to screen readers", () => {
  const { element, number, range } = fakeSlider({ step: "0.01", value: "1" });
  const slider = new SliderControl(element, () => {});
  assert.equal(number.value, "1.00");
  assert.equal(range.attributes["aria-valuetext"], "w = 1.00");
  assert.equal(slider.format(2), "2.00");
  assert.equal(new SliderControl(fakeSlider({ step: "1e-3" }).element, () => {}).format(0.5), "0.500");
});

test("moving the range tells the widget; a typed value is clamped to the range", () => {
  const { element, range, number, fire } = fakeSlider();
  const told = [];
  const slider = new SliderControl(element, (name, value) => told.push([name, value]));
  range.value = "2.5";
  fire("range", "input");
  number.value = "50";
  fire("number", "change");
  assert.deepEqual(told, [["w", 2.5], ["w", 10]]);
  assert.equal(number.value, "10.00");
  assert.ok(slider.inRange(-10) && !slider.inRange(10.01));
});

test("text that is not a number changes nothing", () => {
  const { element, number, fire } = fakeSlider();
  const told = [];
  new SliderControl(element, (name, value) => told.push(value));
  number.value = " ";
  fire("number", "change");
  assert.deepEqual(told, []);
  assert.equal(number.value, "1.00");
});

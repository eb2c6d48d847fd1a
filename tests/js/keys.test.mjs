// Stable keys for saved work (static/js/keys.js): they must not move when the
// author inserts a cell above, and must keep an author's own id.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cellSlug, definedNames, exerciseSlug, uniqueKeys } from "../../static/js/keys.js";

test("a cell is named by what it defines, not by where it is", () => {
  assert.deepEqual(definedNames("w = 1.0\nb = 0.0\ndef y(x, w, b):\n    return w * x + b"), ["w", "b", "y"]);
  assert.equal(cellSlug("cell-3", "w = 1.0\nb = 0.0"), "defines-w-b");
  assert.equal(cellSlug("cell-4", "w = 2.5\nb = -1"), "defines-w-b"); // the author changed the values
  assert.equal(cellSlug("cell-1", "x, y = 1, 2\nx += 1"), "defines-x-y");
});

test("an author's id wins; a cell that defines nothing is named by its first line", () => {
  assert.equal(cellSlug("setup", "w = 1"), "setup");
  assert.equal(cellSlug("cell-2", "# show it\nprint(loss(w, b))"), "code-print-loss-w-b");
  assert.equal(cellSlug("cell-2", ""), "code-empty");
  assert.equal(cellSlug("cell-2", "w == 1"), "code-w-1"); // a comparison assigns nothing
});

test("repeated names are numbered in page order", () => {
  assert.deepEqual(uniqueKeys(["defines-w", "code-x", "defines-w"]), ["defines-w", "code-x", "defines-w~2"]);
  assert.equal(exerciseSlug("Exercise Make the sliders work"), "make-the-sliders-work");
});

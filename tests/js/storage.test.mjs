import assert from "node:assert/strict";
import { test } from "node:test";

import { installBrowser } from "./stubs.mjs";

installBrowser({ baseURI: "https://example.org/course/lesson.html" });
const storage = await import("../../static/js/storage.js");
const { editKey, isEdit, isProgress, readEntry, writeEntry } = storage;
const PREFIX = "course-work:course@/course/:";

test("an entry written is read back under the course's own prefix", () => {
  const key = editKey("the-line", "line");
  assert.ok(writeEntry(key, { code: "w = 2", base: "w = 1" }));
  assert.equal(localStorage.getItem(PREFIX + key), JSON.stringify({ code: "w = 2", base: "w = 1" }));
  assert.deepEqual(readEntry(key, isEdit), { code: "w = 2", base: "w = 1" });
  writeEntry(key, null);
  assert.equal(readEntry(key, isEdit, "none"), "none");
});

test("an entry of the wrong shape is never used and never lost: it is set aside with why", () => {
  localStorage.setItem(`${PREFIX}progress:loss`, "[1, 2]");
  localStorage.setItem(`${PREFIX}progress:gradient`, "{not json");
  assert.equal(readEntry("progress:loss", isProgress), null);
  assert.equal(readEntry("progress:gradient", isProgress), null);
  const aside = JSON.parse(localStorage.getItem(`${PREFIX}set-aside:progress:loss`));
  assert.equal(aside.text, "[1, 2]");
  assert.equal(aside.reason, "it had the wrong shape");
  assert.equal(JSON.parse(localStorage.getItem(`${PREFIX}set-aside:progress:gradient`)).reason, "it was not valid JSON");
  assert.equal(localStorage.getItem(`${PREFIX}progress:loss`), null);
});

test("the shapes an edit and a lesson's progress must have", () => {
  assert.ok(isEdit({ code: "", base: "x = 1" }));
  assert.ok(!isEdit({ code: "x" }) && !isEdit(null) && !isEdit(["x", "y"]));
  assert.ok(isProgress({}) && isProgress({ solved: ["a"], exercises: 2, reachedEnd: true }));
  assert.ok(!isProgress({ solved: [1] }) && !isProgress({ exercises: -1 }) && !isProgress({ reachedEnd: "yes" }));
});

test("a browser that refuses storage makes writes fail quietly and reads fall back", () => {
  const refusing = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("denied"); }, removeItem() { throw new Error("denied"); } };
  const kept = globalThis.localStorage;
  globalThis.localStorage = refusing;
  try {
    assert.equal(writeEntry("progress:x", { solved: [] }), false);
    assert.equal(readEntry("progress:x", isProgress, "fallback"), "fallback");
  } finally {
    globalThis.localStorage = kept;
  }
});

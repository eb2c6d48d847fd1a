// Code cells: an editor, Run / Stop / Reset, and an output area.
//
//   const cells = mountCells(root, lesson)   // every .cell under root
//   cells.byId.get("cell-1").run()           // -> Promise<result>
//   cell.code / cell.setCode(text) / cell.replace(from, to, text, source)
//   cells.destroy()                          // before the page is swapped out
//
// Output is text only (textContent), so printed HTML is shown, never run.
// Edits are saved per lesson and cell (by the cell's stable key, keys.js)
// and survive a reload; Reset restores the author's code. Each saved edit
// keeps the author's code it started from: when the author has changed the
// cell since, the reader is told and chooses (keep mine / take the new
// version), and until then the page's own runs use the author's version. A cell dispatches "cell:ran" (detail: {cell, result})
// after every run so widgets and exercises can follow the namespace, and
// "cell:edited" (detail: {cell, code, source}) after every change.
// The editor itself is created when the cell comes near the viewport: until
// then the highlighted code the page arrived with stands in for it.
import { createEditor } from "./editor.js";
import { python } from "./runtime.js";
import { cellSlug, uniqueKeys } from "./keys.js";
import { editKey, isEdit, migratedKey, readEntry, readLegacy, setAside, writeEntry } from "./storage.js";

const SAVE_DELAY_MS = 300;
const NEAR = "600px 0px"; // how close to the viewport a cell gets its editor

export class Cell {
  constructor(element, lesson, key) {
    this.element = element;
    this.lesson = lesson;
    this.id = element.dataset.cell;
    this.key = key; // what the saved edit is stored under
    this.index = Number(element.getAttribute("aria-label").match(/\d+/)[0]);
    this.source = element.querySelector(".cell-source");
    this.original = this.source.textContent.replace(/\n$/, "");
    this.originalHTML = this.source.innerHTML;
    this.output = element.querySelector(".cell-output");
    this.runButton = element.querySelector(".cell-run");
    this.stopButton = element.querySelector(".cell-stop");
    this.resetButton = element.querySelector(".cell-reset");
    this.editor = null;
    this.editorLoading = null;
    this.running = false;
    this.saveTimer = null;
    const saved = readEntry(editKey(lesson, key), isEdit);
    this.base = saved?.base ?? this.original; // the author's code the reader's edit started from
    this.stale = Boolean(saved) && saved.base !== this.original && saved.code !== this.original;
    this.text = saved?.code ?? this.original; // the code while there is no editor yet
    if (this.text !== this.original) this.showSource(this.text);
    this.markEdited(this.text !== this.original);
    if (this.stale) this.showUpdated();
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.resetButton.addEventListener("click", () => this.reset());
    this.runButton.setAttribute("aria-label", `Run cell ${this.index}`);
    this.stopButton.setAttribute("aria-label", `Stop cell ${this.index}`);
    this.resetButton.setAttribute("aria-label", `Reset cell ${this.index}`);
  }

  get code() {
    return this.editor ? this.editor.code : this.text;
  }

  // Create the editor (once); resolves when it is on the page.
  mount() {
    this.editorLoading ||= (async () => {
      const holder = document.createElement("div");
      holder.className = "cell-editor";
      this.editor = await createEditor(holder, this.text, {
        onRun: () => this.run(),
        onChange: (code, source) => this.changed(code, source),
        label: `Python code of cell ${this.index}`,
      });
      this.source.replaceWith(holder);
      // It was built off the page: measure line heights again now it is on it.
      this.editor.view.requestMeasure();
    })();
    return this.editorLoading;
  }

  // The code as the page arrived with it, or a reader's saved edit, unhighlighted.
  showSource(text) {
    const code = this.source.querySelector("code");
    if (text === this.original) code.innerHTML = this.originalHTML.replace(/^<code>|<\/code>$/g, "");
    else code.textContent = text;
  }

  setCode(text) {
    this.replace(0, this.code.length, text, "reader");
  }

  // Change part of the code, with or without an editor; `source` tags who did it.
  replace(from, to, text, source) {
    if (this.editor) return this.editor.replace(from, to, text, source);
    this.text = this.text.slice(0, from) + text + this.text.slice(to);
    this.showSource(this.text);
    this.changed(this.text, source);
  }

  changed(code, source) {
    this.markEdited(code !== this.original);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.persist(), SAVE_DELAY_MS);
    this.element.dispatchEvent(new CustomEvent("cell:edited", { bubbles: true, detail: { cell: this, code, source } }));
  }

  persist() {
    clearTimeout(this.saveTimer);
    if (this.unsaved) return; // showing code from a shared link (share.js) until the reader keeps it
    const code = this.code;
    if (this.stale && code === this.original) this.resolveUpdate(); // the reader's code is the new version
    const edit = code === this.original ? null : { code, base: this.stale ? this.base : this.original };
    writeEntry(editKey(this.lesson, this.key), edit);
  }

  // The author changed this cell after the reader edited it: say so, offer both.
  showUpdated() {
    const notice = document.createElement("div");
    notice.className = "cell-updated";
    notice.setAttribute("role", "note");
    const text = document.createElement("p");
    text.textContent = "This cell was updated since you edited it. Your version is in the editor"
      + (this.element.hasAttribute("data-autorun") ? "; the page runs the new version until you choose." : ".");
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "See the new version";
    const code = document.createElement("pre");
    code.textContent = this.original;
    details.append(summary, code);
    const buttons = document.createElement("p");
    buttons.className = "cell-updated-buttons";
    const button = (label, action) => {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = label;
      element.setAttribute("aria-label", `${label} (cell ${this.index})`);
      element.addEventListener("click", action);
      return element;
    };
    buttons.append(button("Keep mine", () => this.keepMine()), button("Take the new version", () => this.takeNewVersion()));
    notice.append(text, details, buttons);
    this.element.querySelector(".cell-bar").after(notice);
  }

  resolveUpdate() {
    this.stale = false;
    this.base = this.original;
    this.element.querySelector(".cell-updated")?.remove();
  }

  keepMine() {
    this.resolveUpdate();
    this.persist();
  }

  takeNewVersion() {
    // The reader's version is set aside, not deleted.
    setAside(editKey(this.lesson, this.key), JSON.stringify({ code: this.code, base: this.base }), "the reader took the author's new version");
    this.resolveUpdate();
    this.setCode(this.original);
    this.persist();
  }

  markEdited(edited) {
    this.element.toggleAttribute("data-edited", edited);
    this.resetButton.disabled = !edited;
  }

  reset() {
    this.setCode(this.original);
    this.persist();
    this.editor?.focus();
  }

  // `automatic` marks runs the page started itself (autorun), not the reader.
  async run({ automatic = false } = {}) {
    this.persist();
    // A stale edit never runs by itself: the page's own runs use the author's new version.
    const code = automatic && this.stale ? this.original : this.code;
    this.clearOutput();
    this.setRunning(true);
    if (python.state !== "ready") this.note("Waiting for Python to finish loading…", "waiting");
    const stream = this.outputBlock("output-text");
    const reply = python.run(this.lesson, `cell ${this.index}`, code, (text) => {
      this.output.querySelector(".output-note.waiting")?.remove();
      stream.append(text);
    });
    this.runRequest = reply.id; // what Stop stops
    const result = await reply;
    this.output.querySelector(".output-note.waiting")?.remove();
    if (!stream.textContent) stream.remove();
    this.showResult(result);
    this.setRunning(false);
    this.element.dispatchEvent(new CustomEvent("cell:ran", { bubbles: true, detail: { cell: this, result, automatic } }));
    return result;
  }

  async stop() {
    this.stopButton.disabled = true;
    await python.interrupt(this.runRequest);
  }

  setRunning(running) {
    this.running = running;
    this.element.toggleAttribute("data-running", running);
    this.runButton.disabled = running;
    this.stopButton.disabled = !running;
  }

  clearOutput() {
    this.output.replaceChildren();
    this.element.removeAttribute("data-status");
  }

  outputBlock(className) {
    const block = document.createElement("pre");
    block.className = className;
    this.output.append(block);
    return block;
  }

  note(text, className = "") {
    const note = document.createElement("p");
    note.className = `output-note ${className}`.trim();
    note.textContent = text;
    this.output.append(note);
  }

  showResult(result) {
    if (result.cutNote) this.note(result.cutNote, "cut");
    if (result.output) this.outputBlock("output-text").textContent = result.output;
    if (result.value !== null && result.value !== undefined) {
      this.outputBlock("output-value").textContent = result.value;
    }
    let status = "ok";
    if (result.restarted) {
      status = "restarted";
      this.note(`${result.error} Variables from earlier cells are gone: run them again.`, "restarted");
    } else if (result.cancelled) {
      status = "stopped";
      this.note("Stopped before it ran: Python was still loading.", "stopped");
    } else if (result.interrupted) {
      status = "stopped";
      this.note("Stopped. Variables this cell set before it was stopped are kept.", "stopped");
    } else if (!result.ok) {
      status = "error";
      this.outputBlock("output-error").textContent = result.error;
    }
    this.element.dataset.status = status;
  }

  // An error raised by this cell's code while a widget used it (a slider
  // moved, a training step ran); null clears it once the code works again.
  showWidgetError(text) {
    let block = this.output.querySelector(".widget-error");
    if (!text) {
      block?.remove();
      if (this.element.dataset.status === "widget-error") this.element.removeAttribute("data-status");
      return;
    }
    if (!block) {
      block = document.createElement("pre");
      block.className = "output-error widget-error";
      this.output.append(block);
    }
    block.textContent = `While the figure was updating:\n${text}`;
    this.element.dataset.status = "widget-error";
  }

  destroy() {
    this.persist();
    this.editor?.destroy();
  }
}

// The author's code as the page arrived with it.
const originalCode = (element) => element.querySelector(".cell-source").textContent.replace(/\n$/, "");

// Earlier builds kept edits by position (`cell-3`) and without the code they
// started from; the first time a lesson opens, they move to the stable keys
// (the cell at that position now, as those builds showed it). The old
// entries stay where they were.
function migrateEdits(lesson, elements, keys) {
  if (readEntry(migratedKey(lesson), (value) => value === true)) return;
  elements.forEach((element, n) => {
    const legacy = readLegacy(editKey(lesson, element.dataset.cell), (value) => typeof value === "string");
    const original = originalCode(element);
    if (legacy === null || legacy === original || readEntry(editKey(lesson, keys[n]), isEdit)) return;
    writeEntry(editKey(lesson, keys[n]), { code: legacy, base: original });
  });
  writeEntry(migratedKey(lesson), true);
}

export function mountCells(root, lesson) {
  const elements = [...root.querySelectorAll(".cell")];
  const keys = uniqueKeys(elements.map((element) => cellSlug(element.dataset.cell, originalCode(element))));
  migrateEdits(lesson, elements, keys);
  const cells = elements.map((element, n) => new Cell(element, lesson, keys[n]));
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const byElement = new Map(cells.map((cell) => [cell.element, cell]));
  const nearby = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearby.unobserve(entry.target);
      byElement.get(entry.target).mount();
    }
  }, { rootMargin: NEAR });
  for (const cell of cells) {
    nearby.observe(cell.element);
    // A reader who clicks or tabs into the code gets the editor at once.
    cell.source.tabIndex = 0;
    for (const event of ["pointerdown", "focus"]) {
      cell.source.addEventListener(event, () => cell.mount().then(() => cell.editor.focus()), { once: true });
    }
  }
  return {
    cells,
    byId,
    // Run the cells marked autorun, in page order (the worker keeps the order).
    runAutorun() {
      const autorun = cells.filter((cell) => cell.element.hasAttribute("data-autorun"));
      return Promise.all(autorun.map((cell) => cell.run({ automatic: true })));
    },
    destroy() {
      nearby.disconnect();
      for (const cell of cells) cell.destroy();
    },
  };
}

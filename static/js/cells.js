// Code cells: an editor, Run / Stop / Reset, and an output area.
//
//   const cells = mountCells(root, lesson)   // every .cell under root
//   cells.byId.get("cell-1").run()           // -> Promise<result>
//   cell.code / cell.setCode(text) / cell.replace(from, to, text, source)
//   cells.destroy()                          // before the page is swapped out
//
// Output is text only (textContent), so printed HTML is shown, never run.
// Edits are saved per lesson and cell and survive a reload; Reset restores
// the author's code. A cell dispatches "cell:ran" (detail: {cell, result})
// after every run so widgets and exercises can follow the namespace, and
// "cell:edited" (detail: {cell, code, source}) after every change.
// The editor itself is created when the cell comes near the viewport: until
// then the highlighted code the page arrived with stands in for it.
import { createEditor } from "./editor.js";
import { python } from "./runtime.js";
import { editKey, load, save } from "./storage.js";

const SAVE_DELAY_MS = 300;
const NEAR = "600px 0px"; // how close to the viewport a cell gets its editor

export class Cell {
  constructor(element, lesson) {
    this.element = element;
    this.lesson = lesson;
    this.id = element.dataset.cell;
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
    const saved = load(editKey(lesson, this.id));
    this.text = saved ?? this.original; // the code while there is no editor yet
    if (saved !== null && saved !== this.original) this.showSource(saved);
    this.markEdited(saved !== null && saved !== this.original);
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
    const code = this.code;
    save(editKey(this.lesson, this.id), code === this.original ? null : code);
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
    this.clearOutput();
    this.setRunning(true);
    if (python.state !== "ready") this.note("Waiting for Python to finish loading…", "waiting");
    const stream = this.outputBlock("output-text");
    const result = await python.run(this.lesson, `cell ${this.index}`, this.code, (text) => {
      this.output.querySelector(".output-note.waiting")?.remove();
      stream.append(text);
    });
    this.output.querySelector(".output-note.waiting")?.remove();
    if (!stream.textContent) stream.remove();
    this.showResult(result);
    this.setRunning(false);
    this.element.dispatchEvent(new CustomEvent("cell:ran", { bubbles: true, detail: { cell: this, result, automatic } }));
    return result;
  }

  async stop() {
    this.stopButton.disabled = true;
    await python.interrupt();
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

export function mountCells(root, lesson) {
  const cells = [...root.querySelectorAll(".cell")].map((element) => new Cell(element, lesson));
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

// Take a lesson with you: links that carry what the reader sees, and the
// lesson as a notebook with their edits.
//
//   const sharing = mountSharing(main, lesson, cells, widgets)
//   sharing.restored     a promise: a #share= link's state is on the page (or there was none)
//   sharing.destroy()
//
// "Copy link" on every cell and widget puts the page's slider and text-box
// values and the cells whose code differs from the lesson's into the URL
// fragment: JSON, deflated (CompressionStream "deflate-raw") and base64url.
// The fragment never reaches a server, so a link works on any host, under
// any path, offline. The state is only data, checked against the page before
// anything is used: numbers for known sliders (clamped to their range),
// strings for known text boxes and cells. A link that fails any check is
// ignored with a short message. Shared code replaces no saved edit: the cell
// shows it with a note, saves nothing until the reader keeps it, and goes
// back to their own version in one click. Nothing runs that the page would
// not have run anyway: autorun cells and widgets as usual, the rest on Run.
//
// "Download with my edits" rewrites the code cells of the lesson's notebook
// zip (downloads/<lesson>.zip, see builder/notebooks.py) with the page's code.
import { siteConfig } from "./config.js";

const PREFIX = "#share=";
const VERSION = 1;
const MAX_LINK = 100_000; // characters of fragment we are willing to read
const MAX_STATE = 1_000_000; // bytes once inflated: a lesson's code is far less
const MAX_TEXT = 200_000; // characters of one cell or text box

// -- encoding -------------------------------------------------------------------

async function pipe(bytes, transform) {
  return new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer();
}

function toBase64url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function encodeState(state) {
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream("deflate-raw"));
  return toBase64url(new Uint8Array(packed));
}

// Inflate at most MAX_STATE bytes: a tampered link must not fill the memory.
async function inflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_STATE) {
      reader.cancel();
      throw new Error("too large");
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
}

export async function decodeState(token) {
  if (token.length > MAX_LINK || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Error("not a link of this course");
  return JSON.parse(await inflate(fromBase64url(token)));
}

// -- what the page holds --------------------------------------------------------

function pageState(cells, widgets, at) {
  const state = { v: VERSION, w: {}, c: {} };
  for (const widget of widgets.widgets) {
    const values = {};
    for (const slider of widget.sliders) values[slider.name] = slider.value;
    for (const field of widget.inputs) values[field.name] = field.input.value;
    if (Object.keys(values).length) state.w[widget.id] = values;
  }
  for (const cell of cells.cells) if (cell.code !== cell.original) state.c[cell.id] = cell.code;
  if (at) state.at = at;
  return state;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// The shared state as the page can use it, or an Error saying why not.
function checked(state, cells, widgets) {
  if (!isObject(state) || state.v !== VERSION || !isObject(state.w) || !isObject(state.c)) return new Error("shape");
  const values = [];
  for (const [id, given] of Object.entries(state.w)) {
    const widget = widgets.widgets.find((candidate) => candidate.id === id);
    if (!widget || !isObject(given)) return new Error(`widget ${id}`);
    for (const [name, value] of Object.entries(given)) {
      const slider = widget.sliders.find((candidate) => candidate.name === name);
      const field = widget.inputs.find((candidate) => candidate.name === name);
      if (slider && typeof value === "number" && Number.isFinite(value)) {
        values.push({ widget, slider, value: Math.min(slider.max, Math.max(slider.min, value)) });
      } else if (field && typeof value === "string" && value.length <= MAX_TEXT) {
        values.push({ widget, field, value });
      } else {
        return new Error(`value ${id}.${name}`);
      }
    }
  }
  const code = [];
  for (const [id, text] of Object.entries(state.c)) {
    const cell = cells.byId.get(id);
    if (!cell || typeof text !== "string" || text.length > MAX_TEXT) return new Error(`cell ${id}`);
    code.push({ cell, text });
  }
  if (state.at !== undefined && (typeof state.at !== "string" || !document.getElementById(state.at))) return new Error("at");
  return { values, code, at: state.at };
}

// -- the page's parts -------------------------------------------------------------

function message(main, text, className) {
  const note = document.createElement("p");
  note.className = `share-message ${className}`;
  note.setAttribute("role", "status");
  note.textContent = text;
  main.querySelector("h1").after(note);
  return note;
}

// Show shared code in a cell without saving it over the reader's own.
function showShared(cell, text) {
  const own = cell.code;
  if (own === text) return;
  cell.unsaved = true; // cells.js: persist() saves nothing while this is set
  cell.setCode(text);
  const note = document.createElement("p");
  note.className = "share-note";
  note.setAttribute("role", "status");
  note.textContent = "This code came with the link you opened and is not saved. ";
  const back = button("Back to my version", "share-back");
  const keep = button("Keep this version", "share-keep");
  note.append(back, " ", keep);
  cell.element.querySelector(".cell-bar").after(note);
  const done = () => {
    cell.unsaved = false;
    cell.persist();
    note.remove();
  };
  back.addEventListener("click", () => {
    cell.setCode(own);
    done();
  });
  keep.addEventListener("click", done);
}

function button(text, className) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = text;
  return element;
}

async function restore(main, cells, widgets) {
  if (!location.hash.startsWith(PREFIX)) return;
  const token = location.hash.slice(PREFIX.length);
  // Read once: a reload, or going back to one's own version, must not bring it back.
  history.replaceState(history.state, "", location.href.split("#")[0]);
  let state;
  try {
    state = checked(await decodeState(token), cells, widgets);
  } catch (error) {
    state = error;
  }
  if (state instanceof Error) {
    message(main, "This link's shared state could not be read, so the lesson opens as written.", "share-broken");
    return;
  }
  // An editor being made starts from the code it was given: let it finish first.
  await Promise.all(state.code.map(({ cell }) => cell.editorLoading));
  for (const { cell, text } of state.code) showShared(cell, text);
  for (const { widget, slider, field, value } of state.values) {
    (slider || field).show(value);
    widget.queueValue((slider || field).name, value); // sent once the widget opens
  }
  message(main, "Opened from a shared link: the sliders and code show the sender's state. Your own saved edits are kept.", "share-opened");
  if (state.at) document.getElementById(state.at).scrollIntoView({ block: "start" });
}

async function copyLink(control, cells, widgets, at) {
  const url = `${location.href.split("#")[0]}${PREFIX}${await encodeState(pageState(cells, widgets, at))}`;
  control.button.dataset.shareUrl = url;
  control.status.replaceChildren();
  try {
    await navigator.clipboard.writeText(url);
    control.status.textContent = "Link copied";
  } catch {
    // No clipboard (permissions, an old browser): offer the link to copy by hand.
    const field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.value = url;
    field.setAttribute("aria-label", "Link to this state");
    control.status.append(field);
    field.select();
  }
  clearTimeout(control.timer);
  control.timer = setTimeout(() => control.status.replaceChildren(), 8000);
}

function addCopyButton(holder, cells, widgets, at, label) {
  const control = { button: button("Copy link", "copy-link"), status: document.createElement("output") };
  control.button.title = "Copy a link to this lesson with your slider values and code";
  control.button.setAttribute("aria-label", label);
  control.status.className = "copy-status";
  control.button.addEventListener("click", () => copyLink(control, cells, widgets, at));
  holder.append(control.button, control.status);
  return control;
}

async function downloadWithEdits(lesson, cells, link) {
  const fflate = await import(siteConfig.url("downloads/fflate.js"));
  const response = await fetch(link.href);
  if (!response.ok) throw new Error(`${response.status}`);
  const files = fflate.unzipSync(new Uint8Array(await response.arrayBuffer()));
  const name = `${lesson}/${lesson}.ipynb`;
  const notebook = JSON.parse(fflate.strFromU8(files[name]));
  for (const entry of notebook.cells) {
    const cell = cells.byId.get(entry.id);
    if (!cell || cell.code === cell.original) continue;
    entry.source = cell.code.split(/(?<=\n)/);
    entry.outputs &&= [];
  }
  files[name] = fflate.strToU8(`${JSON.stringify(notebook, null, 1)}\n`);
  const blob = new Blob([fflate.zipSync(files)], { type: "application/zip" });
  const save = document.createElement("a");
  save.href = URL.createObjectURL(blob);
  save.download = `${lesson}-my-edits.zip`;
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(save.href), 60_000);
}

export function mountSharing(main, lesson, cells, widgets) {
  const controls = [];
  for (const cell of cells.cells) {
    controls.push(addCopyButton(cell.element.querySelector(".cell-buttons"), cells, widgets, cell.element.id, `Copy link to cell ${cell.index}`));
  }
  for (const widget of widgets.widgets) {
    const bar = document.createElement("p");
    bar.className = "widget-share";
    widget.element.querySelector(".widget-note").after(bar);
    controls.push(addCopyButton(bar, cells, widgets, widget.id, `Copy link to figure ${widget.id.replace("widget-", "")}`));
  }
  const download = main.querySelector(".download-notebook");
  const withEdits = main.querySelector(".download-edits");
  const onEdited = () => {
    if (withEdits) withEdits.hidden = !cells.cells.some((cell) => cell.code !== cell.original);
  };
  onEdited();
  main.addEventListener("cell:edited", onEdited);
  withEdits?.addEventListener("click", () => downloadWithEdits(lesson, cells, download).catch(() => {
    withEdits.textContent = "Download with my edits (failed: try again)";
  }));
  return {
    restoring: location.hash.startsWith(PREFIX),
    restored: restore(main, cells, widgets).then(onEdited),
    destroy() {
      main.removeEventListener("cell:edited", onEdited);
      for (const control of controls) clearTimeout(control.timer);
    },
  };
}

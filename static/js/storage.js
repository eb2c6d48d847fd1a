// What the reader's browser remembers for this course: cell edits and lesson
// progress, in localStorage under a prefix of the course's own (its name and
// folder), so two courses on one origin keep apart. Every call tolerates a
// browser that refuses storage (private modes, file://): the course then
// simply forgets on reload.
//
// Everything read is checked against the shape it must have. An entry of any
// other shape (a number, an array, text that is not JSON) is never used and
// never deleted: it is moved aside under "set-aside:", and the page goes on.
//
//   readEntry(key, isValid)   writeEntry(key, value)   setAside(key, text, why)
//   readLegacy(key, isValid)  the position-keyed data of earlier builds (read only)
//   exportWork()  importWork(file)                      Download / Load my work
//   editKey(lesson, cell)  progressKey(lesson)  migratedKey(lesson)
//   isEdit(value)  isProgress(value)
import { siteConfig } from "./config.js";

export const COURSE = siteConfig.course || "course";
const FOLDER = new URL(".", document.baseURI).pathname;
const PREFIX = `course-work:${COURSE}@${FOLDER}:`;
const LEGACY_PREFIX = "how-machines-learn:v1:"; // earlier builds: one prefix for every course
const ASIDE = "set-aside:";
export const WORK_FORMAT = "how-machines-learn/saved-work";

export const editKey = (lesson, cell) => `edit:${lesson}:${cell}`;
export const progressKey = (lesson) => `progress:${lesson}`;
export const migratedKey = (lesson) => `migrated:${lesson}`;

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isStringList = (value) => Array.isArray(value) && value.every((item) => typeof item === "string");

// A saved edit: the reader's code and the author's code it started from.
export const isEdit = (value) => isObject(value) && typeof value.code === "string" && typeof value.base === "string";

export const isProgress = (value) => isObject(value)
  && (value.solved === undefined || isStringList(value.solved))
  && (value.exercises === undefined || (Number.isInteger(value.exercises) && value.exercises >= 0))
  && (value.reachedEnd === undefined || typeof value.reachedEnd === "boolean");

const VALIDATORS = { edit: isEdit, progress: isProgress, migrated: (value) => value === true };

function getItem(name) {
  try {
    return localStorage.getItem(name);
  } catch {
    return null;
  }
}

function parse(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

export function readEntry(key, isValid, fallback = null) {
  const text = getItem(PREFIX + key);
  if (text === null) return fallback;
  const parsed = parse(text);
  if (parsed && isValid(parsed.value)) return parsed.value;
  setAside(key, text, parsed ? "it had the wrong shape" : "it was not valid JSON");
  return fallback;
}

export function writeEntry(key, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

// Keep what could not be used, with why, where the course will not read it again.
export function setAside(key, text, reason) {
  try {
    let name = `${PREFIX}${ASIDE}${key}`;
    for (let n = 2; localStorage.getItem(name) !== null; n += 1) name = `${PREFIX}${ASIDE}${key}~${n}`;
    localStorage.setItem(name, JSON.stringify({ key, text, reason, at: new Date().toISOString() }));
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage refused: there is nothing to keep, and the page works without it.
  }
}

// Earlier builds' data stays where it was (nothing is dropped); only its valid entries are used.
export function readLegacy(key, isValid) {
  const text = getItem(LEGACY_PREFIX + key);
  const parsed = text === null ? null : parse(text);
  return parsed && isValid(parsed.value) ? parsed.value : null;
}

function storedNames(prefix) {
  try {
    return Object.keys(localStorage).filter((name) => name.startsWith(prefix));
  } catch {
    return [];
  }
}

// Everything this course keeps, as one plain object (for Download my work).
export function exportWork() {
  const entries = {};
  for (const name of storedNames(PREFIX)) {
    const parsed = parse(getItem(name));
    if (parsed) entries[name.slice(PREFIX.length)] = parsed.value;
  }
  const legacy = {};
  for (const name of storedNames(LEGACY_PREFIX)) legacy[name.slice(LEGACY_PREFIX.length)] = getItem(name);
  return { format: WORK_FORMAT, version: 2, course: COURSE, title: document.title, saved: new Date().toISOString(), entries, legacy };
}

// Check a file of saved work and store what it holds. Returns {ok, message}.
export function importWork(text) {
  const parsed = parse(text);
  const work = parsed?.value;
  if (!isObject(work) || work.format !== WORK_FORMAT || !isObject(work.entries)) {
    return { ok: false, message: "This file is not saved work from this course: nothing was changed." };
  }
  if (work.course !== COURSE) {
    return { ok: false, message: `This file holds work from another course (“${String(work.course)}”), not this one: nothing was changed.` };
  }
  const counts = { edit: 0, progress: 0, skipped: 0 };
  for (const [key, value] of Object.entries(work.entries)) {
    const kind = key.startsWith(ASIDE) ? "aside" : key.split(":")[0];
    const isValid = kind === "aside" ? isObject : VALIDATORS[kind];
    if (!isValid || !isValid(value)) {
      counts.skipped += 1;
      continue;
    }
    const current = getItem(PREFIX + key);
    const incoming = JSON.stringify(value);
    // What the file replaces is kept too: loading never loses an edit.
    if (current !== null && current !== incoming && kind !== "aside") setAside(key, current, "replaced by a loaded file");
    writeEntry(key, value);
    if (kind in counts) counts[kind] += 1;
  }
  for (const [key, value] of Object.entries(isObject(work.legacy) ? work.legacy : {})) {
    if (typeof value === "string" && getItem(LEGACY_PREFIX + key) === null) {
      try {
        localStorage.setItem(LEGACY_PREFIX + key, value);
      } catch {
        // Storage refused: the current entries above matter more.
      }
    }
  }
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  let message = `Restored ${count(counts.edit, "code edit", "code edits")} and progress in ${count(counts.progress, "lesson", "lessons")}.`;
  if (counts.skipped) message += ` ${count(counts.skipped, "entry in the file was", "entries in the file were")} not readable and left out.`;
  return { ok: true, message, counts };
}

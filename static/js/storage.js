// What the reader's browser remembers: cell edits and lesson progress, in
// localStorage under one prefix. Every call tolerates a browser that refuses
// storage (private modes, file://): the course then simply forgets on reload.
const PREFIX = "how-machines-learn:v1:";

export function load(key, fallback = null) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function save(key, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const editKey = (lesson, cell) => `edit:${lesson}:${cell}`;
export const progressKey = (lesson) => `progress:${lesson}`;

// Just enough of a browser for the pure parts of static/js/ to run under
// Node's test runner: a Storage, computed-style variables and a document.
// Install them before importing a module that reads them at import time.

export class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(name) {
    return this.items.has(name) ? this.items.get(name) : null;
  }
  setItem(name, value) {
    this.items.set(name, String(value));
  }
  removeItem(name) {
    this.items.delete(name);
  }
}

// Object.keys(localStorage) lists the stored names, as in a browser.
export function storageWithKeys(storage = new MemoryStorage()) {
  return new Proxy(storage, {
    ownKeys: (target) => [...target.items.keys()],
    getOwnPropertyDescriptor: (target, name) => (target.items.has(name) ? { enumerable: true, configurable: true, value: target.items.get(name) } : undefined),
  });
}

export function installBrowser({ variables = {}, baseURI = "https://example.org/course/lesson.html", activeElement = null } = {}) {
  globalThis.document = {
    baseURI,
    title: "A lesson",
    activeElement,
    documentElement: {},
    body: {},
    getElementById: () => null,
    createElement: () => ({ setAttribute() {}, append() {} }),
  };
  globalThis.getComputedStyle = () => ({ fontFamily: "serif", getPropertyValue: (name) => variables[name] ?? "" });
  globalThis.localStorage = storageWithKeys();
  return globalThis;
}

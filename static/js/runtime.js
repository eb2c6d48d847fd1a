// The page's handle on Python: starts the worker once per tab, sends requests,
// matches replies by id, and stops runaway code.
//
//   python.start()                      begin loading (idempotent)
//   python.run(lesson, cell, code, onOutput) -> Promise<result>, with its request's .id
//   python.reset(lesson)                fresh namespace for a lesson
//   python.call(method, ...args)        any kernel.session method
//   python.interrupt(id?)               stop the running request; before Python is up,
//                                       take request `id` out of the queue instead
//   python.on(event, fn)                "progress" | "ready" | "failed" | "restarted" | "busy"
//
// Stop uses a SharedArrayBuffer that Python polls (needs a cross-origin
// isolated page). Without one, or if Python does not stop within a moment
// (e.g. inside a long NumPy call), the worker is terminated and started anew.

import { siteConfig } from "./config.js";

const INTERRUPT_GRACE_MS = 1500;
// A start that reports nothing for this long has stalled (a download that
// neither ends nor fails); it fails with Retry instead of loading forever.
const START_STALL_MS = 60_000;
const SIGINT = 2;

class PythonRuntime {
  constructor() {
    this.state = "idle"; // idle | loading | ready | failed
    this.listeners = {};
    this.pending = new Map(); // id -> {resolve, onOutput}
    this.nextId = 1;
    this.worker = null;
    this.interruptBuffer = null;
  }

  on(event, fn) {
    (this.listeners[event] ||= []).push(fn);
  }

  emit(event, detail) {
    for (const fn of this.listeners[event] || []) fn(detail);
  }

  start() {
    if (this.state === "loading" || this.state === "ready") return;
    this.state = "loading";
    this.emit("progress", { stage: "download", loaded: 0, total: siteConfig.downloadBytes });
    // The page's first start was begun by boot.js; a restart begins a new one.
    const boot = window.coursePython;
    const started = boot.started || boot.startWorker();
    boot.started = null;
    this.worker = started.worker;
    this.interruptBuffer = started.interruptBuffer;
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.fail(event.message || "the Python worker could not start");
    this.watchStart();
    for (const message of started.inbox) this.receive(message);
  }

  // (Re)arm the stall timer while loading; any news from the worker re-arms it.
  watchStart() {
    clearTimeout(this.stallTimer);
    if (this.state !== "loading") return;
    this.stallTimer = setTimeout(() => this.fail("nothing arrived for a minute (the connection may be too slow or cut)"),
      START_STALL_MS);
  }

  retry() {
    this.shutdown("Python is restarting.");
    this.start();
  }

  receive(message) {
    if (message.type === "progress") {
      this.watchStart();
      return this.emit("progress", message);
    }
    if (message.type === "ready") {
      this.state = "ready";
      clearTimeout(this.stallTimer);
      this.timings = message.timings; // when each start-up stage ended (epoch ms)
      return this.emit("ready", message);
    }
    if (message.type === "failed") return this.fail(message.message);
    const request = this.pending.get(message.id);
    if (!request) return;
    if (message.type === "output") return request.onOutput?.(message.text);
    if (message.type === "done") {
      this.pending.delete(message.id);
      this.emit("busy", this.pending.size > 0);
      request.resolve(message.result);
    }
  }

  fail(reason) {
    this.shutdown(reason);
    this.state = "failed";
    this.emit("failed", { message: reason });
  }

  // Stop the worker and settle every waiting request with an error.
  shutdown(reason) {
    this.worker?.terminate();
    this.worker = null;
    this.state = "idle";
    clearTimeout(this.stallTimer);
    for (const request of this.pending.values()) {
      request.resolve({ ok: false, error: reason, restarted: true });
    }
    this.pending.clear();
    this.emit("busy", false);
  }

  request(message, onOutput) {
    if (!this.worker) this.start();
    const id = this.nextId++;
    const reply = new Promise((resolve) => {
      this.pending.set(id, { resolve, onOutput });
      this.emit("busy", true);
      if (this.interruptBuffer && this.pending.size === 1) this.interruptBuffer[0] = 0;
      this.worker.postMessage({ ...message, id });
    });
    reply.id = id;
    return reply;
  }

  run(lesson, cell, code, onOutput) {
    return this.request({ type: "run", lesson, cell, code }, onOutput);
  }

  reset(lesson) {
    return this.request({ type: "reset", lesson });
  }

  call(method, ...args) {
    return this.request({ type: "call", method, args });
  }

  get busy() {
    return this.pending.size > 0;
  }

  // Stop whatever Python is running. Returns "interrupted", "restarted" or "cancelled".
  async interrupt(id) {
    // Nothing runs before Python is up: the request only leaves the worker's
    // queue (stopping the start instead would begin the downloads again).
    if (this.state === "loading" && this.pending.has(id)) {
      this.worker.postMessage({ type: "cancel", id });
      return "cancelled";
    }
    const running = this.pending.keys().next().value; // requests run in order
    if (running === undefined) return "idle";
    if (this.interruptBuffer) {
      this.interruptBuffer[0] = SIGINT;
      if (await this.settles(running, INTERRUPT_GRACE_MS)) return "interrupted";
    }
    this.shutdown("Python was restarted to stop the running code.");
    this.start();
    this.emit("restarted", {});
    return "restarted";
  }

  // Resolve true once request `id` has finished, or false after `ms`.
  settles(id, ms) {
    return new Promise((resolve) => {
      const started = performance.now();
      const poll = () => {
        if (!this.pending.has(id)) resolve(true);
        else if (performance.now() - started > ms) resolve(false);
        else setTimeout(poll, 20);
      };
      poll();
    });
  }
}

export const python = new PythonRuntime();

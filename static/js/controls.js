// Widget controls that write one Python variable each.
//
//   new SliderControl(element, onInput)  a range for the hand (mouse, touch,
//       arrows, Page Up/Down, Home/End) and a number box that shows the value
//       and takes a typed one; a "stepper" has − and + buttons instead of a range
//   new TextControl(element, onInput)    a text box read as a Python value, e.g. [2, 4]
// `onInput(name, value)` fires for the reader's changes only, never for
// values shown from Python.

export class SliderControl {
  constructor(element, onInput) {
    this.element = element;
    this.name = element.dataset.name;
    this.range = element.querySelector('input[type="range"]');
    this.number = element.querySelector('input[type="number"]');
    this.step = Number(this.number.step);
    this.decimals = decimalsOf(this.number.step);
    this.min = Number(this.number.min);
    this.max = Number(this.number.max);
    this.current = Number(this.number.value);
    this.show(this.current);
    const changed = (value) => {
      this.show(value);
      onInput(this.name, this.current);
    };
    this.range?.addEventListener("input", () => changed(Number(this.range.value)));
    this.number.addEventListener("change", () => {
      const typed = Number(this.number.value);
      if (Number.isFinite(typed) && this.number.value.trim() !== "") changed(typed);
      this.number.value = this.format(this.current); // the value taken, clamped to the range
    });
    for (const button of element.querySelectorAll("[data-delta]")) {
      button.addEventListener("click", () => changed(this.current + Number(button.dataset.delta) * this.step));
    }
  }

  get value() {
    return this.current;
  }

  format(value) {
    return value.toFixed(this.decimals);
  }

  // Show a value without telling anyone (it came from Python or the code).
  show(value) {
    this.current = Math.min(this.max, Math.max(this.min, value));
    if (this.range) {
      this.range.value = String(this.current);
      this.range.setAttribute("aria-valuetext", `${this.name} = ${this.format(this.current)}`);
    }
    // Never overwrite a box the reader is typing in; it is read when they finish.
    if (document.activeElement !== this.number) this.number.value = this.format(this.current);
    for (const button of this.element.querySelectorAll("[data-delta]")) {
      const delta = Number(button.dataset.delta);
      button.disabled = delta < 0 ? this.current <= this.min : this.current >= this.max;
    }
  }

  inRange(value) {
    return value >= this.min && value <= this.max;
  }
}

export class TextControl {
  constructor(element, onInput) {
    this.element = element;
    this.name = element.dataset.name;
    this.input = element.querySelector("input");
    this.input.addEventListener("change", () => onInput(this.name, this.input.value));
  }

  show(text) {
    if (document.activeElement !== this.input) this.input.value = text;
  }

  // Say beside the box why the text was not taken (the figure keeps its last good state).
  invalid(message) {
    this.input.setCustomValidity(message || "");
    this.input.toggleAttribute("aria-invalid", Boolean(message));
    if (!this.message) {
      this.message = document.createElement("p");
      this.message.className = "input-message";
      this.message.id = `${this.input.id}-message`;
      this.message.setAttribute("role", "alert");
      this.element.append(this.message);
    }
    this.message.hidden = !message;
    this.message.textContent = message || "";
    if (message) this.input.setAttribute("aria-describedby", this.message.id);
    else this.input.removeAttribute("aria-describedby");
  }
}

function decimalsOf(step) {
  const text = String(step);
  if (text.includes("e-")) return Number(text.split("e-")[1]);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

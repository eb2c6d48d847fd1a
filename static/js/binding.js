// Two-way binding between a widget's sliders and its cell's code. When the
// cell has a plain top-level assignment such as `w = 1` for a slider's
// variable, dragging the slider rewrites that line (`w = 2.35`), and editing
// the line moves the slider.
//
//   const binding = bindCode(cell, sliders, onCodeValue)
//   binding.write(name, value)   // slider -> code
//   (onCodeValue(name, value) fires when the reader types a new value)

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const assignment = (name) => new RegExp(String.raw`^(${name}\s*=\s*)(${NUMBER})(\s*(?:#.*)?)$`, "m");

export function bindCode(cell, sliders, onCodeValue) {
  const byName = new Map(sliders.map((slider) => [slider.name, slider]));
  cell.element.addEventListener("cell:edited", (event) => {
    if (event.detail.source === "slider") return;
    for (const [name, slider] of byName) {
      const match = assignment(name).exec(event.detail.code);
      if (!match) continue;
      const value = Number(match[2]);
      if (Number.isFinite(value) && slider.inRange(value) && value !== slider.value) {
        slider.show(value);
        onCodeValue(name, value);
      }
    }
  });
  return {
    write(name, value) {
      const match = assignment(name).exec(cell.code);
      if (!match) return;
      const from = match.index + match[1].length;
      cell.replace(from, from + match[2].length, byName.get(name).format(value), "slider");
    },
  };
}

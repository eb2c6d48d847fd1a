// Drag a weight on a network diagram: press on an edge's label and move up
// to raise the weight, down to lower it. The diagram's "weights" trace names
// each label's variable in customdata; a slider for that variable must
// exist in the widget, and it moves along (so keys and typing work too).
//
//   enableWeightDragging(plotElement, sliders, onChange(name, value))

const PIXELS_PER_RANGE = 240; // dragging this far covers a slider's whole range

export function enableWeightDragging(element, sliders, onChange) {
  const byName = new Map(sliders.map((slider) => [slider.name, slider]));
  let hovered = null;
  let drag = null;
  element.on("plotly_hover", (event) => {
    const point = event.points.find((p) => p.data.name === "weights" && byName.has(p.customdata));
    hovered = point ? point.customdata : null;
    element.style.cursor = hovered ? "ns-resize" : "";
  });
  element.on("plotly_unhover", () => {
    if (!drag) {
      hovered = null;
      element.style.cursor = "";
    }
  });
  element.addEventListener("pointerdown", (event) => {
    if (!hovered) return;
    const slider = byName.get(hovered);
    drag = { slider, startY: event.clientY, startValue: slider.value };
    element.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  element.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const { slider, startY, startValue } = drag;
    const perPixel = (slider.max - slider.min) / PIXELS_PER_RANGE;
    const raw = startValue + (startY - event.clientY) * perPixel;
    const value = Math.round(raw / slider.step) * slider.step;
    if (value !== slider.value) {
      slider.show(value);
      onChange(slider.name, slider.value);
    }
  });
  const end = () => {
    drag = null;
  };
  element.addEventListener("pointerup", end);
  element.addEventListener("pointercancel", end);
}

// Drag a weight on a network diagram: press on an edge's label and move up
// to raise the weight, down to lower it, with a mouse, a pen or a finger.
// The diagram's "weights" trace names each label's variable in customdata; a
// slider for that variable must exist in the widget, and it moves along (so
// keys and typing work too).
//
//   enableWeightDragging(plotElement, sliders, onChange(name, value))
//
// The label under the pointer is found from the trace's own coordinates, not
// from Plotly's hover events, which a touch screen never sends. A finger that
// lands on a label drags it instead of scrolling the page; anywhere else on
// the diagram it scrolls as usual.

const PIXELS_PER_RANGE = 240; // dragging this far covers a slider's whole range
const REACH_PX = { mouse: 14, pen: 14, touch: 24 }; // how near a label a press must land

export function enableWeightDragging(element, sliders, onChange) {
  const byName = new Map(sliders.map((slider) => [slider.name, slider]));
  let drag = null;
  const labelAt = (event) => handleAt(element, event.clientX, event.clientY, byName,
    REACH_PX[event.pointerType] ?? REACH_PX.touch);

  element.addEventListener("pointerdown", (event) => {
    const name = labelAt(event);
    if (!name) return;
    const slider = byName.get(name);
    drag = { slider, id: event.pointerId, startY: event.clientY, startValue: slider.value };
    element.setPointerCapture(event.pointerId);
    event.preventDefault();
    event.stopPropagation(); // Plotly's own drag handling must not see it
  }, { capture: true });
  // A touch on a label must not scroll the page (the browser decides at touchstart).
  element.addEventListener("touchstart", (event) => {
    const touch = event.touches[0];
    if (touch && handleAt(element, touch.clientX, touch.clientY, byName, REACH_PX.touch)) event.preventDefault();
  }, { passive: false, capture: true });
  element.addEventListener("pointermove", (event) => {
    if (!drag) {
      if (event.pointerType === "mouse") element.style.cursor = labelAt(event) ? "ns-resize" : "";
      return;
    }
    if (event.pointerId !== drag.id) return;
    const { slider, startY, startValue } = drag;
    const perPixel = (slider.max - slider.min) / PIXELS_PER_RANGE;
    const raw = startValue + (startY - event.clientY) * perPixel;
    const value = Math.round(raw / slider.step) * slider.step;
    if (value !== slider.value) {
      slider.show(value);
      onChange(slider.name, slider.value);
    }
  });
  const end = (event) => {
    if (drag && event.pointerId === drag.id) drag = null;
  };
  element.addEventListener("pointerup", end);
  element.addEventListener("pointercancel", end);
  element.toggleAttribute("data-draggable", true);
}

// The variable whose label is nearest (clientX, clientY), within `reach` pixels.
function handleAt(element, clientX, clientY, byName, reach) {
  const trace = (element.data || []).find((candidate) => candidate?.name === "weights");
  const { xaxis, yaxis } = element._fullLayout || {};
  if (!trace || !xaxis?.l2p || !yaxis?.l2p) return null;
  const box = element.getBoundingClientRect();
  let found = null;
  let nearest = reach;
  trace.x.forEach((x, index) => {
    const name = trace.customdata?.[index];
    if (!byName.has(name)) return;
    const px = box.left + xaxis._offset + xaxis.l2p(x);
    const py = box.top + yaxis._offset + yaxis.l2p(trace.y[index]);
    const distance = Math.hypot(px - clientX, py - clientY);
    if (distance < nearest) {
      found = name;
      nearest = distance;
    }
  });
  return found;
}

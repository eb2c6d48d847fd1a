// Figure colours for the page's light or dark scheme. Figures name colours
// with tokens ("@model", "@data", ...; the list is figures/colours.py); this
// module maps each to the CSS variable --fig-<name> (or --<name>) of
// static/css/site.css and adds the axes and fonts both schemes need.
// A token with no variable is a bug: it is reported once with console.error
// (which fails the browser tests) and drawn in the text colour, so it stays
// visible in both schemes instead of passing unnoticed as a grey.
// tests/figures/test_colours.py checks every token against both schemes.
//
//   themed(trace) -> a copy with tokens replaced     themedLayout(layout)
//   onSchemeChange(fn)                               (redraw with the new palette)
//   paletteFrom(lookup, report) -> token -> colour   (pure: lookup(variable) -> value or "")

const TOKEN = /^@[a-z0-9-]+$/;
const reported = new Set();
let palette = null;

export function paletteFrom(lookup, report = console.error) {
  const colour = (name) => lookup(`--fig-${name}`).trim() || lookup(`--${name}`).trim();
  return new Proxy({}, {
    get: (cache, token) => (cache[token] ??= colour(token.slice(1)) || missing(token, colour("text"), report)),
  });
}

function missing(token, fallback, report) {
  if (!reported.has(token)) {
    reported.add(token);
    report(`Figure colour ${token} has no --fig-${token.slice(1)} in site.css; add it to both schemes (see figures/colours.py).`);
  }
  return fallback;
}

function readPalette() {
  const style = getComputedStyle(document.documentElement);
  return paletteFrom((name) => style.getPropertyValue(name));
}

function colours() {
  return (palette ||= readPalette());
}

export function onSchemeChange(redraw) {
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    palette = null;
    redraw();
  });
}

// Replace colour tokens in a trace or layout; arrays of numbers are shared, not copied.
export function themed(value) {
  if (typeof value === "string") return TOKEN.test(value) ? colours()[value] : value;
  if (Array.isArray(value)) return value.some((item) => typeof item === "string" || (item && typeof item === "object" && !ArrayBuffer.isView(item))) ? value.map(themed) : value;
  if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const out = {};
    for (const key in value) out[key] = themed(value[key]);
    return out;
  }
  return value;
}

function axisStyle(axis = {}) {
  const c = colours();
  // Fixed margins, not automargin: automargin makes Plotly lay out twice, and
  // a slider drag would pay for it on every frame.
  return { gridcolor: c["@grid"], zerolinecolor: c["@muted"], linecolor: c["@grid"], tickcolor: c["@grid"],
    ...themed(axis), title: { font: { size: 13 }, ...themed(axis.title || {}) } };
}

export function themedLayout(layout) {
  const c = colours();
  const out = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { family: getComputedStyle(document.body).fontFamily, size: 12, color: c["@text"] },
    margin: { l: 58, r: 16, t: 16, b: 46 },
    hoverlabel: { font: { size: 12 } },
    // The tool bar's icons in the scheme's own colours (Plotly's grey is faint on dark).
    modebar: { bgcolor: "rgba(0,0,0,0)", color: c["@muted"], activecolor: c["@accent"] },
    dragmode: false,
    uirevision: "keep", // keeps a 3-D camera or zoom across redraws
    autosize: true,
    ...themed(layout),
  };
  // A 3-D scene draws its axes inside its box: a thin margin is enough.
  if (layout.scene && !layout.margin) out.margin = { l: 8, r: 8, t: 8, b: 8 };
  for (const key of Object.keys(out)) {
    if (/^[xy]axis\d*$/.test(key)) out[key] = axisStyle(out[key]);
    if (/^scene\d*$/.test(key)) {
      out[key] = { ...out[key], dragmode: "turntable" };
      for (const axis of ["xaxis", "yaxis", "zaxis"]) out[key][axis] = { ...axisStyle(out[key][axis]), backgroundcolor: "rgba(0,0,0,0)", showbackground: false };
    }
  }
  if (!Object.keys(out).some((key) => /^[xy]axis/.test(key)) && !out.scene) {
    out.xaxis = axisStyle();
    out.yaxis = axisStyle();
  }
  return out;
}

// Entry point bundled by esbuild at set-up into vendor/plotly.min.js: Plotly's
// core (scatter) and only the trace types the course's figures draw. A third
// of the full bundle, so figures appear sooner and Python starts sooner.
// tests/engine/test_figures.py checks that every figure kind uses only these.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/heatmap"),
  require("plotly.js/lib/contour"),
  require("plotly.js/lib/surface"),
  require("plotly.js/lib/scatter3d"),
]);

module.exports = Plotly;

// disload report: draws the charts described in #disload-data with uPlot.
// Each drawn chart's figure gets data-drawn="1" and <body> gets
// data-charts-drawn="N"; a script error is recorded in <body data-error>.
(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function (e) {
    body.setAttribute("data-error", String(e.message || e));
  });

  function fmt(v) {
    if (v == null || isNaN(v)) return "–";
    var a = Math.abs(v);
    if (a >= 1000) return Math.round(v).toLocaleString("en-US");
    if (a >= 100) return v.toFixed(1);
    if (a >= 1) return v.toFixed(2);
    if (a === 0) return "0";
    return v.toPrecision(3);
  }

  // pct labels x = 1/(1-q) as a percentile: 1 → 0%, 10 → 90%, 1000 → 99.9%.
  function pct(x) {
    var q = 100 * (1 - 1 / x);
    if (q <= 0) return "0%";
    var digits = Math.max(0, Math.ceil(Math.log10(x)) - 2);
    return q.toFixed(Math.min(digits, 6)) + "%";
  }

  function decades(u, axisIdx, min, max) {
    var out = [];
    for (var d = 1; d <= max * 1.0001; d *= 10) if (d >= min / 1.0001) out.push(d);
    return out;
  }

  // exact keeps a log axis to the data instead of whole decades.
  function exact(u, min, max) { return [min, max]; }

  // fromZero starts a value axis at 0, so that small wobbles look small.
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; }

  function width(el) {
    return Math.max(320, el.clientWidth || (document.documentElement.clientWidth - 48) || 800);
  }

  function options(c, el) {
    var isPct = c.x === "pct";
    var xAxis = isPct
      ? { label: "percentile", splits: decades, values: function (u, s) { return s.map(pct); } }
      : { label: c.x === "time" ? "seconds since start" : c.x };
    var axes = [xAxis, { label: c.y, scale: "y", size: 60 }];
    if (c.y2) axes.push({ label: c.y2, scale: "y2", side: 1, size: 60, grid: { show: false } });
    var series = [{
      label: isPct ? "percentile" : c.x === "time" ? "t (s)" : c.x,
      value: function (u, v) { return v == null ? "–" : isPct ? pct(v) : fmt(v); }
    }];
    c.series.forEach(function (s) {
      series.push({
        label: s.label, stroke: s.color, width: 1.5, scale: s.right ? "y2" : "y", dash: s.right ? [6, 4] : undefined,
        value: function (u, v) { return v == null ? "–" : fmt(v) + s.unit; }
      });
    });
    return {
      width: width(el), height: 300, series: series, axes: axes,
      scales: {
        x: isPct ? { time: false, distr: 3, log: 10, range: exact } : { time: false },
        y: { range: fromZero }, y2: { range: fromZero }
      },
      cursor: { drag: { x: true, y: false } }
    };
  }

  var data = JSON.parse(document.getElementById("disload-data").textContent);
  var plots = [];
  data.charts.forEach(function (c) {
    var fig = document.getElementById("chart-" + c.id);
    if (!fig) return;
    var el = fig.querySelector(".plot");
    plots.push({ u: new uPlot(options(c, el), c.data, el), el: el });
    fig.setAttribute("data-drawn", "1");
  });
  body.setAttribute("data-charts-drawn", String(plots.length));
  window.addEventListener("resize", function () {
    plots.forEach(function (p) { p.u.setSize({ width: width(p.el), height: 300 }); });
  });
})();

// The region dashboard (web/bureau/dashboard.html): charts (ECharts) and the departments' table
// (Tabulator) drawn from the JSON payload the page carries. No inline script (CSP).
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var rows = data.rows;
    var charts = [];
    function chart(id, option, empty) {
      var node = document.getElementById(id);
      if (!node) { return; }
      if (empty) {
        node.classList.add("chart-empty");
        node.textContent = empty;
        return;
      }
      var c = window.echarts.init(node, null, { renderer: "svg" });
      option.animation = false;
      option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
      c.setOption(option);
      charts.push(c);
    }
    var grid = { left: 48, right: 16, top: 24, bottom: 40, containLabel: true };
    var statusColours = { draft: "#616e7c", submitted: "#1e429f", accepted: "#723b13", returned: "#9b1c1c", published: "#03543f" };
    chart("chart-status", {
      tooltip: {}, grid: grid,
      xAxis: { type: "category", data: data.statuses.map(function (s) { return s.label; }).concat(["未开始"]), axisLabel: { interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", label: { show: true, position: "top" },
                 data: data.statuses.map(function (s) { return { value: s.count, itemStyle: { color: statusColours[s.code] } }; })
                   .concat([{ value: data.not_started, itemStyle: { color: "#9aa5b1" } }]) }]
    });
    var gradeColours = { excellent: "#2e7d32", good: "#1565c0", fair: "#ef6c00", poor: "#c62828" };
    chart("chart-grades", {
      tooltip: {}, grid: grid,
      xAxis: { type: "category", data: data.grades.map(function (g) { return g.label; }).concat(["未评分"]) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", label: { show: true, position: "top" },
                 data: data.grades.map(function (g) { return { value: g.count, itemStyle: { color: gradeColours[g.code] } }; })
                   .concat([{ value: data.ungraded, itemStyle: { color: "#9aa5b1" } }]) }]
    });
    var ranked = rows.filter(function (r) { return r.rank; }).sort(function (a, b) { return a.rank - b.rank; }).slice(0, 20).reverse();
    chart("chart-ranking", {
      tooltip: {}, grid: { left: 20, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: function (v) { return Math.max(0, Math.floor(v.min - 5)); } },
      yAxis: { type: "category", data: ranked.map(function (r) { return r.rank + ". " + r.department_name; }),
               axisLabel: { width: 130, overflow: "truncate", interval: 0, fontSize: 11 } },
      series: [{ type: "bar", data: ranked.map(function (r) { return r.score; }), label: { show: true, position: "right" },
                 itemStyle: { color: "#9b1c1c" } }]
    }, ranked.length ? "" : "还没有评分的自评。");
    chart("chart-boxes", {
      tooltip: {}, grid: grid,
      xAxis: { type: "category", data: data.boxes.map(function (b) { return b.region_name; }) },
      yAxis: { type: "value", min: function (v) { return Math.max(0, Math.floor(v.min - 5)); } },
      series: [{ type: "boxplot", data: data.boxes.map(function (b) { return b.box; }) }]
    }, data.boxes.length ? "" : "还没有评分的自评。");
    var executed = rows.filter(function (r) { return r.execution_rate !== null; })
      .sort(function (a, b) { return a.execution_rate - b.execution_rate; });
    chart("chart-execution", {
      tooltip: { formatter: function (p) { return p.data.name + "：" + p.data.value[1] + "%"; } }, grid: grid,
      xAxis: { type: "value", name: "部门（按执行率排序）", nameLocation: "middle", nameGap: 24, axisLabel: { show: false } },
      yAxis: { type: "value", name: "%" },
      series: [{ type: "scatter", symbolSize: 6,
                 data: executed.map(function (r, i) { return { name: r.department_name, value: [i, r.execution_rate],
                   itemStyle: { color: r.execution_rate < data.time_progress ? "#c62828" : "#2e7d32" } }; }),
                 markLine: { symbol: "none", lineStyle: { type: "dashed" }, label: { formatter: "序时进度 {c}%" },
                             data: [{ yAxis: data.time_progress }] } }]
    }, executed.length ? "" : "没有预算数据。");
    var both = rows.filter(function (r) { return r.score !== null && r.stated !== null; });
    chart("chart-gap", {
      tooltip: { formatter: function (p) { return p.data.name + "<br>规则 " + p.data.value[0] + "，自评 " + p.data.value[1]; } },
      grid: grid,
      xAxis: { type: "value", name: "规则得分", nameLocation: "middle", nameGap: 24, min: function (v) { return Math.floor(v.min - 2); } },
      yAxis: { type: "value", name: "自评得分", min: function (v) { return Math.floor(v.min - 2); } },
      series: [{ type: "scatter", symbolSize: 7,
                 data: both.map(function (r) { return { name: r.department_name, value: [r.score, r.stated] }; }),
                 markLine: { symbol: "none", lineStyle: { type: "dashed" }, label: { show: false },
                             data: [[{ coord: [0, 0] }, { coord: [100, 100] }]] } }]
    }, both.length ? "" : "没有部门填报自评得分，无法比较。");
    chart("chart-change", {
      tooltip: {}, grid: grid,
      xAxis: { type: "category", data: data.changes.map(function (c) { return c.label; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: data.changes.map(function (c) { return c.count; }), label: { show: true, position: "top" } }]
    }, data.changes.some(function (c) { return c.count; }) ? "" : "没有上一年度的得分可比较。");
    chart("chart-regions", {
      tooltip: { formatter: function (p) { return p.data.code + " " + p.data.region + "<br>自评 " + p.value[0] + " 份，平均得分 " + (p.data.average === null ? "—" : p.data.average); } },
      visualMap: { show: false, min: 60, max: 100, inRange: { color: ["#c62828", "#ef6c00", "#1565c0", "#2e7d32"] }, dimension: 1 },
      series: [{ type: "treemap", roam: false, nodeClick: false, breadcrumb: { show: false },
                 data: data.by_region.map(function (r) { return { name: r.code, region: r.name, code: r.code, average: r.average,
                   value: [r.evaluations, r.average === null ? 60 : r.average] }; }) }]
    }, data.by_region.length ? "" : "没有自评。");
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });

    if (window.Tabulator && document.getElementById("table-departments")) {
      var num = { hozAlign: "right", sorter: "number", headerFilter: "number", headerFilterFunc: ">=",
                  headerFilterPlaceholder: "≥" };
      var columns = [
        { title: "排名", field: "rank", hozAlign: "right", sorter: "number", width: 70 },
        { title: "预算部门", field: "department_name", headerFilter: "input", headerFilterPlaceholder: "筛选", minWidth: 180,
          formatter: "link", formatterParams: { url: function (cell) { return "/bureau/evaluations/" + cell.getRow().getData().evaluation_id + "/"; } } },
        { title: "行政区划", field: "region_name", headerFilter: "input", headerFilterPlaceholder: "筛选" },
        { title: "状态", field: "status", headerFilter: "list", headerFilterParams: { valuesLookup: true, clearable: true } },
        Object.assign({ title: "得分", field: "score" }, num),
        { title: "等级", field: "grade", headerFilter: "list", headerFilterParams: { valuesLookup: true, clearable: true } },
        Object.assign({ title: "自评得分", field: "stated" }, num),
        Object.assign({ title: "自评−规则", field: "gap" }, num),
        Object.assign({ title: "同比变化", field: "change" }, num),
        Object.assign({ title: "执行率%", field: "execution_rate" }, num),
        Object.assign({ title: "审核错误", field: "errors" }, num),
        Object.assign({ title: "红灯", field: "red" }, num)
      ];
      new window.Tabulator("#table-departments", {
        data: rows, columns: columns, layout: "fitDataStretch", maxHeight: "480px",
        initialSort: [{ column: "rank", dir: "asc" }],
        placeholder: "没有数据", locale: true,
        langs: { "default": { pagination: {}, headerFilters: { "default": "筛选" } } }
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

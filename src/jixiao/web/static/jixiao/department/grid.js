// The spreadsheet-like editor of an evaluation's indicators, funds, tasks and projects (Tabulator 6).
// Every change — one typed cell, a block pasted from Excel/WPS, an undo — is compared with the values
// as stored and sent as ONE batch; the server saves all of it or none (each refused cell is marked with
// its message), tells a second writer the other value, and sends back the rows with the new scores.
(function () {
  "use strict";
  var element = document.getElementById("grid");
  if (!element || typeof Tabulator === "undefined") { return; }
  var config = JSON.parse(document.getElementById(element.dataset.configId).textContent);
  var initial = JSON.parse(document.getElementById(element.dataset.rowsId).textContent);
  var statusBox = document.getElementById("grid-status");
  var labels = config.labels;
  var editable = config.editable;
  var saved = {};      // id -> the row as stored (what "old" is compared with)
  var problems = {};   // id -> field -> message (refused, not saved)
  var saving = false, again = false, timer = null;
  // Undo and redo work on saved batches (a typed cell or a whole pasted block): undoing one saves
  // the values it replaced, so the server's history shows it too.
  var undoStack = [], redoStack = [], replaying = false;

  function remember(rows) {
    rows.forEach(function (row) { saved[row.id] = Object.assign({}, row); });
  }
  remember(initial.rows);

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.className = "grid-status " + (kind || "");
  }

  function showScore(score) {
    if (!score) { return; }
    document.querySelectorAll("[data-score]").forEach(function (el) { el.textContent = score.total || "—"; });
    document.querySelectorAll("[data-grade]").forEach(function (el) { el.textContent = score.grade || ""; });
  }

  // The marks of a cell: refused (with the message), a required 偏差原因, a review finding, an unmet
  // actual, the score's explanation. Applied when a cell is drawn and again after each save (without
  // redrawing, which would drop the undo history).
  function decorate(cell) {
    var field = cell.getField();
    var row = cell.getRow().getData();
    var el = cell.getElement();
    var message = (problems[row.id] || {})[field];
    var findings = (row.findings || {})[field];
    el.classList.toggle("cell-invalid", !!message);
    el.classList.toggle("cell-required", field === "deviation_reason" && !!row.reason_required && !message);
    el.classList.toggle("cell-finding", !message && !!findings);
    el.classList.toggle("cell-unmet", field === "actual" && row.met === false);
    if (message) { el.title = message; }
    else if (findings) { el.title = findings.join("\n"); }
    else if (field === "deviation_reason" && row.reason_required) { el.title = "未达成年度指标值，须填写偏差原因分析"; }
    else if (field === "score" && row.explanation) { el.title = row.explanation; }
    else { el.removeAttribute("title"); }
  }

  // Amounts in 万元 are shown with two places (1,266.8 → 1,266.80); the value itself is kept as stored.
  var MONEY = ["initial_budget", "full_year_budget", "prior_year_carryover", "executed", "carryover", "funds",
               "budget", "other_funds"];
  function money(text) {
    var match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) { return text; }
    var places = (match[3] || "").length > 2 ? match[3] : ((match[3] || "") + "00").slice(0, 2);
    return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + places;
  }

  // A cell's text, never HTML: values come from people and are shown as typed.
  function textCell(cell) {
    decorate(cell);
    var value = cell.getValue();
    var text = value === null || value === undefined ? "" : String(value);
    if (MONEY.indexOf(cell.getField()) >= 0) { text = money(text); }
    return document.createTextNode(text);
  }

  function column(field, opts) {
    var def = Object.assign({title: labels[field] || field, field: field, formatter: textCell,
                             editor: editable ? "input" : false, minWidth: 80}, opts || {});
    if (!editable) { def.editor = false; }
    return def;
  }

  var LONG = {shiftEnterSubmit: true, verticalNavigation: "editor"};  // long texts: Enter is a new line

  function list(values) { return {editor: editable ? "list" : false, editorParams: {values: values}}; }

  var columns = {
    indicators: [
      column("code", {title: "编码", editor: false, width: 70}),
      column("name", {width: 200}),
      column("level1", Object.assign({width: 100}, list(["产出指标", "效益指标", "满意度指标"]))),
      column("level2", Object.assign({width: 130}, list(["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标",
        "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"]))),
      column("direction", Object.assign({width: 80}, list(["≥", "≤", "=", "定性"]))),
      column("target", {width: 130}),
      column("unit", {width: 70}),
      column("actual", {width: 130}),
      column("weight", {width: 70, hozAlign: "right"}),
      column("score", {title: "得分", editor: false, width: 70, hozAlign: "right", cssClass: "computed"}),
      column("self_score", {width: 80, hozAlign: "right"}),
      column("deviation_reason", {width: 220, editor: editable ? "textarea" : false, editorParams: LONG}),
      column("improvement", {width: 180, editor: editable ? "textarea" : false, editorParams: LONG}),
      column("target_basis", {width: 150}),
      column("applicable", Object.assign({width: 80}, list(["是", "否"]))),
      column("explanation", {title: "评分说明", editor: false, width: 320, cssClass: "computed"})
    ],
    funds: [
      column("source", {title: "资金来源", editor: false, width: 190}),
      column("nature", {title: "支出性质", editor: false, width: 90}),
      column("initial_budget", {hozAlign: "right", width: 120}),
      column("full_year_budget", {hozAlign: "right", width: 120}),
      column("prior_year_carryover", {hozAlign: "right", width: 130}),
      column("executed", {hozAlign: "right", width: 120}),
      column("carryover", {hozAlign: "right", width: 120}),
      column("rate", {title: "执行率", editor: false, hozAlign: "right", width: 90, cssClass: "computed"})
    ],
    tasks: [
      column("code", {title: "任务编号", editor: false, width: 80}),
      column("name", {width: 220}),
      column("responsible_unit", {width: 180}),
      column("funds", {hozAlign: "right", width: 110}),
      column("description", {width: 300, editor: editable ? "textarea" : false, editorParams: LONG}),
      column("summary", {width: 300, editor: editable ? "textarea" : false, editorParams: LONG})
    ],
    projects: [
      column("code", {title: "项目编码", editor: false, width: 110}),
      column("name", {width: 220}),
      column("unit", {width: 160}),
      column("initial_budget", {hozAlign: "right", width: 110}),
      column("budget", {hozAlign: "right", width: 110}),
      column("prior_year_carryover", {hozAlign: "right", width: 130}),
      column("other_funds", {hozAlign: "right", width: 110}),
      column("executed", {hozAlign: "right", width: 110}),
      column("rate", {title: "执行率", editor: false, hozAlign: "right", width: 90, cssClass: "computed"}),
      column("goal", {width: 260, editor: editable ? "textarea" : false, editorParams: LONG}),
      column("goal_result", {width: 260, editor: editable ? "textarea" : false, editorParams: LONG})
    ]
  }[config.part];
  var editableFields = Object.keys(labels);

  if (editable) {
    columns.push({title: "", field: "_delete", width: 60, headerSort: false, editor: false, hozAlign: "center",
      formatter: function () { var b = document.createElement("button"); b.type = "button"; b.className = "link";
                               b.textContent = "删除"; return b; },
      cellClick: function (e, cell) {
        var form = document.getElementById("delete-form");
        form.elements.id.value = cell.getRow().getData().id;
        form.submit();
      }});
  }

  var options = {
    data: initial.rows,
    index: "id",
    layout: "fitDataStretch",
    maxHeight: Math.max(320, window.innerHeight - 260) + "px",
    columns: columns,
    columnDefaults: {headerSort: false, resizable: "header", headerWordWrap: true},
    selectableRange: 1,
    selectableRangeColumns: true,
    selectableRangeRows: true,
    selectableRangeClearCells: editable,
    editTriggerEvent: "dblclick",
    clipboard: true,
    clipboardCopyStyled: false,
    clipboardCopyConfig: {rowHeaders: false, columnHeaders: false},
    clipboardCopyRowRange: "range",
    clipboardPasteParser: "range",
    clipboardPasteAction: editable ? "range" : function () { return []; },
    history: false,
    rowHeader: {resizable: false, frozen: true, width: 44, hozAlign: "center", formatter: "rownum",
                cssClass: "range-header-col", editor: false},
    placeholder: "没有数据"
  };
  if (config.part === "indicators") {
    options.groupBy = ["task", "level1", "level2"];
    options.groupUpdateOnCellEdit = true;  // a changed 一级/二级指标 moves the row to its group
    options.groupHeader = [
      function (value, count) { return groupTitle(value, count, "个指标"); },
      function (value, count) { return groupTitle(value, count, "个"); },
      function (value, count) { return groupTitle(value, count, "个"); }
    ];
  } else if (config.part === "projects") {
    options.groupBy = "task";
    options.groupHeader = function (value, count) { return groupTitle(value, count, "个项目"); };
  }

  function groupTitle(value, count, measure) {
    var title = document.createElement("b");
    title.className = "group-title";
    title.textContent = value + "（" + count + " " + measure + "）";
    return title;
  }

  // Excel and WPS end a copied block with a line break (and write \r\n): without this, the block's
  // last, empty line would be pasted too and clear a row of cells.
  element.addEventListener("paste", function (event) {
    if (event.jixiaoCleaned || !event.clipboardData) { return; }
    var text = event.clipboardData.getData("text/plain");
    var cleaned = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    if (cleaned === text) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var data = new DataTransfer();
    data.setData("text/plain", cleaned);
    var copy = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
    copy.jixiaoCleaned = true;
    event.target.dispatchEvent(copy);
  }, true);

  var table = new Tabulator(element, options);

  // The cells that differ from what is stored, as one batch.
  function pending() {
    var changes = [];
    table.getData().forEach(function (row) {
      var stored = saved[row.id];
      if (!stored) { return; }
      editableFields.forEach(function (field) {
        var now = row[field] === null || row[field] === undefined ? "" : String(row[field]);
        var before = stored[field] === null || stored[field] === undefined ? "" : String(stored[field]);
        if (now !== before) { changes.push({id: row.id, field: field, value: now, old: before}); }
      });
    });
    return changes;
  }

  function schedule() {
    if (!editable) { return; }
    clearTimeout(timer);
    timer = setTimeout(save, 60);  // a pasted block fires many events in one go: send them together
  }

  // After a conflict: load what is stored now (the other person's values), dropping unsaved changes.
  function offerReload() {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "载入最新数据（放弃未保存的修改）";
    button.addEventListener("click", function () {
      fetch(config.rows, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (body) {
        problems = {};
        saved = {};
        remember(body.rows);
        table.replaceData(body.rows);
        showScore(body.score);
        say("已载入最新数据", "ok");
      });
    });
    statusBox.appendChild(document.createTextNode(" "));
    statusBox.appendChild(button);
  }

  function redrawRows(ids) {
    ids.forEach(function (id) {
      var row = table.getRow(id);
      if (row) { row.getCells().forEach(decorate); }
    });
  }

  // A block pasted over (or cleared from) read-only columns (编码, 得分, 评分说明…) changes nothing:
  // their stored values are put back.
  function restoreReadOnly() {
    var patches = [];
    table.getData().forEach(function (row) {
      var stored = saved[row.id], patch = null;
      if (!stored) { return; }
      Object.keys(stored).forEach(function (field) {
        if (editableFields.indexOf(field) >= 0 || typeof stored[field] === "object") { return; }
        if (String(row[field]) !== String(stored[field])) { (patch = patch || {id: row.id})[field] = stored[field]; }
      });
      if (patch) { patches.push(patch); }
    });
    if (patches.length) { table.updateData(patches); }
  }

  function save() {
    if (saving) { again = true; return; }
    restoreReadOnly();
    var changes = pending();
    if (!changes.length) {
      var marked = Object.keys(problems);
      if (marked.length) {  // the refused cells were put back as stored: nothing to save
        problems = {};
        redrawRows(marked);
        say("已恢复为保存的值", "ok");
      }
      return;
    }
    saving = true;
    say("正在保存 " + changes.length + " 个单元格…", "busy");
    fetch(config.save, {method: "POST", credentials: "same-origin",
                        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
                        body: JSON.stringify({changes: changes})})
      .then(function (response) { return response.json().then(function (body) { return [response.status, body]; }); })
      .then(function (result) {
        var status = result[0], body = result[1];
        var touched = changes.map(function (c) { return c.id; });
        if (status === 200) {
          problems = {};
          if (!replaying) { undoStack.push(changes); redoStack = []; }
          replaying = false;
          remember(body.rows);
          table.updateData(body.rows).then(function () { redrawRows(Object.keys(saved)); });
          showScore(body.score);
          say("已保存 " + changes.length + " 个单元格" + (body.score && body.score.total ? "，得分 " + body.score.total + " " + body.score.grade : ""), "ok");
        } else if (body.problems) {
          problems = {};
          body.problems.forEach(function (p) {
            (problems[p.id] = problems[p.id] || {})[p.field] = p.message;
            if (p.kind === "conflict" && saved[p.id]) { saved[p.id][p.field] = p.stored; }
          });
          redrawRows(touched);
          var conflict = body.problems.some(function (p) { return p.kind === "conflict"; });
          say((conflict ? "有单元格已被他人修改，未保存：" : "未保存，请改正标红的单元格：") +
              body.problems.map(function (p) { return p.message; }).join("；"), "bad");
          if (conflict) { offerReload(); }
        } else {
          say(body.detail || "保存失败", "bad");
        }
      })
      .catch(function () { say("网络错误，未保存；修改仍在表格中，稍后会重试", "bad"); })
      .finally(function () {
        saving = false;
        if (again) { again = false; schedule(); }
      });
  }

  table.on("cellEdited", schedule);
  table.on("clipboardPasted", schedule);
  function replay(batch, forward) {
    var rows = {};
    batch.forEach(function (c) {
      (rows[c.id] = rows[c.id] || {id: c.id})[c.field] = forward ? c.value : c.old;
    });
    replaying = true;
    table.updateData(Object.keys(rows).map(function (id) { return rows[id]; }));
    say(forward ? "正在重做…" : "正在撤销…", "busy");
    schedule();
  }

  // Typing on a selected cell starts editing it, as in a spreadsheet (Enter and double-click do too).
  element.addEventListener("keydown", function (event) {
    if (!editable || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) { return; }
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) { return; }
    var ranges = table.getRanges();
    var cells = ranges.length ? ranges[0].getCells() : [];
    var cell = cells.length && cells[0].length ? cells[0][0] : null;
    if (!cell || editableFields.indexOf(cell.getField()) < 0) { return; }
    event.preventDefault();
    var key = event.key;
    cell.edit(true);
    var editor = cell.getElement().querySelector("input, textarea");
    if (editor && editor.tagName !== "SELECT") {
      editor.value = key;
      editor.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });

  element.addEventListener("keydown", function (event) {
    if (!editable || !(event.ctrlKey || event.metaKey)) { return; }
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) { return; }  // the editor's own undo
    var key = event.key.toLowerCase(), batch;
    if (key === "z" && !event.shiftKey) {
      batch = undoStack.pop();
      if (batch) { redoStack.push(batch); replay(batch, false); }
      event.preventDefault();
    } else if (key === "y" || (key === "z" && event.shiftKey)) {
      batch = redoStack.pop();
      if (batch) { undoStack.push(batch); replay(batch, true); }
      event.preventDefault();
    }
  });
  table.on("dataChanged", schedule);

  table.on("tableBuilt", function () {
    // A link from a finding (…#1-5:deviation_reason) selects that cell.
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (!hash) { return; }
    var parts = hash.split(":");
    var row = table.getData().filter(function (r) { return String(r.code) === parts[0]; })[0];
    if (!row) { return; }
    var rowComponent = table.getRow(row.id);
    table.scrollToRow(rowComponent, "center", false).then(function () {
      var field = parts[1] && editableFields.indexOf(parts[1]) >= 0 ? parts[1] : "name";
      var cell = rowComponent.getCell(field);
      if (cell) {
        cell.getElement().classList.add("cell-target");
        table.addRange(cell, cell);
      }
    });
  });

  window.jixiaoGrid = table;  // for the end-to-end tests and the console
})();

# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""JavaScript of the HTML report, kept as a Python string because plugin_utils ships only Python.

This is a private module: its interface may change between releases.
The script reads the JSON data block and builds the matrix, the tables and the drill-down
with `textContent` and `setAttribute` only, never `innerHTML`, so no value from the data
can become markup. Tables show one page of rows at a time, so a report with 75,000
results keeps a few hundred rows in the DOM. The Content-Security-Policy allows this
script by its SHA-256 hash, so the text must not change between hashing and writing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

REPORT_SCRIPT = r"""
"use strict";
(function () {
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var S = DATA.strings;
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function str(index) { return index >= 0 ? S[index] : ""; }

  // Return the values of a column of the data block: a plain array, a dictionary
  // {values, index} or a template {templates, cells} whose string cells are
  // [template, digit run, ...] and read literal 0, run 1, literal 1, run 2, ...
  function decodeColumn(column) {
    if (Array.isArray(column)) { return column; }
    if (column.index) {
      return column.index.map(function (position) { return column.values[position]; });
    }
    return column.cells.map(function (cell) {
      if (!Array.isArray(cell)) { return cell; }
      var literals = column.templates[cell[0]];
      var text = literals[0];
      for (var k = 1; k < literals.length; k += 1) { text += String(cell[k]) + literals[k]; }
      return text;
    });
  }

  function decodeColumns(columns, names) {
    var decoded = {};
    names.forEach(function (name) { decoded[name] = decodeColumn(columns[name]); });
    return decoded;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function statusBadge(status) {
    return el("span", {"class": "status s-" + status}, status);
  }

  function formatValue(value) {
    if (value === null || value === undefined) { return ""; }
    return String(value);
  }

  // Tenant arrays: name, TSG id, path, regions, license type, vertical, score, CDL tenant id.
  var tenantColumns = decodeColumns(DATA.tenants,
    ["name", "id", "pathParent", "path", "regions", "license", "vertical", "score", "cdl"]);
  var tenants = tenantColumns.name.map(function (name, t) {
    var parent = tenantColumns.pathParent[t];
    var path = parent === null ? tenantColumns.path[t] : (parent ? parent + " / " + name : name);
    return [name, tenantColumns.id[t], path, tenantColumns.regions[t], tenantColumns.license[t],
      tenantColumns.vertical[t], tenantColumns.score[t], tenantColumns.cdl[t]];
  });
  var controls = DATA.controls;
  var statuses = DATA.statuses;
  var severities = DATA.severities;
  var evidenceKinds = DATA.evidenceKinds;

  // One array per result column, indexed by result; results are grouped by tenant.
  var R = decodeColumns(DATA.results,
    ["control", "status", "severity", "message", "evidence", "observed", "rows", "extra", "waiver"]);
  var resultCount = R.control.length;
  var resultTenant = [];
  DATA.results.tenantCounts.forEach(function (count, t) {
    for (var k = 0; k < count; k += 1) { resultTenant.push(t); }
  });

  // Evidence kind -1 is no evidence, -2 a single value in the observed column, and any
  // other an index into evidenceKinds: [operation, field, comparison, threshold, unit].
  function evidenceText(r) {
    var kind = R.evidence[r];
    if (kind === -1) { return ""; }
    if (kind === -2) { return formatValue(R.observed[r]); }
    var ev = evidenceKinds[kind];
    var parts = [];
    var field = str(ev[1]);
    var unit = str(ev[4]);
    var observed = R.observed[r] === null ? "no value" : formatValue(R.observed[r]) + (unit ? " " + unit : "");
    if (field) { parts.push(field + " = " + observed); }
    if (ev[2] >= 0) { parts.push("threshold " + str(ev[2]) + " " + formatValue(ev[3]) + (unit ? " " + unit : "")); }
    if (ev[0] >= 0) { parts.push("from " + str(ev[0])); }
    if (R.rows[r] !== null && R.rows[r] !== undefined) { parts.push(formatValue(R.rows[r]) + " rows"); }
    if (R.extra[r] >= 0) { parts.push(str(R.extra[r])); }
    return parts.join("; ");
  }

  // Results of each tenant, and the status of each (tenant, control) cell of the matrix.
  var byTenant = tenants.map(function () { return []; });
  var cells = tenants.map(function () { return new Array(controls.length).fill(-1); });
  var failCount = tenants.map(function () { return 0; });
  for (var index = 0; index < resultCount; index += 1) {
    var owner = resultTenant[index];
    byTenant[owner].push(index);
    cells[owner][R.control[index]] = R.status[index];
    if (statuses[R.status[index]] === "fail") { failCount[owner] += 1; }
  }

  // A sortable, filterable table that keeps one page of rows in the DOM.
  function Table(options) {
    this.root = document.getElementById(options.id);
    this.columns = options.columns;
    this.rows = options.rows;
    this.filters = options.filters || [];
    this.searchText = options.searchText;
    this.pageSize = options.pageSize || DATA.pageSize;
    this.sortColumn = -1;
    this.sortDescending = false;
    this.query = "";
    this.page = 0;
    this.view = this.rows.map(function (_row, index) { return index; });
    this.searchCache = new Array(this.rows.length);
    this.printing = false;
    Table.instances.push(this);
    this.build();
    this.apply();
  }

  Table.instances = [];

  Table.prototype.build = function () {
    var self = this;
    var tools = el("div", {"class": "controls"});
    var search = el("input", {"type": "search", "placeholder": "Filter rows", "aria-label": "Filter rows"});
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.query = search.value.trim().toLowerCase(); self.page = 0; self.apply(); }, 150);
    });
    tools.appendChild(search);
    this.filters.forEach(function (filter) {
      var select = el("select", {"aria-label": filter.label, "data-filter": filter.name});
      select.appendChild(el("option", {"value": ""}, "All " + filter.plural));
      filter.choices.forEach(function (choice) { select.appendChild(el("option", {"value": choice}, choice)); });
      select.addEventListener("change", function () { filter.value = select.value; self.page = 0; self.apply(); });
      filter.value = "";
      tools.appendChild(select);
    });
    this.summary = el("span", {"class": "count", "aria-live": "polite"});
    tools.appendChild(this.summary);
    this.root.appendChild(tools);

    var wrap = el("div", {"class": "table-wrap"});
    var table = el("table");
    var head = el("thead");
    var headRow = el("tr");
    this.headers = this.columns.map(function (column, index) {
      var th = el("th", {"scope": "col", "aria-sort": "none"});
      if (column.sort) {
        var button = el("button", {"type": "button", "class": "sort"}, column.label);
        button.addEventListener("click", function () { self.sortBy(index); });
        th.appendChild(button);
      } else {
        th.textContent = column.label;
      }
      if (column.title) { th.setAttribute("title", column.title); }
      headRow.appendChild(th);
      return th;
    });
    head.appendChild(headRow);
    table.appendChild(head);
    this.body = el("tbody");
    table.appendChild(this.body);
    wrap.appendChild(table);
    this.root.appendChild(wrap);

    var pager = el("div", {"class": "controls pager"});
    this.prev = el("button", {"type": "button"}, "Previous page");
    this.next = el("button", {"type": "button"}, "Next page");
    this.pageLabel = el("span", {"class": "count"});
    this.prev.addEventListener("click", function () { self.page -= 1; self.render(); });
    this.next.addEventListener("click", function () { self.page += 1; self.render(); });
    pager.appendChild(this.prev);
    pager.appendChild(this.pageLabel);
    pager.appendChild(this.next);
    this.root.appendChild(pager);
    this.note = el("p", {"class": "print-note"});
    this.root.appendChild(this.note);
  };

  Table.prototype.sortBy = function (index) {
    if (this.sortColumn === index) {
      this.sortDescending = !this.sortDescending;
    } else {
      this.sortColumn = index;
      this.sortDescending = false;
    }
    this.headers.forEach(function (th) { th.setAttribute("aria-sort", "none"); });
    this.headers[index].setAttribute("aria-sort", this.sortDescending ? "descending" : "ascending");
    this.page = 0;
    this.apply();
  };

  Table.prototype.matches = function (index) {
    var row = this.rows[index];
    for (var i = 0; i < this.filters.length; i += 1) {
      var filter = this.filters[i];
      if (filter.value && !filter.test(row, filter.value)) { return false; }
    }
    if (this.query) {
      var text = this.searchCache[index];
      if (text === undefined) {
        text = this.searchText(row).toLowerCase();
        this.searchCache[index] = text;
      }
      if (text.indexOf(this.query) < 0) { return false; }
    }
    return true;
  };

  Table.prototype.apply = function () {
    var started = performance.now();
    var view = [];
    for (var index = 0; index < this.rows.length; index += 1) {
      if (this.matches(index)) { view.push(index); }
    }
    if (this.sortColumn >= 0) {
      var key = this.columns[this.sortColumn].sort;
      var rows = this.rows;
      var keys = new Map();
      view.forEach(function (index) { keys.set(index, key(rows[index])); });
      var direction = this.sortDescending ? -1 : 1;
      view.sort(function (a, b) {
        var left = keys.get(a);
        var right = keys.get(b);
        var order;
        if (typeof left === "number" && typeof right === "number") {
          order = left - right;
        } else {
          order = collator.compare(String(left), String(right));
        }
        return order !== 0 ? order * direction : a - b;
      });
    }
    this.view = view;
    this.render();
    this.root.setAttribute("data-last-update-ms", String(Math.round(performance.now() - started)));
  };

  Table.prototype.render = function () {
    var pages = Math.max(1, Math.ceil(this.view.length / this.pageSize));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var start = this.printing ? 0 : this.page * this.pageSize;
    var end = this.printing ? Math.min(this.view.length, DATA.printLimit) : Math.min(this.view.length, start + this.pageSize);
    var fragment = document.createDocumentFragment();
    for (var i = start; i < end; i += 1) {
      var row = this.rows[this.view[i]];
      var tr = el("tr");
      this.columns.forEach(function (column) {
        var td = el("td");
        column.render(row, td);
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    }
    this.body.textContent = "";
    this.body.appendChild(fragment);
    this.root.setAttribute("data-rows", String(this.view.length));
    this.summary.textContent = this.view.length + " of " + this.rows.length + " rows";
    this.pageLabel.textContent = "Page " + (this.page + 1) + " of " + pages;
    this.prev.disabled = this.page <= 0;
    this.next.disabled = this.page >= pages - 1;
    this.note.textContent = this.printing && this.view.length > end
      ? "Printed the first " + end + " of " + this.view.length + " rows; filter the table to print the others."
      : "";
  };

  Table.prototype.setPrinting = function (printing) {
    this.printing = printing;
    this.render();
  };

  function textColumn(label, value, sortValue) {
    return {
      label: label,
      sort: sortValue || value,
      render: function (row, td) { td.textContent = String(value(row)); }
    };
  }

  function tenantButton(tenantIndex) {
    var button = el("button", {"type": "button", "class": "link tenant-link", "data-tenant": String(tenantIndex)}, tenants[tenantIndex][0]);
    button.setAttribute("dir", "auto");
    return button;
  }

  function tenantColumn(tenantOf) {
    return {
      label: "Tenant",
      sort: function (row) { return tenants[tenantOf(row)][0]; },
      render: function (row, td) { td.appendChild(tenantButton(tenantOf(row))); }
    };
  }

  function statusColumn(statusOf) {
    return {
      label: "Status",
      sort: function (row) { return statusOf(row); },
      render: function (row, td) { td.appendChild(statusBadge(statuses[statusOf(row)])); }
    };
  }

  function choiceFilter(name, label, plural, choices, valueOf) {
    return {
      name: name, label: label, plural: plural, choices: choices,
      test: function (row, value) { return valueOf(row) === value; }
    };
  }

  function usedValues(column, table) {
    var used = {};
    column.forEach(function (value) { used[value] = true; });
    return table.filter(function (_value, index) { return used[index]; });
  }

  // Tenant × control matrix: one row per tenant, one status cell per control.
  var tenantRows = tenants.map(function (_tenant, index) { return index; });
  var matrixColumns = [
    {
      label: "Tenant",
      sort: function (t) { return tenants[t][0]; },
      render: function (t, td) { td.appendChild(tenantButton(t)); }
    },
    textColumn("Score", function (t) { return tenants[t][6] === null ? "n/a" : tenants[t][6]; },
      function (t) { return tenants[t][6] === null ? -1 : tenants[t][6]; }),
    textColumn("Failed", function (t) { return failCount[t]; })
  ];
  controls.forEach(function (control, c) {
    matrixColumns.push({
      label: control[0],
      title: control[1],
      sort: function (t) { return cells[t][c]; },
      render: function (t, td) {
        var status = cells[t][c] >= 0 ? statuses[cells[t][c]] : "none";
        td.setAttribute("class", "cell s-" + status);
        td.textContent = cells[t][c] >= 0 ? status : "–";
      }
    });
  });
  new Table({
    id: "matrix",
    columns: matrixColumns,
    rows: tenantRows,
    pageSize: DATA.matrixPageSize,
    searchText: function (t) { return tenants[t][0] + " " + tenants[t][1] + " " + tenants[t][2]; },
    filters: [{
      name: "status", label: "Tenants with a result of this status", plural: "tenants",
      choices: usedValues(R.status, statuses),
      test: function (t, value) { return cells[t].some(function (s) { return s >= 0 && statuses[s] === value; }); }
    }]
  });

  // All results.
  var resultRows = R.control.map(function (_control, index) { return index; });
  function resultColumns(withTenant) {
    var columns = [];
    if (withTenant) {
      columns.push(tenantColumn(function (r) { return resultTenant[r]; }));
      columns.push(textColumn("TSG id", function (r) { return tenants[resultTenant[r]][1]; }));
    }
    columns.push(textColumn("Control", function (r) { return controls[R.control[r]][0]; }));
    columns.push(textColumn("Title", function (r) { return controls[R.control[r]][1]; }));
    columns.push(textColumn("Family", function (r) { return controls[R.control[r]][2]; }));
    columns.push(textColumn("Severity", function (r) { return severities[R.severity[r]]; }, function (r) { return R.severity[r]; }));
    columns.push(statusColumn(function (r) { return R.status[r]; }));
    columns.push(textColumn("Message", function (r) { return str(R.message[r]); }));
    columns.push(textColumn("Evidence", function (r) { return evidenceText(r); }));
    return columns;
  }
  function resultSearch(r) {
    var tenant = tenants[resultTenant[r]];
    var control = controls[R.control[r]];
    return tenant[0] + " " + tenant[1] + " " + control[0] + " " + control[1] + " " + str(R.message[r]);
  }
  new Table({
    id: "results",
    columns: resultColumns(true),
    rows: resultRows,
    searchText: resultSearch,
    filters: [
      choiceFilter("status", "Status", "statuses", usedValues(R.status, statuses),
        function (r) { return statuses[R.status[r]]; }),
      choiceFilter("severity", "Severity", "severities", usedValues(R.severity, severities),
        function (r) { return severities[R.severity[r]]; }),
      choiceFilter("family", "Control family", "families",
        Array.from(new Set(controls.map(function (c) { return c[2]; }))).sort(),
        function (r) { return controls[R.control[r]][2]; })
    ]
  });

  // Errors of collection and evaluation.
  var errorColumns = ["Source", "Operation", "Region", "Tenant", "TSG id", "Kind", "HTTP status", "Request id", "Message"];
  new Table({
    id: "errors",
    columns: errorColumns.map(function (label, index) {
      return textColumn(label, function (row) { return formatValue(row[index]); },
        index === 6 ? function (row) { return typeof row[6] === "number" ? row[6] : -1; } : null);
    }),
    rows: DATA.errors,
    searchText: function (row) { return row.map(formatValue).join(" "); },
    filters: [
      choiceFilter("kind", "Error kind", "kinds",
        Array.from(new Set(DATA.errors.map(function (row) { return row[5]; }))).sort(),
        function (row) { return row[5]; }),
      choiceFilter("operation", "Operation", "operations",
        Array.from(new Set(DATA.errors.map(function (row) { return row[1]; }))).sort(),
        function (row) { return row[1]; })
    ]
  });

  // Changes since the previous run, as rows of [change, tenant index or -1, tenant name,
  // TSG id, control id, control title, previous status, status]. The data names a tenant
  // or control that is not in this run by [name, TSG id] or [control id, title].
  var changeLabels = DATA.changeLabels;
  var delta = decodeColumns(DATA.delta, ["change", "tenant", "control", "previous", "status"]);
  var deltaRows = delta.change.map(function (change, i) {
    var tenant = delta.tenant[i];
    var control = delta.control[i];
    var inRun = typeof tenant === "number";
    var controlInRun = typeof control === "number";
    return [
      change,
      inRun ? tenant : -1,
      inRun ? tenants[tenant][0] : tenant[0],
      inRun ? tenants[tenant][1] : tenant[1],
      controlInRun ? controls[control][0] : control[0],
      controlInRun ? controls[control][1] : control[1],
      delta.previous[i],
      delta.status[i]
    ];
  });
  function optionalStatusColumn(label, statusOf) {
    return {
      label: label,
      sort: function (row) { return statusOf(row); },
      render: function (row, td) {
        if (statusOf(row) >= 0) { td.appendChild(statusBadge(statuses[statusOf(row)])); } else { td.textContent = "none"; }
      }
    };
  }
  new Table({
    id: "delta",
    columns: [
      textColumn("Change", function (row) { return changeLabels[row[0]] || row[0]; }),
      {
        label: "Tenant",
        sort: function (row) { return row[2]; },
        render: function (row, td) {
          if (row[1] >= 0) { td.appendChild(tenantButton(row[1])); } else { td.textContent = row[2] + " (not in this run)"; }
        }
      },
      textColumn("TSG id", function (row) { return row[3]; }),
      textColumn("Control", function (row) { return row[4]; }),
      textColumn("Title", function (row) { return row[5]; }),
      optionalStatusColumn("Previous status", function (row) { return row[6]; }),
      optionalStatusColumn("Status", function (row) { return row[7]; })
    ],
    rows: deltaRows,
    searchText: function (row) { return row[2] + " " + row[3] + " " + row[4] + " " + row[5]; },
    filters: [choiceFilter("change", "Change", "changes",
      Object.keys(changeLabels).map(function (key) { return changeLabels[key]; }),
      function (row) { return changeLabels[row[0]]; })]
  });

  // Drill-down of one tenant: its details, results with evidence and remediation, and rows.
  var detail = document.getElementById("tenant-detail");
  function cellText(value, td) {
    if (value && typeof value === "object" && typeof value.u === "string" && /^https?:\/\//i.test(value.u)) {
      td.appendChild(el("a", {"href": value.u, "rel": "noopener noreferrer nofollow"}, value.u));
    } else {
      td.textContent = formatValue(value);
    }
  }

  // Decoded dataset rows of one operation and the [first, end) row range of each tenant,
  // built on the first drill-down, so opening the page decodes none of them.
  var decodedRows = {};
  function operationRows(operation) {
    if (!decodedRows[operation]) {
      var data = DATA.rows[operation];
      var ranges = {};
      var tenant = 0;
      data.tenantSteps.forEach(function (step, row) {
        tenant += step;
        if (ranges[tenant]) { ranges[tenant][1] = row + 1; } else { ranges[tenant] = [row, row + 1]; }
      });
      decodedRows[operation] = {columns: data.columns, values: data.cells.map(decodeColumn), ranges: ranges};
    }
    return decodedRows[operation];
  }

  function showTenant(t) {
    var tenant = tenants[t];
    detail.textContent = "";
    var heading = el("h3", {"tabindex": "-1", "dir": "auto"}, tenant[0]);
    detail.appendChild(heading);
    var facts = el("dl", {"class": "facts"});
    [["TSG id", tenant[1]], ["CDL tenant id", tenant[7]], ["Path", tenant[2]], ["Regions", tenant[3]],
     ["License type", tenant[4]], ["Vertical", tenant[5]], ["Score", tenant[6] === null ? "n/a" : tenant[6]]]
      .forEach(function (pair) {
        facts.appendChild(el("dt", null, pair[0]));
        facts.appendChild(el("dd", {"dir": "auto"}, pair[1]));
      });
    detail.appendChild(facts);

    var table = el("table", {"class": "drill"});
    var headRow = el("tr");
    ["Control", "Severity", "Status", "Message", "Evidence", "Remediation", "Waiver"].forEach(function (label) {
      headRow.appendChild(el("th", {"scope": "col"}, label));
    });
    table.appendChild(el("thead")).appendChild(headRow);
    var body = el("tbody");
    byTenant[t].forEach(function (r) {
      var control = controls[R.control[r]];
      var tr = el("tr");
      tr.appendChild(el("td", null, control[0] + " " + control[1]));
      tr.appendChild(el("td", null, severities[R.severity[r]]));
      var statusCell = el("td");
      statusCell.appendChild(statusBadge(statuses[R.status[r]]));
      tr.appendChild(statusCell);
      tr.appendChild(el("td", {"dir": "auto"}, str(R.message[r])));
      tr.appendChild(el("td", null, evidenceText(r)));
      tr.appendChild(el("td", null, control[6]));
      tr.appendChild(el("td", null, str(R.waiver[r])));
      body.appendChild(tr);
    });
    table.appendChild(body);
    var wrap = el("div", {"class": "table-wrap"});
    wrap.appendChild(table);
    detail.appendChild(wrap);

    Object.keys(DATA.rows).forEach(function (operation) {
      var entry = operationRows(operation);
      var range = entry.ranges[t];
      if (!range) { return; }
      var block = el("details", {"class": "rows"});
      block.appendChild(el("summary", null, operation + ": " + (range[1] - range[0]) + " rows"));
      var rowsTable = el("table");
      var rowsHead = el("tr");
      entry.columns.forEach(function (column) { rowsHead.appendChild(el("th", {"scope": "col"}, column)); });
      rowsTable.appendChild(el("thead")).appendChild(rowsHead);
      var rowsBody = el("tbody");
      for (var row = range[0]; row < range[1]; row += 1) {
        var tr = el("tr");
        entry.values.forEach(function (column) {
          var td = el("td", {"dir": "auto"});
          cellText(column[row], td);
          tr.appendChild(td);
        });
        rowsBody.appendChild(tr);
      }
      rowsTable.appendChild(rowsBody);
      var rowsWrap = el("div", {"class": "table-wrap"});
      rowsWrap.appendChild(rowsTable);
      block.appendChild(rowsWrap);
      detail.appendChild(block);
    });

    detail.setAttribute("data-tenant", tenant[1]);
    document.getElementById("drilldown").hidden = false;
    document.getElementById("drilldown").open = true;
    heading.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button.tenant-link") : null;
    if (target) { showTenant(Number(target.getAttribute("data-tenant"))); }
  });

  // Print every section expanded, with the filtered rows of each table up to printLimit.
  var openBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    openBeforePrint = [];
    document.querySelectorAll("details").forEach(function (node) {
      if (!node.open) { openBeforePrint.push(node); node.open = true; }
    });
    Table.instances.forEach(function (table) { table.setPrinting(true); });
  });
  window.addEventListener("afterprint", function () {
    openBeforePrint.forEach(function (node) { node.open = false; });
    Table.instances.forEach(function (table) { table.setPrinting(false); });
  });

  document.body.setAttribute("data-ready", "true");
})();
"""

# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Jinja2 template and style sheet of the HTML report, kept as Python strings.

This is a private module: its interface may change between releases.
plugin_utils ships only Python files, so the template lives here. The page uses no inline
`style` attributes and no event handler attributes, because the Content-Security-Policy
allows only the one style sheet and the one script, by hash.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    STATUS_COLOURS,
    STATUS_TEXT_COLOURS,
)


def _status_rules() -> str:
    """Return one CSS rule per status: background and text colour, and the SVG bar fill."""
    rules = []
    for status in sorted(STATUS_COLOURS):
        background = STATUS_COLOURS[status]
        text = STATUS_TEXT_COLOURS[status]
        rules.append(f".s-{status}{{background:#{background};color:#{text}}}")
        rules.append(f"rect.s-{status}{{fill:#{background};stroke:#{text}}}")
    return "\n".join(rules)


REPORT_STYLE = """
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:15px}
body{margin:0;color:#1b1b1b;background:#fff;line-height:1.4}
header,main{padding:0 1.5rem}
header{border-bottom:1px solid #ccc;padding-bottom:.5rem}
h1{font-size:1.6rem;margin:.8rem 0 .4rem}
h2{font-size:1.25rem;display:inline;margin:0}
h3{font-size:1.1rem;margin:.8rem 0 .4rem}
nav.controls{padding:.4rem 1.5rem;background:#f4f4f4;border-bottom:1px solid #ddd}
nav a{margin-right:1rem;color:#0b4f8a}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
details.section{margin:1rem 0;border-top:1px solid #ddd;padding-top:.6rem}
details.section>summary{cursor:pointer;margin-bottom:.5rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.5rem .8rem;min-width:7rem}
.card .value{display:block;font-size:1.5rem;font-weight:700}
.card .label{display:block;font-size:.85rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure.chart{margin:0;flex:1 1 24rem;max-width:34rem}
figure.chart svg{width:100%;height:auto}
figure.chart text{font-size:12px;fill:#1b1b1b}
rect.bar-score{fill:#7aa6d6;stroke:#1f4e79}
rect.bar-family{fill:#ffc7ce;stroke:#9c0006}
.controls input,.controls select,.controls button{font:inherit;margin:.2rem .4rem .2rem 0}
.count{margin:0 .6rem;color:#444}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere;max-width:40rem;unicode-bidi:plaintext}
thead th{background:#eee;position:sticky;top:0}
th[aria-sort=ascending] button.sort::after{content:" \\25B2"}
th[aria-sort=descending] button.sort::after{content:" \\25BC"}
button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
button.link{font:inherit;background:none;border:0;padding:0;color:#0b4f8a;text-decoration:underline;cursor:pointer;text-align:start;unicode-bidi:plaintext}
.status{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600;border:1px solid currentColor}
td.cell{text-align:center;font-size:.8rem;font-weight:600}
.s-none{background:#fff;color:#777}
.legend span{margin-right:.4rem}
.print-note{font-style:italic}
.print-note:empty{display:none}
footer{padding:1rem 1.5rem;color:#555;font-size:.85rem}
""" + _status_rules() + """
@media print{
  :root{font-size:10pt}
  nav,.controls,input,select,noscript{display:none!important}
  .table-wrap{overflow:visible}
  td{max-width:none}
  thead th{position:static}
  button.link{color:#000;text-decoration:none}
  details.section{break-inside:auto}
  .status,td.cell,.card{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  a::after{content:" (" attr(href) ")";font-size:.8em}
}
"""

# A backslash at the end of a template line joins it to the next line, so long lines wrap
# here without adding whitespace between elements on the page.
REPORT_TEMPLATE = """<!DOCTYPE html>
{%- macro chart(c, name) %}
<figure class="chart" id="chart-{{ name }}">
<svg viewBox="-2 -2 {{ c.width + 4 }} {{ c.height + 4 }}" role="img" aria-labelledby="chart-{{ name }}-title chart-{{ name }}-desc">
<title id="chart-{{ name }}-title">{{ c.title }}</title>
<desc id="chart-{{ name }}-desc">{{ c.description }}</desc>
{%- for bar in c.bars %}
{%- if c.horizontal %}
<g><title>{{ bar.label }}: {{ bar.value }}</title>
<text x="{{ bar.x - 6 }}" y="{{ bar.y + 15 }}" text-anchor="end">{{ bar.label }}</text>
<rect class="{{ bar.css_class }}" x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="{{ bar.height }}"></rect>
<text x="{{ bar.x + bar.width + 6 }}" y="{{ bar.y + 15 }}">{{ bar.value }}</text></g>
{%- else %}
<g><title>score {{ bar.label }}: {{ bar.value }} tenants</title>
<rect class="{{ bar.css_class }}" x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="{{ bar.height }}"></rect>
<text x="{{ bar.x + bar.width / 2 }}" y="{{ [bar.y - 3, 10] | max }}" text-anchor="middle">{{ bar.value }}</text>
<text x="{{ bar.x + bar.width / 2 }}" y="{{ c.height - 6 }}" text-anchor="middle">{{ bar.label }}</text></g>
{%- endif %}
{%- endfor %}
</svg>
<figcaption>{{ c.title }}</figcaption>
{%- if c.note %}<p>{{ c.note }}</p>{% endif %}
</figure>
{%- endmacro %}
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="icon" href="data:,">
<style>{{ style }}</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<dl class="facts">
{%- for label, value in run_facts %}
<dt>{{ label }}</dt><dd dir="auto">{{ value }}</dd>
{%- endfor %}
</dl>
</header>
<nav class="controls" aria-label="Sections">
<a href="#summary">Summary</a><a href="#changes">Changes</a><a href="#matrix-section">Matrix</a>\
<a href="#results-section">Results</a><a href="#errors-section">Errors</a><a href="#run-section">Run information</a>
</nav>
<noscript><p>The matrix, the tables and the tenant details need JavaScript; the summary and charts below do not.</p></noscript>
<main>
<details class="section" id="summary" open>
<summary><h2>Summary</h2></summary>
<div class="cards">
{%- for card in cards %}
<div class="card{% if card.status %} s-{{ card.status }}{% endif %}">\
<span class="value">{{ card.value }}</span><span class="label">{{ card.label }}</span></div>
{%- endfor %}
</div>
<div class="charts">
{{ chart(status_chart, "status") }}
{{ chart(score_chart, "score") }}
{{ chart(family_chart, "family") }}
</div>
</details>
<details class="section" id="changes" open>
<summary><h2>Changes since the previous run</h2></summary>
{%- if delta_present %}
<div class="cards">
{%- for label, count in delta_counts %}
<div class="card"><span class="value">{{ count }}</span><span class="label">{{ label }}</span></div>
{%- endfor %}
</div>
{%- if tenants_added or tenants_removed %}
<p>Tenants added: {{ tenants_added }}. Tenants removed: {{ tenants_removed }}.</p>
{%- endif %}
{%- else %}
<p>No previous run to compare with.</p>
{%- endif %}
<div id="delta" class="data-table"></div>
</details>
<details class="section" id="matrix-section" open>
<summary><h2>Tenant × control matrix</h2></summary>
<p class="legend">Each cell shows the status as text and colour:
{%- for status in statuses %} <span class="status s-{{ status }}">{{ status }}</span>{% endfor %}.
Select a tenant name for its details.</p>
<div id="matrix" class="data-table"></div>
</details>
<details class="section" id="drilldown" hidden>
<summary><h2>Tenant details</h2></summary>
<div id="tenant-detail"></div>
</details>
<details class="section" id="results-section" open>
<summary><h2>Results</h2></summary>
<div id="results" class="data-table"></div>
</details>
<details class="section" id="errors-section" open>
<summary><h2>Errors</h2></summary>
<div id="errors" class="data-table"></div>
</details>
<details class="section" id="run-section" open>
<summary><h2>Run information</h2></summary>
<h3>Operations collected</h3>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Operation</th><th scope="col">Rows</th><th scope="col">Unmatched rows</th>\
<th scope="col">Regions</th><th scope="col">Partial</th></tr></thead>
<tbody>
{%- for op in operations %}
<tr><td>{{ op.name }}</td><td>{{ op.rows }}</td><td>{{ op.unmatched }}</td><td>{{ op.regions }}</td><td>{{ "yes" if op.partial else "no" }}</td></tr>
{%- endfor %}
</tbody></table></div>
<h3>Warnings</h3>
{%- if warnings %}
<ul>
{%- for warning in warnings %}
<li dir="auto">{{ warning }}</li>
{%- endfor %}
</ul>
{%- else %}
<p>None.</p>
{%- endif %}
<h3>Text cleaning</h3>
<p>{{ stats.controls_replaced }} control characters replaced in {{ stats.values_with_controls }} values; \
{{ stats.truncated_values }} values truncated ({{ stats.truncated_characters }} characters removed).</p>
</details>
</main>
<footer>Generated by prisma_sase.mt_monitor {{ collection_version }} from the results of {{ generated_at }}.</footer>
<script type="application/json" id="report-data">{{ payload }}</script>
<script>{{ script }}</script>
</body>
</html>
"""

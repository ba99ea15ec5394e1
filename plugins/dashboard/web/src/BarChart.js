// A small bar chart drawn by Charts.css from a real <table>: screen readers
// and keyboard users get the caption, the row and column headers and every
// number; sighted users get bars. Several series are stacked, with a legend.
// Bar sizes are CSS custom properties set through the DOM (allowed by the
// page's Content-Security-Policy, unlike style attributes in markup).
import { html } from "htm/preact";

/// rows: [{label, values: [n per series], color?}]; series: [{name, color}]
/// (a row's colour, when given, wins: one series coloured by category).
/// A stacked segment narrower than this share of the bar has no room for its
/// number: the number stays in the table (for screen readers), not drawn.
const NARROW = 0.12;

export function BarChart({ caption, rowHeader, rows, series, empty = "Nothing yet." }) {
  const stacked = series.length > 1;
  // Room is left beside the longest single bar for its number.
  const max = Math.max(1, ...rows.map((row) => row.values.reduce((sum, n) => sum + n, 0))) * (stacked ? 1 : 1.2);
  const classes = ["charts-css", "bar", "show-labels", "data-spacing-2", stacked ? "multiple stacked" : "data-outside"];
  return html`
    <figure class="chart">
      ${rows.length === 0
        ? html`<p class="chart-caption">${caption}</p><p class="muted">${empty}</p>`
        : html`
          <table class=${classes.join(" ")} style=${{ "--rows": String(rows.length) }}>
            <caption class="chart-caption">${caption}</caption>
            <thead><tr><th scope="col">${rowHeader}</th>${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
            <tbody>
              ${rows.map(
                (row) => html`<tr>
                  <th scope="row">${row.label}</th>
                  ${row.values.map(
                    (value, i) => html`<td style=${{ "--size": String(value / max), "--color": row.color || series[i].color }}
                                         class=${stacked && value / max < NARROW ? "narrow" : ""}>
                      <span class="data">${value}</span>${stacked && html`<span class="visually-hidden"> ${series[i].name}</span>`}</td>`,
                  )}
                </tr>`,
              )}
            </tbody>
          </table>`}
      ${stacked &&
      rows.length > 0 &&
      html`<ul class="chart-legend" aria-hidden="true">
        ${series.map((s) => html`<li><span class="swatch" style=${{ "--color": s.color }}></span>${s.name}</li>`)}
      </ul>`}
    </figure>`;
}

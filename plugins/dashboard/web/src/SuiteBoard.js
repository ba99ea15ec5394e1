// Every suite as a card, filterable by floor and condition.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { CONDITIONS } from "./glance.js";
import { SuiteCard } from "./SuiteCard.js";

const byFloorAndNumber = (a, b) => a.floor - b.floor || a.number.localeCompare(b.number, undefined, { numeric: true });

export function SuiteBoard({ suites, counts, loaded }) {
  const [floor, setFloor] = useState("");
  const [condition, setCondition] = useState("");
  const all = [...suites.values()];
  const floors = [...new Set(all.map((suite) => suite.floor))].sort((a, b) => a - b);
  const shown = all
    .filter((suite) => floor === "" || String(suite.floor) === floor)
    .filter((suite) => condition === "" || suite.condition === condition)
    .sort(byFloorAndNumber);

  return html`
    <section class="suites" aria-labelledby="suites-title">
      <div class="section-head">
        <h2 id="suites-title">Suites <span class="count">${shown.length}</span></h2>
        <div class="filters">
          <label>Floor
            <select value=${floor} onChange=${(e) => setFloor(e.currentTarget.value)}>
              <option value="">All floors</option>
              ${floors.map((f) => html`<option value=${String(f)}>Floor ${f}</option>`)}
            </select>
          </label>
          <label>Condition
            <select value=${condition} onChange=${(e) => setCondition(e.currentTarget.value)}>
              <option value="">Any condition</option>
              ${CONDITIONS.map((c) => html`<option value=${c}>${c}</option>`)}
            </select>
          </label>
        </div>
      </div>
      ${!loaded && html`<p class="muted">Loading suites…</p>`}
      ${loaded && shown.length === 0 && html`<p class="muted">No suites match.</p>`}
      <ul class="suite-grid">
        ${shown.map((suite) => html`<${SuiteCard} key=${suite.id} suite=${suite} openTasks=${counts.get(suite.id) || 0} />`)}
      </ul>
    </section>`;
}

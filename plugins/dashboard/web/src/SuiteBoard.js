// Every suite as a card, filterable by floor and condition; managers check
// guests in and out from the card.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { isManager, label } from "./rules.js";

const CONDITIONS = ["dirty", "clean", "inspected"];

function SuiteCard({ suite, openTasks, manager, api, act }) {
  const checkOut = () => act(() => api.updateSuite(suite.id, { occupancy: "vacant" }));
  const checkIn = () => act(() => api.updateSuite(suite.id, { occupancy: "occupied" }));
  return html`
    <li class=${`suite condition-${suite.condition} state-${suite.serviceState}`}>
      <article aria-label=${`Suite ${suite.number}`}>
        <header>
          <h3>${suite.number}</h3>
          <span class="muted">Floor ${suite.floor}</span>
        </header>
        <dl>
          <dt>Occupancy</dt><dd data-field="occupancy">${suite.occupancy}</dd>
          <dt>Condition</dt><dd data-field="condition" class="condition">${suite.condition}</dd>
          <dt>Service</dt><dd data-field="serviceState">${label(suite.serviceState)}</dd>
          <dt>Open tasks</dt><dd data-field="openTasks">${openTasks}</dd>
        </dl>
        ${manager &&
        (suite.occupancy === "occupied"
          ? html`<button type="button" onClick=${checkOut}>Check out</button>`
          : html`<button type="button" onClick=${checkIn} disabled=${suite.serviceState !== "in_service"}>
              Check in</button>`)}
      </article>
    </li>`;
}

export function SuiteBoard({ user, suites, counts, api, act, loaded }) {
  const [floor, setFloor] = useState("");
  const [condition, setCondition] = useState("");
  const all = [...suites.values()];
  const floors = [...new Set(all.map((suite) => suite.floor))].sort((a, b) => a - b);
  const shown = all
    .filter((suite) => floor === "" || String(suite.floor) === floor)
    .filter((suite) => condition === "" || suite.condition === condition)
    .sort((a, b) => a.floor - b.floor || a.number.localeCompare(b.number, undefined, { numeric: true }));
  const manager = isManager(user);

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
        ${shown.map(
          (suite) => html`<${SuiteCard} key=${suite.id} suite=${suite} openTasks=${counts.get(suite.id) || 0}
                                        manager=${manager} api=${api} act=${act} />`,
        )}
      </ul>
    </section>`;
}

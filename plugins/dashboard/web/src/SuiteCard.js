// One suite on the board: number (opens its details and history), floor,
// occupancy, condition, service state, open tasks; a manager's main actions.
import { html } from "htm/preact";
import { useBoard } from "./context.js";
import { label } from "./rules.js";
import { GuestActionButton, InspectButton } from "./SuiteActions.js";

export function SuiteCard({ suite, openTasks }) {
  const { manager, openSuite } = useBoard();
  return html`
    <li class=${`suite condition-${suite.condition} state-${suite.serviceState}`}>
      <article aria-label=${`Suite ${suite.number}`}>
        <header>
          <h3><button type="button" class="suite-number" onClick=${() => openSuite(suite.id)}>
            <span class="visually-hidden">Open suite </span>${suite.number}</button></h3>
          <span class="muted nowrap">Floor ${suite.floor}</span>
        </header>
        <dl>
          <dt>Occupancy</dt><dd data-field="occupancy">${suite.occupancy}</dd>
          <dt>Condition</dt><dd data-field="condition" class="condition">${suite.condition}</dd>
          <dt>Service</dt><dd data-field="serviceState">${label(suite.serviceState)}</dd>
          <dt>Open tasks</dt><dd data-field="openTasks">${openTasks}</dd>
        </dl>
        ${manager &&
        html`<div class="suite-actions">
          <${GuestActionButton} suite=${suite} />
          ${suite.condition === "clean" && suite.occupancy === "vacant" && html`<${InspectButton} suite=${suite} />`}
        </div>`}
      </article>
    </li>`;
}

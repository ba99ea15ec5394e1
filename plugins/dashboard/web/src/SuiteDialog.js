// A suite opened from the board: its state, the manager's actions, its open
// tasks and its live history.
import { html } from "htm/preact";
import { useBoard } from "./context.js";
import { Modal } from "./Modal.js";
import { isOpen, label } from "./rules.js";
import { GuestActionButton, InspectButton, ServiceActionButton } from "./SuiteActions.js";
import { SuiteHistory } from "./SuiteHistory.js";

export function SuiteDialog({ suite, onClose, resyncs }) {
  const { manager, tasks } = useBoard();
  const open = [...tasks.values()].filter((task) => task.suiteId === suite.id && isOpen(task));
  return html`
    <${Modal} title=${`Suite ${suite.number}`} onClose=${onClose} wide>
      <dl class="suite-facts">
        <dt>Floor</dt><dd>${suite.floor}</dd>
        <dt>Type</dt><dd>${suite.type}</dd>
        <dt>Occupancy</dt><dd data-field="occupancy">${suite.occupancy}</dd>
        <dt>Condition</dt><dd data-field="condition">${suite.condition}</dd>
        <dt>Service</dt><dd data-field="serviceState">${label(suite.serviceState)}</dd>
        ${suite.notes && html`<dt>Notes</dt><dd>${suite.notes}</dd>`}
      </dl>
      ${manager &&
      html`<div class="suite-actions row">
        <${GuestActionButton} suite=${suite} />
        <${ServiceActionButton} suite=${suite} />
        <${InspectButton} suite=${suite} />
      </div>`}
      <h3>Open tasks</h3>
      ${open.length === 0
        ? html`<p class="muted">None.</p>`
        : html`<ul class="plain-list">${open.map((task) => html`<li key=${task.id}>${task.title}${" "}<span class="muted">(${task.type}, ${label(task.status)})</span></li>`)}</ul>`}
      <${SuiteHistory} suite=${suite} resyncs=${resyncs} />
      <div class="modal-actions">
        <button type="button" data-autofocus onClick=${onClose}>Close</button>
      </div>
    </${Modal}>`;
}

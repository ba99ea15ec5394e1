// A manager's buttons for one suite: check-in / check-out and the service
// state (confirmed first, sent with the version the manager saw), and
// opening an inspection.
import { html } from "htm/preact";
import { ActionButton } from "./ActionButton.js";
import { useAction } from "./actions.js";
import { useBoard } from "./context.js";
import { guestAction, inspectBlocked, serviceAction } from "./suiteRules.js";

const WHAT = { checkOut: "Check-out", checkIn: "Check-in" };

export function GuestActionButton({ suite }) {
  const { api } = useBoard();
  const { run, busy } = useAction();
  const action = guestAction(suite);
  // `suite` is the copy the manager decided on: a change in between is 412.
  const onClick = () =>
    run(`${WHAT[action.kind]} of suite ${suite.number}`, () => api.updateSuite(suite, action.changes), action.question);
  return html`<${ActionButton} label=${action.label} busyLabel=${action.busyLabel} busy=${busy}
                               blocked=${action.blocked} variant=${action.kind === "checkOut" ? "primary" : ""}
                               onClick=${onClick} />`;
}

export function ServiceActionButton({ suite }) {
  const { api } = useBoard();
  const { run, busy } = useAction();
  const action = serviceAction(suite);
  const onClick = () =>
    run(`${action.label} (suite ${suite.number})`, () => api.updateSuite(suite, action.changes), action.question);
  return html`<${ActionButton} label=${action.label} busyLabel=${action.busyLabel} busy=${busy}
                               blocked=${action.blocked} onClick=${onClick} />`;
}

export function InspectButton({ suite }) {
  const { openInspection } = useBoard();
  return html`<${ActionButton} label="Inspect" blocked=${inspectBlocked(suite)}
                               name=${`Inspect suite ${suite.number}`}
                               onClick=${() => openInspection(suite.id, null)} />`;
}

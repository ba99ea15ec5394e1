// A button for an action that may be unavailable: disabled while its request
// runs (with a busy label), while the board is not live (described by the
// link status / offline note), or for a reason of its own, shown beside it.
import { html } from "htm/preact";
import { useId } from "preact/hooks";
import { pausedNoteId, pausedReason, useBoard } from "./context.js";

export function ActionButton({ label, busyLabel, busy = false, blocked = "", variant = "", onClick, name }) {
  const { link } = useBoard();
  const paused = pausedReason(link);
  const reasonId = useId();
  const describedBy = blocked ? reasonId : pausedNoteId(link);
  return html`
    <span class="action">
      <button type="button" class=${variant} disabled=${busy || !!blocked || !!paused} aria-label=${name}
              aria-describedby=${describedBy} title=${blocked || paused || undefined} onClick=${onClick}>
        ${busy ? busyLabel : label}</button>
      ${blocked && html`<small id=${reasonId} class="why">${blocked}</small>`}
    </span>`;
}

// The question asked before a guest-facing change. "Keep as it is" has the
// focus; the confirming button arms only after a moment, so the second click
// of a double-click (or a click meant for the button underneath) never
// confirms anything.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { Modal } from "./Modal.js";

const ARM_MS = 600;

export function ConfirmDialog({ question, onAnswer }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARM_MS);
    return () => clearTimeout(timer);
  }, []);
  return html`
    <${Modal} title=${question.title} onClose=${() => onAnswer(false)} holdFocus>
      <p>${question.body}</p>
      ${question.warning && html`<p class="warning"><strong>Warning:</strong> ${question.warning}</p>`}
      <div class="modal-actions">
        <button type="button" data-autofocus onClick=${() => onAnswer(false)}>Keep as it is</button>
        <button type="button" class=${question.warning ? "danger" : "primary"} disabled=${!armed}
                onClick=${() => onAnswer(true)}>${question.confirmLabel}</button>
      </div>
    </${Modal}>`;
}

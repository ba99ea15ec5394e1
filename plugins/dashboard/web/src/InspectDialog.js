// Recording an inspection: pass, or fail with what needs redoing.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { useAction } from "./actions.js";
import { pausedReason, useBoard } from "./context.js";
import { recordInspection } from "./inspections.js";
import { Modal } from "./Modal.js";

const NOTE_MAX = 5000; // the API's text limit

export function InspectDialog({ suite, task, onClose }) {
  const { api, user, link } = useBoard();
  const { run, busy } = useAction();
  const [outcome, setOutcome] = useState("pass");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState("");
  const paused = pausedReason(link);

  async function submit(event) {
    event.preventDefault();
    const reason = note.trim();
    if (outcome === "fail" && !reason) {
      setProblem("Say what needs redoing: the housekeeper sees it on the new cleaning task.");
      return;
    }
    const done = await run(`Inspection of suite ${suite.number}`, () =>
      recordInspection(api, { user, suite, task, outcome, note: reason }),
    );
    if (done) onClose();
  }

  return html`
    <${Modal} title=${`Inspect suite ${suite.number}`} onClose=${onClose}>
      <form class="inspect-form" onSubmit=${submit} noValidate>
        <fieldset>
          <legend>Result</legend>
          <label class="choice"><input type="radio" name="outcome" value="pass" checked=${outcome === "pass"}
                 data-autofocus onChange=${() => setOutcome("pass")} /> Pass: ready for guests</label>
          <label class="choice"><input type="radio" name="outcome" value="fail" checked=${outcome === "fail"}
                 onChange=${() => setOutcome("fail")} /> Fail: needs cleaning again</label>
        </fieldset>
        <label for="inspect-note">${outcome === "fail" ? "What needs redoing (required)" : "Note (optional)"}</label>
        <textarea id="inspect-note" rows="3" maxLength=${NOTE_MAX} value=${note} aria-invalid=${problem ? "true" : undefined}
                  aria-describedby=${problem ? "inspect-problem" : undefined}
                  onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
        ${problem && html`<p id="inspect-problem" class="error" role="alert">${problem}</p>`}
        ${paused && html`<p id="inspect-paused" class="muted">${paused}</p>`}
        <div class="modal-actions">
          <button type="button" onClick=${onClose}>Cancel</button>
          <button type="submit" class=${outcome === "fail" ? "danger" : "primary"} disabled=${busy || !!paused}
                  aria-describedby=${paused ? "inspect-paused" : undefined}>
            ${busy ? "Recording…" : outcome === "fail" ? "Record failure" : "Record pass"}</button>
        </div>
      </form>
    </${Modal}>`;
}

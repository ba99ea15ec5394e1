// Managers create tasks (any type, optionally for a suite and an assignee who
// can do that kind of work).
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { useAction } from "./actions.js";
import { AssigneeSelect } from "./AssigneeSelect.js";
import { pausedNoteId, pausedReason, useBoard } from "./context.js";

const TYPES = ["cleaning", "inspection", "maintenance", "other"];
const PRIORITIES = ["low", "normal", "high", "urgent"];

export function NewTaskForm({ suites }) {
  const { api, users, link } = useBoard();
  const { run, busy } = useAction();
  const [title, setTitle] = useState("");
  const [suiteId, setSuiteId] = useState("");
  const [type, setType] = useState("cleaning");
  const [priority, setPriority] = useState("normal");
  const [assigneeId, setAssigneeId] = useState("");
  const paused = pausedReason(link);
  const suiteList = [...suites.values()].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));

  const changeType = (next) => {
    setType(next);
    // An assignee who cannot do the new kind of work is not kept.
    if (assigneeId && users.get(Number(assigneeId))?.role !== "staff" && next !== "inspection") setAssigneeId("");
  };

  async function submit(event) {
    event.preventDefault();
    const task = { title: title.trim(), type, priority };
    if (suiteId) task.suiteId = Number(suiteId);
    if (assigneeId) task.assigneeId = Number(assigneeId);
    if (await run(`New task “${task.title}”`, () => api.createTask(task))) setTitle("");
  }

  return html`
    <details class="new-task">
      <summary>New task</summary>
      <form onSubmit=${submit} aria-label="New task">
        <label>Title <input required maxLength="200" value=${title} onInput=${(e) => setTitle(e.currentTarget.value)} /></label>
        <label>Suite
          <select value=${suiteId} onChange=${(e) => setSuiteId(e.currentTarget.value)}>
            <option value="">No suite</option>
            ${suiteList.map((s) => html`<option value=${String(s.id)}>${s.number}</option>`)}
          </select>
        </label>
        <label>Type
          <select value=${type} onChange=${(e) => changeType(e.currentTarget.value)}>
            ${TYPES.map((t) => html`<option value=${t}>${t}</option>`)}
          </select>
        </label>
        <label>Priority
          <select value=${priority} onChange=${(e) => setPriority(e.currentTarget.value)}>
            ${PRIORITIES.map((p) => html`<option value=${p}>${p}</option>`)}
          </select>
        </label>
        <label>Assignee
          <${AssigneeSelect} users=${users} taskType=${type} value=${assigneeId} onChange=${setAssigneeId} />
        </label>
        <button type="submit" class="primary" disabled=${busy || !!paused}
                aria-describedby=${pausedNoteId(link)}>
          ${busy ? "Creating…" : "Create task"}</button>
      </form>
    </details>`;
}

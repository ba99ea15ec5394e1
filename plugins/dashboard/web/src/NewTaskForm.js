// Managers create tasks (any type, optionally for a suite and an assignee).
import { html } from "htm/preact";
import { useState } from "preact/hooks";

const TYPES = ["cleaning", "inspection", "maintenance", "other"];
const PRIORITIES = ["low", "normal", "high", "urgent"];

export function NewTaskForm({ suites, users, api, act }) {
  const [title, setTitle] = useState("");
  const [suiteId, setSuiteId] = useState("");
  const [type, setType] = useState("cleaning");
  const [priority, setPriority] = useState("normal");
  const [assigneeId, setAssigneeId] = useState("");
  const suiteList = [...suites.values()].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));

  async function submit(event) {
    event.preventDefault();
    const task = { title: title.trim(), type, priority };
    if (suiteId) task.suiteId = Number(suiteId);
    if (assigneeId) task.assigneeId = Number(assigneeId);
    if (await act(() => api.createTask(task))) setTitle("");
  }

  return html`
    <details class="new-task">
      <summary>New task</summary>
      <form onSubmit=${submit} aria-label="New task">
        <label>Title <input required value=${title} onInput=${(e) => setTitle(e.currentTarget.value)} /></label>
        <label>Suite
          <select value=${suiteId} onChange=${(e) => setSuiteId(e.currentTarget.value)}>
            <option value="">No suite</option>
            ${suiteList.map((s) => html`<option value=${String(s.id)}>${s.number}</option>`)}
          </select>
        </label>
        <label>Type
          <select value=${type} onChange=${(e) => setType(e.currentTarget.value)}>
            ${TYPES.map((t) => html`<option value=${t}>${t}</option>`)}
          </select>
        </label>
        <label>Priority
          <select value=${priority} onChange=${(e) => setPriority(e.currentTarget.value)}>
            ${PRIORITIES.map((p) => html`<option value=${p}>${p}</option>`)}
          </select>
        </label>
        <label>Assignee
          <select value=${assigneeId} onChange=${(e) => setAssigneeId(e.currentTarget.value)}>
            <option value="">Unassigned</option>
            ${[...users.values()].map((u) => html`<option value=${String(u.id)}>${u.name}</option>`)}
          </select>
        </label>
        <button type="submit" class="primary">Create task</button>
      </form>
    </details>`;
}

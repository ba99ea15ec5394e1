// The task list: a staff member's own and unassigned open tasks, or every
// task for managers, with the actions the user's role allows.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { NewTaskForm } from "./NewTaskForm.js";
import { isManager, isOpen, label, taskActions, visibleTasks } from "./rules.js";

const ACTION_TEXT = { start: "Start", complete: "Complete", release: "Release", cancel: "Cancel", reopen: "Reopen" };

function staffOf(users) {
  return [...users.values()].filter((u) => u.active !== false).sort((a, b) => a.name.localeCompare(b.name));
}

function Assign({ task, users, api, act }) {
  const [assignee, setAssignee] = useState(task.assigneeId == null ? "" : String(task.assigneeId));
  const id = `assign-${task.id}`;
  return html`
    <span class="assign">
      <label for=${id} class="visually-hidden">Assignee for ${task.title}</label>
      <select id=${id} value=${assignee} onChange=${(e) => setAssignee(e.currentTarget.value)}>
        <option value="">Unassigned</option>
        ${staffOf(users).map((u) => html`<option value=${String(u.id)}>${u.name}</option>`)}
      </select>
      <button type="button" disabled=${assignee === (task.assigneeId == null ? "" : String(task.assigneeId))}
              onClick=${() => act(() => api.assignTask(task.id, assignee === "" ? null : Number(assignee)))}>
        Assign</button>
    </span>`;
}

function TaskItem({ task, user, suites, users, api, act }) {
  const suite = task.suiteId == null ? null : suites.get(task.suiteId);
  const assignee =
    task.assigneeId == null
      ? "Unassigned"
      : task.assigneeId === user.id
        ? "You"
        : users.get(task.assigneeId)?.name || `Staff #${task.assigneeId}`;
  return html`
    <li class=${`task status-${task.status} priority-${task.priority}`} aria-label=${task.title}>
      <div class="task-head">
        <strong>${task.title}</strong>
        <span class=${`pill status-${task.status}`} data-field="status">${label(task.status)}</span>
      </div>
      <p class="task-meta">
        ${suite ? html`<span>Suite ${suite.number}</span>` : task.suiteId != null && html`<span>Suite #${task.suiteId}</span>`}
        <span>${task.type}</span>
        <span class=${`priority priority-${task.priority}`}>${task.priority}</span>
        <span>${assignee}</span>
        ${task.dueAt && html`<span>due ${new Date(task.dueAt).toLocaleString()}</span>`}
      </p>
      <div class="task-actions">
        ${taskActions(user, task).map(
          (action) => html`<button type="button" class=${action === "complete" ? "primary" : ""}
                                   onClick=${() => act(() => api.taskAction(task.id, action))}>
                            ${ACTION_TEXT[action]}</button>`,
        )}
        ${isManager(user) && isOpen(task) && html`<${Assign} task=${task} users=${users} api=${api} act=${act} />`}
      </div>
    </li>`;
}

export function TaskList({ user, tasks, suites, users, show, onShow, api, act, loaded }) {
  const manager = isManager(user);
  const list = visibleTasks(user, tasks, show);
  return html`
    <section class="tasks" aria-labelledby="tasks-title">
      <div class="section-head">
        <h2 id="tasks-title">${manager ? "All tasks" : "My tasks"} <span class="count">${list.length}</span></h2>
        ${manager &&
        html`<label class="filters">Show
          <select value=${show} onChange=${(e) => onShow(e.currentTarget.value)}>
            <option value="open">Open</option>
            <option value="closed">Completed and cancelled</option>
            <option value="all">All</option>
          </select>
        </label>`}
      </div>
      ${manager && html`<${NewTaskForm} suites=${suites} users=${users} api=${api} act=${act} />`}
      ${!manager && html`<p class="muted hint">Your tasks and unassigned ones: starting a task makes it yours.</p>`}
      ${loaded && list.length === 0 && html`<p class="muted">Nothing to do here.</p>`}
      <ul class="task-list">
        ${list.map(
          (task) => html`<${TaskItem} key=${task.id} task=${task} user=${user} suites=${suites} users=${users}
                                      api=${api} act=${act} />`,
        )}
      </ul>
    </section>`;
}

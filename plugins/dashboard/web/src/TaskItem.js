// One task in the list: what, where, who, when (overdue called out), why (its
// description, e.g. a failed inspection's note), and the actions the user's
// role allows, each guarded against double clicks.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { ActionButton } from "./ActionButton.js";
import { useAction } from "./actions.js";
import { AssigneeSelect } from "./AssigneeSelect.js";
import { useBoard } from "./context.js";
import { isManager, isOpen, label, taskActions } from "./rules.js";

const ACTIONS = {
  start: { label: "Start", busy: "Starting…", variant: "" },
  complete: { label: "Complete", busy: "Completing…", variant: "primary" },
  release: { label: "Release", busy: "Releasing…", variant: "" },
  cancel: { label: "Cancel", busy: "Cancelling…", variant: "" },
  reopen: { label: "Reopen", busy: "Reopening…", variant: "" },
};

function TaskActionButton({ task, action }) {
  const { api } = useBoard();
  const { run, busy } = useAction();
  const text = ACTIONS[action];
  return html`<${ActionButton} label=${text.label} busyLabel=${text.busy} busy=${busy} variant=${text.variant}
    onClick=${() => run(`${text.label} “${task.title}”`, () => api.taskAction(task.id, action))} />`;
}

function InspectTaskButton({ task }) {
  const { openInspection } = useBoard();
  return html`<${ActionButton} label="Inspect…" variant="primary" onClick=${() => openInspection(task.suiteId, task.id)} />`;
}

function Assign({ task }) {
  const { api, users } = useBoard();
  const { run, busy } = useAction();
  const saved = task.assigneeId == null ? "" : String(task.assigneeId);
  const [assignee, setAssignee] = useState(saved);
  useEffect(() => setAssignee(saved), [saved]); // reassigned elsewhere: show that
  const id = `assign-${task.id}`;
  return html`
    <span class="assign">
      <label for=${id} class="visually-hidden">Assignee for ${task.title}</label>
      <${AssigneeSelect} id=${id} users=${users} taskType=${task.type} value=${assignee} onChange=${setAssignee}
                         currentId=${task.assigneeId} />
      ${assignee !== saved &&
      html`<${ActionButton} label="Assign" busyLabel="Assigning…" busy=${busy} name=${`Assign ${task.title}`}
        onClick=${() => run(`Assigning “${task.title}”`, () =>
          api.assignTask(task.id, assignee === "" ? null : Number(assignee)))} />`}
    </span>`;
}

function assigneeName(task, user, users) {
  if (task.assigneeId == null) return "Unassigned";
  if (task.assigneeId === user.id) return "You";
  return users.get(task.assigneeId)?.name || `Staff #${task.assigneeId}`;
}

export function TaskItem({ task, suites, overdue }) {
  const { user, users } = useBoard();
  const suite = task.suiteId == null ? null : suites.get(task.suiteId);
  const classes = ["task", `status-${task.status}`, `priority-${task.priority}`, overdue ? "overdue" : ""];
  return html`
    <li class=${classes.join(" ")} aria-label=${task.title}>
      <div class="task-head">
        <strong>${task.title}</strong>
        <span class="badges">
          ${overdue && html`<span class="pill overdue" data-field="overdue">Overdue</span>`}
          <span class=${`pill status-${task.status}`} data-field="status">${label(task.status)}</span>
        </span>
      </div>
      <p class="task-meta">
        ${suite ? html`<span>Suite ${suite.number}</span>` : task.suiteId != null && html`<span>Suite #${task.suiteId}</span>`}
        <span>${task.type}</span>
        <span class=${`priority priority-${task.priority}`}>${task.priority}</span>
        <span>${assigneeName(task, user, users)}</span>
        ${task.dueAt && html`<span class=${overdue ? "late" : ""}>due ${new Date(task.dueAt).toLocaleString()}</span>`}
        ${task.outcome && html`<span>inspection ${task.outcome === "pass" ? "passed" : "failed"}</span>`}
      </p>
      ${task.description && html`<p class="task-description" data-field="description">${task.description}</p>`}
      <div class="task-actions">
        ${taskActions(user, task).map((action) =>
          action === "inspect"
            ? html`<${InspectTaskButton} key=${action} task=${task} />`
            : html`<${TaskActionButton} key=${action} task=${task} action=${action} />`,
        )}
        ${isManager(user) && isOpen(task) && html`<${Assign} task=${task} />`}
      </div>
    </li>`;
}

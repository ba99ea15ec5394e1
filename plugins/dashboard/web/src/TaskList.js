// The task list: a staff member's own and unassigned open tasks, or every
// task for managers (open, overdue, closed or all), overdue ones first.
import { html } from "htm/preact";
import { useBoard } from "./context.js";
import { NewTaskForm } from "./NewTaskForm.js";
import { visibleTasks } from "./rules.js";
import { TaskItem } from "./TaskItem.js";

export function TaskList({ tasks, suites, show, onShow, loaded, overdueIds }) {
  const { user, manager } = useBoard();
  const list = visibleTasks(user, tasks, show, overdueIds);
  return html`
    <section class="tasks" aria-labelledby="tasks-title">
      <div class="section-head">
        <h2 id="tasks-title">${manager ? "All tasks" : "My tasks"} <span class="count">${list.length}</span></h2>
        ${manager &&
        html`<label class="filters">Show
          <select value=${show} onChange=${(e) => onShow(e.currentTarget.value)}>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            <option value="closed">Completed and cancelled</option>
            <option value="all">All</option>
          </select>
        </label>`}
      </div>
      ${manager && html`<${NewTaskForm} suites=${suites} />`}
      ${!manager && html`<p class="muted hint">Your tasks and unassigned ones: starting a task makes it yours.</p>`}
      ${loaded && list.length === 0 && html`<p class="muted">Nothing to do here.</p>`}
      <ul class="task-list">
        ${list.map((task) => html`<${TaskItem} key=${task.id} task=${task} suites=${suites} overdue=${overdueIds.has(task.id)} />`)}
      </ul>
    </section>`;
}

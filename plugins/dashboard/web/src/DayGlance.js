// "The day at a glance" for managers: a strip of the figures that matter
// this morning and four small charts, all recomputed from the live board.
// Overdue tasks (as announced by the server: task:overdue) are called out.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import { BarChart } from "./BarChart.js";
import { useBoard } from "./context.js";
import { CONDITIONS, dayFigures, OPEN_STATUSES, PRIORITIES, SERVICE_STATES } from "./glance.js";
import { label } from "./rules.js";

const COLORS = {
  dirty: "#b3261e", clean: "#1b6e3a", inspected: "#0b5cad",
  in_service: "#1b6e3a", out_of_service: "#8a5a00", out_of_order: "#b3261e",
  pending: "#5d6b7a", in_progress: "#b06f00", done: "#1f3a5f",
};
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function Tile({ figure, what, field, alert = false }) {
  return html`<li class=${alert ? "tile alert" : "tile"} data-figure=${field}>
    <span class="figure">${figure}</span><span class="what">${what}</span></li>`;
}

function OverdueList({ overdue, suites }) {
  if (overdue.length === 0) return null;
  return html`
    <div class="overdue-list" role="region" aria-label="Overdue tasks">
      <strong>Overdue:</strong>
      <ul>
        ${overdue.map((task) => {
          const suite = task.suiteId == null ? null : suites.get(task.suiteId);
          return html`<li key=${task.id}>${task.title}${suite ? ` (suite ${suite.number})` : ""},
            due ${new Date(task.dueAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</li>`;
        })}
      </ul>
    </div>`;
}

/// One row per housekeeper who finished something today; work others
/// finished (managers' inspections, say) in one row after them.
function doneRows(doneToday, users) {
  const rows = [];
  let others = 0;
  for (const [id, count] of doneToday.entries()) {
    const person = id == null ? null : users.get(id);
    if (person && person.role === "staff") rows.push({ label: person.name, values: [count] });
    else others += count;
  }
  rows.sort((a, b) => b.values[0] - a.values[0] || a.label.localeCompare(b.label));
  if (others > 0) rows.push({ label: "Others", values: [others], color: "#5d6b7a" });
  return rows;
}

export function DayGlance({ suites, overdueIds }) {
  const { tasks, users } = useBoard();
  const figures = useMemo(() => dayFigures(suites, tasks, overdueIds), [suites, tasks, overdueIds]);
  // Charts open by default on desks, folded on phones (the strip is enough there).
  const [chartsOpen] = useState(() => window.matchMedia("(min-width: 1024px)").matches);
  const { byCondition, byService } = figures;

  return html`
    <section class="glance" aria-labelledby="glance-title">
      <h2 id="glance-title">Today at a glance</h2>
      <ul class="strip">
        <${Tile} field="occupied" figure=${`${figures.occupied}/${figures.suites}`} what="occupied" />
        <${Tile} field="dirty" figure=${byCondition.dirty} what="dirty" />
        <${Tile} field="clean" figure=${byCondition.clean} what="clean" />
        <${Tile} field="inspected" figure=${byCondition.inspected} what="inspected" />
        <${Tile} field="outOfOrder" figure=${byService.out_of_order + byService.out_of_service} what="out of use" />
        <${Tile} field="openTasks" figure=${figures.openTasks} what="open tasks" />
        <${Tile} field="overdue" figure=${figures.overdue.length} what="overdue" alert=${figures.overdue.length > 0} />
        <${Tile} field="doneToday" figure=${figures.doneTotal} what="done today" />
      </ul>
      <${OverdueList} overdue=${figures.overdue} suites=${suites} />
      <details class="charts" open=${chartsOpen}>
        <summary>Charts</summary>
        <div class="chart-grid">
          <${BarChart} caption="Suites by condition" rowHeader="Condition" series=${[{ name: "Suites", color: "" }]}
            rows=${CONDITIONS.map((c) => ({ label: capital(c), values: [byCondition[c]], color: COLORS[c] }))} />
          <${BarChart} caption="Suites by service state" rowHeader="Service state" series=${[{ name: "Suites", color: "" }]}
            rows=${SERVICE_STATES.map((s) => ({ label: capital(label(s)), values: [byService[s]], color: COLORS[s] }))} />
          <${BarChart} caption="Open tasks by priority and status" rowHeader="Priority"
            series=${OPEN_STATUSES.map((s) => ({ name: capital(label(s)), color: COLORS[s] }))}
            rows=${PRIORITIES.map((p) => ({ label: capital(p), values: OPEN_STATUSES.map((s) => figures.byPriority[p][s]) }))} />
          <${BarChart} caption="Tasks done today by housekeeper" rowHeader="Housekeeper"
            series=${[{ name: "Tasks done", color: COLORS.done }]} rows=${doneRows(figures.doneToday, users)}
            empty="Nothing completed yet today." />
        </div>
      </details>
    </section>`;
}

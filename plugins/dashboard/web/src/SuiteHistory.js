// A suite's history (GET /api/suites/:id/history, newest first): who changed
// what, when, and through which task. Live: it is fetched again whenever the
// suite's version changes (every change to a suite bumps it and arrives as
// suite:updated), and when the board resynchronises.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { useBoard } from "./context.js";
import { label } from "./rules.js";

const FIELD_NAMES = { occupancy: "Occupancy", condition: "Condition", serviceState: "Service", notes: "Notes" };

function shown(value) {
  if (value == null || value === "") return "none";
  return typeof value === "string" ? label(value) : JSON.stringify(value);
}

function actorName(row, user, users) {
  if (row.actorId == null) return "the system";
  if (row.actorId === user.id) return "you";
  return users.get(row.actorId)?.name || `user #${row.actorId}`;
}

function origin(row, tasks) {
  if (row.source === "task" && row.taskId != null) {
    const task = tasks.get(row.taskId);
    return task ? `through task “${task.title}”` : `through task #${row.taskId}`;
  }
  if (row.source === "system") return "by a scheduled job";
  return "directly";
}

function HistoryRow({ row }) {
  const { user, users, tasks } = useBoard();
  const at = new Date(row.at);
  return html`
    <li class="history-row">
      <time datetime=${row.at}>${at.toLocaleString([], { dateStyle: "short", timeStyle: "short" })}</time>
      <span class="history-change"><strong>${FIELD_NAMES[row.field] || row.field}</strong>
        ${" "}${shown(row.from)} → ${shown(row.to)}</span>
      <span class="history-who muted">by ${actorName(row, user, users)}, ${origin(row, tasks)}</span>
    </li>`;
}

export function SuiteHistory({ suite, resyncs }) {
  const { api } = useBoard();
  const [rows, setRows] = useState(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState("");

  useEffect(() => {
    let current = true;
    api
      .history(suite.id)
      .then((page) => {
        if (!current) return;
        setRows(page.data);
        setTotal(page.total);
        setProblem("");
      })
      .catch((failure) => current && failure.status !== 401 && setProblem(`History unavailable: ${failure.message}`));
    return () => void (current = false);
  }, [api, suite.id, suite.version, resyncs]);

  const older = async () => {
    try {
      const page = await api.history(suite.id, rows.length);
      setRows((loaded) => [...loaded, ...page.data]);
      setTotal(page.total);
    } catch (failure) {
      if (failure.status !== 401) setProblem(`History unavailable: ${failure.message}`);
    }
  };

  return html`
    <section class="history" aria-labelledby="history-title" aria-live="polite" aria-busy=${rows === null}>
      <h3 id="history-title">History</h3>
      ${problem && html`<p class="error">${problem}</p>`}
      ${rows === null && !problem && html`<p class="muted">Loading…</p>`}
      ${rows && rows.length === 0 && html`<p class="muted">No changes yet.</p>`}
      ${rows && html`<ol class="history-list">${rows.map((row, i) => html`<${HistoryRow} key=${`${row.at}-${i}`} row=${row} />`)}</ol>`}
      ${rows && rows.length < total && html`<button type="button" onClick=${older}>Show older changes</button>`}
    </section>`;
}

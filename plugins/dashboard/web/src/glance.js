// The figures of "the day at a glance", computed from the board's live
// copies of suites and tasks (so they change with every event).
import { isOpen } from "./rules.js";

export const CONDITIONS = ["dirty", "clean", "inspected"];
export const SERVICE_STATES = ["in_service", "out_of_service", "out_of_order"];
export const PRIORITIES = ["urgent", "high", "normal", "low"];
export const OPEN_STATUSES = ["pending", "in_progress"];

export function startOfToday(now = new Date()) {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

function countBy(items, key, keys) {
  const counts = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const item of items) if (item[key] in counts) counts[item[key]] += 1;
  return counts;
}

export function dayFigures(suites, tasks, overdueIds, since = startOfToday()) {
  const suiteList = [...suites.values()];
  const taskList = [...tasks.values()];
  const open = taskList.filter(isOpen);
  const byPriority = Object.fromEntries(
    PRIORITIES.map((priority) => [priority, countBy(open.filter((t) => t.priority === priority), "status", OPEN_STATUSES)]),
  );
  const doneToday = new Map();
  for (const task of taskList)
    if (task.status === "completed" && task.completedAt && Date.parse(task.completedAt) >= since.getTime()) {
      const key = task.assigneeId ?? null;
      doneToday.set(key, (doneToday.get(key) || 0) + 1);
    }
  return {
    suites: suiteList.length,
    occupied: suiteList.filter((suite) => suite.occupancy === "occupied").length,
    byCondition: countBy(suiteList, "condition", CONDITIONS),
    byService: countBy(suiteList, "serviceState", SERVICE_STATES),
    openTasks: open.length,
    byPriority,
    overdue: open.filter((task) => overdueIds.has(task.id)),
    doneToday,
    doneTotal: [...doneToday.values()].reduce((sum, n) => sum + n, 0),
  };
}

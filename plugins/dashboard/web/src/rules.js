// What the signed-in user may do with tasks, mirroring the API's rules so the
// board shows only buttons that will work (the API still decides).

export const isManager = (user) => user.role === "admin" || user.role === "manager";
export const isOpen = (task) => task.status === "pending" || task.status === "in_progress";

function mayWorkOn(user, task) {
  return isManager(user) || task.assigneeId == null || task.assigneeId === user.id;
}

/// The actions offered for `task`, in display order. An inspection is
/// recorded with its outcome ("inspect": start if needed, then complete
/// with pass or fail) rather than with a bare start / complete.
export function taskActions(user, task) {
  const actions = [];
  if (task.type === "inspection" && task.suiteId != null && isOpen(task) && mayWorkOn(user, task)) actions.push("inspect");
  else if (task.status === "pending" && mayWorkOn(user, task)) actions.push("start");
  else if (task.status === "in_progress" && mayWorkOn(user, task)) actions.push("complete");
  if (task.status === "in_progress" && mayWorkOn(user, task)) actions.push("release");
  if (isManager(user) && isOpen(task)) actions.push("cancel");
  if (isManager(user) && !isOpen(task)) actions.push("reopen");
  return actions;
}

/// Staff see their own open tasks and the unassigned ones they may take,
/// except unassigned inspections: those wait for a manager to assign them
/// (a housekeeper does not inspect on their own initiative).
function staffSees(user, task) {
  if (!isOpen(task)) return false;
  if (task.assigneeId === user.id) return true;
  return task.assigneeId == null && task.type !== "inspection";
}

export function visibleTasks(user, tasks, show, overdueIds) {
  const list = [...tasks.values()].filter((task) => {
    if (!isManager(user)) return staffSees(user, task);
    if (show === "open") return isOpen(task);
    if (show === "overdue") return isOpen(task) && overdueIds.has(task.id);
    if (show === "closed") return !isOpen(task);
    return true;
  });
  const rank = { urgent: 0, high: 1, normal: 2, low: 3 };
  const late = (task) => (overdueIds.has(task.id) ? 0 : 1);
  return list.sort((a, b) => late(a) - late(b) || (rank[a.priority] ?? 9) - (rank[b.priority] ?? 9) || a.id - b.id);
}

export function openTaskCounts(tasks) {
  const counts = new Map();
  for (const task of tasks.values())
    if (isOpen(task) && task.suiteId != null) counts.set(task.suiteId, (counts.get(task.suiteId) || 0) + 1);
  return counts;
}

/// The open inspection task of a suite the user may record, if any.
export function openInspectionOf(user, tasks, suiteId) {
  for (const task of tasks.values())
    if (task.suiteId === suiteId && task.type === "inspection" && isOpen(task) && mayWorkOn(user, task)) return task;
  return null;
}

export const label = (value) => (value == null ? "" : String(value).replace(/_/g, " "));

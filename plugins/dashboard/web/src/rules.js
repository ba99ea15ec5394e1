// What the signed-in user may do, mirroring the API's rules so the board
// shows only buttons that will work (the API still decides).

export const isManager = (user) => user.role === "admin" || user.role === "manager";
export const isOpen = (task) => task.status === "pending" || task.status === "in_progress";

function mayWorkOn(user, task) {
  return isManager(user) || task.assigneeId == null || task.assigneeId === user.id;
}

/// The actions offered for `task`, in display order.
export function taskActions(user, task) {
  const actions = [];
  if (task.status === "pending" && mayWorkOn(user, task)) actions.push("start");
  if (task.status === "in_progress" && mayWorkOn(user, task)) actions.push("complete", "release");
  if (isManager(user) && isOpen(task)) actions.push("cancel");
  if (isManager(user) && !isOpen(task)) actions.push("reopen");
  return actions;
}

/// Staff see their own tasks and the unassigned ones they may take.
export function visibleTasks(user, tasks, show) {
  const list = [...tasks.values()].filter((task) => {
    if (!isManager(user)) return isOpen(task) && (task.assigneeId == null || task.assigneeId === user.id);
    if (show === "open") return isOpen(task);
    if (show === "closed") return !isOpen(task);
    return true;
  });
  const rank = { urgent: 0, high: 1, normal: 2, low: 3 };
  return list.sort((a, b) => (rank[a.priority] ?? 9) - (rank[b.priority] ?? 9) || a.id - b.id);
}

export function openTaskCounts(tasks) {
  const counts = new Map();
  for (const task of tasks.values())
    if (isOpen(task) && task.suiteId != null) counts.set(task.suiteId, (counts.get(task.suiteId) || 0) + 1);
  return counts;
}

export const label = (value) => (value == null ? "" : String(value).replace(/_/g, " "));

// Which open tasks are overdue, as the server says: the `overdue=true` list
// at each (re)fetch and the `task:overdue` event the tasks job sends when a
// task's due time passes. A task leaves the set when it closes or gets a due
// time in the future. The server's clock decides, not the browser's.
import { isOpen } from "./rules.js";

export function markOverdue(ids, task) {
  if (ids.has(task.id)) return ids;
  return new Set(ids).add(task.id);
}

export function afterTaskChange(ids, task) {
  if (!ids.has(task.id)) return ids;
  const stillLate = isOpen(task) && task.dueAt != null && Date.parse(task.dueAt) <= Date.now();
  if (stillLate) return ids;
  const next = new Set(ids);
  next.delete(task.id);
  return next;
}

export function withoutTask(ids, id) {
  if (!ids.has(id)) return ids;
  const next = new Set(ids);
  next.delete(id);
  return next;
}

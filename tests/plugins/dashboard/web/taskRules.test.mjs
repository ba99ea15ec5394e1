// Who sees which task and may do what with it; assignee lists; overdue set.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assigneeGroups } from "../../../../plugins/dashboard/web/src/assignees.js";
import { afterTaskChange, markOverdue, withoutTask } from "../../../../plugins/dashboard/web/src/overdue.js";
import { openInspectionOf, taskActions, visibleTasks } from "../../../../plugins/dashboard/web/src/rules.js";

const staff = { id: 7, role: "staff" };
const manager = { id: 2, role: "manager" };
const task = (fields) => ({ id: 1, suiteId: 5, type: "cleaning", status: "pending", priority: "normal",
                            assigneeId: null, dueAt: null, ...fields });
const byId = (...tasks) => new Map(tasks.map((t) => [t.id, t]));

test("an inspection is recorded with its outcome, not a bare start / complete", () => {
  assert.deepEqual(taskActions(staff, task({ type: "inspection", assigneeId: 7 })), ["inspect"]);
  assert.deepEqual(taskActions(staff, task({ type: "inspection", assigneeId: 7, status: "in_progress" })),
                   ["inspect", "release"]);
  assert.deepEqual(taskActions(manager, task({ type: "inspection" })), ["inspect", "cancel"]);
  assert.deepEqual(taskActions(staff, task({ status: "in_progress", assigneeId: 7 })), ["complete", "release"]);
  assert.deepEqual(taskActions(staff, task({ assigneeId: 9 })), []);
  assert.deepEqual(taskActions(manager, task({ status: "completed" })), ["reopen"]);
});

test("staff see their own tasks and unassigned work, but not unassigned inspections", () => {
  const tasks = byId(
    task({ id: 1 }),
    task({ id: 2, assigneeId: 9 }),
    task({ id: 3, type: "inspection" }),
    task({ id: 4, type: "inspection", assigneeId: 7 }),
    task({ id: 5, assigneeId: 7, status: "completed" }),
  );
  assert.deepEqual(visibleTasks(staff, tasks, "open", new Set()).map((t) => t.id), [1, 4]);
});

test("a suite's open inspection task is found for the user who may record it", () => {
  const tasks = byId(task({ id: 1 }), task({ id: 2, type: "inspection", assigneeId: 9 }),
                     task({ id: 3, type: "inspection", status: "completed" }));
  assert.equal(openInspectionOf(manager, tasks, 5).id, 2);
  assert.equal(openInspectionOf(staff, tasks, 5), null);
  assert.equal(openInspectionOf(manager, tasks, 6), null);
});

test("overdue tasks come first; managers can list only them", () => {
  const tasks = byId(task({ id: 1, priority: "urgent" }), task({ id: 2, priority: "low" }), task({ id: 3 }));
  const late = new Set([2]);
  assert.deepEqual(visibleTasks(manager, tasks, "open", late).map((t) => t.id), [2, 1, 3]);
  assert.deepEqual(visibleTasks(manager, tasks, "overdue", late).map((t) => t.id), [2]);
});

test("assignees: housekeepers only for cleaning; managers after them for inspections; never admins or inactive users", () => {
  const users = new Map([
    [1, { id: 1, name: "Ada Admin", role: "admin" }],
    [2, { id: 2, name: "Maria Lopez", role: "manager" }],
    [3, { id: 3, name: "Sam Carter", role: "staff" }],
    [4, { id: 4, name: "Lee Wong", role: "staff" }],
    [5, { id: 5, name: "Olive Former", role: "staff", active: false }],
  ]);
  const names = (groups) => groups.map((g) => [g.label, g.users.map((u) => u.name)]);
  assert.deepEqual(names(assigneeGroups(users, "cleaning")), [["Housekeepers", ["Lee Wong", "Sam Carter"]]]);
  assert.deepEqual(names(assigneeGroups(users, "inspection")),
                   [["Housekeepers", ["Lee Wong", "Sam Carter"]], ["Managers", ["Maria Lopez"]]]);
});

test("a task leaves the overdue set when it closes or falls due later, not before", () => {
  const past = new Date(Date.now() - 60000).toISOString();
  const future = new Date(Date.now() + 3600000).toISOString();
  const late = markOverdue(new Set(), task({ id: 1, dueAt: past }));
  assert.equal(markOverdue(late, task({ id: 1, dueAt: past })), late);
  assert.equal(afterTaskChange(late, task({ id: 1, dueAt: past, status: "in_progress" })), late);
  assert.equal(afterTaskChange(late, task({ id: 1, dueAt: past, status: "completed" })).has(1), false);
  assert.equal(afterTaskChange(late, task({ id: 1, dueAt: future })).has(1), false);
  assert.equal(withoutTask(late, 1).size, 0);
});

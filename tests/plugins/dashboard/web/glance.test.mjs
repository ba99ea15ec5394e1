// The day-at-a-glance figures, from the board's copies of suites and tasks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dayFigures } from "../../../../plugins/dashboard/web/src/glance.js";

test("suites by condition and service state, open tasks by priority and status, overdue, done today", () => {
  const since = new Date("2026-03-01T00:00:00.000Z");
  const suites = new Map([
    [1, { id: 1, occupancy: "occupied", condition: "clean", serviceState: "in_service" }],
    [2, { id: 2, occupancy: "vacant", condition: "dirty", serviceState: "in_service" }],
    [3, { id: 3, occupancy: "vacant", condition: "dirty", serviceState: "out_of_order" }],
  ]);
  const tasks = new Map(
    [
      { id: 1, status: "pending", priority: "high" },
      { id: 2, status: "in_progress", priority: "high" },
      { id: 3, status: "pending", priority: "urgent" },
      { id: 4, status: "completed", priority: "normal", assigneeId: 7, completedAt: "2026-03-01T08:00:00.000Z" },
      { id: 5, status: "completed", priority: "normal", assigneeId: 7, completedAt: "2026-03-01T09:00:00.000Z" },
      { id: 6, status: "completed", priority: "normal", assigneeId: 8, completedAt: "2026-02-28T23:00:00.000Z" },
      { id: 7, status: "cancelled", priority: "low" },
    ].map((t) => [t.id, t]),
  );
  const figures = dayFigures(suites, tasks, new Set([3, 4]), since);
  assert.equal(figures.suites, 3);
  assert.equal(figures.occupied, 1);
  assert.deepEqual(figures.byCondition, { dirty: 2, clean: 1, inspected: 0 });
  assert.deepEqual(figures.byService, { in_service: 2, out_of_service: 0, out_of_order: 1 });
  assert.equal(figures.openTasks, 3);
  assert.deepEqual(figures.byPriority.high, { pending: 1, in_progress: 1 });
  assert.deepEqual(figures.byPriority.urgent, { pending: 1, in_progress: 0 });
  assert.deepEqual(figures.overdue.map((t) => t.id), [3], "a closed task is never overdue");
  assert.deepEqual([...figures.doneToday], [[7, 2]], "yesterday's work does not count");
  assert.equal(figures.doneTotal, 2);
});

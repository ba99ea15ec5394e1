// Recording an inspection the contract's way: through an inspection task,
// completed with {"outcome": "pass" | "fail", "note"}. Pass makes a clean
// suite inspected; fail makes it dirty and the server creates a high
// priority cleaning task whose description carries the note. A manager
// inspecting a suite with no open inspection task creates one for
// themselves first (creating inspection tasks is manager-only).

export async function recordInspection(api, { user, suite, task, outcome, note }) {
  let current = task;
  if (!current)
    current = await api.createTask({
      type: "inspection",
      suiteId: suite.id,
      title: `Inspect suite ${suite.number}`,
      assigneeId: user.id,
    });
  if (current.status === "pending") current = await api.taskAction(current.id, "start");
  const body = { outcome };
  if (note) body.note = note;
  return api.taskAction(current.id, "complete", body);
}

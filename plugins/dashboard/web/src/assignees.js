// Who may be given a task: the people who do that kind of work, housekeepers
// (role staff) first. Cleaning, maintenance and other work go to
// housekeepers; an inspection may also go to a manager. Administrators run
// accounts, not rooms, and deactivated users cannot sign in: neither is
// offered.

const byName = (a, b) => a.name.localeCompare(b.name);

export function assigneeGroups(users, taskType) {
  const active = [...users.values()].filter((user) => user.active !== false);
  const groups = [{ label: "Housekeepers", users: active.filter((user) => user.role === "staff").sort(byName) }];
  if (taskType === "inspection")
    groups.push({ label: "Managers", users: active.filter((user) => user.role === "manager").sort(byName) });
  return groups.filter((group) => group.users.length > 0);
}

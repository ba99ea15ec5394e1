// What the board is tried on: a motel's morning. Users of every role (one
// deactivated), four floors of suites (the top one with long penthouse
// numbers), and tasks: cleanings, a blocking repair, an inspection a manager
// gave a housekeeper, an unassigned inspection and work already done today.
"use strict";

const USERS = {
  manager: { email: "maria@motel.test", name: "Maria Lopez", password: "manager-password-1", role: "manager" },
  manager2: { email: "max@motel.test", name: "Max Okafor", password: "manager-password-2", role: "manager" },
  staff: { email: "sam@motel.test", name: "Sam Carter", password: "staff-password-1", role: "staff" },
  other: { email: "lee@motel.test", name: "Lee Wong", password: "staff-password-2", role: "staff" },
  gone: { email: "old@motel.test", name: "Olive Former", password: "staff-password-3", role: "staff" },
};

const LAYOUT = [
  [1, ["101", "102", "103", "104", "105", "106", "107", "108"]],
  [2, ["201", "202", "203", "204", "205", "206", "207", "208"]],
  [3, ["301", "302", "303", "304", "305", "306"]],
  [12, ["PH-1201", "PH-1202"]],
];
const OCCUPIED = new Set(["101", "103", "104", "106", "202", "203", "205", "207", "302", "305", "PH-1201"]);
const DIRTY = ["102", "201", "303"];

async function seed(rest, admin) {
  const users = JSON.parse(JSON.stringify(USERS));
  for (const user of Object.values(users)) user.id = (await rest.call(admin, "POST", "/api/users", user)).id;
  await rest.call(admin, "PATCH", `/api/users/${users.gone.id}`, { active: false });

  const suites = {};
  for (const [floor, numbers] of LAYOUT)
    for (const number of numbers)
      suites[number] = await rest.call(admin, "POST", "/api/suites", {
        number, floor, type: floor >= 3 ? "deluxe" : "standard",
        occupancy: OCCUPIED.has(number) ? "occupied" : "vacant",
        condition: DIRTY.includes(number) ? "dirty" : "clean",
      });
  const task = (body) => rest.call(admin, "POST", "/api/tasks", body);
  await task({ title: "Clean suite 102", type: "cleaning", suiteId: suites["102"].id, assigneeId: users.other.id });
  await task({ title: "Clean suite 201", type: "cleaning", suiteId: suites["201"].id, priority: "high" });
  await task({ title: "Fix the shower drain", type: "maintenance", suiteId: suites["304"].id, blocksSuite: true,
               priority: "urgent" });
  await task({ title: "Replace hallway bulbs", type: "other", priority: "low", assigneeId: users.staff.id });
  await task({ title: "Inspect suite 105", type: "inspection", suiteId: suites["105"].id, assigneeId: users.staff.id });
  await task({ title: "Inspect suite 208", type: "inspection", suiteId: suites["208"].id });

  // Lee already cleaned 303 this morning.
  const lee = await rest.login(users.other.email, users.other.password);
  const cleaning = await task({ title: "Clean suite 303", type: "cleaning", suiteId: suites["303"].id,
                                assigneeId: users.other.id });
  await rest.call(lee, "POST", `/api/tasks/${cleaning.id}/start`);
  await rest.call(lee, "POST", `/api/tasks/${cleaning.id}/complete`);
  return { users, suites };
}

module.exports = { seed };

// The board's guest-facing suite actions: one action by occupancy, behind a
// question, with the reasons and warnings the staff read.
import assert from "node:assert/strict";
import { test } from "node:test";
import { guestAction, inspectBlocked, serviceAction } from "../../../../plugins/dashboard/web/src/suiteRules.js";

const suite = (fields) => ({ id: 1, number: "104", occupancy: "vacant", condition: "inspected",
                             serviceState: "in_service", version: 3, ...fields });

test("an occupied suite offers a confirmed check-out and nothing else", () => {
  const action = guestAction(suite({ occupancy: "occupied" }));
  assert.equal(action.kind, "checkOut");
  assert.deepEqual(action.changes, { occupancy: "vacant" });
  assert.equal(action.blocked, "");
  assert.match(action.question.body, /vacant and dirty.*cleaning task/);
});

test("checking in a dirty or uninspected suite warns; an inspected one does not", () => {
  const dirty = guestAction(suite({ condition: "dirty" }));
  assert.equal(dirty.kind, "checkIn");
  assert.match(dirty.question.warning, /Suite 104 is dirty/);
  assert.equal(dirty.question.confirmLabel, "Check in anyway");
  assert.match(guestAction(suite({ condition: "clean" })).question.warning, /not been inspected/);
  const ready = guestAction(suite({}));
  assert.equal(ready.question.warning, "");
  assert.equal(ready.question.confirmLabel, "Check in");
});

test("a check-in that the API would refuse is disabled with its reason", () => {
  assert.match(guestAction(suite({ serviceState: "out_of_order" })).blocked, /^Out of order/);
  assert.match(guestAction(suite({ serviceState: "out_of_service" })).blocked, /^Out of service/);
});

test("service state: out of service is confirmed (with a warning for a guest), out of order is explained", () => {
  const out = serviceAction(suite({ occupancy: "occupied" }));
  assert.deepEqual(out.changes, { serviceState: "out_of_service" });
  assert.match(out.question.warning, /guest is checked in/);
  const back = serviceAction(suite({ serviceState: "out_of_service" }));
  assert.deepEqual(back.changes, { serviceState: "in_service" });
  assert.equal(back.question, null);
  const blocked = serviceAction(suite({ serviceState: "out_of_order" }));
  assert.equal(blocked.changes, null);
  assert.match(blocked.blocked, /blocking maintenance task/);
});

test("only a vacant clean suite can be inspected", () => {
  assert.equal(inspectBlocked(suite({ condition: "clean" })), "");
  assert.match(inspectBlocked(suite({ condition: "clean", occupancy: "occupied" })), /^Occupied/);
  assert.match(inspectBlocked(suite({ condition: "dirty" })), /^Dirty/);
  assert.match(inspectBlocked(suite({})), /Already inspected/);
});

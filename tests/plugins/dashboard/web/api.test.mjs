// The board's REST client: the version a change was decided on goes out as
// If-Match, refusals carry the envelope's message, and a request that got no
// answer never surfaces as the browser's raw "Failed to fetch".
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ApiError, createApi } from "../../../../plugins/dashboard/web/src/api.js";
import { failureText } from "../../../../plugins/dashboard/web/src/failures.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const answer = (status, body) => ({ ok: status < 300, status, statusText: "", text: async () => JSON.stringify(body) });

test("a suite change carries If-Match with the version the user saw", async () => {
  let sent;
  globalThis.fetch = async (path, init) => {
    sent = { path, ...init };
    return answer(200, { id: 4, occupancy: "vacant", version: 8 });
  };
  await createApi("t").updateSuite({ id: 4, version: 7 }, { occupancy: "vacant" });
  assert.equal(sent.path, "/api/suites/4");
  assert.equal(sent.method, "PATCH");
  assert.equal(sent.headers["If-Match"], '"7"');
  assert.equal(sent.headers.Authorization, "Bearer t");
});

test("a refusal carries the envelope's message (validation messages joined)", async () => {
  globalThis.fetch = async () => answer(412, { statusCode: 412, message: "Suite 4 is at version 8, not 7" });
  await assert.rejects(createApi("t").updateSuite({ id: 4, version: 7 }, {}),
                       { status: 412, message: "Suite 4 is at version 8, not 7" });
  globalThis.fetch = async () => answer(400, { statusCode: 400, message: ["note must be a string", "x"] });
  await assert.rejects(createApi("t").taskAction(1, "complete", {}), { status: 400, message: "note must be a string; x" });
});

test("no answer: the user learns what that means for the change, not 'Failed to fetch'", async () => {
  globalThis.fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  await assert.rejects(createApi("t").taskAction(1, "start"), (error) =>
    error.status === 0 && /change may not have been made/.test(error.message) && !/Failed to fetch/.test(error.message));
  await assert.rejects(createApi(null).login("a@b.c", "x"), (error) =>
    error.status === 0 && /could not be reached/.test(error.message) && !/change/.test(error.message));
});

test("a 401 on an authenticated call ends the session", async () => {
  let ended = false;
  globalThis.fetch = async () => answer(401, { statusCode: 401, message: "Unauthorized" });
  await assert.rejects(createApi("t", () => (ended = true)).suites(), { status: 401 });
  assert.equal(ended, true);
});

test("a failed action reads as the server's refusal, or as what a lost request means", () => {
  assert.equal(failureText("Check-in of suite 108", new ApiError(409, "Suite 8 is out_of_order")),
               "Check-in of suite 108 was refused: Suite 8 is out_of_order.");
  assert.match(failureText("Check-in of suite 108", new ApiError(412, "Suite 8 is at version 2, not 1")),
               /^Check-in of suite 108 was refused: Suite 8 is at version 2, not 1\. It changed meanwhile/);
  assert.equal(failureText("Start “Clean suite 104”", new ApiError(0, "You are offline: nothing was sent.")),
               "Start “Clean suite 104”: You are offline: nothing was sent.");
});

// The offline queue's pure functions (app/static/js/modules/queue.js), under Node's own
// test runner: run by tests/unit/test_javascript.py, so `make test` covers them.
import assert from "node:assert/strict";
import test from "node:test";

import { expired, newChange, outcome, toSend, wordsOf } from "../../app/static/js/modules/queue.js";

const change = (seq, extra = {}) => ({
  ...newChange({ url: "/plan/crisis-plan/allergies/a1", fields: [["text", `words ${seq}`]], viewer: "v1", now: seq, id: `id-${seq}` }),
  seq,
  ...extra,
});

test("a change never keeps the page's security token or an old change id", () => {
  const made = newChange({
    url: "/plan/x",
    fields: [["csrf_token", "secret"], ["change_id", "old"], ["text", "Call Mum"], ["base_version", "3"]],
    viewer: "v1",
    now: 5,
    id: "new-id",
  });
  assert.deepEqual(made.fields, [["text", "Call Mum"], ["base_version", "3"]]);
  assert.equal(made.change_id, "new-id");
  assert.equal(made.state, "waiting");
});

test("the words shown back are what the person typed, not hidden fields", () => {
  const made = newChange({
    url: "/plan/x",
    fields: [["base_version", "3"], ["entry_id", "abc"], ["text", "Call Mum"], ["phone", "  "], ["direction", "up"]],
    viewer: "v1", now: 1, id: "x",
  });
  assert.deepEqual(wordsOf(made), ["Call Mum"]);
});

test("changes go in the order they were made, whatever order they are stored in", () => {
  const changes = [change(3), change(1), change(2)];
  assert.deepEqual(toSend(changes, "v1").map((c) => c.seq), [1, 2, 3]);
});

test("only this person's waiting changes are sent", () => {
  const changes = [change(1, { viewer: "someone-else" }), change(2, { state: "refused" }), change(3), change(4, { state: "conflict" })];
  assert.deepEqual(toSend(changes, "v1").map((c) => c.seq), [3]);
});

test("the server's answer: saved, clashed, refused, to check, or later", () => {
  const base = "http://localhost/";
  assert.equal(outcome({ status: 200, redirected: true, url: base + "plan/crisis-plan" }), "sent");
  assert.equal(outcome({ status: 200, redirected: true, url: base + "plan/crisis-plan/conflicts/12" }), "conflict");
  assert.equal(outcome({ status: 403, redirected: false, url: base + "people/4/plan/crisis-plan/x" }), "refused");
  assert.equal(outcome({ status: 404, redirected: false, url: base + "plan/crisis-plan/x" }), "refused");
  assert.equal(outcome({ status: 200, redirected: false, url: base + "plan/crisis-plan/allergies/a1" }), "check");
  assert.equal(outcome({ status: 401, redirected: false, url: base + "plan/x" }), "signed-out");
  assert.equal(outcome({ status: 200, redirected: true, url: base + "auth/sign-in?next=/plan" }), "signed-out");
  assert.equal(outcome({ status: 400, redirected: false, url: base + "plan/x" }), "retry-token");
  for (const status of [409, 429, 500, 502, 503]) {
    assert.equal(outcome({ status, redirected: false, url: base + "plan/x" }), "later");
  }
});

test("a copy is forgotten after the sign-in's idle time, or after the longest it may be kept", () => {
  const day = 86400000;
  const device = { viewer: "v1", seen: 0, idle: 1800 };
  assert.equal(expired(device, 1799 * 1000, 30 * day), false);
  assert.equal(expired(device, 1801 * 1000, 30 * day), true);
  const remembered = { viewer: "v1", seen: 0, idle: 30 * 86400 };
  assert.equal(expired(remembered, 29 * day, 30 * day), false);
  assert.equal(expired({ viewer: "v1", seen: 0, idle: 0 }, 31 * day, 30 * day), true);
  assert.equal(expired(null, 0, 0), false); // nothing known: nothing to forget
});

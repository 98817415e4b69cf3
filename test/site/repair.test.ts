// All problems at once: a refused value with a suggested one takes it for the rest of the run.
import { withSuggestedValues } from "../../site/repair";

const raw = {
  global: { management: { ipv4: "10.10.20.1/24" } },
  tenants: [{ id: 20, nmae: "lab" }],
};

test("a host-bits prefix takes its suggestion; the input is left as it was", () => {
  const got = withSuggestedValues(raw, [
    {
      path: "global.management.ipv4",
      input: "10.10.20.1/24",
      message: "has host bits set",
      fix: "did you mean 10.10.20.0/24?",
    },
  ]);
  expect(got?.raw).toEqual({
    global: { management: { ipv4: "10.10.20.0/24" } },
    tenants: [{ id: 20, nmae: "lab" }],
  });
  expect([...(got?.paths ?? [])]).toEqual(["global.management.ipv4"]);
  expect(raw.global.management.ipv4).toBe("10.10.20.1/24");
});

test("a key's suggestion, a value that is not the input, or no suggestion replaces nothing", () => {
  expect(
    withSuggestedValues(raw, [
      {
        path: "tenants[0].nmae",
        input: "lab",
        message: "is not a known key",
        fix: "did you mean name?",
      },
      {
        path: "global.management.ipv4",
        input: "10.10.20.9/24",
        message: "x",
        fix: "did you mean 1?",
      },
      { path: "tenants[0].id", input: "20", message: "is a duplicate tenant id" },
    ]),
  ).toBe(undefined);
});

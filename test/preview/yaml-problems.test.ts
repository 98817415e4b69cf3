// YAML syntax errors of a stack file, each a problem at file:line:column with its fix (msgs item
// 3: the YAML library's "Map keys must be unique" came without a fix and without the key).
import { formatProblem, SiteError } from "../../addressing/problems";
import { parseStackFile } from "../../preview/stack-file";

/** The problems a stack file's text is refused with, formatted. */
function problems(text: string): string[] {
  try {
    parseStackFile(text, "homelab", "Pulumi.x.yaml");
  } catch (e) {
    if (e instanceof SiteError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

test("a key repeated in a block map names the key, both lines and the fix", () => {
  expect(
    problems(
      [
        "config:",
        "  homelab:site:",
        "    name: home",
        "    description: x",
        "    name: lab",
        "",
      ].join("\n"),
    ),
  ).toEqual([
    'Pulumi.x.yaml:5:5: "name: lab": repeats the key name of line 3 in one map (YAML: "Map keys must be unique"), and a map holds each key once; merge the two name entries into one, or remove one of them',
  ]);
});

test("a namespaced key repeated under config, and a key repeated in a flow map", () => {
  expect(
    problems(
      [
        "config:",
        "  homelab:hosts: [{ name: pve1, id: 1, id: 2 }]",
        "  homelab:site: { name: home }",
        "  homelab:hosts: []",
        "",
      ].join("\n"),
    ),
  ).toEqual([
    'Pulumi.x.yaml:2:40: "homelab:hosts: [{ name: pve1, id: 1, id: 2 }]": repeats the key id of line 2 in one map (YAML: "Map keys must be unique"), and a map holds each key once; merge the two id entries into one, or remove one of them',
    'Pulumi.x.yaml:4:3: "homelab:hosts: []": repeats the key homelab:hosts of line 2 in one map (YAML: "Map keys must be unique"), and a map holds each key once; merge the two homelab:hosts entries into one, or remove one of them',
  ]);
});

test("any other syntax error names a fix too", () => {
  expect(problems("config:\n  homelab:site: { name: home\n")).toEqual([
    'Pulumi.x.yaml:3:1: "": Flow map in block collection must be sufficiently indented and end with a }; correct the YAML at this line (`key: value` pairs, list items after `- `, indent by spaces); Pulumi.example.yaml shows the form',
  ]);
});

// homelab:proxmoxApiToken has the form the Proxmox provider takes, USER@REALM!TOKENID=SECRET; a
// value of another form is refused without being quoted.
import { formatProblem, Problem } from "../../addressing/problems";
import { proxmoxApiTokenSchema } from "../../site/secrets";

const check = (value: unknown): string | string[] => {
  const problems: Problem[] = [];
  return (
    proxmoxApiTokenSchema().check(value, "proxmoxApiToken", problems) ?? problems.map(formatProblem)
  );
};

test.each([
  "root@pam!pulumi=8d3f0c2e-5b1a-4c7e-9f00-6a1b2c3d4e5f",
  "terraform@pve!provider=00000000-1111",
  "svc.deploy@ldap-corp!ci_1=abc",
])("%s is accepted", (token) => {
  expect(check(token)).toBe(token);
});

test.each([
  ["the secret alone", "8d3f0c2e-5b1a-4c7e-9f00-6a1b2c3d4e5f"],
  ["no realm", "root!pulumi=8d3f0c2e"],
  ["no secret", "root@pam!pulumi"],
  ["a space", "root@pam!pulumi= 8d3f0c2e"],
  ["not a string", 42],
])("%s is refused, quoted as [secret]", (_what, token) => {
  expect(check(token)).toEqual([
    'proxmoxApiToken: "[redacted]": is not in the form of a Proxmox API token (the user ID user@realm, then !, the token ID, = and the secret); copy the token ID and the secret Proxmox showed when the token was made (Datacenter, Permissions, API Tokens)',
  ]);
});

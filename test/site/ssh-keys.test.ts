// SSH keys in the stack config: public keys in plain text are checked for the authorized_keys form
// and fingerprinted as OpenSSH does; a private key pasted where a public key belongs is refused
// without being quoted; homelab:routerSshKey must be a whole private key.
import { formatProblem, Problem } from "../../addressing/problems";
import {
  parseSshPublicKey,
  sshFingerprint,
  sshPrivateKey,
  sshPublicKeys,
} from "../../site/ssh-keys";
import {
  ECDSA,
  ECDSA_FP,
  ED25519,
  ED25519_FP,
  PRIVATE,
  RSA,
  RSA_FP,
  THROWAWAY_PRIVATE_BODY,
  THROWAWAY_PUBLIC,
} from "../fixtures/secrets/keys";

const check = (schema: ReturnType<typeof sshPublicKeys>, value: unknown): string[] => {
  const problems: Problem[] = [];
  const out = schema.check(value, "vmSshKeys", problems);
  return out === undefined ? problems.map(formatProblem) : [];
};

test.each([
  [ED25519, ED25519_FP],
  [ECDSA, ECDSA_FP],
  [RSA, RSA_FP],
])("%#: the fingerprint is the one ssh-keygen -lf prints", (line, fp) => {
  const key = parseSshPublicKey(line);
  expect(key).toEqual({
    type: line.split(" ")[0],
    blob: line.split(" ")[1],
    comment: "admin@example",
    fingerprint: fp,
  });
  expect(sshFingerprint(line.split(" ")[1])).toBe(fp);
});

test("several keys, comments and blank lines are accepted as written", () => {
  const value = `# laptop\n${ED25519}\n\n${RSA}\n${ECDSA.split(" ").slice(0, 2).join(" ")}\n`;
  const problems: Problem[] = [];
  expect(sshPublicKeys().check(value, "vmSshKeys", problems)).toBe(value);
  expect(problems).toEqual([]);
});

test("a private key is refused without quoting any of it", () => {
  expect(check(sshPublicKeys(), `${ED25519}\n${PRIVATE}`)).toEqual([
    'vmSshKeys: "[redacted]": holds an SSH private key, which must never be in a stack file; give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one',
  ]);
  expect(check(sshPublicKeys(), "-----BEGIN RSA PRIVATE KEY-----\nMIIE")).toHaveLength(1);
});

const [ed, edBlob] = ED25519.split(" ");
const rsaBlob = RSA.split(" ")[1];
const fix =
  "copy the line whole from the key's .pub file (ssh-keygen -y -f <private key file> prints it)";

test.each([
  [
    `ssh-dss ${edBlob}`,
    `vmSshKeys: "[redacted]": key 1 of 1 is a DSA key, which OpenSSH has refused by default since 7.0 and removed in 10.0; ${fix}`,
  ],
  [
    "PuTTY-User-Key-File-3: ssh-ed25519",
    `vmSshKeys: "[redacted]": key 1 of 1 does not start with an SSH public key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519@openssh.com or sk-ecdsa-sha2-nistp256@openssh.com); ${fix}`,
  ],
  [ed, `vmSshKeys: "[redacted]": key 1 of 1 has no key data after ssh-ed25519; ${fix}`],
  [
    `${ed} ${edBlob.slice(0, 30)}`,
    `vmSshKeys: "[redacted]": key 1 of 1 has key data after ssh-ed25519 that is not base64; ${fix}`,
  ],
  [
    `${ed} ${rsaBlob} admin@example`,
    `vmSshKeys: "[redacted]": key 1 of 1 has key data that is not an ssh-ed25519 key (it says ssh-rsa): was the line cut or two keys mixed?; ${fix}`,
  ],
])("the line %s is refused", (line, message) => {
  expect(check(sshPublicKeys(), line)).toEqual([message]);
});

const PRIVATE_FIX =
  "give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one";

test.each([
  [
    "the whole body",
    [THROWAWAY_PUBLIC, ...THROWAWAY_PRIVATE_BODY],
    `vmSshKeys: "[redacted]": keys 2 to 6 of 6 are the body of a pasted SSH private key (base64 starting b3BlbnNzaC1rZXktdjE, "openssh-key-v1"), which must never be in a stack file; ${PRIVATE_FIX}`,
  ],
  [
    "the body without its first line",
    [THROWAWAY_PUBLIC, ...THROWAWAY_PRIVATE_BODY.slice(1)],
    `vmSshKeys: "[redacted]": keys 2 to 5 of 5 are the body of a pasted SSH private key (lines of bare base64 with no key type before them), which must never be in a stack file; ${PRIVATE_FIX}`,
  ],
  [
    "its last two lines between public keys",
    [THROWAWAY_PUBLIC, ...THROWAWAY_PRIVATE_BODY.slice(3), ED25519],
    `vmSshKeys: "[redacted]": keys 2 to 3 of 4 are the body of a pasted SSH private key (lines of bare base64 with no key type before them), which must never be in a stack file; ${PRIVATE_FIX}`,
  ],
  [
    "its first line alone",
    [THROWAWAY_PRIVATE_BODY[0]],
    `vmSshKeys: "[redacted]": key 1 of 1 is the body of a pasted SSH private key (base64 starting b3BlbnNzaC1rZXktdjE, "openssh-key-v1"), which must never be in a stack file; ${PRIVATE_FIX}`,
  ],
])(
  "a private key body pasted without BEGIN/END (%s) is named as one; no line of it is quoted",
  (_what, lines, message) => {
    const out = check(sshPublicKeys(), lines.join("\n"));
    expect(out).toEqual([message]);
    // Each body line past the 19 characters every OpenSSH key starts with (b3BlbnNzaC1rZXktdjE).
    for (const line of THROWAWAY_PRIVATE_BODY) {
      for (const o of out) expect(o).not.toContain(line.slice(19, 35));
    }
  },
);

test("a short word on its own line is a bad line, not a private key", () => {
  expect(check(sshPublicKeys(), `${ED25519}\nlaptop`)).toEqual([
    `vmSshKeys: "[redacted]": key 2 of 2 does not start with an SSH public key type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519@openssh.com or sk-ecdsa-sha2-nistp256@openssh.com); ${fix}`,
  ]);
});

test("only comments: no key", () => {
  expect(check(sshPublicKeys(), "# none yet\n")).toEqual([
    'vmSshKeys: "[redacted]": holds no SSH public key; give one key per line, as in ~/.ssh/id_ed25519.pub: "ssh-ed25519 AAAA... you@laptop"',
  ]);
});

test("routerSshKey takes a whole private key; a public key or a cut key is refused, unquoted", () => {
  const at = (value: unknown) => {
    const problems: Problem[] = [];
    return sshPrivateKey().check(value, "routerSshKey", problems) ?? problems.map(formatProblem);
  };
  expect(at(PRIVATE)).toBe(PRIVATE);
  expect(at(ED25519)).toEqual([
    'routerSshKey: "[secret]": is an SSH public key; this key takes the private key Pulumi logs in with; give the private key file whole (the one without .pub): "$(cat ~/.ssh/<key>)"',
  ]);
  expect(at("hunter2")).toEqual([
    'routerSshKey: "[secret]": is not an SSH private key: it has no -----BEGIN ... PRIVATE KEY----- line; give the private key file whole (the one without .pub): "$(cat ~/.ssh/<key>)"',
  ]);
  expect(at(PRIVATE.split("-----END")[0])).toEqual([
    'routerSshKey: "[secret]": has no -----END ... PRIVATE KEY----- line: the key was cut; give the private key file whole: "$(cat ~/.ssh/<key>)"',
  ]);
});

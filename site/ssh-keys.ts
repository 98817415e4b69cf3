// SSH keys in the stack config. A public key is not a secret: `homelab:vmSshKeys` may be written in
// plain text, and each line is checked for the OpenSSH authorized_keys form (type, base64 key data
// whose first field names that type, optional comment). A private key is a secret: pasted where a
// public key belongs it is refused without being quoted, and `homelab:routerSshKey` must hold one.
import { createHash } from "crypto";
import { sshKeyLines } from "../render/cloud-init/user-data";
import { Schema, secureJson } from "./schema";

/**
 * The public key types OpenSSH accepts in authorized_keys (sshd_config(5) PubkeyAcceptedAlgorithms,
 * OpenSSH 9.x defaults), by the name the key line and its key data both start with.
 */
export const SSH_KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

const TYPES_TEXT =
  "ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519@openssh.com or sk-ecdsa-sha2-nistp256@openssh.com";

/** The first line of a PEM or OpenSSH private key file (RFC 7468 labels, `OPENSSH PRIVATE KEY`). */
const PRIVATE_KEY_BEGIN = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;
const PRIVATE_KEY_END = /-----END ([A-Z0-9]+ )*PRIVATE KEY-----/;

/** Whether `text` holds a private key block (its first line is enough to know). */
export function holdsPrivateKey(text: string): boolean {
  return PRIVATE_KEY_BEGIN.test(text);
}

/** One checked authorized_keys line. */
export interface SshPublicKey {
  readonly type: string;
  /** The key data as written (base64). */
  readonly blob: string;
  readonly comment?: string;
  /** OpenSSH's fingerprint, as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64. */
  readonly fingerprint: string;
}

/**
 * OpenSSH's SHA256 fingerprint of a key's base64 data (`ssh-keygen -l -E sha256`): the SHA-256
 * of the decoded key blob, base64 without padding.
 */
export function sshFingerprint(blob: string): string {
  const digest = createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

/**
 * Reads one authorized_keys line: `<type> <base64> [comment]`. The key data is the SSH wire
 * format (RFC 4253 §6.6): a uint32 length, then the type name, which must match the line's type.
 * Returns what is wrong when it is not such a line.
 */
export function parseSshPublicKey(line: string): SshPublicKey | { problem: string } {
  const [type, blob, ...rest] = line.trim().split(/\s+/);
  if (type === "ssh-dss") {
    return {
      problem: "is a DSA key, which OpenSSH has refused by default since 7.0 and removed in 10.0",
    };
  }
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) {
    return { problem: `does not start with an SSH public key type (${TYPES_TEXT})` };
  }
  if (blob === undefined) return { problem: `has no key data after ${type}` };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob) || blob.length % 4 !== 0) {
    return { problem: `has key data after ${type} that is not base64` };
  }
  const data = Buffer.from(blob, "base64");
  const n = data.length >= 4 ? data.readUInt32BE(0) : -1;
  const named = n >= 0 && 4 + n <= data.length ? data.subarray(4, 4 + n).toString("latin1") : "";
  if (named !== type) {
    return {
      problem: `has key data that is not an ${type} key${named !== "" && /^[ -~]+$/.test(named) ? ` (it says ${named})` : ""}: was the line cut or two keys mixed?`,
    };
  }
  const comment = rest.join(" ");
  return {
    type,
    blob,
    ...(comment !== "" ? { comment } : {}),
    fingerprint: sshFingerprint(blob),
  };
}

/** A line as quoted in a message: its type and the start of its key data. */
function shortLine(line: string): string {
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}

const PRIVATE_KEY_FIX =
  "give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one";

/** A key that fits the stand-in rules: type ssh-ed25519, 32 zero bytes. Never shown. */
const STAND_IN_KEY = (() => {
  const type = Buffer.from("ssh-ed25519");
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const blob = Buffer.concat([len(type.length), type, len(32), Buffer.alloc(32)]);
  return `ssh-ed25519 ${blob.toString("base64")} offline-secret`;
})();

/**
 * SSH public keys, one per line (authorized_keys form), in plain text or as a secret. A private
 * key is refused without being quoted; a bad line is quoted by its start.
 */
export function sshPublicKeys(): Schema<string> {
  return {
    typeName: "string (SSH public keys) or secret",
    standIn: STAND_IN_KEY,
    json: () => ({
      anyOf: [
        { type: "string", minLength: 1 },
        {
          type: "object",
          properties: { secure: { type: "string", minLength: 1 } },
          required: ["secure"],
          additionalProperties: false,
        },
      ],
    }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({
          path,
          input: "[redacted]",
          message: "must be text: SSH public keys, one per line",
        });
        return undefined;
      }
      if (holdsPrivateKey(value)) {
        problems.push({
          path,
          input: "[redacted]",
          message: "holds an SSH private key, which must never be in a stack file",
          fix: PRIVATE_KEY_FIX,
        });
        return undefined;
      }
      const lines = sshKeyLines(value);
      if (lines.length === 0) {
        problems.push({
          path,
          input: value.trim().slice(0, 40),
          message: "holds no SSH public key",
          fix: 'give one key per line, as in ~/.ssh/id_ed25519.pub: "ssh-ed25519 AAAA... you@laptop"',
        });
        return undefined;
      }
      const before = problems.length;
      lines.forEach((line, i) => {
        const key = parseSshPublicKey(line);
        if ("problem" in key) {
          problems.push({
            path,
            input: shortLine(line),
            message: `key ${i + 1} of ${lines.length} ${key.problem}`,
            fix: "copy the line whole from the key's .pub file (ssh-keygen -y -f <private key file> prints it)",
          });
        }
      });
      return problems.length === before ? value : undefined;
    },
  };
}

/** A private key as a Pulumi secret: PEM or OpenSSH form, BEGIN and END lines both present. */
export function sshPrivateKey(): Schema<string> {
  return {
    typeName: "secret string (SSH private key)",
    standIn:
      "-----BEGIN OPENSSH PRIVATE KEY-----\nofflinesecret\n-----END OPENSSH PRIVATE KEY-----\n",
    json: secureJson,
    check(value, path, problems) {
      const fail = (message: string, fix: string): undefined => {
        problems.push({ path, input: "[secret]", message, fix });
        return undefined;
      };
      if (typeof value !== "string" || value.length === 0) {
        return fail("must be a non-empty string", 'set it from the key file: "$(cat <key file>)"');
      }
      if (!holdsPrivateKey(value)) {
        const pub = sshKeyLines(value).some((l) => !("problem" in parseSshPublicKey(l)));
        return fail(
          pub
            ? "is an SSH public key; this key takes the private key Pulumi logs in with"
            : "is not an SSH private key: it has no -----BEGIN ... PRIVATE KEY----- line",
          'give the private key file whole (the one without .pub): "$(cat ~/.ssh/<key>)"',
        );
      }
      if (!PRIVATE_KEY_END.test(value)) {
        return fail(
          "has no -----END ... PRIVATE KEY----- line: the key was cut",
          'give the private key file whole: "$(cat ~/.ssh/<key>)"',
        );
      }
      return value;
    },
  };
}

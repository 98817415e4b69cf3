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
      problem: `has key data that is not an ${type} key${(SSH_KEY_TYPES as readonly string[]).includes(named) || named === "ssh-dss" ? ` (it says ${named})` : ""}: was the line cut or two keys mixed?`,
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

/** A line of bare base64 (no key type, no comment): the body of a private key file. */
const BARE_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The first body line of an OpenSSH private key: base64 of its magic "openssh-key-v1\0" (OpenSSH PROTOCOL.key). */
const OPENSSH_KEY_V1 = "b3BlbnNzaC1rZXktdjE";

/**
 * Whether line `i` of `lines` is part of a pasted private key body: it starts with the OpenSSH
 * private key magic, or it is bare base64 of 20+ characters, or bare base64 next to such a line
 * (the short last line of a block). A public key line always starts with its type, never so.
 */
function privateBodyLine(lines: readonly string[], i: number): boolean {
  const long = (l: string | undefined) =>
    l !== undefined && BARE_BASE64.test(l) && (l.length >= 20 || l.startsWith(OPENSSH_KEY_V1));
  if (lines[i].startsWith(OPENSSH_KEY_V1) || long(lines[i])) return true;
  return BARE_BASE64.test(lines[i]) && (long(lines[i - 1]) || long(lines[i + 1]));
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
 * SSH public keys, one per line (authorized_keys form), in plain text or as a secret. No line
 * that is not a valid public key is ever quoted (it may be part of a private key): a bad line is
 * named by its number and what is wrong, its input shown as "[redacted]". A private key block,
 * or its body without the BEGIN/END lines (bare base64 lines), is named as a pasted private key.
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
          input: "[redacted]",
          message: "holds no SSH public key",
          fix: 'give one key per line, as in ~/.ssh/id_ed25519.pub: "ssh-ed25519 AAAA... you@laptop"',
        });
        return undefined;
      }
      const before = problems.length;
      const n = lines.length;
      for (let i = 0; i < n; i++) {
        if (privateBodyLine(lines, i)) {
          let last = i;
          while (last + 1 < n && privateBodyLine(lines, last + 1)) last++;
          const which =
            last > i ? `keys ${i + 1} to ${last + 1} of ${n} are` : `key ${i + 1} of ${n} is`;
          problems.push({
            path,
            input: "[redacted]",
            message: `${which} the body of a pasted SSH private key (${lines[i].startsWith(OPENSSH_KEY_V1) ? `base64 starting ${OPENSSH_KEY_V1}, "openssh-key-v1"` : "lines of bare base64 with no key type before them"}), which must never be in a stack file`,
            fix: PRIVATE_KEY_FIX,
          });
          i = last;
          continue;
        }
        const key = parseSshPublicKey(lines[i]);
        if ("problem" in key) {
          problems.push({
            path,
            input: "[redacted]",
            message: `key ${i + 1} of ${n} ${key.problem}`,
            fix: "copy the line whole from the key's .pub file (ssh-keygen -y -f <private key file> prints it)",
          });
        }
      }
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

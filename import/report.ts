// What an import read and could not express in the stack, with the file and line it came from.
// Every finding's text and why pass through redactConfigLine when recorded, so that no echo of
// it (import-report.md, the console) shows a secret of a `/export show-sensitive` line.

import { redactConfigLine } from "../addressing/quote";

/** One line or object read and not expressed in the stack file (or expressed by an assumption). */
export interface Finding {
  /** The group it is listed under in import-report.md, e.g. "RouterOS firewall filter rules". */
  readonly kind: string;
  readonly file: string;
  /** 1-based line the entry starts on. */
  readonly line: number;
  /** The text read, as in the file (one line), sensitive values "[redacted]" (redactConfigLine). */
  readonly text: string;
  /** Why it is not in the stack file, or what was assumed, and what to do. */
  readonly why: string;
}

/** `f` with its text and why as they may be shown: sensitive values "[redacted]". */
function redactFinding(f: Finding): Finding {
  return { ...f, text: redactConfigLine(f.text), why: redactConfigLine(f.why) };
}

/** Per input file: entries read, expressed in the stack file, listed in the report. */
export interface FileCount {
  readonly file: string;
  read: number;
  expressed: number;
  reported: number;
}

/** Counts per file and the findings, filled while the importers run. */
export class Report {
  readonly findings: Finding[] = [];
  readonly counts: FileCount[] = [];

  private count(file: string): FileCount {
    let c = this.counts.find((x) => x.file === file);
    if (!c) {
      c = { file, read: 0, expressed: 0, reported: 0 };
      this.counts.push(c);
    }
    return c;
  }

  /**
   * Entries written into the stack file that say something of the site: not counting those that
   * every site has and the stack implies (`iface lo inet loopback`). None: nothing was imported.
   */
  imported = 0;

  /**
   * An entry read and written into the stack file. `implied`: the stack holds it without a key
   * (a host's loopback stanza): expressed, but not something imported.
   */
  expressed(file: string, implied = false): void {
    const c = this.count(file);
    c.read++;
    c.expressed++;
    if (!implied) this.imported++;
  }

  /** An entry read and not (or not fully) expressed: listed in the report. */
  reported(f: Finding): void {
    const c = this.count(f.file);
    c.read++;
    c.reported++;
    this.findings.push(redactFinding(f));
  }

  /** An assumption made on an entry already counted as expressed: listed, not counted again. */
  assumed(f: Omit<Finding, "kind">, kind = "Assumptions made"): void {
    this.findings.push(redactFinding({ ...f, kind }));
  }
}

/** import-report.md: the counts, then each finding grouped by kind, in reading order. */
export function reportMarkdown(stackFile: string, report: Report): string {
  const out: string[] = [
    "# Import report",
    "",
    `What \`npm run import\` read and could not express in \`${stackFile}\`, by kind, with the file and line. Nothing read is left out: each entry is either in the stack file or listed here.`,
    "",
    "| File | Read | Expressed | Reported |",
    "| --- | --: | --: | --: |",
    ...report.counts.map((c) => `| ${c.file} | ${c.read} | ${c.expressed} | ${c.reported} |`),
  ];
  const kinds = [...new Set(report.findings.map((f) => f.kind))];
  for (const kind of kinds) {
    out.push("", `## ${kind}`, "");
    for (const f of report.findings.filter((x) => x.kind === kind))
      out.push(
        `- ${f.file}${f.line > 0 ? `:${f.line}` : ""}: \`${f.text.replace(/`/g, "'")}\`: ${f.why}`,
      );
  }
  if (kinds.length === 0) out.push("", "Everything read is in the stack file.");
  return out.join("\n") + "\n";
}

// Parser for the part of the RouterOS script language the renderer emits, and nothing more:
// anything else is a syntax error, so a renderer change that leaves this subset fails the tests
// instead of silently passing through a permissive fake.

export type Tok =
  | { readonly t: "word"; readonly v: string; readonly spaced: boolean }
  | { readonly t: "str"; readonly v: string; readonly spaced: boolean }
  | { readonly t: "var"; readonly v: string; readonly spaced: boolean }
  | { readonly t: "punct"; readonly v: string; readonly spaced: boolean };

export type Expr =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "word"; readonly v: string }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "var"; readonly name: string }
  | { readonly t: "array"; readonly items: readonly Expr[] }
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "tostr"; readonly e: Expr }
  | { readonly t: "len"; readonly e: Expr }
  | { readonly t: "find"; readonly in: Expr; readonly sub: Expr }
  | { readonly t: "pick"; readonly in: Expr; readonly start: Expr; readonly end: Expr }
  | { readonly t: "cmd"; readonly cmd: Cmd }
  | { readonly t: "not"; readonly e: Expr }
  | {
      readonly t: "bin";
      readonly op: "=" | "!=" | "and" | ".";
      readonly l: Expr;
      readonly r: Expr;
    };

/** One condition of `find where`: `prop=value`, `prop~regex`, or `!(prop~regex)`. */
export interface Where {
  readonly prop: string;
  readonly op: "=" | "~";
  readonly value: Expr;
  readonly negate: boolean;
}

export interface Cmd {
  readonly menu: string;
  readonly verb: "add" | "set" | "remove" | "find" | "get";
  readonly target?: Expr;
  readonly args: readonly (readonly [string, Expr])[];
  /** `find where` conditions, all of which must hold (`and`). */
  readonly where?: readonly Where[];
  readonly prop?: string;
}

export type Stmt =
  | { readonly t: "block"; readonly body: readonly Stmt[] }
  | { readonly t: "local" | "set"; readonly name: string; readonly value: Expr }
  | {
      readonly t: "foreach";
      readonly name: string;
      readonly in: Expr;
      readonly body: readonly Stmt[];
    }
  | {
      readonly t: "if";
      readonly cond: Expr;
      readonly then: readonly Stmt[];
      readonly else?: readonly Stmt[];
    }
  | { readonly t: "put"; readonly value: Expr }
  | { readonly t: "error"; readonly value: Expr }
  | { readonly t: "cmd"; readonly cmd: Cmd };

// The escapes RouterOS documents for string constants; `\XX` is a byte in uppercase hex.
const NAMED: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  $: "$",
  "?": "?",
  n: "\n",
  r: "\r",
  t: "\t",
  _: " ",
};

function readString(src: string, start: number): { v: string; end: number } {
  let v = "";
  for (let i = start + 1; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') return { v, end: i + 1 };
    if (ch === "\n" || ch === "\r") throw new Error("raw line break inside a string literal");
    if (ch === "$")
      throw new Error(
        `unescaped $ inside a string literal would substitute: ${src.slice(i, i + 8)}`,
      );
    if (ch !== "\\") {
      v += ch;
      continue;
    }
    const next = src[i + 1];
    const hex = src.slice(i + 1, i + 3);
    if (NAMED[next] !== undefined) {
      v += NAMED[next];
      i += 1;
    } else if (/^[0-9A-F]{2}$/.test(hex)) {
      v += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else {
      throw new Error(`unknown escape \\${next} in a string literal`);
    }
  }
  throw new Error("unterminated string literal");
}

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let spaced = true;
  let lineStart = true;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      spaced = true;
      i++;
    } else if (ch === "\n") {
      toks.push({ t: "punct", v: "\n", spaced });
      spaced = true;
      lineStart = true;
      i++;
      continue;
    } else if (ch === "#" && lineStart) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (ch === '"') {
      const s = readString(src, i);
      toks.push({ t: "str", v: s.v, spaced });
      i = s.end;
      spaced = false;
    } else if (ch === "$") {
      const m = /^\$([a-z][a-z0-9]*)/.exec(src.slice(i));
      if (!m) throw new Error(`bad variable reference at ${JSON.stringify(src.slice(i, i + 10))}`);
      toks.push({ t: "var", v: m[1], spaced });
      i += m[0].length;
      spaced = false;
    } else if (src.startsWith("!=", i)) {
      toks.push({ t: "punct", v: "!=", spaced });
      i += 2;
      spaced = false;
    } else if ("{}[]()=;~!".includes(ch)) {
      toks.push({ t: "punct", v: ch, spaced });
      i++;
      spaced = false;
    } else if (/[\t\r\\]/.test(ch)) {
      throw new Error(`unexpected ${JSON.stringify(ch)} outside a string literal`);
    } else {
      const m = /^[^\s"{}[\]()=;~!$]+/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: "word", v: m[0], spaced });
      i += m[0].length;
      spaced = false;
    }
    lineStart = false;
  }
  return toks;
}

const MENUS_RE = /^(\/[a-z0-9-]+)+$/;

export class Parser {
  private pos = 0;
  constructor(private readonly toks: readonly Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private next(): Tok {
    const t = this.toks[this.pos++];
    if (!t) throw new Error("unexpected end of script");
    return t;
  }

  private fail(what: string): never {
    const t = this.toks[this.pos];
    throw new Error(
      `expected ${what}, got ${t ? `${t.t} ${JSON.stringify(t.v)}` : "end of script"}`,
    );
  }

  private is(t: Tok["t"], v?: string): boolean {
    const k = this.peek();
    return k !== undefined && k.t === t && (v === undefined || k.v === v);
  }

  private expect(t: Tok["t"], v?: string, adjacent = false): Tok {
    if (!this.is(t, v)) this.fail(v === undefined ? t : JSON.stringify(v));
    const tok = this.next();
    if (adjacent && tok.spaced) throw new Error(`no space allowed before ${JSON.stringify(tok.v)}`);
    return tok;
  }

  /** `key=` with nothing between the key, '=' and the value, as RouterOS requires. */
  private keyEq(key: string): void {
    this.expect("word", key);
    this.expect("punct", "=", true);
  }

  script(): Stmt[] {
    const body = this.stmts(false);
    if (this.peek()) this.fail("end of script");
    return body;
  }

  private stmts(inBlock: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      while (this.is("punct", "\n") || this.is("punct", ";")) this.next();
      if (!this.peek() || (inBlock && this.is("punct", "}"))) return out;
      out.push(this.stmt());
      if (
        this.peek() &&
        !this.is("punct", "\n") &&
        !this.is("punct", ";") &&
        !this.is("punct", "}")
      ) {
        this.fail("end of statement");
      }
    }
  }

  private body(): Stmt[] {
    this.expect("punct", "{", true);
    const b = this.stmts(true);
    this.expect("punct", "}");
    return b;
  }

  private stmt(): Stmt {
    if (this.is("punct", "{")) {
      this.next();
      const body = this.stmts(true);
      this.expect("punct", "}");
      return { t: "block", body };
    }
    const head = this.expect("word").v;
    switch (head) {
      case ":local":
      case ":set": {
        const name = this.expect("word").v;
        if (!/^[a-z][a-z0-9]*$/.test(name)) throw new Error(`bad variable name ${name}`);
        return { t: head === ":local" ? "local" : "set", name, value: this.expr() };
      }
      case ":foreach": {
        const name = this.expect("word").v;
        this.keyEq("in");
        const inExpr = this.expr();
        this.keyEq("do");
        return { t: "foreach", name, in: inExpr, body: this.body() };
      }
      case ":if": {
        const cond = this.paren();
        this.keyEq("do");
        const then = this.body();
        if (!this.is("word", "else")) return { t: "if", cond, then };
        this.keyEq("else");
        return { t: "if", cond, then, else: this.body() };
      }
      case ":put":
        return { t: "put", value: this.expr() };
      case ":error":
        return { t: "error", value: this.expr() };
      default:
        if (!head.startsWith("/")) throw new Error(`unknown command ${head}`);
        return { t: "cmd", cmd: this.cmd(head) };
    }
  }

  private cmd(path: string): Cmd {
    const slash = path.lastIndexOf("/");
    const menu = path.slice(0, slash);
    const verb = path.slice(slash + 1);
    if (!MENUS_RE.test(menu)) throw new Error(`not a menu path: ${path}`);
    switch (verb) {
      case "add":
        return { menu, verb, args: this.args() };
      case "set":
        return { menu, verb, target: this.expr(), args: this.args() };
      case "remove":
        return { menu, verb, target: this.expr(), args: [] };
      case "get":
        return { menu, verb, target: this.expr(), args: [], prop: this.expect("word").v };
      case "find": {
        this.expect("word", "where");
        const where = [this.where()];
        while (this.is("word", "and")) {
          this.next();
          where.push(this.where());
        }
        return { menu, verb, args: [], where };
      }
      default:
        throw new Error(`unknown command ${path}`);
    }
  }

  /** `prop=value`, `prop~regex` or `!(prop~regex)`, with no space around the operator. */
  private where(): Where {
    const negate = this.is("punct", "!");
    if (negate) {
      this.next();
      this.expect("punct", "(", true);
    }
    const prop = this.expect("word").v;
    const op = this.next();
    if (op.t !== "punct" || (op.v !== "=" && op.v !== "~") || op.spaced) this.fail("= or ~");
    if (negate && op.v !== "~") throw new Error("only !(prop~regex) is negated in find where");
    const value = this.expr();
    if (negate) this.expect("punct", ")");
    return { prop, op: op.v as "=" | "~", value, negate };
  }

  private args(): [string, Expr][] {
    const out: [string, Expr][] = [];
    while (this.is("word")) {
      const name = this.next().v;
      this.expect("punct", "=", true);
      const value = this.is("word") ? { t: "word" as const, v: this.next().v } : this.expr();
      out.push([name, value]);
    }
    return out;
  }

  private expr(): Expr {
    const tok = this.peek();
    if (!tok) this.fail("an expression");
    if (tok.t === "str") return { t: "str", v: this.next().v };
    if (tok.t === "var") return { t: "var", name: this.next().v };
    if (tok.t === "word" && (tok.v === "true" || tok.v === "false")) {
      return { t: "bool", v: this.next().v === "true" };
    }
    if (tok.t === "word" && /^(0|[1-9][0-9]{0,5})$/.test(tok.v)) {
      return { t: "num", v: Number(this.next().v) };
    }
    if (this.is("punct", "(")) return this.paren();
    if (this.is("punct", "{")) {
      this.next();
      const items: Expr[] = [{ t: "str", v: this.expect("str").v }];
      while (this.is("punct", ";")) {
        this.next();
        items.push({ t: "str", v: this.expect("str").v });
      }
      this.expect("punct", "}");
      return { t: "array", items };
    }
    if (this.is("punct", "[")) {
      this.next();
      const head = this.expect("word").v;
      const e: Expr =
        head === ":tostr"
          ? { t: "tostr", e: this.expr() }
          : head === ":len"
            ? { t: "len", e: this.expr() }
            : head === ":find"
              ? { t: "find", in: this.expr(), sub: this.expr() }
              : head === ":pick"
                ? { t: "pick", in: this.expr(), start: this.expr(), end: this.expr() }
                : { t: "cmd", cmd: this.cmd(head) };
      this.expect("punct", "]");
      return e;
    }
    return this.fail("an expression");
  }

  private paren(): Expr {
    this.expect("punct", "(");
    let e = this.comparison();
    while (this.is("word", "and")) {
      this.next();
      e = { t: "bin", op: "and", l: e, r: this.comparison() };
    }
    this.expect("punct", ")");
    return e;
  }

  private comparison(): Expr {
    const l = this.concat();
    if (this.is("punct", "=") || this.is("punct", "!=")) {
      const op = this.next().v as "=" | "!=";
      return { t: "bin", op, l, r: this.concat() };
    }
    return l;
  }

  private concat(): Expr {
    let e = this.unary();
    while (this.is("word", ".")) {
      this.next();
      e = { t: "bin", op: ".", l: e, r: this.unary() };
    }
    return e;
  }

  private unary(): Expr {
    if (this.is("punct", "!")) {
      this.next();
      return { t: "not", e: this.unary() };
    }
    return this.expr();
  }
}

export function parseScript(src: string): Stmt[] {
  return new Parser(tokenize(src)).script();
}

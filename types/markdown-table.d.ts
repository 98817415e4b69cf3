// markdown-table@2 (the last CommonJS release) ships no types.
declare module "markdown-table" {
  interface Options {
    align?: string | string[];
    padding?: boolean;
    delimiterStart?: boolean;
    delimiterEnd?: boolean;
    alignDelimiters?: boolean;
  }
  function markdownTable(rows: string[][], options?: Options): string;
  export = markdownTable;
}

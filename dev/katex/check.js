// Reads a JSON list of {"tex", "display"} on stdin; prints a JSON list of KaTeX's error messages (null
// where the formula renders), rendering as Markdown viewers do: throwOnError, no macros of the paper.
const katex = require("katex");
let input = "";
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex, display }) => {
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: !!display });
      return null;
    } catch (e) {
      return String(e.message || e);
    }
  });
  process.stdout.write(JSON.stringify(out));
});

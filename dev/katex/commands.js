// Prints the control sequences KaTeX renders, one a line: the names its bundle defines, each kept only
// when KaTeX renders it with up to three arguments. paperkit reads the list to tell, without Node,
// whether a formula can render (dev/katex/README.md says how to refresh it).
const fs = require("fs");
const katex = require("katex");
const src = fs.readFileSync(require.resolve("katex/dist/katex.js"), "utf8");
const names = new Set();
for (const m of src.matchAll(/"(\\\\[A-Za-z]+)"/g)) names.add(m[1].replace(/\\\\/g, "\\"));
// Each name is tried in these places (N stands for it): alone, with arguments, as a delimiter pair
// (\left, \middle), infix (\over), after an operator (\limits), with a dimension (\kern).
const tries = ["N", "N{a}", "N{a}{b}", "N{a}{b}{c}", "N[a]{b}", "N{a}[b]{c}", "N{a}{b}{c}{d}", "N{x_1}",
  "N{c}{a}", "N(a\\right)", "\\left(aN)", "\\left(a N| b\\right)", "aN b", "\\sumN_a", "N1em", "N{1em}",
  "N|", "N(", "a^N", "N a"];
const ok = [];
for (const name of [...names].sort()) {
  for (const t of tries) {
    try {
      katex.renderToString(t.split("N").join(name), { throwOnError: true, displayMode: true });
      ok.push(name);
      break;
    } catch (e) {
      // try the next arity
    }
  }
}
const envs = ["aligned", "alignedat", "gathered", "split", "matrix", "pmatrix", "bmatrix", "Bmatrix",
  "vmatrix", "Vmatrix", "smallmatrix", "cases", "dcases", "rcases", "array", "darray", "subarray",
  "align", "align*", "gather", "gather*", "equation", "equation*", "alignat", "alignat*", "CD"];
for (const env of envs) {
  try {
    const arg = env.startsWith("alignat") ? "{1}" : (env.endsWith("array") ? "{c}" : "");
    katex.renderToString(`\\begin{${env}}${arg}a\\end{${env}}`, { throwOnError: true, displayMode: true });
    ok.push(`{${env}}`);
  } catch (e) {
    // not an environment KaTeX has
  }
}
process.stdout.write(ok.join("\n") + "\n");

// Typeset TeX with KaTeX for the builder: reads a JSON list of
// {tex, display} on stdin, writes a JSON list of {html} or {error}.
// One process renders a whole course, so the build pays Node's start once.
import katex from "katex";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const items = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = items.map(({ tex, display }) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" }) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
});
process.stdout.write(JSON.stringify(results));

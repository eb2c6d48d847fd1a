// Run a Python script inside Pyodide under Node.js, with `import engine` working.
//
//   node tests/pyodide/run.mjs <script.py> [args...]
//
// The Pyodide folder (with the NumPy wheel) comes from $PYODIDE_INDEX_URL, or
// defaults to the vendored copy in .cache/vendor/. The whole engine/ package
// and kernel/ packages are copied into Pyodide's in-memory filesystem under /project, and the
// script runs as __main__ with /project on sys.path. The script's stdout is
// this process's stdout; Pyodide's own loading messages go to stderr.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node tests/pyodide/run.mjs <script.py> [args...]");
  process.exit(2);
}
const indexDir = path.resolve(process.env.PYODIDE_INDEX_URL || path.join(root, ".cache", "vendor", "pyodide-0.27.7"));
if (!existsSync(path.join(indexDir, "pyodide.mjs"))) {
  console.error(`no Pyodide runtime at ${indexDir}: build it with builder.vendor.ensure_runtime()`);
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(path.join(indexDir, "pyodide.mjs")).href);
const log = console.log;
console.log = (...parts) => console.error(...parts); // "Loading numpy" and the like
const pyodide = await loadPyodide({
  indexURL: indexDir + path.sep,
  packages: ["numpy"],
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
console.log = log;

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) {
      if (name !== "__pycache__") copyTree(source, `${to}/${name}`);
    } else if (name.endsWith(".py")) {
      pyodide.FS.writeFile(`${to}/${name}`, readFileSync(source));
    }
  }
}
for (const name of ["engine", "checks", "figures", "kernel"]) copyTree(path.join(root, name), `/project/${name}`);
const scriptPath = path.resolve(script);
const relative = path.relative(root, scriptPath);
const inside = relative.startsWith("..") ? `/scripts/${path.basename(scriptPath)}`
  : "/project/" + relative.split(path.sep).join("/");
pyodide.FS.mkdirTree(path.posix.dirname(inside));
pyodide.FS.writeFile(inside, readFileSync(scriptPath));

pyodide.globals.set("_script", inside);
pyodide.globals.set("_argv", pyodide.toPy([inside, ...args]));
try {
  await pyodide.runPythonAsync(`
import runpy, sys
sys.path.insert(0, "/project")
sys.argv = list(_argv)
runpy.run_path(_script, run_name="__main__")
`);
} catch (error) {
  process.stderr.write(String(error) + "\n");
  process.exit(1);
}

// Compile Python to bytecode inside Pyodide itself, for a runtime that starts faster.
//
//   node builder/precompile.mjs <pyodide-folder> <out-folder> [course-root]
//
// Pyodide ships its standard library and NumPy as .py source and never writes
// bytecode, so every page load compiles ~150 modules inside WebAssembly. This
// starts the stock runtime in <pyodide-folder> (NumPy wheel and lock included),
// imports what a page imports at start-up (NumPy and, given [course-root], the
// course's kernel), and writes .pyc files made by Pyodide's own interpreter, so
// their magic number is the one the browser's Python accepts:
//   <out-folder>/stdlib/<member>.pyc         each standard-library module that was imported
//   <out-folder>/site-packages/numpy/...pyc  every .py file of NumPy
// builder/vendor.py then puts them into the zip and the wheel in place of the sources.
//
//   node builder/precompile.mjs --course <pyodide-folder> <archive.zip> <out-folder> <extract-dir>
//
// compiles every .py in the course's archive as it will sit in the worker
// (under <extract-dir>) into <out-folder>/<package>/__pycache__/<module>.cpython-312.pyc,
// unchecked hash-based: Python uses them without reading the source again, and
// the source stays beside them for tracebacks.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

if (process.argv[2] === "--course") {
  await compileCourse(...process.argv.slice(3));
  process.exit(0);
}
const [indexDir, outDir, courseRoot] = process.argv.slice(2);
if (!indexDir || !outDir) {
  console.error("usage: node builder/precompile.mjs <pyodide-folder> <out-folder> [course-root]");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(indexDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: path.resolve(indexDir) + path.sep,
  packages: ["numpy"],
  stdout: (line) => console.error(line),
  stderr: (line) => console.error(line),
});

// The course's packages, so the standard-library modules its kernel imports count too.
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
if (courseRoot) {
  for (const name of ["engine", "checks", "figures", "kernel"]) copyTree(path.join(courseRoot, name), `/course/${name}`);
}
pyodide.globals.set("with_course", Boolean(courseRoot));

const compiled = pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import os
import sys
import zipfile

import numpy

if with_course:
    sys.path.insert(0, "/course")
    import engine
    import kernel.session

STDLIB_ZIP = "/lib/python312.zip"
SITE = "/lib/python3.12/site-packages"


def bytecode(source, filename):
    # The file name recorded in the code is where the module lives at run time,
    # so tracebacks name the right file even without its source.
    code = compile(source, filename, "exec", dont_inherit=True)
    return bytes(bootstrap._code_to_timestamp_pyc(code, 0, 0))


out = {}
with zipfile.ZipFile(STDLIB_ZIP) as stdlib:
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None) or ""
        if filename.startswith(STDLIB_ZIP + "/") and filename.endswith(".py"):
            member = filename[len(STDLIB_ZIP) + 1:]
            out["stdlib/" + member + "c"] = bytecode(stdlib.read(member), filename)

failed = []
for folder, _, names in os.walk(SITE + "/numpy"):
    for name in names:
        if name.endswith(".py"):
            filename = f"{folder}/{name}"
            with open(filename, "rb") as file:
                source = file.read()
            try:
                out["site-packages/" + filename[len(SITE) + 1:] + "c"] = bytecode(source, filename)
            except SyntaxError:
                failed.append(filename)  # kept as source; none are expected
if failed:
    raise RuntimeError(f"could not compile {failed}")
out
`);
const files = compiled.toJs();
compiled.destroy();
for (const [name, data] of files) {
  const target = path.join(outDir, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, data);
}
console.log(JSON.stringify({ files: files.size, magic: pyodide.runPython("import importlib.util; importlib.util.MAGIC_NUMBER.hex()") }));

async function compileCourse(indexDir, archive, outDir, extractDir) {
  const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(indexDir), "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: path.resolve(indexDir) + path.sep });
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir });
  pyodide.globals.set("extract_dir", extractDir);
  const compiled = pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import importlib.util
import os

out = {}
for folder, _, names in os.walk(extract_dir):
    for name in names:
        if name.endswith(".py"):
            filename = f"{folder}/{name}"
            with open(filename, "rb") as file:
                source = file.read()
            code = compile(source, filename, "exec", dont_inherit=True)
            pyc = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
            out[importlib.util.cache_from_source(filename)[len(extract_dir) + 1:]] = bytes(pyc)
out
`);
  const files = compiled.toJs();
  compiled.destroy();
  for (const [name, data] of files) {
    const target = path.join(outDir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

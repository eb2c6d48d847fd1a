// Stable names for cells and exercises, which the reader's saved work is
// keyed by. A position ("cell 3") changes when the author inserts a cell
// above; a name taken from what the cell is does not.
//
//   cellSlug(id, code)      the author's `id`, else the names the code defines
//                           ("y", "w-b"), else its first line, as a slug
//   exerciseSlug(title)     the exercise's title as a slug
//   uniqueKeys(slugs)       the same list, repeats numbered in order ("w-b", "w-b~2")

const AUTHOR_ID = /^(?!cell-\d+$)[a-z0-9-]+$/; // `cell-N` is the build's default: a position
const MAX_NAMES = 4;

export function slugify(text, fallback = "untitled") {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 48).replace(/-$/, "");
  return slug || fallback;
}

// What a cell defines at its top level: functions, classes and assigned names.
export function definedNames(code) {
  const names = [];
  for (const line of code.split("\n")) {
    const match = /^(?:def|class)\s+([A-Za-z_]\w*)/.exec(line)
      || /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?:[-+*/@]?=)(?!=)/.exec(line);
    if (!match) continue;
    for (const name of match[1].split(",").map((part) => part.trim())) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

export function cellSlug(id, code) {
  if (id && AUTHOR_ID.test(id)) return id;
  const names = definedNames(code);
  if (names.length) return `defines-${slugify(names.slice(0, MAX_NAMES).join("-"))}`;
  const first = code.split("\n").find((line) => line.trim() && !line.trim().startsWith("#")) || "";
  return `code-${slugify(first, "empty")}`;
}

export function exerciseSlug(title) {
  return slugify(title.replace(/^\s*Exercise\s*/, ""), "exercise");
}

export function uniqueKeys(slugs) {
  const seen = new Map();
  return slugs.map((slug) => {
    const count = (seen.get(slug) || 0) + 1;
    seen.set(slug, count);
    return count === 1 ? slug : `${slug}~${count}`;
  });
}

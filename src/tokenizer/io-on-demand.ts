// io.ts (reading the file formats, the Hugging Face pipeline: most of the package's code)
// is loaded on first need rather than with the package, which keeps `import "bytepair"` cheap.

type Io = typeof import("./io.js");

let loading: Promise<Io> | undefined;

export function loadIo(): Promise<Io> {
  loading ??= import("./io.js").catch((e) => {
    loading = undefined; // a failed load may be retried
    throw e;
  });
  return loading;
}

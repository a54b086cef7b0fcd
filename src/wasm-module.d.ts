// What importing a .wasm file gives in Cloudflare Workers (wrangler's CompiledWasm rule, workerd's
// wasm modules): the compiled module.
declare module "*.wasm" {
  const compiled: WebAssembly.Module;
  export default compiled;
}

// Next.js and Vercel's edge bundlers: the `?module` suffix gives the compiled module too (src/edge.ts).
declare module "*.wasm?module" {
  const compiled: WebAssembly.Module;
  export default compiled;
}

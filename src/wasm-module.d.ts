// What importing a .wasm file gives in Cloudflare Workers (wrangler's CompiledWasm rule, workerd's
// wasm modules): the compiled module.
declare module "*.wasm" {
  const compiled: WebAssembly.Module;
  export default compiled;
}

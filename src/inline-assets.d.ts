// bytepair/inline's asset modules (build/inline/wasm.js, build/inline/vocab/NAME.js, written by
// scripts/build-host.mjs): each a base64 string. src/platform/bundled-assets-inline.ts imports them.
declare module "bytepair-inline:*" {
  const base64: string;
  export default base64;
}

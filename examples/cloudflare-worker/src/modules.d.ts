// wrangler's Data rule (wrangler.toml) makes each .bpv import an ArrayBuffer.
declare module "*.bpv" {
  const bytes: ArrayBuffer;
  export default bytes;
}

// One training run in this process, for bench/train.mjs: prints { ms, peakRssMB, vocab } as JSON.
//   node bench/train-one.mjs bytepair|cli|hf FILE VOCAB_SIZE
// cli: `bytepair train` as a user runs it (a child process: start-up, training, writing every format).

const [engine, file, vocabText] = process.argv.slice(2);
const vocabSize = Number(vocabText);
let ms;
let vocab;
if (engine === "bytepair") {
  const { train } = await import("../build/index.js");
  const t0 = performance.now();
  const result = await train({ file }, { vocabSize, specialTokens: ["<|endoftext|>"] });
  ms = performance.now() - t0;
  vocab = result.vocab.size;
} else if (engine === "cli") {
  const { spawnSync } = await import("node:child_process");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const out = mkdtempSync("/tmp/bytepair-bench-train-cli-");
  const cli = new URL("../build/cli.js", import.meta.url).pathname;
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [cli, "train", file, "--vocab-size", String(vocabSize), "--special", "<|endoftext|>", "--out", out], { encoding: "utf8" });
  ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(run.stderr);
  vocab = Number(/trained (\d+) tokens/.exec(run.stderr)?.[1]);
  rmSync(out, { recursive: true, force: true });
} else {
  const { Tokenizer, BPE, byteLevelPreTokenizer } = await import("tokenizers");
  const tokenizer = new Tokenizer(BPE.empty());
  tokenizer.setPreTokenizer(byteLevelPreTokenizer(false, true));
  const t0 = performance.now();
  tokenizer.train([file]);
  ms = performance.now() - t0;
  vocab = tokenizer.getVocabSize();
}
console.log(JSON.stringify({ ms, peakRssMB: process.resourceUsage().maxRSS / 1024, vocab }));

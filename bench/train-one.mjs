// One training run in this process, for bench/train.mjs: prints { ms, peakRssMB, vocab } as JSON.
//   node bench/train-one.mjs bytepair|hf FILE VOCAB_SIZE

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

// How encode time grows on input with no whitespace (one giant piece for the merge loop), from
// 10 KB to 1 MB. O(n log n) shows as a log-log slope near 1; a quadratic merge loop shows as 2.
//
//   npm run bench:growth            (node bench/growth.mjs [--encoding o200k_base] [--runs 5])

import { getEncoding } from "../build/index.js";
import { argValue, median, machine } from "./util.mjs";
import { base64 } from "./inputs.mjs";

const encoding = argValue("--encoding", "o200k_base");
const runs = Number(argValue("--runs", "5"));
const sizes = [10_000, 30_000, 100_000, 300_000, 1_000_000];

const inputs = {
  'repeated "a"': (n) => "a".repeat(n),
  "random base64": base64,
  "digits": (n) => "0123456789".repeat(n / 10),
  "one CJK char (3 bytes)": (n) => "中".repeat(Math.round(n / 3)),
};

const tokenizer = await getEncoding(encoding);
console.log(`# encode time vs input size, no whitespace, ${encoding}; median of ${runs} runs`);
console.log(machine());
console.log(`command: node bench/growth.mjs --encoding ${encoding} --runs ${runs}\n`);
console.log("| input | " + sizes.map((s) => `${s / 1000} KB`).join(" | ") + " | log-log slope |");
console.log("|---|" + sizes.map(() => "---:").join("|") + "|---:|");
for (const [label, make] of Object.entries(inputs)) {
  const times = sizes.map((size) => {
    const text = make(size);
    tokenizer.encode(text); // warm-up, and grows scratch memory once
    return median(Array.from({ length: runs }, () => {
      const t0 = performance.now();
      tokenizer.encode(text);
      return performance.now() - t0;
    }));
  });
  const slope = Math.log(times.at(-1) / times[0]) / Math.log(sizes.at(-1) / sizes[0]);
  console.log(`| ${label} | ` + times.map((t) => `${t.toFixed(2)} ms`).join(" | ") + ` | ${slope.toFixed(2)} |`);
}

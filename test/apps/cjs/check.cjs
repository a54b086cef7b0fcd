// CommonJS: require("bytepair") (Node >= 20.19 loads the ES module synchronously). Prints the results.
const { getEncoding } = require("bytepair");

import("./shared/tokenize.js")
  .then(({ tokenizeAll }) => tokenizeAll(getEncoding))
  .then((results) => console.log(JSON.stringify({ results })), (e) => console.log(JSON.stringify({ error: String(e?.stack ?? e) })));

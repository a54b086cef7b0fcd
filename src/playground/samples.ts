// The texts the page starts with: one to tokenize, one to train on.

export const SAMPLE_TEXT = `Tokenizers turn text into integers. Some count characters, some bytes, some words;
BPE learns which byte sequences are frequent and merges them.
naïve café, 日本語のテキスト, Ελληνικά, emoji 👋🏽 and code: const answer = 42;`;

export const TRAINING_TEXT = `A tokenizer turns a string into a sequence of integers and back. The simplest one takes
each character as a token: the vocabulary is then every Unicode code point, most of which are never used,
and a token carries only one character. Taking the bytes of the text in UTF-8 gives a vocabulary of just
256 tokens, but every token is a single byte, so sequences are long. Splitting the text into words gives
short sequences, but the vocabulary grows with every new word, and a word never seen in training becomes
an unknown token. Byte pair encoding starts from the bytes and repeatedly merges the most frequent pair of
adjacent tokens into a new token, so that frequent words become single tokens while rare words are spelled
out in pieces. The number of merges sets the size of the vocabulary, and the compression ratio, the number
of bytes per token, shows how much shorter the sequences become.`;

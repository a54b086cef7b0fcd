// What the engine and the host agree on, in one place: return codes, pattern ids, special-token roles,
// piece-table flags and limits. src/abi.ts mirrors every constant here (test/engine/abi.test.ts compares them).

// ---- return codes (negative; 0 or more is a result) ----
export const ERR_OOM: i32 = -1;
export const ERR_DISALLOWED_SPECIAL: i32 = -2;
export const ERR_NOT_READY: i32 = -3;
export const ERR_INVALID_ID: i32 = -4;
export const ERR_BAD_PIECES: i32 = -5;
export const ERR_INVALID_UTF8: i32 = -6; // encodeUtf8: the bytes are not UTF-8
export const ERR_VOCAB_OFFSETS: i32 = -20;
export const ERR_VOCAB_DUPLICATE: i32 = -21;
export const ERR_VOCAB_MISSING_BYTE: i32 = -22;
export const ERR_VOCAB_STATE: i32 = -23;
export const ERR_VOCAB_DUPLICATE_ID: i32 = -24;
export const ERR_VOCAB_OOM: i32 = -25;
export const ERR_VOCAB_ID_RANGE: i32 = -26;
export const ERR_VOCAB_SPLIT: i32 = -27;
export const ERR_VOCAB_TOKEN_LENGTH: i32 = -28;
export const ERR_VOCAB_SLOTS: i32 = -29;

// ---- pre-tokenizer patterns (setPattern) ----
export const PATTERN_GPT2: u32 = 0;
export const PATTERN_CL100K: u32 = 1;
export const PATTERN_O200K: u32 = 2;

// ---- the role of each special token in one call (the flags the host writes) ----
export const SPECIAL_TEXT: u8 = 0; // ordinary text
export const SPECIAL_ALLOWED: u8 = 1; // emitted as its id
export const SPECIAL_DISALLOWED: u8 = 2; // an error if present

// ---- piece-table entries (encodePieces): the end of a piece, or with a flag ----
export const PIECE_FLAG_ID: u32 = 0x80000000; // an id to emit as it is
export const PIECE_FLAG_SKIP: u32 = 0x40000000; // where the next piece starts (text a Split removed)

// ---- limits ----
export const MAX_TOKEN_LEN: u32 = 0xffff; // bytes of one token
export const MAX_SPECIAL_LEN: u32 = 0xffffff; // bytes of one special token
export const MAX_TOKEN_ID: u32 = 0x3ffffff; // the largest id of a token or special token (2^26 - 1)
export const DECODE_BLOCK_IDS: u32 = 65536; // ids the host copies in per decode block

// The host's copy of assembly/abi.ts: what the engine and the host agree on. test/engine/abi.test.ts checks
// that every constant here equals the engine's.

export const ERR_OOM = -1;
export const ERR_DISALLOWED_SPECIAL = -2;
export const ERR_NOT_READY = -3;
export const ERR_INVALID_ID = -4;
export const ERR_BAD_PIECES = -5;
export const ERR_INVALID_UTF8 = -6;
export const ERR_VOCAB_OFFSETS = -20;
export const ERR_VOCAB_DUPLICATE = -21;
export const ERR_VOCAB_MISSING_BYTE = -22;
export const ERR_VOCAB_STATE = -23;
export const ERR_VOCAB_DUPLICATE_ID = -24;
export const ERR_VOCAB_OOM = -25;
export const ERR_VOCAB_ID_RANGE = -26;
export const ERR_VOCAB_SPLIT = -27;
export const ERR_VOCAB_TOKEN_LENGTH = -28;
export const ERR_VOCAB_SLOTS = -29;

export const PATTERN_GPT2 = 0;
export const PATTERN_CL100K = 1;
export const PATTERN_O200K = 2;

export const SPECIAL_TEXT = 0;
export const SPECIAL_ALLOWED = 1;
export const SPECIAL_DISALLOWED = 2;

export const PIECE_FLAG_ID = 0x80000000;
export const PIECE_FLAG_SKIP = 0x40000000;

export const MAX_TOKEN_LEN = 0xffff;
export const MAX_SPECIAL_LEN = 0xffffff;
export const MAX_TOKEN_ID = 2 ** 26 - 1;
export const DECODE_BLOCK_IDS = 65536;

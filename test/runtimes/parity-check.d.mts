export interface ParityResult {
  checked: number;
  mismatchCount: number;
  mismatches: { encoding: string; index: number; text: string; at: number; got: number[]; expected: number[]; count: number }[];
}
export function checkParity(
  bytepair: { getEncoding(name: string): Promise<unknown> },
  sample: { texts: string[]; expected: Record<string, number[][]> },
): Promise<ParityResult>;

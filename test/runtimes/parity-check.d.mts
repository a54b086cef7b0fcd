export interface ParityResult {
  checked: number;
  mismatchCount: number;
  /** `at` -1: the decoded text differs (decoded, expectedText); else where the ids first differ. */
  mismatches: {
    encoding: string;
    index: number;
    text: string;
    at: number;
    got?: number[];
    expected?: number[];
    count?: number;
    decoded?: string;
    expectedText?: string;
  }[];
}
export function checkParity(
  bytepair: { getEncoding(name: string): Promise<unknown> },
  sample: { texts: string[]; expected: Record<string, number[][]> },
): Promise<ParityResult>;

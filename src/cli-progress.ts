// The progress line of the long-running commands (train, encode-file) on stderr: redrawn in place on
// a terminal; elsewhere (logs, CI) one line each time a stage passes another tenth.

export class ProgressLine {
  private lastStep = "";

  show(stage: string, fraction: number, detail: string): void {
    const bar = "#".repeat(Math.round(fraction * 30)).padEnd(30, ".");
    const line = `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${detail}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}\x1b[K`);
      return;
    }
    const step = `${stage} ${Math.floor(fraction * 10)}`;
    if (step !== this.lastStep) process.stderr.write(line + "\n");
    this.lastStep = step;
  }

  /** Ends the redrawn line, so what follows starts on its own. */
  end(): void {
    if (process.stderr.isTTY) process.stderr.write("\n");
  }
}

// The progress line of the long-running commands (train, encode-file) on stderr: redrawn in place on
// a terminal; elsewhere (logs, CI) one line each time a stage passes another tenth.

export class ProgressLine {
  private lastStep = "";

  show(stage: string, fraction: number, detail: string): void {
    fraction = Math.min(1, Math.max(0, fraction)); // an estimate past its total still reads 100%
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

  /** A message on its own line (a redrawn line is cleared first, and redrawn by the next show). */
  note(message: string): void {
    process.stderr.write(`${process.stderr.isTTY ? "\r\x1b[K" : ""}${message}\n`);
  }

  /** Ends the redrawn line, so what follows starts on its own. */
  end(): void {
    if (process.stderr.isTTY) process.stderr.write("\n");
  }
}

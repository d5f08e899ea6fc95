// Collects import problems with a cap per severity, so a wrong file cannot produce millions of
// messages while its one decisive error still shows: past the cap only a count is kept and
// one summary line is added at the end.
import type { FileProblem } from '../facts/types';

export class ProblemList {
  readonly items: FileProblem[] = [];
  private dropped = 0;
  private readonly counts = { error: 0, warning: 0, info: 0 };

  constructor(
    private readonly file: string,
    private readonly cap = 100,
  ) {}

  add(line: number, severity: FileProblem['severity'], message: string, column = 1): void {
    if (this.counts[severity] >= this.cap) {
      this.dropped++;
      return;
    }
    this.counts[severity]++;
    this.items.push({ file: this.file, line, column, severity, message });
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }

  finish(): FileProblem[] {
    if (this.dropped > 0) {
      this.items.push({ file: this.file, line: 1, column: 1, severity: 'warning', message: `${this.dropped} more problems not shown` });
      this.dropped = 0;
    }
    return this.items;
  }
}

/** True when the text has NUL bytes or many control characters: not a text dump. */
export function binaryLine(text: string): number | undefined {
  const nul = text.search(/[\u0000-\u0008\u000e-\u001f]/);
  if (nul < 0) return undefined;
  let line = 1;
  for (let i = 0; i < nul; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

import type { ProgressEvent, ProgressListener } from './events';

/**
 * `artifacts/run.log`, written on every run (with or without a profile): when each check started
 * and ended with its status and first message line, and every line a check logged — all redacted
 * by the runner before they arrive here.
 */
export class RunLog {
  private readonly lines: string[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  note(text: string): void {
    this.lines.push(`${this.now().toISOString()} ${text}`);
  }

  readonly listener: ProgressListener = (event: ProgressEvent) => {
    switch (event.type) {
      case 'start': this.note(`run: ${event.total} check executions`); break;
      case 'check-start': this.note(`start ${event.id} [${event.layer}]`); break;
      case 'check-done': {
        const r = event.result;
        const first = r.message.split('\n').find((l) => l.trim()) ?? '';
        this.note(`done ${r.id} ${r.status} ${r.durationMs} ms${first ? `: ${first}` : ''}`);
        break;
      }
      case 'log': this.note(`log ${event.message}`); break;
      case 'aborted': this.note(`aborted after ${event.done}/${event.total}`); break;
      case 'finish': this.note(`finish: ${event.done}/${event.total} done, ${event.failures} failing`); break;
    }
  };

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Several listeners as one. */
export function both(...listeners: ProgressListener[]): ProgressListener {
  return (event) => { for (const l of listeners) l(event); };
}

import type { Layer } from '../evidence/types';
import type { ProgressEvent, ProgressListener } from './events';

/**
 * Progress on stderr while a run goes: the layer at work, checks done/total and failures so far.
 * On a TTY one line updates in place; otherwise (CI logs) each finished check is a plain line.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): ProgressListener {
  const tty = Boolean(stream.isTTY);
  let layer: Layer | null = null;
  return (event: ProgressEvent) => {
    switch (event.type) {
      case 'start':
        stream.write(`gx-verify: ${event.total} checks to run\n`);
        break;
      case 'check-start':
        layer = event.layer;
        break;
      case 'check-done': {
        const r = event.result;
        const status = `[${layer ?? r.layer}] ${event.done}/${event.total} checks, ${event.failures} failing`;
        if (tty) {
          stream.write(`\r\x1b[2K${status} (${r.id}: ${r.status})`);
        } else {
          const why = r.status === 'pass' ? '' : ` ${r.message.split('\n')[0].slice(0, 160)}`;
          stream.write(`${status} | ${r.id} ${r.status}${why}\n`);
        }
        break;
      }
      case 'aborted':
        stream.write(`${tty ? '\r\x1b[2K' : ''}gx-verify: interrupted after ${event.done}/${event.total} checks\n`);
        break;
      case 'finish':
        if (tty) stream.write('\n');
        stream.write(`gx-verify: ${event.done}/${event.total} checks done, ${event.failures} failing\n`);
        break;
      case 'log':
        break;
    }
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlannedPod } from './plan';

/**
 * One probe agent per pod, started inside the pod's network namespace. An agent exits when its
 * stdin closes, so agents never outlive the process that started them, even when it is killed.
 */

const AGENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'agent.mjs');

export interface RunningAgent {
  pod: PlannedPod;
  socket: string;
  child: ChildProcess;
}

export function startAgent(ip: string, pod: PlannedPod, socketDir: string, timeoutMs: number): Promise<RunningAgent> {
  const socket = path.join(socketDir, `${pod.netns}.sock`);
  const config = JSON.stringify({ pod: pod.name, socket, tcp: pod.tcp, udp: pod.udp });
  const child = spawn(ip, ['netns', 'exec', pod.netns, process.execPath, AGENT, config], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`agent of ${pod.name} not ready after ${timeoutMs} ms: ${output.trim()}`)); }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ pod, socket, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`agent of ${pod.name} exited (${code}): ${output.trim()}`)); });
  });
}

export async function stopAgent(agent: RunningAgent): Promise<void> {
  if (agent.child.exitCode !== null || agent.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => agent.child.once('exit', () => resolve()));
  agent.child.stdin!.end();
  const timer = setTimeout(() => agent.child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}

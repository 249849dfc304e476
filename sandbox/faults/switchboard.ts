import { FAULT_NAMES, isFaultName, type FaultName } from './catalog';

/**
 * The live set of switched-on faults. Each sandbox part holds the one switchboard and asks
 * `isOn(name)` at the moment it does the guarded thing, so faults can be flipped on a running
 * sandbox (control endpoint or in-process tests) without a restart.
 */
export class FaultSwitchboard {
  private readonly active = new Set<FaultName>();
  private readonly listeners = new Set<(active: FaultName[]) => void | Promise<void>>();

  constructor(initial: Iterable<string> = []) {
    for (const name of initial) this.active.add(FaultSwitchboard.parse(name));
  }

  static parse(name: string): FaultName {
    if (!isFaultName(name)) {
      throw new Error(`Unknown fault "${name}". Known faults: ${FAULT_NAMES.join(', ')}`);
    }
    return name;
  }

  isOn(name: FaultName): boolean {
    return this.active.has(name);
  }

  list(): FaultName[] {
    return [...this.active].sort();
  }

  /** Replace the active set; listeners (e.g. the database part for schema-drift) apply side effects. */
  async set(names: Iterable<string>): Promise<void> {
    const next = [...names].map(FaultSwitchboard.parse);
    this.active.clear();
    for (const name of next) this.active.add(name);
    for (const listener of this.listeners) await listener(this.list());
  }

  onChange(listener: (active: FaultName[]) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

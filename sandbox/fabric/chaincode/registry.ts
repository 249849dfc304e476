import { ChaincodeError, type Context } from './context';

/**
 * Contract dispatch as fabric-contract-api does it: the first argument names `Contract:Function`,
 * the rest are the function's string parameters, checked for count before the function runs.
 */
export type TxFn = (ctx: Context, ...args: string[]) => Promise<unknown>;

export interface TxFunction {
  params: string[];
  fn: TxFn;
}

export interface ContractDef {
  name: string;
  functions: Record<string, TxFunction>;
}

export function tx(params: string[], fn: TxFn): TxFunction {
  return { params, fn };
}

export class Chaincode {
  private readonly contracts = new Map<string, ContractDef>();

  constructor(contracts: ContractDef[]) {
    for (const contract of contracts) this.contracts.set(contract.name, contract);
  }

  /** Run one invocation; returns the response payload. Throws ChaincodeError on any refusal. */
  async invoke(ctx: Context, args: string[]): Promise<Uint8Array> {
    const [fcn = '', ...params] = args;
    const sep = fcn.indexOf(':');
    const contract = sep >= 0 ? this.contracts.get(fcn.slice(0, sep)) : undefined;
    const fnDef = contract && Object.hasOwn(contract.functions, fcn.slice(sep + 1)) ? contract.functions[fcn.slice(sep + 1)] : undefined;
    if (!fnDef) throw new ChaincodeError(`You've asked to invoke a function that does not exist: ${fcn}`);
    if (params.length !== fnDef.params.length) {
      throw new ChaincodeError(`Expected ${fnDef.params.length} parameters, but ${params.length} have been supplied`);
    }
    const result = await fnDef.fn(ctx, ...params);
    if (result === undefined || result === null) return new Uint8Array();
    if (typeof result === 'string') return Buffer.from(result);
    return Buffer.from(JSON.stringify(result));
  }

  functionNames(): string[] {
    return [...this.contracts.values()].flatMap((c) => Object.keys(c.functions).map((f) => `${c.name}:${f}`));
  }
}

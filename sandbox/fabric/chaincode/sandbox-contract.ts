import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { tx, type ContractDef } from './registry';
import { emit } from './state';

/**
 * Not part of the GX contract: the sandbox's hook for PROJ-6. `Sandbox:EmitEvent` commits a
 * transaction that only emits one chaincode event with a name outside the §8.2 catalog (names the
 * chaincode itself emits are refused, so the hook cannot forge a real event) and writes nothing.
 * The sandbox control route POST /ledger/emit-event calls it (sandbox/control/ledger-routes.ts).
 */
export function sandboxContract(catalogNames: ReadonlySet<string>): ContractDef {
  return {
    name: 'Sandbox',
    functions: {
      EmitEvent: tx(['eventName', 'payloadJson'], async (ctx: Context, eventName: string, payloadJson: string) => {
        if (!/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(eventName)) throw new ChaincodeError('eventName must be 1-100 letters, digits, _ . -, starting with a letter');
        if (catalogNames.has(eventName)) throw new ChaincodeError(`${eventName} is a catalog event; Sandbox:EmitEvent only emits names outside the catalog`);
        const payload = arg.json('payloadJson', payloadJson);
        if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new ChaincodeError('payloadJson must be a JSON object');
        emit(ctx, eventName, payload as Record<string, unknown>);
        return { txId: ctx.getTxID(), eventName };
      }),
    },
  };
}

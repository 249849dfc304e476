import { AdminContract } from './admin-contract';
import { GovernanceContract } from './governance-contract';
import { IdentityContract } from './identity-contract';
import { LoanPoolContract } from './loanpool-contract';
import { OrganizationContract } from './organization-contract';
import { Chaincode } from './registry';
import { sandboxContract } from './sandbox-contract';
import { HANDLERS } from '../../workers/projector/handlers';
import { TaxAndFeeContract } from './tax-contract';
import { TokenomicsContract } from './tokenomics-contract';

/** The GX chaincode (`gxtv3`): the seven contracts of the GX contract §7.2, and the sandbox's event hook (PROJ-6). */
export function gxChaincode(): Chaincode {
  return new Chaincode([
    IdentityContract, TokenomicsContract, OrganizationContract, LoanPoolContract, GovernanceContract, AdminContract, TaxAndFeeContract,
    sandboxContract(new Set(Object.keys(HANDLERS))),
  ]);
}

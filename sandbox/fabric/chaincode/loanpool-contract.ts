import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { formatAmount, parseAmount } from './decimal';
import { tx, type ContractDef } from './registry';
import { assertNotPaused, emit, key, mustGet, now, type LoanRecord } from './state';
import { getWallet } from './tokenomics-contract';

/** The sandbox pool has no per-loan limits and unlimited funds (§7.2: ledger settings, none set). */
async function applyForLoan(ctx: Context, loanId: string, borrowerId: string, amountArg: string, collateralHash: string) {
  arg.id('loanId', loanId);
  arg.id('borrowerId', borrowerId);
  const amount = arg.amount('amount', amountArg);
  arg.text('collateralHash', collateralHash, 0, 128);
  if (!(await ctx.getState(key.user(borrowerId)))) throw new ChaincodeError(`Borrower ${borrowerId} does not exist`);
  if (await ctx.getState(key.loan(loanId))) throw new ChaincodeError(`Loan ${loanId} already exists`);
  const loan: LoanRecord = {
    loanId, borrowerId, amount: formatAmount(amount), collateralHash, status: 'PENDING_APPROVAL', approvedBy: null, appliedAt: now(ctx), approvedAt: null,
  };
  await ctx.putJson(key.loan(loanId), loan);
  emit(ctx, 'LoanApplicationReceived', { loanId, borrowerId, amount: loan.amount, collateralHash });
}

async function approveLoan(ctx: Context, loanId: string, approverId: string) {
  arg.id('loanId', loanId);
  arg.id('approverId', approverId);
  const loan = await mustGet<LoanRecord>(ctx, key.loan(loanId), `Loan ${loanId}`);
  if (loan.status !== 'PENDING_APPROVAL') throw new ChaincodeError(`Loan ${loanId} is ${loan.status}, not PENDING_APPROVAL`);
  await assertNotPaused(ctx);
  const wallet = await getWallet(ctx, loan.borrowerId);
  wallet.balance = formatAmount(parseAmount('balance', wallet.balance) + parseAmount('amount', loan.amount));
  loan.status = 'ACTIVE';
  loan.approvedBy = approverId;
  loan.approvedAt = now(ctx);
  await ctx.putJson(key.wallet(loan.borrowerId), wallet);
  await ctx.putJson(key.loan(loanId), loan);
  emit(ctx, 'LoanApproved', { loanId, approvedBy: approverId, borrowerId: loan.borrowerId, amount: loan.amount });
}

export const LoanPoolContract: ContractDef = {
  name: 'LoanPoolContract',
  functions: {
    ApplyForLoan: tx(['loanId', 'borrowerId', 'amount', 'collateralHash'], applyForLoan),
    ApproveLoan: tx(['loanId', 'approverId'], approveLoan),
    GetLoan: tx(['loanId'], (ctx, loanId) => mustGet<LoanRecord>(ctx, key.loan(arg.id('loanId', loanId)), `Loan ${loanId}`)),
  },
};

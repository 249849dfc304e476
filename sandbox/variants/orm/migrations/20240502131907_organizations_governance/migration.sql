-- CreateTable
CREATE TABLE "Organization" (
    "orgId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "orgName" TEXT NOT NULL,
    "orgType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stakeholders" JSONB NOT NULL,
    "endorsers" JSONB NOT NULL,
    "authRules" JSONB NOT NULL,
    "activatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "MultiSigTransaction" (
    "txId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "proposerId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "ruleId" TEXT,
    "status" TEXT NOT NULL,
    "requiredSignatures" INTEGER NOT NULL,
    "currentSignatures" INTEGER NOT NULL DEFAULT 0,
    "approvers" JSONB NOT NULL,
    "executedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MultiSigTransaction_pkey" PRIMARY KEY ("txId")
);

-- CreateTable
CREATE TABLE "Loan" (
    "loanId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "amount" DECIMAL(36,9) NOT NULL,
    "collateralHash" TEXT,
    "purpose" TEXT,
    "status" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("loanId")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "proposalId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "proposerId" TEXT NOT NULL,
    "targetParam" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "endTime" TIMESTAMPTZ(3),
    "title" TEXT,
    "description" TEXT,
    "proposalType" TEXT,
    "status" TEXT NOT NULL,
    "votesFor" INTEGER NOT NULL DEFAULT 0,
    "votesAgainst" INTEGER NOT NULL DEFAULT 0,
    "voters" JSONB NOT NULL,
    "executedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("proposalId")
);

-- CreateIndex
CREATE INDEX "idx_org_tenant" ON "Organization"("tenantId");

-- CreateIndex
CREATE INDEX "idx_multisig_org_status_created" ON "MultiSigTransaction"("orgId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "idx_loan_tenant_borrower_applied" ON "Loan"("tenantId", "borrowerId", "appliedAt" DESC);

-- CreateIndex
CREATE INDEX "idx_proposal_tenant_status_created" ON "Proposal"("tenantId", "status", "createdAt");

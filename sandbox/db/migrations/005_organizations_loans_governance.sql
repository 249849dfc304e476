-- Organizations, multi-signature transactions, loans and proposals (contract §14; statuses §8.3).
CREATE TABLE "Organization" (
  "orgId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "orgName" text NOT NULL,
  "orgType" text NOT NULL,
  "status" text NOT NULL,
  "stakeholders" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("stakeholders") = 'array'),
  "endorsers" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("endorsers") = 'array'),
  "authRules" jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof("authRules") = 'object'),
  "activatedAt" timestamptz NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "Organization_tenantId_idx" ON "Organization" ("tenantId");

CREATE TABLE "MultiSigTransaction" (
  "txId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "orgId" text NOT NULL,
  "proposerId" text NOT NULL,
  "operation" text NOT NULL,
  "params" jsonb NOT NULL,
  "ruleId" text NULL,
  "status" text NOT NULL,
  "requiredSignatures" integer NOT NULL,
  "currentSignatures" integer NOT NULL DEFAULT 0,
  "approvers" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("approvers") = 'array'),
  "executedAt" timestamptz NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "MultiSigTransaction_orgId_status_createdAt_idx" ON "MultiSigTransaction" ("orgId", "status", "createdAt");

CREATE TABLE "Loan" (
  "loanId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "borrowerId" text NOT NULL,
  "amount" numeric(36, 9) NOT NULL,
  "collateralHash" text NULL,
  "purpose" text NULL,
  "status" text NOT NULL,
  "appliedAt" timestamptz NOT NULL DEFAULT now(),
  "approvedBy" text NULL,
  "approvedAt" timestamptz NULL
);
CREATE INDEX "Loan_tenantId_borrowerId_appliedAt_idx" ON "Loan" ("tenantId", "borrowerId", "appliedAt" DESC);

CREATE TABLE "Proposal" (
  "proposalId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "proposerId" text NOT NULL,
  "targetParam" text NOT NULL,
  "newValue" text NOT NULL,
  "endTime" timestamptz NULL,
  "title" text NULL,
  "description" text NULL,
  "proposalType" text NULL,
  "status" text NOT NULL,
  "votesFor" integer NOT NULL DEFAULT 0,
  "votesAgainst" integer NOT NULL DEFAULT 0,
  "voters" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("voters") = 'array'),
  "executedAt" timestamptz NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "Proposal_tenantId_status_createdAt_idx" ON "Proposal" ("tenantId", "status", "createdAt");

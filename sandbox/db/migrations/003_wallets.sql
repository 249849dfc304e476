-- Wallets and their ledger transactions (contract §14; money numeric(36,9), blocks bigint).
CREATE TABLE "Wallet" (
  "walletId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "profileId" text NOT NULL,
  "primaryAccountId" text NOT NULL,
  "walletName" text NULL,
  "cachedBalance" numeric(36, 9) NOT NULL DEFAULT 0 CHECK ("cachedBalance" >= 0),
  "isFrozen" boolean NOT NULL DEFAULT false,
  "deletedAt" timestamptz NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT "Wallet_tenantId_primaryAccountId_key" UNIQUE ("tenantId", "primaryAccountId")
);
-- TOK-1: the primary wallet is the earliest created wallet of a profile in a tenant.
CREATE INDEX "Wallet_tenantId_profileId_createdAt_idx" ON "Wallet" ("tenantId", "profileId", "createdAt");

CREATE TABLE "Transaction" (
  "offTxId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "onChainTxId" text NOT NULL,
  "walletId" text NOT NULL REFERENCES "Wallet" ("walletId"),
  "type" "OffChainTxType" NOT NULL,
  "counterparty" text NULL,
  "amount" numeric(36, 9) NOT NULL,
  "fee" numeric(36, 9) NOT NULL DEFAULT 0,
  "remark" text NULL,
  "timestamp" timestamptz NOT NULL,
  "blockNumber" bigint NULL,
  CONSTRAINT "Transaction_tenantId_onChainTxId_key" UNIQUE ("tenantId", "onChainTxId")
);
-- TOK-4: #5 pages by timestamp desc, offTxId desc.
CREATE INDEX "Transaction_walletId_timestamp_idx" ON "Transaction" ("walletId", "timestamp" DESC, "offTxId" DESC);

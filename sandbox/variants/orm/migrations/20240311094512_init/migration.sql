-- The gx-verify "orm" variant: a read model as an ORM (Prisma) builds it, not as contract §14
-- spells it. Differences on purpose: the enum of roles is "Role" and lacks PARTNER_API, KycStatus
-- lacks EXPIRED, "updatedAt" has no database default (the ORM sets it), ORM-only NOT NULL
-- columns without defaults, no check constraints, its own index names, and the advisory (†)
-- OutboxCommand.nextAttemptAt, ProjectorState.heartbeatAt/lagMs and HttpIdempotency are absent.

-- CreateEnum
CREATE TYPE "UserProfileStatus" AS ENUM ('PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'SUSPENDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'SUPER_ADMIN');

-- CreateEnum
CREATE TYPE "KycStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OffChainTxType" AS ENUM ('MINT', 'SENT', 'RECEIVED', 'TAX', 'LOAN_DISBURSEMENT', 'LOAN_REPAYMENT', 'GENESIS');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'LOCKED', 'SUBMITTED', 'COMMITTED', 'FAILED');

-- CreateEnum
CREATE TYPE "CommandType" AS ENUM ('CREATE_USER', 'UPDATE_USER_PROFILE', 'SUBMIT_KYC', 'TRANSFER_TOKENS', 'DISTRIBUTE_GENESIS', 'FREEZE_WALLET', 'UNFREEZE_WALLET', 'PROPOSE_ORGANIZATION', 'ENDORSE_MEMBERSHIP', 'ACTIVATE_ORGANIZATION', 'DEFINE_AUTH_RULE', 'INITIATE_MULTISIG_TX', 'APPROVE_MULTISIG_TX', 'EXECUTE_MULTISIG_TX', 'APPLY_FOR_LOAN', 'APPROVE_LOAN', 'SUBMIT_PROPOSAL', 'CAST_VOTE', 'EXECUTE_PROPOSAL', 'BOOTSTRAP_SYSTEM', 'INITIALIZE_COUNTRY', 'UPDATE_SYSTEM_PARAMETER', 'PAUSE_SYSTEM', 'RESUME_SYSTEM', 'APPOINT_ADMIN', 'ACTIVATE_TREASURY', 'APPLY_VELOCITY_TAX');

-- CreateTable
CREATE TABLE "Country" (
    "countryCode" CHAR(2) NOT NULL,
    "countryName" TEXT NOT NULL,
    "region" TEXT,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("countryCode")
);

-- CreateTable
CREATE TABLE "UserProfile" (
    "profileId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "phoneNum" TEXT,
    "identityNum" TEXT,
    "biometricHash" TEXT NOT NULL,
    "nationalityCountryCode" CHAR(2),
    "status" "UserProfileStatus" NOT NULL DEFAULT 'PENDING_VERIFICATION',
    "role" "Role" NOT NULL DEFAULT 'USER',
    "locale" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("profileId")
);

-- CreateTable
CREATE TABLE "KYCVerification" (
    "kycId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "status" "KycStatus" NOT NULL DEFAULT 'PENDING',
    "evidenceHash" TEXT NOT NULL,
    "evidenceSize" INTEGER NOT NULL,
    "evidenceMime" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "verifierDetails" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KYCVerification_pkey" PRIMARY KEY ("kycId")
);

-- CreateTable
CREATE TABLE "Wallet" (
    "walletId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "primaryAccountId" TEXT NOT NULL,
    "walletName" TEXT,
    "cachedBalance" DECIMAL(36,9) NOT NULL DEFAULT 0,
    "isFrozen" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Wallet_pkey" PRIMARY KEY ("walletId")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "offTxId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "onChainTxId" TEXT NOT NULL,
    "walletId" TEXT NOT NULL,
    "type" "OffChainTxType" NOT NULL,
    "counterparty" TEXT,
    "amount" DECIMAL(36,9) NOT NULL,
    "fee" DECIMAL(36,9) NOT NULL DEFAULT 0,
    "remark" TEXT,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "blockNumber" BIGINT,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("offTxId")
);

-- CreateTable
CREATE TABLE "OutboxCommand" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "commandType" "CommandType" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "fabricTxId" TEXT,
    "commitBlock" BIGINT,
    "errorCode" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxCommand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectorState" (
    "tenantId" TEXT NOT NULL,
    "projectorName" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "lastBlock" BIGINT NOT NULL DEFAULT 0,
    "lastEventIndex" INTEGER NOT NULL DEFAULT -1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProjectorState_pkey" PRIMARY KEY ("tenantId","projectorName","channel")
);

-- CreateTable
CREATE TABLE "SystemParameter" (
    "tenantId" TEXT NOT NULL,
    "paramKey" TEXT NOT NULL,
    "paramValue" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SystemParameter_pkey" PRIMARY KEY ("tenantId","paramKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_user_email" ON "UserProfile"("email");

-- CreateIndex
CREATE UNIQUE INDEX "uq_user_phone" ON "UserProfile"("phoneNum");

-- CreateIndex
CREATE UNIQUE INDEX "uq_user_biometric" ON "UserProfile"("biometricHash");

-- CreateIndex
CREATE INDEX "idx_user_tenant" ON "UserProfile"("tenantId");

-- CreateIndex
CREATE INDEX "idx_kyc_profile_created" ON "KYCVerification"("profileId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "uq_wallet_tenant_account" ON "Wallet"("tenantId", "primaryAccountId");

-- CreateIndex
CREATE INDEX "idx_wallet_tenant_profile_created" ON "Wallet"("tenantId", "profileId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "uq_tx_tenant_onchain" ON "Transaction"("tenantId", "onChainTxId");

-- CreateIndex
CREATE INDEX "idx_tx_wallet_time" ON "Transaction"("walletId", "timestamp" DESC, "offTxId" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "uq_outbox_tenant_request" ON "OutboxCommand"("tenantId", "requestId");

-- CreateIndex
CREATE INDEX "idx_outbox_status_created" ON "OutboxCommand"("status", "createdAt");

-- CreateIndex
CREATE INDEX "idx_outbox_tenant_status" ON "OutboxCommand"("tenantId", "status");

-- CreateIndex
CREATE INDEX "idx_outbox_fabric_tx" ON "OutboxCommand"("fabricTxId");

-- AddForeignKey
ALTER TABLE "UserProfile" ADD CONSTRAINT "fk_user_country" FOREIGN KEY ("nationalityCountryCode") REFERENCES "Country"("countryCode") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KYCVerification" ADD CONSTRAINT "fk_kyc_user" FOREIGN KEY ("profileId") REFERENCES "UserProfile"("profileId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "fk_tx_wallet" FOREIGN KEY ("walletId") REFERENCES "Wallet"("walletId") ON DELETE RESTRICT ON UPDATE CASCADE;

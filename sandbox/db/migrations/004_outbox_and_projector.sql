-- The transactional outbox and the projector checkpoint (contract §7.3, §8.1, §14).
CREATE TABLE "OutboxCommand" (
  "id" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "service" text NOT NULL,
  "requestId" text NOT NULL,
  "commandType" "CommandType" NOT NULL,
  "payload" jsonb NOT NULL,
  "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
  "attempts" integer NOT NULL DEFAULT 0,
  "nextAttemptAt" timestamptz NOT NULL DEFAULT now(),
  "lockedBy" text NULL,
  "lockedAt" timestamptz NULL,
  "submittedAt" timestamptz NULL,
  "fabricTxId" text NULL,
  "commitBlock" bigint NULL,
  "errorCode" text NULL,
  "error" text NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT "OutboxCommand_tenantId_requestId_key" UNIQUE ("tenantId", "requestId")
);
CREATE INDEX "OutboxCommand_status_createdAt_idx" ON "OutboxCommand" ("status", "createdAt");
CREATE INDEX "OutboxCommand_tenantId_status_idx" ON "OutboxCommand" ("tenantId", "status");
CREATE INDEX "OutboxCommand_fabricTxId_idx" ON "OutboxCommand" ("fabricTxId");

-- (lastBlock 0, lastEventIndex -1) means "nothing applied yet": resuming after it starts at
-- block 0, event 0, the same as START_BLOCK 0 (PROJ-4).
CREATE TABLE "ProjectorState" (
  "tenantId" text NOT NULL,
  "projectorName" text NOT NULL,
  "channel" text NOT NULL,
  "lastBlock" bigint NOT NULL DEFAULT 0,
  "lastEventIndex" integer NOT NULL DEFAULT -1,
  "heartbeatAt" timestamptz NULL,
  "lagMs" integer NOT NULL DEFAULT 0,
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenantId", "projectorName", "channel")
);

-- System parameters and the HTTP idempotency store (contract §5, §14).
CREATE TABLE "SystemParameter" (
  "tenantId" text NOT NULL,
  "paramKey" text NOT NULL,
  "paramValue" text NOT NULL,
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenantId", "paramKey")
);

-- statusCode is null while the first request with the key is still in progress (IDEM-6).
CREATE TABLE "HttpIdempotency" (
  "tenantId" text NOT NULL,
  "principal" text NOT NULL,
  "idempotencyKey" text NOT NULL,
  "method" text NOT NULL,
  "path" text NOT NULL,
  "bodyHash" text NOT NULL CHECK ("bodyHash" ~ '^[0-9a-f]{64}$'),
  "statusCode" integer NULL,
  "responseBody" jsonb NULL,
  "responseHeaders" jsonb NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "ttlExpiresAt" timestamptz NOT NULL,
  PRIMARY KEY ("tenantId", "principal", "idempotencyKey")
);
CREATE INDEX "HttpIdempotency_ttlExpiresAt_idx" ON "HttpIdempotency" ("ttlExpiresAt");

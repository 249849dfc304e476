-- Countries, user profiles and KYC records (contract §14).
CREATE TABLE "Country" (
  "countryCode" char(2) PRIMARY KEY CHECK ("countryCode" ~ '^[A-Z]{2}$'),
  "countryName" text NOT NULL,
  "region" text NULL
);

CREATE TABLE "UserProfile" (
  "profileId" text PRIMARY KEY,
  "tenantId" text NOT NULL,
  "email" text NOT NULL CHECK ("email" = lower("email")),
  "passwordHash" text NOT NULL,
  "firstName" text NOT NULL,
  "lastName" text NOT NULL,
  "phoneNum" text NULL,
  "identityNum" text NULL,
  "biometricHash" text NOT NULL,
  "nationalityCountryCode" char(2) NULL REFERENCES "Country" ("countryCode"),
  "status" "UserProfileStatus" NOT NULL DEFAULT 'PENDING_VERIFICATION',
  "role" "UserRole" NOT NULL DEFAULT 'USER',
  "deletedAt" timestamptz NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT "UserProfile_email_key" UNIQUE ("email"),
  CONSTRAINT "UserProfile_phoneNum_key" UNIQUE ("phoneNum"),
  CONSTRAINT "UserProfile_biometricHash_key" UNIQUE ("biometricHash")
);
CREATE INDEX "UserProfile_tenantId_idx" ON "UserProfile" ("tenantId");

CREATE TABLE "KYCVerification" (
  "kycId" text PRIMARY KEY,
  "profileId" text NOT NULL REFERENCES "UserProfile" ("profileId") ON DELETE CASCADE,
  "status" "KycStatus" NOT NULL DEFAULT 'PENDING',
  "evidenceHash" text NOT NULL,
  "evidenceSize" integer NOT NULL,
  "evidenceMime" text NOT NULL,
  "verifiedAt" timestamptz NULL,
  "verifierDetails" text NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX "KYCVerification_profileId_createdAt_idx" ON "KYCVerification" ("profileId", "createdAt");

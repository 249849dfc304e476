import type pg from 'pg';
import { isoTime } from '../kit';

interface KycRow {
  kycId: string;
  profileId: string;
  status: string;
  evidenceHash: string;
  evidenceSize: number;
  evidenceMime: string;
  verifiedAt: Date | null;
  verifierDetails: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** I8: the newest KYC record of a profile as KycDTO, or null. */
export async function latestKyc(db: pg.Pool, profileId: string) {
  const { rows } = await db.query<KycRow>(
    `SELECT "kycId","profileId","status","evidenceHash","evidenceSize","evidenceMime","verifiedAt","verifierDetails","createdAt","updatedAt"
       FROM "KYCVerification" WHERE "profileId" = $1 ORDER BY "createdAt" DESC, "kycId" DESC LIMIT 1`,
    [profileId],
  );
  const k = rows[0];
  if (k === undefined) return null;
  return {
    kycId: k.kycId,
    profileId: k.profileId,
    status: k.status,
    evidenceHash: k.evidenceHash,
    evidenceSize: k.evidenceSize,
    evidenceMime: k.evidenceMime,
    verifiedAt: isoTime(k.verifiedAt),
    verifierDetails: k.verifierDetails,
    createdAt: isoTime(k.createdAt),
    updatedAt: isoTime(k.updatedAt),
  };
}

/** I7's 409: an APPROVED record blocks further submissions. */
export async function kycApproved(db: pg.Pool, profileId: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM "KYCVerification" WHERE "profileId" = $1 AND "status" = 'APPROVED' LIMIT 1`, [profileId]);
  return rows.length > 0;
}

/** The OutboxCommand columns a submitter works with. */
export interface OutboxRow {
  id: string;
  tenantId: string;
  commandType: string;
  payload: unknown;
  status: string;
  attempts: number;
  lockedBy: string | null;
  lockedAt: Date | null;
  fabricTxId: string | null;
  createdAt: Date;
}

export const ROW_COLUMNS = `"id", "tenantId", "commandType", "payload", "status", "attempts", "lockedBy", "lockedAt", "fabricTxId", "createdAt"`;

import type { AcknowledgmentRepo } from '../../core/policy/acknowledgment-store';
import type { Db } from './connection';

/** Policy acknowledgments, append-only (triggers refuse UPDATE and DELETE). */
export function createAcknowledgmentRepo(db: Db): AcknowledgmentRepo {
  const insert = db.prepare('INSERT INTO policy_acknowledgments (policy_hash, material_hash, policy_version, acknowledged_by, at) VALUES (?, ?, ?, ?, ?)');
  const latest = db.prepare<[], { policy_hash: string; material_hash: string; policy_version: string; acknowledged_by: string; at: string }>(
    'SELECT * FROM policy_acknowledgments ORDER BY seq DESC LIMIT 1',
  );
  return {
    append(row) {
      insert.run(row.policyHash, row.materialHash, row.policyVersion, row.acknowledgedBy, row.at);
    },
    latest() {
      const r = latest.get();
      return r && { policyHash: r.policy_hash, materialHash: r.material_hash, policyVersion: r.policy_version, acknowledgedBy: r.acknowledged_by, at: r.at };
    },
  };
}

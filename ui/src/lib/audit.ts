import type { AuditRecord } from '../api/types';

/**
 * A flat view of an audit record: the gateway may send the ledger's record as is (event nested)
 * or already flattened, and the actor may be a name or an object.
 */
export interface AuditRow {
  sequence: number;
  recordedAt: string;
  actor: string;
  eventType: string;
  namespace: string;
  risk: string;
  outcome: string;
  summary: string;
}

function pick(record: AuditRecord, ...keys: string[]): unknown {
  const event = (record.event ?? {}) as Record<string, unknown>;
  for (const key of keys) {
    if (record[key] !== undefined && record[key] !== null) return record[key];
    if (event[key] !== undefined && event[key] !== null) return event[key];
  }
  return undefined;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    const actor = value as { user?: string; name?: string };
    return actor.user ?? actor.name ?? JSON.stringify(value);
  }
  return String(value);
}

export function auditRow(record: AuditRecord): AuditRow {
  return {
    sequence: Number(record.sequence),
    recordedAt: text(pick(record, 'recordedAt', 'timestamp', 'time')),
    actor: text(pick(record, 'actor', 'user')),
    eventType: text(pick(record, 'eventType', 'type')),
    namespace: text(pick(record, 'namespace')),
    risk: text(pick(record, 'riskLevel', 'risk')),
    outcome: text(pick(record, 'outcome', 'decision')),
    summary: text(pick(record, 'kubectl', 'requestText', 'reason', 'commandRef')),
  };
}

export const AUDIT_FILTERS = ['from', 'to', 'actor', 'eventType', 'namespace', 'risk', 'outcome', 'q'] as const;
export type AuditFilter = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

/** datetime-local values have no zone; the API wants instants. */
export function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

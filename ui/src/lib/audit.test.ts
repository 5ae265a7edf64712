import { describe, expect, it } from 'vitest';
import { auditRow, toInstant } from './audit';

describe('audit rows', () => {
  it('flattens the ledger record with its nested event and actor', () => {
    const row = auditRow({
      sequence: 7, recordedAt: '2026-01-01T00:00:00Z',
      event: { eventType: 'Executed', actor: { user: 'alice', groups: [] }, namespace: 'shop', riskLevel: 'caution', outcome: 'Succeeded', kubectl: 'kubectl scale deployment checkout --replicas=5 -n shop' },
    });
    expect(row).toEqual({
      sequence: 7, recordedAt: '2026-01-01T00:00:00Z', actor: 'alice', eventType: 'Executed', namespace: 'shop',
      risk: 'caution', outcome: 'Succeeded', summary: 'kubectl scale deployment checkout --replicas=5 -n shop',
    });
  });

  it('accepts an already flat record', () => {
    const row = auditRow({ sequence: 1, timestamp: 't', actor: 'carol', eventType: 'Approved', decision: 'Approved', requestText: 'delete pod x' });
    expect(row).toMatchObject({ actor: 'carol', eventType: 'Approved', outcome: 'Approved', summary: 'delete pod x', recordedAt: 't' });
  });

  it('turns local date-times into instants and ignores blanks', () => {
    expect(toInstant('')).toBeUndefined();
    expect(toInstant('not a date')).toBeUndefined();
    expect(toInstant('2026-03-01T10:00')).toBe(new Date('2026-03-01T10:00').toISOString());
  });
});

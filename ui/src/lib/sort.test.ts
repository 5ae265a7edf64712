import { describe, expect, it } from 'vitest';
import { compareCells, nextSort, numericValue, sortRows } from './sort';

describe('table sorting', () => {
  it('sorts text naturally and numbers numerically', () => {
    const rows = [['pod-10', '3'], ['pod-2', '12'], ['pod-1', '5']];
    expect(sortRows(rows, 0, 'ascending').map((r) => r[0])).toEqual(['pod-1', 'pod-2', 'pod-10']);
    expect(sortRows(rows, 1, 'ascending').map((r) => r[1])).toEqual(['3', '5', '12']);
    expect(sortRows(rows, 1, 'descending').map((r) => r[1])).toEqual(['12', '5', '3']);
  });

  it('understands Kubernetes quantities and ages', () => {
    expect(numericValue('250m')).toBeCloseTo(0.25);
    expect(numericValue('250m', true)).toBe(250 * 60);
    expect(numericValue('1Gi')).toBe(1024 ** 3);
    expect(numericValue('3d4h')).toBe(3 * 86400 + 4 * 3600);
    expect(numericValue('45s')).toBe(45);
    expect(numericValue('Running')).toBeUndefined();
    const ages = [['a', '2d'], ['b', '5m'], ['c', '3h']];
    expect(sortRows(ages, 1, 'ascending').map((r) => r[0])).toEqual(['b', 'c', 'a']);
    const cpu = [['p', '1'], ['q', '250m'], ['r', '1500m']];
    expect(sortRows(cpu, 1, 'ascending').map((r) => r[0])).toEqual(['q', 'p', 'r']);
    const mixedAges = [['old', '1h'], ['new', '30m']];
    expect(sortRows(mixedAges, 1, 'ascending').map((r) => r[0])).toEqual(['new', 'old']);
    const memory = [['x', '1Gi'], ['y', '512Mi'], ['z', '2Gi']];
    expect(sortRows(memory, 1, 'descending').map((r) => r[0])).toEqual(['z', 'x', 'y']);
  });

  it('keeps empty cells last in both directions and is stable', () => {
    const rows = [['a', ''], ['b', '2'], ['c', null], ['d', '1'], ['e', '2']];
    expect(sortRows(rows, 1, 'ascending').map((r) => r[0])).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(sortRows(rows, 1, 'descending').map((r) => r[0])).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('does not change the input', () => {
    const rows = [['b'], ['a']];
    sortRows(rows, 0, 'ascending');
    expect(rows).toEqual([['b'], ['a']]);
  });

  it('compares mixed cells case-insensitively', () => {
    expect(compareCells('Web', 'api')).toBeGreaterThan(0);
    expect(compareCells(2, '10')).toBeLessThan(0);
  });

  it('flips direction on the same column and starts ascending on a new one', () => {
    const first = nextSort(undefined, 2);
    expect(first).toEqual({ column: 2, direction: 'ascending' });
    expect(nextSort(first, 2)).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(nextSort(first, 2), 2)).toEqual({ column: 2, direction: 'ascending' });
    expect(nextSort({ column: 2, direction: 'descending' }, 0)).toEqual({ column: 0, direction: 'ascending' });
  });
});

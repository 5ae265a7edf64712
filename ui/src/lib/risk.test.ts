import { describe, expect, it } from 'vitest';
import type { Command } from '../api/types';
import { approvalSummary, canApprove, isTerminal, isWorking, phaseText, riskPresentation, targetNamespace } from './risk';

const command = (over: Partial<Command> = {}): Command => ({
  namespace: 'kubechat-sessions', name: 'ce-1', phase: 'AwaitingApproval',
  kubectl: 'kubectl delete pod checkout-abc -n shop', requester: { user: 'alice' },
  risk: { level: 'destructive', reasons: ['deletes a pod'] }, ...over,
});

describe('risk badge mapping', () => {
  it('maps each level to its own label and colour', () => {
    expect(riskPresentation('safe').label).toBe('Safe');
    expect(riskPresentation('safe').className).toContain('green');
    expect(riskPresentation('caution').label).toBe('Caution');
    expect(riskPresentation('caution').className).toContain('amber');
    expect(riskPresentation('destructive').label).toBe('Destructive');
    expect(riskPresentation('destructive').className).toContain('red');
    expect(riskPresentation('DESTRUCTIVE').label).toBe('Destructive');
  });

  it('shows an unrated command as such rather than as safe', () => {
    expect(riskPresentation(undefined).label).toBe('Not rated yet');
    expect(riskPresentation('bogus').label).toBe('Not rated yet');
  });
});

describe('phases', () => {
  it('knows which phases are final and when the system is still working', () => {
    for (const phase of ['Succeeded', 'Failed', 'Denied', 'Rejected', 'Expired']) expect(isTerminal(phase)).toBe(true);
    for (const phase of ['Pending', 'Translated', 'Authorized', 'Approved', 'Running']) expect(isWorking(phase)).toBe(true);
    expect(isWorking('AwaitingApproval')).toBe(false);
    expect(isTerminal(undefined)).toBe(false);
    expect(phaseText('AwaitingApproval')).toBe('Waiting for approval');
    expect(phaseText('SomethingNew')).toBe('SomethingNew');
  });
});

describe('approval', () => {
  it('offers approve/reject only to approvers and admins, only while waiting', () => {
    expect(canApprove(['approver'], command())).toBe(true);
    expect(canApprove(['admin'], command())).toBe(true);
    expect(canApprove(['viewer'], command())).toBe(false);
    expect(canApprove(['operator'], command())).toBe(false);
    expect(canApprove(['approver'], command({ phase: 'Succeeded' }))).toBe(false);
    expect(canApprove(undefined, command())).toBe(false);
  });

  it('names exactly what will change, where, and for whom', () => {
    expect(approvalSummary(command())).toBe('Approving will run `kubectl delete pod checkout-abc -n shop` in namespace shop on behalf of alice.');
    expect(targetNamespace(command({ kubectl: 'kubectl scale deployment/checkout --replicas=0 --namespace=payments' }))).toBe('payments');
    expect(targetNamespace(command({ kubectl: 'kubectl get nodes' }))).toBe('kubechat-sessions');
    expect(approvalSummary(command({ kubectl: undefined, request: 'drain node-1' })))
      .toBe('Approving will carry out "drain node-1" in namespace kubechat-sessions on behalf of alice.');
  });
});

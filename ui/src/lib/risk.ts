import type { Command } from '../api/types';

export interface RiskPresentation {
  label: string;
  description: string;
  className: string;
}

// Colours keep at least 4.5:1 contrast in both themes (WCAG 2.1 AA); the label carries the meaning
// too, so colour is never the only cue.
const RISK: Record<string, RiskPresentation> = {
  safe: {
    label: 'Safe',
    description: 'Reads only; changes nothing.',
    className: 'bg-green-100 text-green-900 border-green-700 dark:bg-green-950 dark:text-green-200 dark:border-green-400',
  },
  caution: {
    label: 'Caution',
    description: 'Changes something in the cluster.',
    className: 'bg-amber-100 text-amber-900 border-amber-700 dark:bg-amber-950 dark:text-amber-200 dark:border-amber-400',
  },
  destructive: {
    label: 'Destructive',
    description: 'Deletes or disrupts something; needs approval.',
    className: 'bg-red-100 text-red-900 border-red-700 dark:bg-red-950 dark:text-red-200 dark:border-red-400',
  },
};

const UNKNOWN: RiskPresentation = {
  label: 'Not rated yet',
  description: 'The risk has not been rated yet.',
  className: 'bg-slate-100 text-slate-800 border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:border-slate-400',
};

export function riskPresentation(level: string | undefined): RiskPresentation {
  return (level && RISK[level.toLowerCase()]) || UNKNOWN;
}

const TERMINAL = new Set(['Denied', 'Rejected', 'Expired', 'Succeeded', 'Failed']);
const FAILED = new Set(['Denied', 'Rejected', 'Expired', 'Failed']);

export function isTerminal(phase: string | undefined): boolean {
  return phase !== undefined && TERMINAL.has(phase);
}

export function isFailure(phase: string | undefined): boolean {
  return phase !== undefined && FAILED.has(phase);
}

/** Whether the system (not a person) is still working on the command. */
export function isWorking(phase: string | undefined): boolean {
  return !isTerminal(phase) && phase !== 'AwaitingApproval';
}

const PHASE_TEXT: Record<string, string> = {
  Pending: 'Understanding your request…',
  Translated: 'Translated; checking permissions…',
  Authorized: 'Allowed; about to run…',
  Denied: 'Not allowed',
  AwaitingApproval: 'Waiting for approval',
  Approved: 'Approved; about to run…',
  Rejected: 'Rejected by an approver',
  Expired: 'The approval request expired',
  Running: 'Running…',
  Succeeded: 'Done',
  Failed: 'Failed',
};

export function phaseText(phase: string | undefined): string {
  if (!phase) return PHASE_TEXT.Pending;
  return PHASE_TEXT[phase] ?? phase;
}

export function phaseClassName(phase: string | undefined): string {
  if (phase === 'Succeeded') return 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200';
  if (isFailure(phase)) return 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200';
  if (phase === 'AwaitingApproval') return 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200';
  return 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200';
}

/** Whether this user may be offered approve/reject; the gateway decides for real. */
export function canApprove(roles: readonly string[] | undefined, command: Command): boolean {
  if (command.phase !== 'AwaitingApproval') return false;
  return (roles ?? []).some((role) => role === 'approver' || role === 'admin');
}

/** The sentence the approval confirmation shows: exactly what will change, where and for whom. */
export function approvalSummary(command: Command): string {
  const what = command.kubectl ? `run \`${command.kubectl}\`` : `carry out "${command.request ?? command.name}"`;
  const where = command.namespace ? ` in namespace ${targetNamespace(command)}` : '';
  const who = command.requester?.user ? ` on behalf of ${command.requester.user}` : '';
  return `Approving will ${what}${where}${who}.`;
}

/** The namespace the command acts on: the -n flag of its kubectl rendering, else where it lives. */
export function targetNamespace(command: Command): string {
  const flag = /(?:^|\s)(?:-n|--namespace)(?:\s+|=)(\S+)/.exec(command.kubectl ?? '');
  return flag ? flag[1] : command.namespace;
}

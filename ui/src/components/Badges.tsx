import { phaseClassName, phaseText, riskPresentation } from '../lib/risk';

export function RiskBadge({ level }: { level: string | undefined }) {
  const risk = riskPresentation(level);
  return (
    <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${risk.className}`} title={risk.description}>
      Risk: {risk.label}
    </span>
  );
}

export function PhaseBadge({ phase }: { phase: string | undefined }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${phaseClassName(phase)}`} data-phase={phase ?? 'Pending'}>
      {phaseText(phase)}
    </span>
  );
}

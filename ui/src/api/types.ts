// Shapes of the gateway API contract v1 (see the gateway's OpenAPI document).

export type Role = 'viewer' | 'operator' | 'approver' | 'admin' | 'auditor' | string;

export interface User {
  username: string;
  displayName?: string;
  kubernetesUser?: string;
  groups: string[];
  roles: Role[];
  csrfToken?: string;
}

export interface Session {
  id: string;
  title: string;
  owner: string;
  /** 'owner' for one's own session, 'shared' for one another user shared with you. */
  access?: 'owner' | 'shared';
  /** Who else may read the session and post in it. */
  sharedWith?: string[];
  namespace?: string;
  cluster?: string;
  messageCount?: number;
  lastActivity?: string;
  createdAt?: string;
}

export interface CommandRef {
  namespace: string;
  name: string;
}

export interface Message {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  command?: CommandRef;
  createdAt?: string;
}

export type RiskLevel = 'safe' | 'caution' | 'destructive';

export interface Table {
  columns: string[];
  rows: unknown[][];
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Command {
  namespace: string;
  name: string;
  sessionId?: string;
  request?: string;
  phase?: string;
  kubectl?: string;
  explanation?: string;
  verb?: string;
  risk?: { level: RiskLevel | string; reasons?: string[] };
  authorization?: { allowed: boolean; reason?: string };
  requester?: { user: string; groups?: string[] };
  approval?: { decision?: string; approver?: string; reason?: string };
  approvalExpiresAt?: string;
  result?: { summary?: string; truncated?: boolean; table?: Table; text?: string };
  conditions?: Condition[];
  message?: string;
  suggestion?: string;
  auditRef?: { sequence: number; hash: string };
  createdAt?: string;
  completedAt?: string;
  /** The question asked instead of a command, with the commands the request could mean. */
  clarification?: Clarification;
  /** The name of the command (same session, same namespace) whose question this one answers. */
  answers?: string;
}

export interface Clarification {
  question: string;
  choices: { kubectl: string; explanation?: string }[];
}

export interface PostMessageResponse {
  message: Message;
  command?: Command;
}

export interface Dashboard {
  nodes: { total: number; ready: number };
  podsByPhase: Record<string, number>;
  warnings: { namespace: string; object: string; reason: string; message: string; lastSeen?: string }[];
  recent: Command[];
  pendingApprovals: Command[];
}

export interface Cluster {
  name: string;
  displayName?: string;
  reachable: boolean;
  serverVersion?: string;
  lastProbe?: string;
  message?: string;
}

export type AuditRecord = Record<string, unknown> & { sequence: number };

export interface AuditPage {
  items: AuditRecord[];
  nextCursor?: string;
}

export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signature: string;
  publicKey: string;
  signedAt: string;
}

export interface VerifyResult {
  valid: boolean;
  verifiedRecords: number;
  firstBadSequence?: number;
  message: string;
  checkpoint?: Checkpoint;
}

export interface AdminUser {
  username: string;
  displayName?: string;
  roles: Role[];
}

export type StreamEvent =
  | { type: 'command'; command: Command }
  | { type: 'message'; message: Message };

import { z } from 'zod';
import { APPROVAL_DECISIONS } from '../exec/approval-queue.js';
import { defineRoute } from './api-route.js';

const request = z.strictObject({
  command: z.string(),
  resolvedPath: z.string().nullable(),
  programs: z.array(z.string()),
  cwd: z.string().nullable(),
  host: z.enum(['node', 'gateway']),
  nodeId: z.string().nullable(),
  nodeName: z.string().nullable(),
  agentId: z.string(),
  sessionKey: z.string().nullable(),
  security: z.string(),
  ask: z.string(),
  planHash: z.string(),
});
const pendingView = z.strictObject({ id: z.string(), request, createdAtMs: z.number(), expiresAtMs: z.number() });

/**
 * Exec approvals waiting for an operator (`openclaw approvals pending|allow|deny`): list them,
 * answer one. Both need `operator.approvals`, enforced by the methods they mirror.
 */
export const approvalRoutes = [
  defineRoute({
    verb: 'GET',
    path: '/v1/approvals',
    tag: 'approvals',
    summary: 'Exec approval requests waiting for an operator',
    rpc: 'exec.approval.list',
    response: z.strictObject({ pending: z.array(pendingView) }),
    handle: ({ call }) => call('exec.approval.list', {}),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/approvals/:id',
    tag: 'approvals',
    summary: 'Answer an exec approval request: allow-once, allow-always (adds the program to the node allowlist) or deny',
    rpc: 'exec.approval.resolve',
    params: z.strictObject({ id: z.string().min(1).max(128) }),
    body: z.strictObject({ decision: z.enum(APPROVAL_DECISIONS) }),
    response: z.strictObject({
      id: z.string(),
      decision: z.enum(APPROVAL_DECISIONS),
      allowlisted: z.array(z.string()).optional(),
      alsoApproved: z.array(z.string()).optional(),
      note: z.string().optional(),
    }),
    handle: ({ path, body, call }) => call('exec.approval.resolve', { id: path.id, decision: body.decision }),
  }),
];

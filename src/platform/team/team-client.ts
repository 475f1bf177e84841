import type { z } from 'zod';
import {
  CallApprovalList,
  CallApprovalView,
  type CallApprovalCreate,
  ChallengeReply,
  DirectoryReply,
  ErrorReply,
  InboxPageReply,
  MemberView,
  PerformanceRequestList,
  PerformanceRequestView,
  PolicyReply,
  RevokeReply,
  SessionReply,
  ShareCreatedReply,
  ShareDetailReply,
  ShareListReply,
  SHARE_UPLOAD_MEDIA_TYPE,
  SignedPublication,
  type TeamErrorCode,
} from '../../shared/team/api';
import {
  ExemptionRequestList,
  ExemptionRequestView,
  OrgDeletionList,
  OrgDeletionMemberAck,
  OrgDeletionPending,
  OrgDeletionView,
  TeamHoldItem,
  TeamHoldList,
  type ExemptionDecision,
  type ExemptionRequestCreate,
} from '../../shared/team/retention-api';
import { OrgKeyChainReply } from '../../shared/team/org-key';
import { CallVaultError } from '../../shared/callvault-error';
import type { ErrorCode } from '../../shared/contract/result';

/**
 * The only code in the app that talks to the team server, and only to the one URL it was built
 * with (the vault's configured server): no redirects are followed, so nothing is sent elsewhere.
 * Every reply is parsed with the API's zod schemas before use. Request bodies carry public keys,
 * signatures, signed manifests and ciphertext; never a secret key, a transcript word or audio.
 */

/** The server's error codes as the app's; `detail` keeps the server's own word. */
const APP_CODE: Readonly<Record<TeamErrorCode, ErrorCode>> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'POLICY_BLOCKED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  GONE: 'NOT_FOUND',
  INTEGRITY: 'INTEGRITY',
  PAYLOAD_TOO_LARGE: 'BAD_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_REQUEST',
  RATE_LIMITED: 'CONFLICT',
  INTERNAL: 'INTERNAL',
  // The app answers both by listing its inbox again from the start (InboxReceiver).
  CURSOR_INVALID: 'BAD_REQUEST',
  CURSOR_RESET: 'CONFLICT',
};

/** The server answered with an error (the share or request was refused, not lost). */
export class TeamServerError extends CallVaultError {
  override readonly name = 'TeamServerError';
  constructor(
    readonly serverCode: TeamErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(APP_CODE[serverCode], `The team server refused: ${message}`, { detail: serverCode.toLowerCase().replaceAll('_', '-') });
  }
}

/** The server could not be reached (offline, stopped, wrong address): worth retrying later. */
export class TeamUnreachable extends CallVaultError {
  override readonly name = 'TeamUnreachable';
  constructor(url: string, cause: unknown) {
    super('SETUP_INCOMPLETE', `The team server at ${url} cannot be reached. Check the network; shares wait in the outbox and go when it is back.`, { cause, detail: 'server-unreachable' });
  }
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The server URL as the app stores it: https, or http on this machine only; no path, no credentials. */
export function normaliseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new CallVaultError('BAD_REQUEST', 'The team server address is not a URL. Give it as https://team.example.com.');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new CallVaultError('BAD_REQUEST', 'Give the team server as its address only (https://host[:port]), without a path, query or credentials.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new CallVaultError('BAD_REQUEST', 'The team server must use https (plain http only for a server on this machine): keys and tokens would cross the network in clear.');
  }
  return url.origin;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface RequestOptions {
  readonly token?: string | undefined;
  readonly json?: unknown;
  readonly body?: Uint8Array;
}

export class TeamClient {
  readonly baseUrl: string;

  constructor(
    serverUrl: string,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
    private readonly timeoutMs = 30_000,
  ) {
    this.baseUrl = normaliseServerUrl(serverUrl);
  }

  enroll(body: { code: string; signingKey: string; boxKey: string; proof: string }) {
    return this.json('POST', '/v1/enroll', MemberView, { json: body });
  }
  challenge(memberId: string) {
    return this.json('POST', '/v1/auth/challenge', ChallengeReply, { json: { memberId } });
  }
  session(challengeId: string, signature: string) {
    return this.json('POST', '/v1/auth/session', SessionReply, { json: { challengeId, signature } });
  }
  me(token: string) {
    return this.json('GET', '/v1/me', MemberView, { token });
  }
  directory(token: string) {
    return this.json('GET', '/v1/directory', DirectoryReply, { token });
  }
  policy(token: string) {
    return this.json('GET', '/v1/policy', PolicyReply, { token });
  }
  roster(token: string) {
    return this.json('GET', '/v1/roster', SignedPublication, { token });
  }
  /** The organisation key's key-change statements, oldest first (followed only from the pinned key: src/core/team/org-key-chain.ts). */
  orgKeyChain(token: string) {
    return this.json('GET', '/v1/org-key/chain', OrgKeyChainReply, { token });
  }
  upload(token: string, framed: Uint8Array) {
    return this.json('POST', '/v1/shares', ShareCreatedReply, { token, body: framed });
  }
  /**
   * One page of the inbox: without a cursor the first page of a full sync, else the page after
   * that cursor (the previous page's, or the one kept from the last completed sync).
   */
  inbox(token: string, cursor?: string, limit?: number) {
    const query = new URLSearchParams();
    if (cursor !== undefined) {
      query.set('cursor', cursor);
    }
    if (limit !== undefined) {
      query.set('limit', String(limit));
    }
    const search = query.toString();
    return this.json('GET', search === '' ? '/v1/inbox' : `/v1/inbox?${search}`, InboxPageReply, { token });
  }
  sent(token: string) {
    return this.json('GET', '/v1/shares/sent', ShareListReply, { token });
  }
  shareDetail(token: string, shareId: string) {
    return this.json('GET', `/v1/shares/${encodeURIComponent(shareId)}`, ShareDetailReply, { token });
  }
  async ciphertext(token: string, shareId: string): Promise<Uint8Array> {
    const response = await this.send('GET', `/v1/shares/${encodeURIComponent(shareId)}/ciphertext`, { token });
    return new Uint8Array(await response.arrayBuffer());
  }
  revoke(token: string, shareId: string) {
    return this.json('DELETE', `/v1/shares/${encodeURIComponent(shareId)}`, RevokeReply, { token });
  }
  requestPerformanceUse(token: string, shareId: string, use: string) {
    return this.json('POST', '/v1/performance-requests', PerformanceRequestView, { token, json: { shareId, use } });
  }
  performanceRequests(token: string) {
    return this.json('GET', '/v1/performance-requests', PerformanceRequestList, { token });
  }
  // Approvals for approval-gated call types (#14 section 3).
  requestCallApproval(token: string, body: z.input<typeof CallApprovalCreate>) {
    return this.json('POST', '/v1/call-approvals', CallApprovalView, { token, json: body });
  }
  callApprovals(token: string) {
    return this.json('GET', '/v1/call-approvals', CallApprovalList, { token });
  }
  callApproval(token: string, requestId: string) {
    return this.json('GET', `/v1/call-approvals/${encodeURIComponent(requestId)}`, CallApprovalView, { token });
  }
  /** An approver: approve or deny, with a signature over callApprovalMessage(). */
  decideCallApproval(token: string, requestId: string, decision: 'approved' | 'denied', signature: string) {
    return this.json('POST', `/v1/call-approvals/${encodeURIComponent(requestId)}/decision`, CallApprovalView, { token, json: { decision, signature } });
  }
  /** HR and legal: approve or deny, with the decider's signature over decisionMessage(). */
  decidePerformanceRequest(token: string, requestId: string, decision: 'approved' | 'denied', signature: string) {
    return this.json('POST', `/v1/performance-requests/${encodeURIComponent(requestId)}/decision`, PerformanceRequestView, { token, json: { decision, signature } });
  }

  // Retention across the team (#15): holds and organisation-wide deletion requests.
  issueHold(token: string, text: string, signature: string) {
    return this.json('POST', '/v1/holds', TeamHoldItem, { token, json: { text, signature } });
  }
  releaseHold(token: string, holdId: string, text: string, signature: string) {
    return this.json('POST', `/v1/holds/${encodeURIComponent(holdId)}/release`, TeamHoldItem, { token, json: { text, signature } });
  }
  holds(token: string) {
    return this.json('GET', '/v1/holds', TeamHoldList, { token });
  }
  fileOrgDeletion(token: string, body: { requestId: string; createdAt: string; filerCopy: string; targets: { memberId: string; sealed: string; signature: string }[] }) {
    return this.json('POST', '/v1/admin/deletion-requests', OrgDeletionView, { token, json: body });
  }
  orgDeletions(token: string) {
    return this.json('GET', '/v1/admin/deletion-requests', OrgDeletionList, { token });
  }
  orgDeletion(token: string, requestId: string) {
    return this.json('GET', `/v1/admin/deletion-requests/${encodeURIComponent(requestId)}`, OrgDeletionView, { token });
  }
  pendingOrgDeletions(token: string) {
    return this.json('GET', '/v1/deletion-requests/pending', OrgDeletionPending, { token });
  }
  answerOrgDeletion(token: string, requestId: string, certificate: unknown) {
    return this.json('POST', `/v1/deletion-requests/${encodeURIComponent(requestId)}/certificate`, OrgDeletionMemberAck, { token, json: { certificate } });
  }

  // Exemption requests (#15 section 3).
  fileExemptionRequest(token: string, body: ExemptionRequestCreate) {
    return this.json('POST', '/v1/exemption-requests', ExemptionRequestView, { token, json: body });
  }
  exemptionRequests(token: string) {
    return this.json('GET', '/v1/exemption-requests', ExemptionRequestList, { token });
  }
  decideExemptionRequest(token: string, requestId: string, decision: ExemptionDecision) {
    return this.json('POST', `/v1/exemption-requests/${encodeURIComponent(requestId)}/decision`, ExemptionRequestView, { token, json: decision });
  }

  private async json<S extends z.ZodType>(method: string, path: string, schema: S, options: RequestOptions): Promise<z.output<S>> {
    const response = await this.send(method, path, options);
    let value: unknown;
    try {
      value = await response.json();
    } catch (cause) {
      throw new CallVaultError('INTEGRITY', 'The team server sent a reply that is not JSON.', { cause });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new CallVaultError('INTEGRITY', `The team server's reply to ${method} ${path} is not in the expected shape.`);
    }
    return parsed.data;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['content-type'] = SHARE_UPLOAD_MEDIA_TYPE;
      body = new Uint8Array(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, { method, headers, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs), ...(body === undefined ? {} : { body }) });
    } catch (cause) {
      throw new TeamUnreachable(this.baseUrl, cause);
    }
    if (!response.ok) {
      let reply: unknown;
      try {
        reply = await response.json();
      } catch {
        reply = undefined;
      }
      const error = ErrorReply.safeParse(reply);
      if (error.success) {
        throw new TeamServerError(error.data.error.code, response.status, error.data.error.message);
      }
      throw new TeamServerError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', response.status, `HTTP ${response.status}`);
    }
    return response;
  }
}

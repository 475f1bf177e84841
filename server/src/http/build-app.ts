import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SHARE_UPLOAD_MEDIA_TYPE } from '../../../src/shared/team/api';
import { AuditChainer } from '../services/audit-chainer';
import { authenticate } from '../services/auth';
import type { ServerContext } from '../services/context';
import type { MemberRow } from '../services/members';
import { openApiDocument } from './openapi';
import { RateLimiter } from './rate-limit';
import { requireAdmin, ROUTES, type RouteDef } from './route-table';
import { httpStatus, TeamError } from './team-error';

export interface HttpOptions {
  /** Largest JSON body, bytes. */
  readonly jsonBodyLimit: number;
  /** Largest share upload (header and ciphertext), bytes. */
  readonly uploadBodyLimit: number;
  /** Requests per minute per signed-in member, and per address before sign-in. */
  readonly memberRequestsPerMinute: number;
  readonly anonymousRequestsPerMinute: number;
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  /** A pino logger, or false for none. Never given bodies or headers. */
  readonly logger: boolean | FastifyBaseLogger | { readonly level: string; readonly stream?: NodeJS.WritableStream };
  /** How often waiting audit entries (downloads) are chained, ms (services/audit-chainer.ts). */
  readonly auditChainEveryMs: number;
}

export const DEFAULT_HTTP: HttpOptions = {
  jsonBodyLimit: 64 * 1024,
  uploadBodyLimit: 64 * 1024 * 1024,
  memberRequestsPerMinute: 600,
  anonymousRequestsPerMinute: 120,
  tls: undefined,
  logger: false,
  auditChainEveryMs: 200,
};

const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

declare module 'fastify' {
  interface FastifyRequest {
    member: MemberRow | undefined;
  }
}

function sendError(reply: FastifyReply, error: TeamError): FastifyReply {
  return reply.code(httpStatus(error.code)).type('application/json').send({ error: { code: error.code, message: error.message } });
}

/** Fastify's own errors (body too large, bad JSON, wrong media type) in our error shape. */
function asTeamError(error: unknown): TeamError {
  if (error instanceof TeamError) {
    return error;
  }
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
  switch (status) {
    case 413:
      return new TeamError('PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts.');
    case 415:
      return new TeamError('UNSUPPORTED_MEDIA_TYPE', `Send application/json, or ${SHARE_UPLOAD_MEDIA_TYPE} for an upload.`);
    case 400:
      return new TeamError('BAD_REQUEST', 'The request body could not be read: send well-formed JSON.');
    default:
      return new TeamError('INTERNAL', 'The server failed. Nothing was changed; try again later.');
  }
}

export function buildApp(ctx: ServerContext, options: HttpOptions): FastifyInstance {
  const app = (options.tls === undefined
    ? Fastify({ logger: options.logger, bodyLimit: options.jsonBodyLimit, trustProxy: false })
    : Fastify({ logger: options.logger, bodyLimit: options.jsonBodyLimit, trustProxy: false, https: { cert: options.tls.cert, key: options.tls.key } })) as unknown as FastifyInstance;
  const memberLimiter = new RateLimiter(options.memberRequestsPerMinute, 60_000);
  const anonymousLimiter = new RateLimiter(options.anonymousRequestsPerMinute, 60_000);

  app.decorateRequest('member', undefined);
  // Downloads are audited without the chain's lock (AuditLog.appendLater); this chains them.
  const chainer = new AuditChainer(ctx.db, ctx.audit, options.auditChainEveryMs, (error) => {
    app.log.error({ err: error }, 'chaining audit entries failed; they wait for the next pass');
  });
  app.addHook('onReady', (done) => {
    chainer.start();
    done();
  });
  app.addHook('onClose', () => chainer.stop());
  app.addContentTypeParser(SHARE_UPLOAD_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: options.uploadBodyLimit }, (_req, body, done) => {
    done(null, body);
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      reply.header(name, value);
    }
    if (options.tls !== undefined) {
      reply.header('strict-transport-security', 'max-age=31536000');
    }
    done(null, payload);
  });
  app.setErrorHandler((error, request, reply) => {
    const teamError = asTeamError(error);
    if (teamError.code === 'INTERNAL') {
      request.log.error({ err: error }, 'request failed');
    }
    return sendError(reply, teamError);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, new TeamError('NOT_FOUND', 'No such API route. See /v1/openapi.json.')));

  const document = openApiDocument(ROUTES);
  app.get('/v1/openapi.json', (_request, reply) => reply.type('application/json').send(document));

  for (const def of ROUTES) {
    app.route({
      method: def.method,
      url: def.url,
      ...(def.body === 'share-upload' ? { bodyLimit: options.uploadBodyLimit } : {}),
      handler: (request, reply) => handle(ctx, def, request, reply, memberLimiter, anonymousLimiter),
    });
  }
  return app;
}

async function handle(ctx: ServerContext, def: RouteDef, request: FastifyRequest, reply: FastifyReply, members: RateLimiter, anonymous: RateLimiter): Promise<FastifyReply> {
  const now = performance.now();
  let member: MemberRow | undefined;
  if (def.auth === 'none') {
    if (!anonymous.take(`ip:${request.ip}`, now)) {
      throw new TeamError('RATE_LIMITED', 'Too many requests from this address: wait a minute.');
    }
  } else {
    try {
      member = await authenticate(ctx, request.headers.authorization);
    } catch (error) {
      // Failed credentials count against the address, so tokens cannot be guessed at speed.
      if (!anonymous.take(`ip:${request.ip}`, now)) {
        throw new TeamError('RATE_LIMITED', 'Too many requests from this address: wait a minute.');
      }
      throw error;
    }
    if (!members.take(`m:${member.member_id}`, now)) {
      throw new TeamError('RATE_LIMITED', 'Too many requests for this member: wait a minute.');
    }
    if (def.auth === 'admin') {
      requireAdmin(member);
    }
  }
  request.member = member;
  const params = parse(def.params, request.params, 'path parameters');
  const query = parse(def.query, request.query, 'query parameters');
  let body: unknown;
  if (def.body === 'share-upload') {
    if (!(request.body instanceof Buffer)) {
      throw new TeamError('UNSUPPORTED_MEDIA_TYPE', `Upload a share as ${SHARE_UPLOAD_MEDIA_TYPE}.`);
    }
    body = new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  } else if (def.body !== undefined) {
    body = parse(def.body, request.body, 'body');
  }
  const result = await def.handler(ctx, { member, params, query, body });
  if (def.reply === 'bytes') {
    return reply.type('application/octet-stream').send(Buffer.from((result as Uint8Array).buffer, (result as Uint8Array).byteOffset, (result as Uint8Array).byteLength));
  }
  // Replies pass their schema too: a field the contract does not name never leaves the server.
  return reply.type('application/json').send(parse(def.reply, result, 'reply', 'INTERNAL'));
}

function parse(schema: z.ZodType | undefined, value: unknown, what: string, code: 'BAD_REQUEST' | 'INTERNAL' = 'BAD_REQUEST'): unknown {
  if (schema === undefined) {
    return {};
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new TeamError(code, code === 'INTERNAL' ? 'The server built a reply its own API does not allow.' : `Invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

import { z } from 'zod';
import { ErrorReply, SHARE_UPLOAD_MEDIA_TYPE } from '../../../src/shared/team/api';
import type { RouteDef } from './route-table';

/** OpenAPI 3.1 (JSON Schema 2020-12) built from the route table's zod schemas. */
export function openApiDocument(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: z.toJSONSchema(ErrorReply) } };
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...(route.params === undefined
        ? []
        : Object.entries((z.toJSONSchema(route.params, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({
            name,
            in: 'path',
            required: true,
            schema,
          }))),
      ...(route.query === undefined ? [] : queryParameters(route.query)),
    ];
    const requestBody =
      route.body === undefined
        ? undefined
        : route.body === 'share-upload'
          ? { required: true, content: { [SHARE_UPLOAD_MEDIA_TYPE]: { schema: { type: 'string', contentMediaType: SHARE_UPLOAD_MEDIA_TYPE } } } }
          : { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) } } };
    const ok =
      route.reply === 'bytes'
        ? { description: 'OK', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }
        : { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(route.reply, { io: 'output' }) } } };
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.auth === 'none' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody === undefined ? {} : { requestBody }),
      responses: { '200': ok, default: { description: 'Error', content: errorContent } },
    };
  }
  paths['/v1/openapi.json'] = { get: { summary: 'This document', security: [], responses: { '200': { description: 'OK' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'CallVault team server', version: '1' },
    components: { securitySchemes: { session: { type: 'http', scheme: 'bearer' } } },
    security: [{ session: [] }],
    paths,
  };
}

/** Query parameters: each property of the schema, required when the schema requires it. */
function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

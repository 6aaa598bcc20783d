/**
 * The route test inside yoga: a request no handler serves is 404 before any
 * other plugin sees it. Over HTTP the gate in `src/http/routes.ts` has
 * already answered such a request; this keeps `app.fetch` (in-process) to
 * the same doors.
 */
import type { Plugin } from 'graphql-yoga';
import { routeOfRequest } from '../http/routes.ts';

/** The plugin. */
export function useRoute(): Plugin<object, { req?: object }> {
  return {
    onRequest({ url, serverContext, endResponse, fetchAPI }) {
      if (routeOfRequest(serverContext, url) !== undefined) return;
      endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: 'Nothing is served here.', extensions: { code: 'NOT_FOUND' } }] }), {
        status: 404, headers: { 'content-type': 'application/json; charset=utf-8' },
      }));
    },
  };
}

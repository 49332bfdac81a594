/**
 * Admin routes for villager requests (county/requests.ts), registered by admin-routes.ts inside its
 * admin-token scope and county check. Paths, under /api/v1/admin/counties/:countyId:
 *
 *   GET  /produce-listings   /bill-intents   /ticket-requests   /return-requests   (filters: requestQuery)
 *   GET  /<same>/:id
 *   POST /<same>/:id/answer  (bodies: produceAnswerBody, billAnswerBody, ticketAnswerBody, returnAnswerBody)
 *
 * Each answer returns the request as listed, after the change; its request_status reaches the village.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  adminId,
  billAnswerBody,
  produceAnswerBody,
  requestQuery,
  returnAnswerBody,
  ticketAnswerBody,
  type RequestKind,
} from './admin-contract';
import type { Db } from './db';
import { answerBill, answerProduce, answerReturn, answerTicket, getRequest, listRequests } from './requests';

export const REQUEST_PATHS: Record<RequestKind, string> = {
  produce: 'produce-listings',
  bill: 'bill-intents',
  ticket: 'ticket-requests',
  return: 'return-requests',
};

const countyParams = z.object({ countyId: adminId });
const withId = countyParams.extend({ id: z.string().trim().min(1).max(64) });

export function registerRequestRoutes(app: FastifyInstance, db: Db, base: string): void {
  for (const kind of Object.keys(REQUEST_PATHS) as RequestKind[]) {
    const path = `${base}/${REQUEST_PATHS[kind]}`;
    const query = requestQuery(kind);
    app.get(path, async (request) =>
      listRequests(db, countyParams.parse(request.params).countyId, kind, query.parse(request.query)),
    );
    app.get(`${path}/:id`, async (request) => {
      const { countyId, id } = withId.parse(request.params);
      return getRequest(db, countyId, kind, id);
    });
  }
  const answerPath = (kind: RequestKind) => `${base}/${REQUEST_PATHS[kind]}/:id/answer`;
  app.post(answerPath('produce'), async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return answerProduce(db, countyId, id, produceAnswerBody.parse(request.body));
  });
  app.post(answerPath('bill'), async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return answerBill(db, countyId, id, billAnswerBody.parse(request.body));
  });
  app.post(answerPath('ticket'), async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return answerTicket(db, countyId, id, ticketAnswerBody.parse(request.body));
  });
  app.post(answerPath('return'), async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return answerReturn(db, countyId, id, returnAnswerBody.parse(request.body));
  });
}

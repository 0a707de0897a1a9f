import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { as, json, type TestApp, type TestUser } from '../../../test/app';
import type { AuthnRequest, TestSamlIdp } from '../../../test/saml-idp';

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/** Declares the test IdP as a SAML provider through the settings API, by its metadata. */
export async function addSamlProvider(t: TestApp, admin: TestUser, idp: TestSamlIdp, over: Record<string, unknown> = {}) {
  const res = await as(t.app, admin).post('/api/saml-providers', {
    nameJa: '社内 SAML',
    nameEn: 'Group SAML',
    metadataXml: idp.metadataXml,
    emailDomains: ['example.test'],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string; acsUrl: string; spEntityId: string }>(res);
}

/** The browser at the start: Mamori redirects to the IdP with an AuthnRequest and sets the flow cookie. */
export async function startAt(t: TestApp, idp: TestSamlIdp, providerId: string) {
  const start = await t.app.inject({ method: 'GET', url: `/api/auth/saml/start?provider=${providerId}` });
  expect(start.statusCode, start.body).toBe(302);
  const location = String(start.headers.location);
  expect(location.startsWith(`${idp.ssoUrl}?`)).toBe(true);
  return { request: idp.readRequest(location), flow: cookieOf(start, 'mamori_saml')!, start };
}

/** The browser posts the IdP's answer to the ACS. */
export async function postToAcs(t: TestApp, request: AuthnRequest, samlResponse: string, flow: string | undefined) {
  const res = await t.app.inject({
    method: 'POST',
    url: new URL(request.acsUrl).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    ...(flow ? { cookies: { mamori_saml: flow } } : {}),
  });
  return { res, session: cookieOf(res, 'mamori_session'), location: String(res.headers.location) };
}

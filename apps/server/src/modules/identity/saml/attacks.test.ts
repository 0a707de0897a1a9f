import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables';
import { createTestApp, createUser, type TestApp, type TestUser } from '../../../test/app';
import {
  createTestSamlIdp,
  makeKeyAndCertificate,
  toBase64,
  type AuthnRequest,
  type ResponseOptions,
  type TestSamlIdp,
} from '../../../test/saml-idp';
import { ssoIdentities } from '../tables';
import { addSamlProvider, postToAcs, startAt } from './testing';

let t: TestApp;
let idp: TestSamlIdp;
let admin: TestUser;
let alice: TestUser;
let providerId: string;

beforeAll(async () => {
  t = await createTestApp();
  idp = createTestSamlIdp();
  admin = await createUser(t.database, [{ role: 'system_admin' }]);
  alice = await createUser(t.database, [{ role: 'employee' }]);
  providerId = (await addSamlProvider(t, admin, idp)).id;
});
afterAll(() => t.close());

const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (doc: Document) => new XMLSerializer().serializeToString(doc as never);
const el = (doc: Document | Element, ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0]!;

/** Mallory's own, correctly signed answer: what an attacker holds and tries to turn into Alice's. */
const mallory = (request: AuthnRequest, over: Partial<ResponseOptions> = {}) =>
  idp.respond({ request, subject: 'p-mallory', attributes: { email: 'mallory@example.test' }, ...over });

/** Makes a copy of an assertion claim to be Alice (NameID and e-mail), without re-signing it. */
function asAlice(assertion: Element): Element {
  const evil = assertion.cloneNode(true) as Element;
  el(evil, A, 'NameID').textContent = 'p-alice-forged';
  el(evil, A, 'AttributeValue').textContent = alice.email;
  const sig = evil.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
  sig?.parentNode?.removeChild(sig);
  return evil;
}

/** Signature-wrapping variants (XSW): the signed assertion stays somewhere, a forged one is where the SP reads. */
const wrappings: Record<string, (xml: string) => string> = {
  'the signed assertion edited after signing': (xml) => {
    const doc = parse(xml);
    el(doc, A, 'NameID').textContent = 'p-alice-forged';
    el(doc, A, 'AttributeValue').textContent = alice.email;
    return serialize(doc);
  },
  'a forged assertion beside the signed one': (xml) => {
    const doc = parse(xml);
    const signed = el(doc, A, 'Assertion');
    signed.parentNode!.insertBefore(asAlice(signed), signed);
    return serialize(doc);
  },
  'the signed assertion moved into Extensions, a forged one with its ID in its place': (xml) => {
    const doc = parse(xml);
    const response = doc.documentElement!;
    const signed = el(doc, A, 'Assertion');
    const evil = asAlice(signed);
    const extensions = doc.createElementNS(P, 'samlp:Extensions');
    response.replaceChild(evil, signed);
    extensions.appendChild(signed);
    response.insertBefore(extensions, el(doc, P, 'Status'));
    return serialize(doc);
  },
  "a forged assertion carrying the original's signature, the original inside the signature's Object": (xml) => {
    const doc = parse(xml);
    const response = doc.documentElement!;
    const signed = el(doc, A, 'Assertion');
    const evil = asAlice(signed);
    const signature = signed.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!.cloneNode(true);
    const object = doc.createElementNS('http://www.w3.org/2000/09/xmldsig#', 'ds:Object');
    object.appendChild(signed.cloneNode(true));
    signature.appendChild(object);
    evil.insertBefore(signature, el(evil, A, 'Subject'));
    response.replaceChild(evil, signed);
    return serialize(doc);
  },
  'the signed assertion nested in the Advice of a forged one': (xml) => {
    const doc = parse(xml);
    const response = doc.documentElement!;
    const signed = el(doc, A, 'Assertion');
    const evil = asAlice(signed);
    evil.setAttribute('ID', '_forged');
    const advice = doc.createElementNS(A, 'saml:Advice');
    advice.appendChild(signed.cloneNode(true));
    evil.insertBefore(advice, el(evil, A, 'AttributeStatement'));
    response.replaceChild(evil, signed);
    return serialize(doc);
  },
  'a comment cutting the signed e-mail short (canonicalisation drops comments)': (xml) =>
    xml.replace(`${alice.email}.evil.test`, `${alice.email}<!---->.evil.test`),
};

const failedSignIns = async () =>
  (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'auth.sign-in-failed')))[0]!.n;

async function expectRefused(samlResponse: string, request: AuthnRequest, flow: string | undefined, code = 'failed') {
  const before = await failedSignIns();
  const identities = (await t.database.db.select({ n: count() }).from(ssoIdentities))[0]!.n;
  const { location, session } = await postToAcs(t, request, samlResponse, flow);
  expect(location).toBe(`/sign-in?sso_error=${code}`);
  expect(session).toBeUndefined();
  expect(await failedSignIns()).toBe(before + 1);
  expect((await t.database.db.select({ n: count() }).from(ssoIdentities))[0]!.n).toBe(identities);
}

describe('SAML answers that must be refused, audited, and change nothing', () => {
  for (const [name, wrap] of Object.entries(wrappings)) {
    it(`signature wrapping: ${name}`, async () => {
      const { request, flow } = await startAt(t, idp, providerId);
      const attributes = { email: name.startsWith('a comment') ? `${alice.email}.evil.test` : 'mallory@example.test' };
      const { xml } = mallory(request, { attributes });
      // With the comment, the whole signed text is still read: an e-mail in the unverified domain example.test.evil.test
      await expectRefused(toBase64(wrap(xml)), request, flow, name.startsWith('a comment') ? 'unverified-email' : 'failed');
    });
  }

  const cases: Record<string, (request: AuthnRequest) => Partial<ResponseOptions>> = {
    'an unsigned assertion': () => ({ sign: 'none' }),
    'a signature over the response only, not the assertion': () => ({ sign: 'response' }),
    'an assertion signed with a key that is not the IdP’s': () => ({ signWith: makeKeyAndCertificate('mallory') }),
    'an expired assertion': () => ({ validForSeconds: -600 }),
    'another audience': () => ({ audience: 'https://other-sp.example.test/metadata' }),
    'another Destination': () => ({ destination: 'https://other-sp.example.test/acs' }),
    'another Recipient': () => ({ recipient: 'https://other-sp.example.test/acs' }),
    'an unknown InResponseTo': () => ({ inResponseTo: '_never-sent' }),
    'no InResponseTo (IdP-initiated)': () => ({ inResponseTo: null }),
    'another issuer': () => ({ issuer: 'https://other-idp.example.test/saml' }),
    'a transient NameID': () => ({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }),
  };
  for (const [name, over] of Object.entries(cases)) {
    it(`refuses ${name}`, async () => {
      const { request, flow } = await startAt(t, idp, providerId);
      await expectRefused(mallory(request, { ...over(request), attributes: { email: alice.email } }).samlResponse, request, flow);
    });
  }

  it("refuses the answer to another browser's request (InResponseTo of a request this cookie did not start)", async () => {
    const victim = await startAt(t, idp, providerId);
    const attacker = await startAt(t, idp, providerId);
    const { samlResponse } = mallory(attacker.request);
    await expectRefused(samlResponse, attacker.request, victim.flow);
  });

  it('refuses an answer without the flow cookie (login CSRF) or with a forged one', async () => {
    const { request } = await startAt(t, idp, providerId);
    const { samlResponse } = mallory(request);
    await expectRefused(samlResponse, request, undefined, 'expired');
    await expectRefused(samlResponse, request, JSON.stringify({ p: providerId, r: request.id }), 'expired');
  });

  it('answers 400, not 500, to a body that is no SAML response', async () => {
    const { request, flow } = await startAt(t, idp, providerId);
    await expectRefused(toBase64('<not-saml/>'), request, flow);
    await expectRefused('%%%not base64', request, flow);
    const empty = await t.app.inject({
      method: 'POST',
      url: new URL(request.acsUrl).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'RelayState=x',
    });
    expect(empty.statusCode).toBe(400);
  });
});

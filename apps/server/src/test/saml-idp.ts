import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { signSamlPost } from '@node-saml/node-saml/lib/saml-post-signing';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ASSERTION = '/*[local-name(.)="Response"]/*[local-name(.)="Assertion"]';

/** A key pair and a self-signed certificate, made by openssl for the test (never a fixed key in the repository). */
export interface KeyAndCertificate {
  privateKey: string;
  certificate: string;
}

export function makeKeyAndCertificate(commonName: string): KeyAndCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-saml-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${commonName}`].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return { privateKey: readFileSync(join(dir, 'key.pem'), 'utf8'), certificate: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the SP asked for in its AuthnRequest (HTTP-Redirect binding). */
export interface AuthnRequest {
  id: string;
  acsUrl: string;
  issuer: string;
  destination: string;
}

export interface ResponseOptions {
  request: AuthnRequest;
  subject: string;
  attributes?: Record<string, string | string[]>;
  nameIdFormat?: string;
  /** defaults: the request's ACS, its issuer as audience, its ID as InResponseTo */
  destination?: string;
  recipient?: string;
  audience?: string;
  inResponseTo?: string | null;
  assertionId?: string;
  /** seconds from now; negative for an expired assertion */
  validForSeconds?: number;
  /** what is signed: the assertion (the default), the whole response only, or nothing */
  sign?: 'assertion' | 'response' | 'none';
  /** a key other than the IdP's (an attacker's) */
  signWith?: KeyAndCertificate;
  issuer?: string;
}

export interface TestSamlIdp {
  entityId: string;
  ssoUrl: string;
  keys: KeyAndCertificate;
  metadataXml: string;
  /** Reads the AuthnRequest the SP redirected the browser with. */
  readRequest(redirectUrl: string): AuthnRequest;
  /** A SAML Response as the IdP posts it (base64 of the XML), signed as asked; `xml` is the same, in clear. */
  respond(options: ResponseOptions): { samlResponse: string; xml: string };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const newId = () => `_${randomBytes(16).toString('hex')}`;
export const toBase64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/**
 * A SAML 2.0 IdP for the tests: its own key and certificate, metadata, and responses signed with the same
 * library's XML signing (node-saml → xml-crypto: enveloped signature, exclusive C14N, RSA-SHA256).
 */
export function createTestSamlIdp(name = 'test-idp', base = `https://${name}.example.test`): TestSamlIdp {
  const entityId = `${base}/saml`;
  const ssoUrl = `${base}/sso`;
  const keys = makeKeyAndCertificate(name);
  const certBody = keys.certificate.replace(/-----[A-Z ]+-----|\s/g, '');
  const metadataXml = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ssoUrl}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  return {
    entityId,
    ssoUrl,
    keys,
    metadataXml,
    readRequest(redirectUrl) {
      const url = new URL(redirectUrl);
      const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
      const attr = (n: string) => new RegExp(`\\s${n}="([^"]*)"`).exec(xml)?.[1] ?? '';
      const issuer = /<saml:Issuer[^>]*>([^<]*)<\/saml:Issuer>/.exec(xml)?.[1] ?? '';
      return { id: attr('ID'), acsUrl: attr('AssertionConsumerServiceURL'), issuer, destination: attr('Destination') };
    },
    respond(o) {
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const until = iso(now + (o.validForSeconds ?? 300) * 1000);
      const inResponseTo = o.inResponseTo === undefined ? o.request.id : o.inResponseTo;
      const irt = inResponseTo === null ? '' : ` InResponseTo="${esc(inResponseTo)}"`;
      const attributes = Object.entries(o.attributes ?? {})
        .map(
          ([k, v]) =>
            `<saml:Attribute Name="${esc(k)}">${[v]
              .flat()
              .map((x) => `<saml:AttributeValue>${esc(x)}</saml:AttributeValue>`)
              .join('')}</saml:Attribute>`,
        )
        .join('');
      const issuer = o.issuer ?? entityId;
      const assertion =
        `<saml:Assertion xmlns:saml="${SAML}" ID="${o.assertionId ?? newId()}" Version="2.0" IssueInstant="${iso(now)}">` +
        `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
        `<saml:Subject><saml:NameID Format="${o.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}">${esc(o.subject)}</saml:NameID>` +
        `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${irt} NotOnOrAfter="${until}" Recipient="${esc(o.recipient ?? o.request.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${iso(now - 60_000)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? o.request.issuer)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
        `</saml:Assertion>`;
      let xml =
        `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${newId()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(o.destination ?? o.request.acsUrl)}"${irt}>` +
        `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
        `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
        assertion +
        `</samlp:Response>`;
      const signer = o.signWith ?? keys;
      const signing = { privateKey: signer.privateKey, publicCert: signer.certificate, signatureAlgorithm: 'sha256' as const };
      if ((o.sign ?? 'assertion') === 'assertion') xml = signSamlPost(xml, ASSERTION, signing);
      else if (o.sign === 'response') xml = signSamlPost(xml, '/*[local-name(.)="Response"]', signing);
      return { samlResponse: toBase64(xml), xml };
    },
  };
}

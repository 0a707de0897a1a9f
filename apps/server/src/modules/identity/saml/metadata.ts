import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import type { SamlCertificate } from '@mamori/contracts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What an IdP's metadata says: its entity id, where to send AuthnRequests, the certificates it signs with. */
export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

/** Why metadata or a certificate was refused (the route turns it into a 400 naming the field). */
export class BadIdpInput extends Error {}

const children = (parent: Element, ns: string, name: string): Element[] =>
  Array.from(parent.getElementsByTagNameNS(ns, name) as unknown as ArrayLike<Element>);

/**
 * Reads an IdP's metadata XML (an EntityDescriptor, or the first one with an IDPSSODescriptor in an
 * EntitiesDescriptor). xmldom resolves no external entity and fetches nothing; a DOCTYPE is refused outright.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (/<!DOCTYPE/i.test(xml)) throw new BadIdpInput('metadata with a DOCTYPE is refused');
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== 'warning') errors.push(String(message));
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc.documentElement) throw new BadIdpInput(`not well-formed XML: ${errors[0] ?? 'empty'}`);
  const idp = children(doc.documentElement as unknown as Element, MD, 'IDPSSODescriptor')[0];
  const entity = idp?.parentNode as Element | null | undefined;
  if (!idp || !entity || entity.localName !== 'EntityDescriptor') throw new BadIdpInput('no IDPSSODescriptor');
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw new BadIdpInput('no entityID');
  const sso = children(idp, MD, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const ssoUrl = sso?.getAttribute('Location')?.trim();
  if (!ssoUrl) throw new BadIdpInput('no SingleSignOnService with the HTTP-Redirect binding');
  const certificates = children(idp, MD, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => children(k, DS, 'X509Certificate'))
    .map((c) => normaliseCertificate(c.textContent ?? ''));
  if (!certificates.length) throw new BadIdpInput('no signing certificate');
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] };
}

/** A certificate as PEM, from PEM or bare base64; refused when it does not parse as X.509. */
export function normaliseCertificate(input: string): string {
  const body = input.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new BadIdpInput('a certificate is not base64');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw new BadIdpInput('a certificate does not parse as X.509');
  }
  return pem;
}

/** How the API shows a stored certificate. */
export function describeCertificate(pem: string): SamlCertificate {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint: cert.fingerprint256,
  };
}

// URLs read from certificates (AIA OCSP and CA Issuers, CRL distribution points). RFC 5280 §4.2.1.13 and
// §4.2.2.1 also allow ldap: and other schemes; the tool only fetches over HTTP, and never follows a
// file: or other local scheme named by an untrusted certificate.

const HTTP_URL = /^https?:\/\//i;

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url);
}

/** The first http: or https: URL of a list, in the certificate's order. */
export function firstHttpUrl(urls: readonly string[]): string | undefined {
  return urls.find(isHttpUrl);
}

// Throwaway certificates for the HTTPS tests: a certificate authority of the test's own and a
// server certificate for one IPv4 address, made with @peculiar/x509 over Node's WebCrypto.

import { webcrypto, X509Certificate } from 'node:crypto';
import net from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const HOUR_MS = 3600_000;

function serial() {
  // Positive, 16 random bytes in hex.
  return `01${Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex')}`;
}

async function pkcs8Pem(key) {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${lines}\n-----END PRIVATE KEY-----\n`;
}

/**
 * A fresh CA and a server certificate for the IPv4 address `ip`, valid from an hour ago for a
 * day. Resolves to { caPem, certPem, keyPem } (keyPem is PKCS#8).
 */
export async function makeTestPki(ip) {
  if (!net.isIPv4(ip)) throw new Error(`makeTestPki: ${ip} is not an IPv4 address`);
  const notBefore = new Date(Date.now() - HOUR_MS);
  const notAfter = new Date(Date.now() + 24 * HOUR_MS);
  const caKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const caName = `CN=lambdabox test CA ${serial().slice(2, 10)}`;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(), name: caName, notBefore, notAfter, keys: caKeys, signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const serverKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(), subject: `CN=${ip}`, issuer: ca.subject, notBefore, notAfter,
    signingKey: caKeys.privateKey, publicKey: serverKeys.publicKey, signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: ip }]),
    ],
  });
  const caPem = ca.toString('pem');
  const certPem = leaf.toString('pem');
  // Node's own parser agrees: the leaf is issued by the CA and names the address.
  const nodeCa = new X509Certificate(caPem);
  const nodeLeaf = new X509Certificate(certPem);
  if (!nodeCa.ca || !nodeLeaf.checkIssued(nodeCa) || !nodeLeaf.verify(nodeCa.publicKey) || nodeLeaf.checkIP(ip) !== ip) {
    throw new Error('makeTestPki: the generated certificates do not check out');
  }
  return { caPem, certPem, keyPem: await pkcs8Pem(serverKeys.privateKey) };
}

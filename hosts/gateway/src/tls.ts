/**
 * @module
 * The gateway's TLS certificate: the configured pair, or a self-signed one generated once
 * into the state dir. Light on purpose: `openclaw status` reads it without loading the gateway.
 */
export { loadGatewayCertificate, selfSignedCertificatePaths, type GatewayCertificate } from './tls/gateway-certificate.js';

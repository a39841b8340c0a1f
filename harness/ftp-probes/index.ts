/**
 * Black-box probes for FTP servers speaking docs/ftp-protocol.md: each judges one of 001
 * §十一's features from outside, as a client, so the same claims judge the reference's server
 * and someone else's (`conform run --target host:port --target-protocol ftp`).
 */
export { probeAuthentication } from './auth-probe';
export { probeHomeJail } from './jail-probe';
export { probeCd, probeLs } from './navigation-probes';
export { probeUploadDownload, probeProgress } from './transfer-probes';
export { probeResume } from './resume-probe';
export { ftpTarget, type FtpTarget } from './probe-session';

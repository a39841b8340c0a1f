import { echoUpperTcp, echoUpperUdp } from './echo-upper-servers';
import { hmacEchoUpperServer, remoteCommandServer, uploadServer } from './example-servers';
import { ftpServer } from './ftp-server';
import { httpLoadServer } from './http-load-server';
import type { ServerFactory } from './server-factory';

/** Every server the reference starts for server checks, one factory per protocol. */
export const REFERENCE_SERVERS: readonly ServerFactory[] = [echoUpperTcp, echoUpperUdp, ftpServer, remoteCommandServer, uploadServer, hmacEchoUpperServer, httpLoadServer];

export { ServerRegistry, type ServerFactory } from './server-factory';

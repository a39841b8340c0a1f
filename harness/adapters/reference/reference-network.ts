import { openDeclaredSockets } from './declared-sockets';
import type { NetworkBinding } from './network-binding';
import { ReferenceActorNetwork } from './socket-ops';

/**
 * The reference implementation's sockets (impl/net/socket) as the thread executor reaches them.
 * What Node cannot express is refused here, before a run: a TCP listener without SO_REUSEADDR
 * (Node always sets it), which is why the reference lacks the `reuseaddr-control` capability.
 */
export const referenceNetwork: NetworkBinding = {
  objectTypes: new Set(['tcp-listener', 'unix-listener', 'udp-socket'] as const),
  capabilities: new Set(['tcp', 'udp', 'unix-sockets', 'select'] as const),

  unsupported(decl) {
    if (decl.type === 'tcp-listener' && decl.reuseaddr === false) {
      return 'a TCP listener without SO_REUSEADDR: Node sets it on every listening socket (capability reuseaddr-control)';
    }
    return undefined;
  },

  async open(plan, actorIndex) {
    return new ReferenceActorNetwork(plan, await openDeclaredSockets(plan, actorIndex));
  },
};

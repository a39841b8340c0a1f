import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { NetworkBinding } from '../../harness/adapters/reference/network-binding';
import { referenceNetwork } from '../../harness/adapters/reference/reference-network';
import { SOCK_DGRAM, Socket } from '../../impl/net/socket';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'udp-merges-datagrams',
  defect: 'recvfrom on a UDP socket returns every queued datagram at once, concatenated (as a byte stream would)',
  breaks: 'udp',
  caughtBy: ['udp.no-sticking'],
};

let patched = false;

/**
 * Patched in the actor's worker only (open() runs there), never in the thread that loads this
 * module to read `mutant`: each worker has its own copy of the socket facade.
 */
function mergeQueuedDatagrams(): void {
  if (patched) return;
  patched = true;
  const original = Socket.prototype.recvfrom;
  Socket.prototype.recvfrom = async function (this: Socket, n: number) {
    const [first, from] = await original.call(this, n);
    if (this.type !== SOCK_DGRAM) return [first, from];
    const parts = [first];
    const timeout = this.gettimeout();
    this.setblocking(false);
    try {
      for (;;) parts.push((await original.call(this, n))[0]);
    } catch {
      // BlockingIOError: nothing more queued.
    } finally {
      this.settimeout(timeout);
    }
    return [Buffer.concat(parts).subarray(0, n), from];
  };
}

const network: NetworkBinding = {
  ...referenceNetwork,
  open(plan, actorIndex) {
    mergeQueuedDatagrams();
    return referenceNetwork.open(plan, actorIndex);
  },
};

export const binding: ObjectBinding = { ...reference, network };

import type { Claim } from './claim';
import { claims as concepts } from './concepts';
import { claims as tcp } from './tcp';
import { claims as udp } from './udp';
import { claims as framing } from './framing';
import { claims as socketserver } from './socketserver';
import { claims as ioModels } from './io-models';
import { claims as auth } from './auth';
import { claims as ftp } from './ftp';
import { claims as process } from './process';
import { claims as thread } from './thread';
import { claims as ipc } from './ipc';
import { claims as lock } from './lock';
import { claims as deadlock } from './deadlock';
import { claims as semaphore } from './semaphore';
import { claims as event } from './event';
import { claims as queue } from './queue';
import { claims as queueSize } from './queue-size';
import { claims as queueJoin } from './queue-join';
import { claims as properties } from './properties';
import { claims as processProperties } from './process-properties';
import { claims as networkProperties } from './network-properties';
import { claims as pool } from './pool';
import { claims as producerConsumer } from './producer-consumer';
import { claims as tickets } from './tickets';
import { claims as crawler } from './crawler';
import { claims as coroutine } from './coroutine';
import { claims as workload } from './workload';
import { claims as load } from './load';

/**
 * The whole catalog, in reading order: networking, then processes and threads, then the
 * synchronisation primitives and their generated properties, then pools, programs, coroutines and workload advice.
 */
export const claims: readonly Claim[] = [
  ...concepts,
  ...tcp,
  ...udp,
  ...networkProperties,
  ...framing,
  ...socketserver,
  ...ioModels,
  ...auth,
  ...ftp,
  ...process,
  ...thread,
  ...ipc,
  ...lock,
  ...deadlock,
  ...semaphore,
  ...event,
  ...queue,
  ...queueSize,
  ...queueJoin,
  ...properties,
  ...processProperties,
  ...pool,
  ...producerConsumer,
  ...tickets,
  ...crawler,
  ...coroutine,
  ...workload,
  ...load,
];

export type { Claim } from './claim';
